import { isCurlLine, isCurlVerbose } from './curl-verbose';
import { unescapeEntities } from '../entities';

/**
 * Text as a person pastes it, back to the text the tool printed. Log lines and `curl -i` responses arrive through
 * terminals and chat clients that add their own layer: colours, Slack's wire escaping (`&gt;`, `<url|label>`),
 * smart quotes typed over JSON, code fences, `>` quotes, list bullets and whole-line `*bold*`. Each is taken off here,
 * once, before the paste is split into response and log lines (src/evidence/bundle.ts), so that no reader sees it.
 * In `curl -v` output (src/evidence/curl-verbose.ts) the `>`, `<` and `*` before curl's own lines are curl's marks,
 * not quotes or bullets: they stay.
 */

/**
 * Colours and the erase-to-end-of-line that coloured tools write after them (`ESC [ 32 m`, `ESC [ K`). Other escapes
 * (clearing the screen, a window title) are no terminal's paste: they stay, and are shown escaped (src/render).
 */
// eslint-disable-next-line no-control-regex -- colour escapes are what is taken off
const ANSI_COLOUR = /\u001b\[[0-9;]*[mK]/g;
/** Slack's link forms around URLs and ARNs: `<https://x|x>`, `<https://x>`. Placeholders like `<region>` stay. */
const SLACK_LINK = /<((?:https?|mailto|arn):[^\s<>|]+)(?:\|([^<>]*))?>/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
/** A code fence on a line of its own, with the language Slack or Markdown lets follow it. */
const FENCE_ONLY = /^\s*(?:```|~~~)[\w-]*\s*$/;
const FENCE_AROUND = /^(\s*)```|```(\s*)$/g;
/** `>` quotes (Slack and Markdown, nested), list bullets and numbers, before the text a line holds. */
const LINE_PREFIX = /^\s*(?:>\s?)+|^\s*(?:[-*+\u2022\u25e6\u2023]|\d{1,3}[.)])\s+(?=\S)/;
/** A whole line in Slack's bold, italic, strike or inline code: the marks go, the text stays. */
const WHOLE_LINE_MARKUP = /^([*_~`])(?!\s)(.*\S)\1$/;

export function plainPaste(text: string): string {
  const unescaped = unescapeEntities(
    text
      .replace(ANSI_COLOUR, '')
      .replace(SLACK_LINK, (_link, target: string, label?: string) => label ?? target),
  )
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'");
  const lines = unescaped.split('\n').map(unfenced);
  const curl = isCurlVerbose(lines);
  return lines.map((line) => (curl && isCurlLine(line) ? line : plainLine(line))).join('\n');
}

/** The line without the code fence around it; a fence on its own line leaves nothing. */
function unfenced(line: string): string {
  return FENCE_ONLY.test(line) ? '' : line.replace(FENCE_AROUND, '$1$2');
}

function plainLine(line: string): string {
  let text = line;
  for (let prefix = LINE_PREFIX.exec(text); prefix; prefix = LINE_PREFIX.exec(text)) {
    text = text.slice(prefix[0].length);
  }
  for (let marked = WHOLE_LINE_MARKUP.exec(text.trimEnd()); marked; marked = WHOLE_LINE_MARKUP.exec(text)) {
    text = marked[2];
  }
  return text;
}
