/**
 * Byte-level reading of one log line: where its request id is, whether it is a request's terminal line, and where a
 * JSON line's message is. Each answer is exactly what `requestIdOfLine` and `indexOf('Method completed with status: ')`
 * give on the decoded event, or "undecided" (-1 / SLOW), in which case the caller decodes the line and asks them.
 * Only the shapes that make up nearly every export are read here: `(id) message` (the CloudWatch message) and
 * `2017-06-05T17:52:57.701Z (id) message` (an export), bare or as the message of an NDJSON event.
 */

export const TERMINAL = 'Method completed with status: ';
export const TERMINAL_BYTES = Buffer.from(TERMINAL);

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** `2017-06-05T17:52:57`. */
const STAMP_LENGTH = 19;
/** 1 for the bytes of a digit. */
const DIGIT = new Uint8Array(256);
for (let b = 0x30; b <= 0x39; b++) DIGIT[b] = 1;

/**
 * Where the id starts in `(id) …` or `<export timestamp> (id) …` at `start`, or -1. The timestamp is exactly what
 * `requestIdOfLine` accepts before the parenthesis without a pattern match (`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z $`).
 */
export function idStartAt(buf: Uint8Array, start: number, end: number): number {
  if (buf[start] === OPEN_PAREN) return start + 1;
  const stampEnd = exportStampEnd(buf, start, end);
  return stampEnd >= 0 && stampEnd < end && buf[stampEnd] === OPEN_PAREN ? stampEnd + 1 : -1;
}

/**
 * Where an export timestamp and its space (`EXPORT_TIMESTAMP`: `2017-06-05T17:52:57.701Z `) at `start` end, or -1
 * when `buf[start, end)` does not start with one.
 */
export function exportStampEnd(buf: Uint8Array, start: number, end: number): number {
  if (end - start < STAMP_LENGTH + 2 || !isStamp(buf, start)) return -1;
  return stampTailEnd(buf, start + STAMP_LENGTH, end);
}

/** Where the rest of an export timestamp after its seconds (`.701Z `, or `Z `) at `q` ends, or -1. */
export function stampTailEnd(buf: Uint8Array, q: number, end: number): number {
  if (buf[q] === 0x2e) {
    q++;
    if (DIGIT[buf[q]] === 0) return -1;
    while (q < end && DIGIT[buf[q]] === 1) q++;
  }
  return q + 1 < end && buf[q] === 0x5a && buf[q + 1] === SPACE ? q + 2 : -1;
}

/**
 * `buf[at, at + 19)` is `dddd-dd-ddTdd:dd:dd`. Written out, not looped over a pattern: every line of an export starts
 * so, and this is most of the time the byte reader spends on a line.
 */
function isStamp(buf: Uint8Array, at: number): boolean {
  if (buf[at + 4] !== 0x2d || buf[at + 7] !== 0x2d || buf[at + 10] !== 0x54) return false;
  if (buf[at + 13] !== 0x3a || buf[at + 16] !== 0x3a) return false;
  const digits =
    DIGIT[buf[at]] &
    DIGIT[buf[at + 1]] &
    DIGIT[buf[at + 2]] &
    DIGIT[buf[at + 3]] &
    DIGIT[buf[at + 5]] &
    DIGIT[buf[at + 6]] &
    DIGIT[buf[at + 8]] &
    DIGIT[buf[at + 9]] &
    DIGIT[buf[at + 11]] &
    DIGIT[buf[at + 12]] &
    DIGIT[buf[at + 14]] &
    DIGIT[buf[at + 15]] &
    DIGIT[buf[at + 17]] &
    DIGIT[buf[at + 18]];
  return digits === 1;
}

export function isDigit(b: number): boolean {
  return DIGIT[b] === 1;
}

/** What the last successful `readJsonLine` found (one object, reused: it runs once per JSON line). */
export const found = {
  /** A JSON line's message: `buf[messageStart, messageEnd)`, still JSON-escaped (`escaped` when it has escapes). */
  messageStart: 0,
  messageEnd: 0,
  escaped: false,
};

/**
 * Whether `buf[start, end)` — the bytes between a line's `(` and the first `)`, which is followed by a space — is an
 * id exactly as `requestIdOfLine` takes it, judged without decoding: 3 to 99 bytes of printable ASCII, no
 * parenthesis, quote or backslash (false also when only a decoder could tell).
 */
