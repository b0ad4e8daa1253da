import type { LogLine } from './types';
import { parseConsoleTimestamp, parseIsoTimestamp } from '../time';
import { escapeRegExp } from '../regexp';

/**
 * Execution-log lines arrive in many wrappers (domain.md §6.3): the CloudWatch message `(id) message`, exports
 * with an ISO timestamp, console copies with ` | `, log-tail output with the group and stream in front, the
 * console Test tab with `Thu Sep 05 04:56:39 UTC 2019 : `, zappa's `[id] [time]`, and pasted text with extra
 * indentation or spaces inserted into the time. Each parser takes its wrapper off and keeps the message.
 */

const LEADING_NOISE = /^[\s>]/;
const TRUNCATED_SUFFIX = / ?\[TRUNCATED\]\s*$/;
const CONSOLE_LINE =
  /^(?<ts>[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{1,2} ?: ?\d{2} ?: ?\d{2} UTC \d{4}) ?: ?(?<message>.*)$/s;
const ISO_TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?`;
const LOG_TAIL_PREFIX = String.raw`(?:API-Gateway-Execution-Logs_\S+\s+)?(?:[0-9a-f]{32}\s+)?`;
const WRAPPED_LINE = new RegExp(
  String.raw`^${LOG_TAIL_PREFIX}(?:(?<ts>${ISO_TIMESTAMP})\s*(?:\|\s*)?)?(?:${LOG_TAIL_PREFIX})?\((?<id>[^()\s]{3,})\) (?<message>.*)$`,
  's',
);
/** A CloudWatch export's timestamp before the `(request-id) ` wrapper: `2017-06-05T17:52:57.701Z `. */
export const EXPORT_TIMESTAMP = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z `;
/** What may stand before a line's `(request-id) `: timestamps, a log-tail group and stream, a pipe. */
const EXPORT_PREFIX = new RegExp(`^${EXPORT_TIMESTAMP}$`);
const WRAPPER_PREFIX = new RegExp(
  String.raw`^\s*${LOG_TAIL_PREFIX}(?:${ISO_TIMESTAMP}\s*(?:\|\s*)?)?(?:${LOG_TAIL_PREFIX})?$`,
);
// `(?:\s*\|)?\s*`, not `\s*\|?\s*`: two runs of spaces side by side would split a long run every way before failing.
const ISO_ONLY_LINE = new RegExp(String.raw`^(?<ts>${ISO_TIMESTAMP})(?:\s*\|)?\s*$`);
const ISO_PREFIXED_LINE = new RegExp(
  String.raw`^${LOG_TAIL_PREFIX}(?<ts>${ISO_TIMESTAMP})\s*(?:\|\s*)?(?<message>.*)$`,
  's',
);
const ZAPPA_LINE = /^\[(?<id>[^\]\s]+)\] \[(?<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\] (?<message>.*)$/s;
const CONSOLE_HEADER = /^Execution log for request (?<id>\S+)/;
/** The Knowledge Center prints `Extended Request Id: <id>=<next message>` as one line; split it in two. */
const JOINED_EXTENDED_ID = /^(?<head>Extended Request Id: [A-Za-z0-9+/_<>-]+=)(?<rest>\S.*)$/s;

interface Unwrapped {
  message: string;
  requestId?: string;
  timestamp?: number;
  testConsole: boolean;
}

/**
 * `(id) message` and `<export timestamp> (id) message`, the shapes of nearly every line, read with a short pattern;
 * where it matches, WRAPPED_LINE (tried after CONSOLE_LINE, which cannot match a line starting so) finds the same.
 */
const PLAIN_LINE = /^(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) )?\(([^()\s]{3,})\) /;

