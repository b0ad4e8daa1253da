import { isSensitiveKey } from './keys';
import { REDACTED } from './marker';
import { applyTextRules } from './rules';

export const AUTHORIZER_OUTPUT_MARKER = 'Authorizer result body before parsing:';

const TRUNCATED = ' [TRUNCATED]';
const JSON_START = /^(?:\s|\\[nrt])*\{/;
const BARE_TOKEN = /[^\s,:{}[\]"'\\]+/y;
const JSON_LITERAL = /^(?:-?\d[\d.eE+-]*|true|false|null)$/;
const IDENTIFIER_THEN_COLON = /^[A-Za-z_$][\w$]*$/;
const COLON_AHEAD = /\s*:/y;

interface Frame {
  kind: 'object' | 'array';
  key: string | undefined;
  expectKey: boolean;
  masked: boolean;
  /** Another authorizer output quoted inside this one: its `context` is masked as a root's is. */
  output?: boolean;
}

interface Token {
  end: number;
  contentStart: number;
  contentEnd: number;
  closed: boolean;
}

/**
 * Masks a Lambda authorizer's raw output: every value inside `context` (keys kept), `usageIdentifierKey` and
 * other credential-named fields; `principalId` and `policyDocument` stay, they are the evidence. Accepts the
 * bare output or a text containing `Authorizer result body before parsing:`; works on pretty-printed,
 * escaped (`{\"context\":…}`) and truncated JSON, and leaves the formatting as it was.
 */
export function redactAuthorizerOutput(raw: string): string {
  const masked = raw.includes(AUTHORIZER_OUTPUT_MARKER)
    ? maskAuthorizerOutputs(raw)
    : maskAuthorizerJson(raw);
  return applyTextRules(masked);
}

/** Applies maskAuthorizerJson() to the text after each `Authorizer result body before parsing:`. */
export function maskAuthorizerOutputs(text: string): string {
  const marked = text.includes(AUTHORIZER_OUTPUT_MARKER)
    ? text
        .split(AUTHORIZER_OUTPUT_MARKER)
        .map((part, i) => (i === 0 ? part : maskAuthorizerJson(part)))
        .join(AUTHORIZER_OUTPUT_MARKER)
    : text;
  return maskQuotedOutputs(marked);
}

/** An authorizer output quoted without the log marker (a cached result why403 found, a pasted body). */
const OUTPUT_START = /\{\s*\\?"(?:principalId|policyDocument)\\?"\s*:/g;

const OUTPUT_HERE = new RegExp(OUTPUT_START.source, 'y');

/**
 * Masks each quoted output, the last first. An output that the scan of an earlier one reads as one of its objects
 * is masked by that scan and not scanned on its own: text of thousands of nested outputs was read once for each.
 */
function maskQuotedOutputs(text: string): string {
  const starts = [...text.matchAll(OUTPUT_START)].map((m) => m.index);
  let out = text;
  for (const start of ownOutputs(text, starts).reverse())
    out = out.slice(0, start) + maskAuthorizerJson(out.slice(start), []);
  return out;
}

/** The outputs not read as objects of an earlier one's scan (with one output, there is nothing to read twice). */
function ownOutputs(text: string, starts: number[]): number[] {
  if (starts.length < 2) return starts;
  const covered = new Set<number>();
  const own: number[] = [];
  for (const start of starts) {
    if (covered.has(start)) continue;
    own.push(start);
    const nested: number[] = [];
    maskAuthorizerJson(text.slice(start), nested);
    for (const at of nested) covered.add(start + at);
  }
  return own;
}

/** An output opens at `i`, quoted as the one around it is (else it is scanned on its own). */
function nestedOutputAt(text: string, i: number, escaped: boolean): boolean {
  OUTPUT_HERE.lastIndex = i;
  if (!OUTPUT_HERE.test(text)) return false;
  const quote = text.indexOf('"', i);
  return (quote > 0 && text[quote - 1] === '\\') === escaped;
}

/**
 * A tolerant JSON scanner rather than JSON.parse: the output is often cut off (` [TRUNCATED]`, a partial copy)
 * and is followed by other log lines. It stops where the root object closes or the text stops being JSON.
 * `nested`, when given, collects where outputs quoted inside this one open; they are read as outputs too.
 */
export function maskAuthorizerJson(text: string, nested?: number[]): string {
  const start = JSON_START.exec(text)?.[0].length;
  if (start === undefined) return text;
  const firstQuote = text.indexOf('"', start);
  const escaped = firstQuote > 0 && text[firstQuote - 1] === '\\';
  const quote = escaped ? '\\"' : '"';
  const stack: Frame[] = [{ kind: 'object', key: undefined, expectKey: true, masked: false }];
  const out: string[] = [];
  let copied = 0;
  let i = start;

  function mask(from: number, to: number, replacement: string): void {
    out.push(text.slice(copied, from), replacement);
    copied = to;
  }

  while (i < text.length && stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const c = text[i] as string;
    if (text.startsWith(TRUNCATED, i)) break;
    if (c === '{' || c === '[') {
      const output = c === '{' && nested !== undefined && nestedOutputAt(text, i, escaped);
      if (output) nested.push(i);
      stack.push({
        kind: c === '{' ? 'object' : 'array',
        key: undefined,
        expectKey: c === '{',
        masked: isMasked(stack),
        output,
      });
      i += 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i += 1;
    } else if (c === ':' && frame.kind === 'object') {
      frame.expectKey = false;
      i += 1;
    } else if (c === ',') {
      frame.expectKey = frame.kind === 'object';
      frame.key = undefined;
      i += 1;
    } else if (isQuoteAt(text, i, escaped)) {
      const token = readString(text, i, escaped);
      const content = text.slice(token.contentStart, token.contentEnd);
      if (frame.expectKey) frame.key = content;
      else if (content !== '' && isMasked(stack)) mask(token.contentStart, token.contentEnd, REDACTED);
      i = token.end;
      if (!token.closed) break;
    } else if (/\s/.test(c)) {
      i += 1;
    } else if (c === '\\') {
      i += escaped ? 2 : 1; // `\n` between tokens of escaped JSON
    } else {
      BARE_TOKEN.lastIndex = i;
      const bare = BARE_TOKEN.exec(text)?.[0];
      if (bare === undefined) break;
      const end = i + bare.length;
      if (frame.expectKey) {
        COLON_AHEAD.lastIndex = end;
        if (!IDENTIFIER_THEN_COLON.test(bare) || !COLON_AHEAD.test(text)) break; // not JSON any more
        frame.key = bare;
      } else {
        if (!JSON_LITERAL.test(bare)) break;
        if (bare !== 'null' && isMasked(stack)) mask(i, end, quote + REDACTED + quote);
      }
      i = end;
    }
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** Whether the value at the current position (or a container opened there) must be masked. */
function isMasked(stack: readonly Frame[]): boolean {
  const frame = stack[stack.length - 1];
  if (!frame) return false;
  if (frame.masked) return true;
  if (frame.kind !== 'object' || frame.key === undefined) return false;
  if ((stack.length === 1 || frame.output) && frame.key === 'context') return true;
  return isSensitiveKey(frame.key);
}

function isQuoteAt(text: string, i: number, escaped: boolean): boolean {
  if (escaped) return text.startsWith('\\"', i);
  return text[i] === '"' || text[i] === "'";
}

function readString(text: string, start: number, escaped: boolean): Token {
  const open = escaped ? '\\"' : (text[start] as string);
  const contentStart = start + open.length;
  let j = contentStart;
  while (j < text.length) {
    if (text[j] === '\n' || text.startsWith(TRUNCATED, j)) break;
    if (text.startsWith(open, j)) return { end: j + open.length, contentStart, contentEnd: j, closed: true };
    j += escapeLength(text, j, escaped);
  }
  return { end: j, contentStart, contentEnd: j, closed: false };
}

// In escaped JSON an inner escape is `\\` followed by the escaped character, itself possibly escaped (`\\\"`).
function escapeLength(text: string, j: number, escaped: boolean): number {
  if (text[j] !== '\\') return 1;
  if (!escaped || text[j + 1] !== '\\') return 2;
  return text[j + 2] === '\\' ? 4 : 3;
}
