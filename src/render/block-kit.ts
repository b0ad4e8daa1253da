import type { types } from '@slack/bolt';
import { redactText } from '../redact';
import { TYPED, isMessage, msg, type Message, type MessageParam, type Text } from '../text';
import type { Localizer } from './localize';
import type { MessageId } from './messages';
import { clip } from './width';

/**
 * The pieces every Block Kit message of the bot is built from (the verdict, the scan, the doctor's report, Verify
 * fix): Slack catalog messages are mrkdwn templates whose parameters are redacted and escaped here; everything else
 * is plain text, redacted, cut to the limit of the field it goes in.
 */

export type Block = types.KnownBlock;

export interface SlackMessage {
  /** Fallback for notifications and screen readers: escaped like the blocks. */
  text: string;
  blocks: Block[];
}

export const SECTION_LIMIT = 3000;

/** Slack mrkdwn needs only &, < and > escaped; everything else would show literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Already-safe mrkdwn built here (a code span, a mention of a verified user id), put in a template as it is. */
export interface Mrkdwn {
  readonly mrkdwn: string;
}

export type SlackParam = string | number | Message | Mrkdwn;
export type SlackMessageId = Extract<MessageId, `slack.${string}`>;

function isMrkdwn(value: unknown): value is Mrkdwn {
  return typeof value === 'object' && value !== null && 'mrkdwn' in value;
}

/**
 * Plain text (a verdict's words, a log line, a name) for mrkdwn: translated, redacted, escaped. What a person typed
 * (`typed`), anywhere in it, is a code span: quoted back as words, it would render as bold, italics or a quote.
 */
export function plain(l: Localizer, text: Text): string {
  if (!isMessage(text) || !holdsTyped(text)) return escapeMrkdwn(redactText(l.t(text)));
  if (text.id === TYPED) return code(String(text.params?.text ?? '')).mrkdwn;
  // The words are formatted with a mark where each typed text goes; the pieces between are escaped as words are.
  const mark = unusedMark(JSON.stringify(text));
  const spans: string[] = [];
  const marked = replaceTyped(text, (typedText) => `${mark}${spans.push(code(typedText).mrkdwn) - 1}${mark}`);
  const pieces = l.t(marked).split(mark);
  return pieces
    .map((piece, i) => (i % 2 === 1 ? spaced(spans[Number(piece)], pieces[i - 1], pieces[i + 1]) : piece))
    .map((piece, i) => (i % 2 === 1 ? piece : escapeMrkdwn(redactText(piece))))
    .join('');
}

/** A code span set apart from the letters around it: Slack formats marks between words (Chinese has no spaces). */
function spaced(span: string, before: string, after: string): string {
  const letter = /[\p{L}\p{N}]/u;
  return `${letter.test(before.slice(-1)) ? ' ' : ''}${span}${letter.test(after.slice(0, 1)) ? ' ' : ''}`;
}

function holdsTyped(message: Message): boolean {
  return (
    message.id === TYPED ||
    Object.values(message.params ?? {}).some((value) => isMessage(value) && holdsTyped(value))
  );
}

function replaceTyped(message: Message, replace: (typedText: string) => string): Message {
  const params: Record<string, MessageParam> = {};
  for (const [name, value] of Object.entries(message.params ?? {}))
    params[name] = !isMessage(value)
      ? value
      : value.id === TYPED
        ? replace(String(value.params?.text ?? ''))
        : replaceTyped(value, replace);
  return msg(message.id, params);
}

/** A private-use character that occurs nowhere in `text` (catalogs hold none). */
function unusedMark(text: string): string {
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code))) code++;
  return String.fromCharCode(code);
}

/** A Slack template with its parameters made safe. */
export function say(l: Localizer, id: SlackMessageId, params: Record<string, SlackParam> = {}): string {
  const safe: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    safe[name] = typeof value === 'number' ? value : isMrkdwn(value) ? value.mrkdwn : plain(l, value);
  }
  return l.t(msg(id, safe));
}

/** A Slack template for a plain_text field (header, button, dialog title): redacted, never parsed by Slack. */
export function label(
  l: Localizer,
  id: SlackMessageId,
  params: Record<string, string | number | Message> = {},
): string {
  const words: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params))
    words[name] = typeof value === 'number' ? value : l.t(value);
  return redactText(l.t(msg(id, words)));
}