function unwrap(text: string): Unwrapped | undefined {
  const line = LEADING_NOISE.test(text) ? text.replace(/^[\s>]+/, '') : text;
  const plain = PLAIN_LINE.exec(line);
  if (plain) {
    return {
      message: line.slice(plain[0].length),
      requestId: plain[2],
      timestamp: plain[1] === undefined ? undefined : parseIsoTimestamp(plain[1]),
      testConsole: false,
    };
  }
  const consoleMatch = CONSOLE_LINE.exec(line);
  if (consoleMatch?.groups) {
    return {
      message: consoleMatch.groups.message,
      timestamp: parseConsoleTimestamp(consoleMatch.groups.ts),
      testConsole: true,
    };
  }
  const wrapped = WRAPPED_LINE.exec(line);
  if (wrapped?.groups) {
    return {
      message: wrapped.groups.message,
      requestId: wrapped.groups.id,
      timestamp: wrapped.groups.ts ? parseIsoTimestamp(wrapped.groups.ts) : undefined,
      testConsole: false,
    };
  }
  const zappa = ZAPPA_LINE.exec(line);
  if (zappa?.groups) {
    return {
      message: zappa.groups.message,
      timestamp: parseIsoTimestamp(zappa.groups.ts),
      testConsole: false,
    };
  }
  const isoPrefixed = ISO_PREFIXED_LINE.exec(line);
  if (isoPrefixed?.groups && isoPrefixed.groups.message.length > 0) {
    return {
      message: isoPrefixed.groups.message,
      timestamp: parseIsoTimestamp(isoPrefixed.groups.ts),
      testConsole: false,
    };
  }
  return unlabelled(line);
}

/** A message behind a placeholder label; a line that begins with a message head has none. */
function unlabelled(line: string): Unwrapped | undefined {
  if (STARTS_WITH_HEAD.test(line)) return undefined;
  const label = LABELLED_LINE.exec(line);
  return label ? { message: line.slice(label[0].length), testConsole: false } : undefined;
}

/**
 * A wrapper or a label with no message after it (`Thu Sep 05 04:56:39 UTC 2019 : `, `Date :`): the message, if it
 * was pasted, is on the next line.
 */
function onlyPrefix(text: string, unwrapped: Unwrapped | undefined): boolean {
  if (unwrapped) return unwrapped.message.trim().length === 0;
  const trimmed = text.trim();
  return LABEL_ONLY.test(trimmed) && !STARTS_WITH_HEAD.test(trimmed);
}

/** Trailing whitespace dropped, but for one space where it began with a space (`trimEnd`: linear on any input). */
function trailingSpaceKept(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.length < text.length && text[trimmed.length] === ' ' ? `${trimmed} ` : trimmed;
}

function makeLine(index: number, raw: string, unwrapped: Unwrapped | undefined): LogLine {
  const message = trailingSpaceKept(unwrapped?.message ?? raw.trim());
  const truncated = TRUNCATED_SUFFIX.test(message);
  return {
    index,
    raw,
    message: truncated ? message.replace(TRUNCATED_SUFFIX, '') : message,
    requestId: unwrapped?.requestId,
    timestamp: unwrapped?.timestamp,
    testConsole: unwrapped?.testConsole ?? false,
    truncated,
  };
}

/**
 * Messages that begin an execution-log event. In a trace flattened into one paragraph (a paste that lost its
 * line breaks, the Knowledge Center's printed examples) each of them marks where the next event starts; anywhere,
 * they tell an execution log from other text (src/locate/input-check.ts).
 */
export const MESSAGE_HEADS = [
  'Extended Request Id: ',
  'Verifying Usage Plan for request: ',
  'Usage Plan check succeeded',
  'Starting authorizer: ',
  'Incoming identity: ',
  'Endpoint request URI: ',
  'Endpoint request headers: ',
  'Endpoint request body after transformations: ',
  'Sending request to ',
  'Received response. ',
  'Authorizer result body before parsing: ',
  'Using valid authorizer policy for principal: ',
  'Successfully completed authorizer execution',
  'The client is not authorized to perform this operation',
  'Unauthorized request: ',
  'Execution failed due to configuration error: ',
  'AuthorizerConfigurationException',
  'Starting execution for request: ',
  'HTTP Method: ',
  'Method request ',
  'Method completed with status: ',
  'Method response ',
  'Endpoint response ',
  'Gateway response ',
];
/** `API Key **********abcdef authorized because …` / `… not authorized because …`: the key is masked. */
const API_KEY_HEAD = String.raw`API Key \S* ?(?:not )?authorized because`;
const ANY_HEAD = [...MESSAGE_HEADS.map(escapeRegExp), API_KEY_HEAD].join('|');
/**
 * A placeholder an author typed where the wrapper was (`Date : `, `<timestamp> : `, `INFO: `): one to three short words
 * and a colon, before a message head. A head's trailing space may be the end of a pasted line
 * (`Execution failed due to configuration error:` with its detail on the next line).
 */