export function isPlainId(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || end - start > 99) return false;
  for (let i = start; i < end; i++) if (ID_BYTE[buf[i]] === 0) return false;
  return true;
}

/** Bytes an id read without decoding may hold: printable ASCII but for parentheses, quote and backslash. */
const ID_BYTE = new Uint8Array(256);
for (let b = SPACE + 1; b < 0x7f; b++) ID_BYTE[b] = 1;
for (const b of [OPEN_PAREN, CLOSE_PAREN, QUOTE, BACKSLASH]) ID_BYTE[b] = 0;

/**
 * The status a terminal line names (`Number` of the three characters after the marker, as the line-by-line scanner
 * read it), or undefined when those bytes need decoding to be read.
 */
export function statusAt(buf: Buffer, from: number, end: number): number | undefined {
  const stop = Math.min(from + 3, end);
  if (stop === from + 3 && isDigit(buf[from]) && isDigit(buf[from + 1]) && isDigit(buf[from + 2]))
    return (buf[from] - 0x30) * 100 + (buf[from + 1] - 0x30) * 10 + (buf[from + 2] - 0x30);
  for (let i = from; i < stop; i++) if (buf[i] >= 0x80 || buf[i] === BACKSLASH) return undefined;
  return Number(buf.toString('latin1', from, stop));
}

/** Finds a pattern in the lines of one buffer in order, searching the buffer once per occurrence, not once per line. */
export class Finder {
  private buf: Buffer | undefined;
  private at = -1;

  constructor(private readonly pattern: Buffer | number) {}

  /** The first occurrence in `buf[from, to)`, or -1. Successive calls on one buffer must not go backwards. */
  find(buf: Buffer, from: number, to: number): number {
    if (buf !== this.buf || (this.at >= 0 && this.at < from)) {
      this.buf = buf;
      this.at = buf.indexOf(this.pattern, from);
      if (this.at < 0) this.at = Number.MAX_SAFE_INTEGER;
    }
    return this.at < to ? this.at : -1;
  }
}

export const JSON_SLOW = -1;
export const JSON_NO_MESSAGE = 0;
export const JSON_MESSAGE = 1;

/**
 * Reads a line that starts with `{` as a flat JSON object (string, number, true/false/null values) and finds the
 * message the line-by-line scanner would take (`message`, else `@message`, when a string). JSON_SLOW for anything
 * else — nested values, `\u` escapes in the message, escaped keys, invalid JSON — which the caller decodes instead.
 */
export function readJsonLine(buf: Buffer, start: number, end: number): number {
  let message: number | StringValue = NONE;
  let atMessage: number | StringValue = NONE;
  let p = skipSpace(buf, start + 1, end);
  if (buf[p] === 0x7d) return finish(buf, p + 1, end, message, atMessage);
  for (;;) {
    if (buf[p] !== QUOTE) return JSON_SLOW;
    const keyStart = p + 1;
    const keyEnd = plainKeyEnd(buf, keyStart, end);
    if (keyEnd < 0) return JSON_SLOW;
    p = skipSpace(buf, keyEnd + 1, end);
    if (buf[p] !== 0x3a) return JSON_SLOW;
    p = skipSpace(buf, p + 1, end);
    const valueStart = p;
    const kind = valueKind(buf, p, end);
    if (kind === NONE) return JSON_SLOW;
    p = cursor.at;
    const key = whichKey(buf, keyStart, keyEnd);
    if (key === 1) message = kind === STRING || kind === STRING_ESCAPED ? packed(kind, valueStart, p) : kind;
    else if (key === 2)
      atMessage = kind === STRING || kind === STRING_ESCAPED ? packed(kind, valueStart, p) : kind;
    p = skipSpace(buf, p, end);
    if (buf[p] === 0x2c) {
      p = skipSpace(buf, p + 1, end);
      continue;
    }
    if (buf[p] === 0x7d) return finish(buf, p + 1, end, message, atMessage);
    return JSON_SLOW;
  }
}

const NONE = 0;
const NULL = 1;
const OTHER = 2;
const STRING = 3;
const STRING_ESCAPED = 4;
const STRING_UNICODE = 5;

/** Where the last value read by `valueKind` ended. */
const cursor = { at: 0 };

interface StringValue {
  kind: number;
  start: number;
  end: number;
}

function packed(kind: number, start: number, end: number): StringValue {
  return { kind, start, end };
}

