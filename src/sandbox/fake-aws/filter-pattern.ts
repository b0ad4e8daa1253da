import { invalidParameter } from './errors';

/**
 * The subset of CloudWatch filter-pattern syntax the fake understands: bare terms (letters, digits, `_`) and
 * double-quoted terms, all case-sensitive substrings; plain terms are ANDed, `-term` excludes, `?term`s are ORed.
 * JSON, space-delimited and `%regex%` patterns are refused rather than guessed at.
 */
export type MessageMatcher = (message: string) => boolean;

interface Term {
  text: string;
  prefix: '' | '?' | '-';
}

const BARE_TERM = /^[A-Za-z0-9_]+$/;

export function parseFilterPattern(pattern: string | undefined): MessageMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  return combine(readTerms(text), text);
}

function combine(terms: Term[], pattern: string): MessageMatcher {
  const optional = terms.filter((t) => t.prefix === '?');
  if (optional.length > 0 && optional.length < terms.length) {
    throw invalidPattern(pattern, '?term alternatives cannot be mixed with other terms');
  }
  if (optional.length > 0) return (message) => optional.some((t) => message.includes(t.text));
  const required = terms.filter((t) => t.prefix === '').map((t) => t.text);
  const excluded = terms.filter((t) => t.prefix === '-').map((t) => t.text);
  return (message) =>
    required.every((t) => message.includes(t)) && !excluded.some((t) => message.includes(t));
}

function readTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i])) {
      i += 1;
      continue;
    }
    const prefix = pattern[i] === '?' || pattern[i] === '-' ? pattern[i] : '';
    const start = i + prefix.length;
    const read = pattern[start] === '"' ? readQuoted(pattern, start) : readBare(pattern, start);
    terms.push({ text: read.text, prefix: prefix as Term['prefix'] });
    i = read.end;
  }
  return terms;
}

function readQuoted(pattern: string, start: number): { text: string; end: number } {
  let text = '';
  for (let i = start + 1; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      text += pattern[i + 1];
      i += 1;
      continue;
    }
    if (c !== '"') {
      text += c;
      continue;
    }
    if (i + 1 < pattern.length && !/\s/.test(pattern[i + 1]))
      throw invalidPattern(pattern, 'text after a quote');
    return { text, end: i + 1 };
  }
  throw invalidPattern(pattern, 'unterminated quote');
}

function readBare(pattern: string, start: number): { text: string; end: number } {
  const match = /^\S+/.exec(pattern.slice(start));
  const text = match?.[0] ?? '';
  if (!BARE_TERM.test(text)) throw invalidPattern(pattern, `term "${text}" must be double-quoted`);
  return { text, end: start + text.length };
}

function invalidPattern(pattern: string, why: string) {
  return invalidParameter(`Invalid filter pattern (${why}): ${pattern}`);
}