const LABEL = String.raw`[\w<>.-]{1,24}(?: [\w<>.-]{1,24}){0,2}`;
const HEAD_AT_END_OR_SPACE = [
  ...MESSAGE_HEADS.map((head) =>
    head.endsWith(' ') ? String.raw`${escapeRegExp(head.trimEnd())}(?:\s|$)` : escapeRegExp(head),
  ),
  API_KEY_HEAD,
].join('|');
const LABELLED_LINE = new RegExp(String.raw`^${LABEL} ?: ?(?=${HEAD_AT_END_OR_SPACE})`);
const STARTS_WITH_HEAD = new RegExp(String.raw`^(?:${HEAD_AT_END_OR_SPACE})`);
/** A label alone on a line (`Date :`): its message is on the next line, or was never pasted. */
const LABEL_ONLY = new RegExp(String.raw`^${LABEL} ?:$`);
/**
 * A message head right after whitespace. The whitespace before it is trimmed off separately: `\s+(?=head)` would
 * scan a long run of spaces again from each of its positions.
 */
const HEAD_AFTER_SPACE = new RegExp(String.raw`(?<=\s)(?:${ANY_HEAD})`);

/** A second event's head after the line's first character, or the KC's joined extended-id form. */
const MAY_HOLD_SEVERAL = new RegExp(
  String.raw`.\s(?:\(\S+\) |${ANY_HEAD})|^Extended Request Id: \S+=\S`,
  's',
);

/**
 * Splits a line that holds several events: the KC's joined `Extended Request Id: X=<message>` form, and a trace
 * flattened onto one line (`(id) a (id) b`, or bare messages run together). JSON bodies are never split.
 */
function splitJoined(line: LogLine): LogLine[] {
  // Nearly every line holds one event: one cheap test before any splitting.
  if (!MAY_HOLD_SEVERAL.test(line.message)) return [line];
  const joined = JOINED_EXTENDED_ID.exec(line.message);
  const parts = joined?.groups ? [joined.groups.head, joined.groups.rest] : [line.message];
  const events = parts.flatMap((part) => splitFlattened(part, line.requestId));
  return events.length === 1 && events[0] === line.message
    ? [line]
    : events.map((message) => ({ ...line, message }));
}

function splitFlattened(message: string, requestId: string | undefined): string[] {
  const byId = requestId ? message.split(` (${requestId}) `) : [message];
  return byId.flatMap((part) => (startsWithJson(part) ? [part] : splitAtHeads(part)));
}

/** Splits at message heads outside JSON (a result body's JSON may mention anything). */
function splitAtHeads(message: string): string[] {
  const out: string[] = [];
  let rest = message;
  for (let match = HEAD_AFTER_SPACE.exec(rest); match; match = HEAD_AFTER_SPACE.exec(rest)) {
    const before = rest.slice(0, match.index).trimEnd();
    if (opensJson(before)) break;
    out.push(before);
    rest = rest.slice(match.index);
  }
  out.push(rest);
  return out.filter((part) => part.length > 0 && !onlyPrefix(part, undefined));
}