function finish(
  buf: Buffer,
  p: number,
  end: number,
  message: number | StringValue,
  atMessage: number | StringValue,
): number {
  if (skipSpace(buf, p, end) !== end) return JSON_SLOW;
  // `record.message ?? record['@message']`, taken when it is a string.
  const chosen = message !== NONE && message !== NULL ? message : atMessage;
  if (typeof chosen === 'number') return chosen === STRING_UNICODE ? JSON_SLOW : JSON_NO_MESSAGE;
  found.messageStart = chosen.start + 1;
  found.messageEnd = chosen.end - 1;
  found.escaped = chosen.kind === STRING_ESCAPED;
  return JSON_MESSAGE;
}

function skipSpace(buf: Buffer, p: number, end: number): number {
  while (p < end) {
    const b = buf[p];
    if (b !== SPACE && b !== 0x09 && b !== 0x0d && b !== 0x0a) break;
    p++;
  }
  return p;
}

function plainKeyEnd(buf: Buffer, p: number, end: number): number {
  for (; p < end; p++) {
    const b = buf[p];
    if (b === QUOTE) return p;
    if (b === BACKSLASH || b < SPACE) return -1;
  }
  return -1;
}

const MESSAGE_KEY = Buffer.from('message');

/** 1 for `message`, 2 for `@message`, 0 for any other key. */
function whichKey(buf: Buffer, start: number, end: number): number {
  const at = end - start === 8 && buf[start] === 0x40 ? 1 : 0;
  if (end - start - at !== 7) return 0;
  for (let i = 0; i < 7; i++) if (buf[start + at + i] !== MESSAGE_KEY[i]) return 0;
  return at === 1 ? 2 : 1;
}

/** Reads one flat value at `p`, leaves its end in `cursor.at`, returns its kind (NONE when not flat or not valid). */
function valueKind(buf: Buffer, p: number, end: number): number {
  const b = buf[p];
  if (b === QUOTE) return stringKind(buf, p, end);
  if (b === 0x74) return literal(buf, p, end, TRUE) ? OTHER : NONE;
  if (b === 0x66) return literal(buf, p, end, FALSE) ? OTHER : NONE;
  if (b === 0x6e) return literal(buf, p, end, NULL_BYTES) ? NULL : NONE;
  if (b === 0x2d || isDigit(b)) return numberEnd(buf, p, end) ? OTHER : NONE;
  return NONE;
}

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL_BYTES = Buffer.from('null');

function literal(buf: Buffer, p: number, end: number, word: Buffer): boolean {
  if (p + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (buf[p + i] !== word[i]) return false;
  cursor.at = p + word.length;
  return true;
}

/** JSON's number grammar: `-? (0 | [1-9]\d*) (\.\d+)? ([eE][+-]?\d+)?`. */
function numberEnd(buf: Buffer, p: number, end: number): boolean {
  if (buf[p] === 0x2d) p++;
  if (buf[p] === 0x30) p++;
  else if (p < end && isDigit(buf[p])) while (p < end && isDigit(buf[p])) p++;
  else return false;
  if (buf[p] === 0x2e) {
    p++;
    if (!(p < end && isDigit(buf[p]))) return false;
    while (p < end && isDigit(buf[p])) p++;
  }
  if (buf[p] === 0x65 || buf[p] === 0x45) {
    p++;
    if (buf[p] === 0x2b || buf[p] === 0x2d) p++;
    if (!(p < end && isDigit(buf[p]))) return false;
    while (p < end && isDigit(buf[p])) p++;
  }
  cursor.at = p;
  return true;
}

const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function stringKind(buf: Buffer, p: number, end: number): number {
  let kind = STRING;
  let i = p + 1;
  while (i < end) {
    const b = buf[i];
    if (b === QUOTE) {
      cursor.at = i + 1;
      return kind;
    }
    if (b === BACKSLASH) {
      const c = buf[i + 1];
      if (c === 0x75) {
        for (let k = i + 2; k < i + 6; k++) if (k >= end || !isHex(buf[k])) return NONE;
        kind = STRING_UNICODE;
        i += 6;
        continue;
      }
      if (i + 1 >= end || !SIMPLE_ESCAPES.has(c)) return NONE;
      if (kind === STRING) kind = STRING_ESCAPED;
      i += 2;
      continue;
    }
    if (b < SPACE) return NONE;
    i++;
  }
  return NONE;
}

function isHex(b: number): boolean {
  return isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}
