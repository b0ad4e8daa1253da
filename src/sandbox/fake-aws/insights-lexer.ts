import { malformedQuery } from './errors';

/** Tokens of the Logs Insights subset. A `/regex/` is only read right after `like` or `=~`, as in Insights. */
export type TokenKind =
  'word' | 'number' | 'string' | 'regex' | 'pipe' | 'comma' | 'lparen' | 'rparen' | 'op';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Regex flags written after the closing slash. */
  flags?: string;
}

const PUNCTUATION: Record<string, TokenKind> = { '|': 'pipe', ',': 'comma', '(': 'lparen', ')': 'rparen' };
const OPERATOR = /^(=~|!=|<=|>=|=|<|>)/;
const WORD = /^[@A-Za-z_][\w.@]*/;
const NUMBER = /^\d+/;

export function lexQuery(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query[i])) {
      i += 1;
      continue;
    }
    const read = readToken(query, i, tokens[tokens.length - 1]);
    tokens.push(read.token);
    i = read.end;
  }
  return tokens;
}

function readToken(query: string, i: number, previous: Token | undefined): { token: Token; end: number } {
  const c = query[i];
  if (PUNCTUATION[c]) return { token: { kind: PUNCTUATION[c], text: c }, end: i + 1 };
  if (c === '"' || c === "'") return readString(query, i);
  if (c === '/' && startsRegex(previous)) return readRegex(query, i);
  const rest = query.slice(i);
  const match = OPERATOR.exec(rest) ?? WORD.exec(rest) ?? NUMBER.exec(rest);
  if (!match) throw malformedQuery(`unexpected character '${c}' at offset ${i}`);
  const kind: TokenKind = OPERATOR.test(rest) ? 'op' : WORD.test(rest) ? 'word' : 'number';
  return { token: { kind, text: match[0] }, end: i + match[0].length };
}

function startsRegex(previous: Token | undefined): boolean {
  return previous !== undefined && (previous.text.toLowerCase() === 'like' || previous.text === '=~');
}

function readString(query: string, start: number): { token: Token; end: number } {
  const quote = query[start];
  let text = '';
  for (let i = start + 1; i < query.length; i += 1) {
    if (query[i] === '\\' && i + 1 < query.length) {
      text += query[i + 1];
      i += 1;
    } else if (query[i] === quote) {
      return { token: { kind: 'string', text }, end: i + 1 };
    } else {
      text += query[i];
    }
  }
  throw malformedQuery(`unterminated string starting at offset ${start}`);
}

/** Reads up to the closing unescaped slash; a slash inside `[...]` does not close. */
function readRegex(query: string, start: number): { token: Token; end: number } {
  let inClass = false;
  for (let i = start + 1; i < query.length; i += 1) {
    const c = query[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '[') {
      inClass = true;
    } else if (c === ']') {
      inClass = false;
    } else if (c === '/' && !inClass) {
      const flags = /^[a-z]*/.exec(query.slice(i + 1))?.[0] ?? '';
      return { token: { kind: 'regex', text: query.slice(start + 1, i), flags }, end: i + 1 + flags.length };
    }
  }
  throw malformedQuery(`unterminated regular expression starting at offset ${start}`);
}