function startsWithJson(message: string): boolean {
  return /^\s*[{[]/.test(message);
}

/**
 * Parses log events that are already separated (one array element or one CloudWatch event each). An element
 * may hold newlines: a pretty-printed authorizer result stays one message.
 */
export function parseLogEvents(events: ReadonlyArray<string | TimedEvent>): LogLine[] {
  const lines: LogLine[] = [];
  for (const event of events) {
    const text = typeof event === 'string' ? event : event.message;
    const unwrapped = unwrap(text);
    if (text.trim().length === 0 || onlyPrefix(text, unwrapped)) continue;
    const line = makeLine(lines.length, text, unwrapped);
    if (typeof event !== 'string') line.timestamp ??= event.timestamp;
    lines.push(...splitJoined(line));
  }
  return renumber(lines);
}

/** A CloudWatch event: its message has no timestamp of its own. */
export interface TimedEvent {
  message: string;
  timestamp: number;
}

/**
 * Parses pasted or exported log text. Lines without a recognisable wrapper continue the previous message when
 * the others have wrappers (pretty-printed JSON, wrapped pastes); an ISO timestamp alone on a line (the
 * console's two-line copy) is carried onto the next line.
 */
export function parseLogText(text: string): LogLine[] {
  const physical = linesOf(text);
  const wrapped = physical.map((line) => unwrap(line));
  const anyWrapped = wrapped.some((w) => w !== undefined);
  const lines: LogLine[] = [];
  /** A wrapper, timestamp or label alone on the line before: the next line is its message, not a continuation. */
  let pending: Omit<Unwrapped, 'message'> | undefined;
  /** The brace depth of the last line's message, kept as lines are glued on (not counted again each time). */
  let lastDepth = 0;
  for (const [i, raw] of physical.entries()) {
    if (raw.trim().length === 0) continue;
    const unwrapped = wrapped[i];
    const prefix = lastDepth > 0 ? undefined : prefixAlone(raw, unwrapped);
    if (prefix) {
      pending = prefix;
      continue;
    }
    const previous = lines.at(-1);
    const continues = !pending && (anyWrapped || (previous !== undefined && lastDepth > 0));
    if (!unwrapped && continues && previous && !CONSOLE_HEADER.test(raw.trim())) {
      // JSON goes on over lines; a sentence broken by the paste is one sentence again.
      lines[lines.length - 1] = glued(previous, raw, lastDepth > 0 ? '\n' : ' ');
      lastDepth += braceDepth(raw);
      continue;
    }
    const line = makeLine(lines.length, raw, unwrapped ?? (pending && { ...pending, message: raw.trim() }));
    line.timestamp ??= pending?.timestamp;
    pending = undefined;
    lines.push(...splitJoined(line));
    lastDepth = braceDepth(lines[lines.length - 1].message);
  }
  return renumber(lines);
}

/**
 * What a line holds when it is only a prefix: an ISO timestamp (the console's two-line copy), a wrapper with no
 * message after it (`Thu Sep 05 04:56:39 UTC 2019 : `), or an author's label (`Date :`). A line with an `(id) `
 * wrapper and a message, or one that begins with a message head (`Incoming identity:`), is not one.
 */
function prefixAlone(raw: string, unwrapped: Unwrapped | undefined): Omit<Unwrapped, 'message'> | undefined {
  if (unwrapped?.requestId === undefined) {
    const isoOnly = ISO_ONLY_LINE.exec(raw.trim());
    if (isoOnly?.groups) return { timestamp: parseIsoTimestamp(isoOnly.groups.ts), testConsole: false };
  }
  if (!onlyPrefix(raw, unwrapped)) return undefined;
  return unwrapped ?? { testConsole: false };
}

/** `text.split(/\r?\n/)`, without a pattern: a line's `\r` is dropped only before its `\n`. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/**
 * `raw` glued onto the line before it. The glued message ends with `raw` trimmed, so only `raw` can end it with
 * `[TRUNCATED]`; otherwise the whole message is not read again (a long paste would be read once per line).
 */
function glued(previous: LogLine, raw: string, glue: string): LogLine {
  // A message whose trailing space was kept (`…configuration error: `) takes its continuation without another.
  const separator = glue === ' ' && previous.message.endsWith(' ') ? '' : glue;
  const unwrapped = {
    message: `${previous.message}${separator}${raw.trim()}`,
    requestId: previous.requestId,
    timestamp: previous.timestamp,
    testConsole: previous.testConsole,
  };
  const joinedRaw = `${previous.raw}\n${raw}`;
  if (raw.trimEnd().endsWith('[TRUNCATED]')) return makeLine(previous.index, joinedRaw, unwrapped);
  return { index: previous.index, raw: joinedRaw, ...unwrapped, truncated: false };
}

/** A message whose braces are not yet balanced: pretty-printed JSON that goes on in the next physical line. */
function opensJson(message: string): boolean {
  return braceDepth(message) > 0;
}

function braceDepth(text: string): number {
  // Most messages hold no JSON: one search costs less than reading every character.
  if (!BRACKET.test(text)) return 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return depth;
}

const BRACKET = /[{}[\]]/;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function renumber(lines: LogLine[]): LogLine[] {
  return lines.map((line, index) => (line.index === index ? line : { ...line, index }));
}

/** The request id in a line's `(id) ` wrapper, without parsing the rest of the line (the scanner's hot path). */
export function requestIdOfLine(line: string): string | undefined {
  const open = line.indexOf('(');
  if (open < 0 || open > 200) return undefined;
  const close = line.indexOf(') ', open);
  if (close < open + 4 || close > open + 100) return undefined;
  const id = line.slice(open + 1, close);
  if (/[\s()]/.test(id)) return undefined;
  if (open === 0) return id;
  const prefix = line.slice(0, open);
  return EXPORT_PREFIX.test(prefix) || WRAPPER_PREFIX.test(prefix) ? id : undefined;
}

/** The request id of a console Test-tab header line, if this is one. */
export function consoleHeaderRequestId(message: string): string | undefined {
  return CONSOLE_HEADER.exec(message)?.groups?.id;
}