/** A plain_text object holding a Slack template, cut to the field's limit. */
export function plainText(l: Localizer, id: SlackMessageId, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clip(label(l, id), max) };
}

export function code(text: string): Mrkdwn {
  return { mrkdwn: `\`${escapeMrkdwn(redactText(text)).replace(/`/g, "'")}\`` };
}

/** A mention of a Slack user id; anything that is not one is left out rather than shown. */
export function mention(user: string | undefined): Mrkdwn | undefined {
  return user && /^[UW][A-Z0-9]{2,}$/.test(user) ? { mrkdwn: `<@${user}>` } : undefined;
}

export function codeBlock(lines: readonly string[]): string {
  return `\`\`\`${lines.map((line) => escapeMrkdwn(redactText(line)).replace(/```/g, "'''")).join('\n')}\`\`\``;
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: true } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn, SECTION_LIMIT) || ' ' } };
}

export function context(...parts: string[]): Block {
  return {
    type: 'context',
    elements: parts.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, 2000) })),
  };
}

export function fields(pairs: ReadonlyArray<{ label: string; value: string }>): Block {
  return {
    type: 'section',
    fields: pairs.slice(0, 10).map(({ label: name, value }) => ({
      type: 'mrkdwn' as const,
      text: clip(`*${escapeMrkdwn(redactText(name))}*\n${escapeMrkdwn(redactText(value))}`, 2000),
    })),
  };
}

export function button(text: string, actionId: string, extra: Partial<types.Button> = {}): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, 75), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/**
 * A button value: JSON within Slack's 2,000 characters, values longer than `valueLimit` and then the `optional`
 * fields left out rather than the JSON cut.
 */
export function encodeRef(
  ref: object,
  options: { valueLimit: number; optional: readonly string[] } = {
    valueLimit: 200,
    optional: ['since', 'region', 'stage'],
  },
): string {
  const entries = Object.entries(ref).filter(
    ([, value]) => value !== undefined && String(value).length <= options.valueLimit,
  );
  let value = JSON.stringify(Object.fromEntries(entries));
  for (const optional of options.optional) {
    if (value.length <= 2000) break;
    value = JSON.stringify(Object.fromEntries(entries.filter(([key]) => key !== optional)));
  }
  return value;
}

/** `API_ID/STAGE`, or the API id alone when no stage is known. */
export function apiWhere(restApiId: string | undefined, stage: string | undefined): string {
  return `${restApiId ?? ''}${stage ? `/${stage}` : ''}`;
}

/**
 * Parameters for `noticeMessage`: a code span; a mention of a user or channel id Slack gave (anything else is shown
 * as escaped text, never as a mention); a link, only to https and with nothing that could end it early.
 */
export const slackParam = {
  code,
  user: (id: string): Mrkdwn => mention(id) ?? { mrkdwn: escapeMrkdwn(redactText(id)) },
  channel: (id: string): Mrkdwn =>
    /^[CGD][A-Z0-9]{2,}$/.test(id) ? { mrkdwn: `<#${id}>` } : { mrkdwn: escapeMrkdwn(redactText(id)) },
  link: (url: string, words: string): Mrkdwn => {
    const text = escapeMrkdwn(redactText(words)).replace(/\|/g, '/');
    return { mrkdwn: /^https:\/\/[^\s<>|&]+$/.test(url) ? `<${url}|${text}>` : text };
  },
};

/** Cuts mrkdwn to `max` characters without splitting an `&amp;` escape or leaving a code fence open. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 4).replace(/&[a-z]{0,4}$/, '');
  const fences = (cut.match(/```/g) ?? []).length;
  cut = `${cut}…`;
  return fences % 2 === 1 ? `${cut}\`\`\`` : cut;
}

/** A block's size as Slack counts it towards a message's limit. */
export function blockSize(block: Block): number {
  return JSON.stringify(block).length;
}

/** The size of blocks together, as Slack counts it towards a message's limit. */
export function blocksSize(blocks: readonly Block[]): number {
  return blocks.reduce((sum, block) => sum + blockSize(block), 0);
}
