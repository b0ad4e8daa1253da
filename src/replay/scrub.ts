import { escapeRegExp } from '../regexp';
import { REDACTED } from '../redact';

/**
 * Takes the identity a person gave out of whatever AWS answered: the test invoke's log echoes it in clear (the
 * request headers, the Lambda's input), and an authorizer may put it in its principal or context. The generic
 * redaction masks what looks like a credential; this removes the very values given, in the forms they travel in
 * (as typed, JSON-escaped, URL-encoded, and a bearer token without its scheme).
 */

const SCHEME = /^(?:Bearer|Basic|Digest|Negotiate|NTLM)\s+(?<credential>\S.*)$/i;
/** Shorter values are masked only where they stand alone, so that a value such as `t1` does not garble the text. */
const SUBSTRING_MIN = 6;

export type Scrub = (text: string) => string;

export function scrubber(values: readonly string[]): Scrub {
  const forms = new Set<string>();
  for (const value of values) {
    const credential = SCHEME.exec(value)?.groups?.credential;
    for (const form of [value, credential]) {
      if (!form) continue;
      forms.add(form);
      forms.add(JSON.stringify(form).slice(1, -1));
      forms.add(encodeURIComponent(form));
      forms.add(new URLSearchParams({ v: form }).toString().slice(2));
    }
  }
  const ordered = [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  const pattern = new RegExp(ordered.map(formPattern).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

function formPattern(form: string): string {
  const escaped = escapeRegExp(form);
  return form.length >= SUBSTRING_MIN ? escaped : `(?<![\\w-])${escaped}(?![\\w-])`;
}

/** Every string of a plain value (messages and their parameters, which are plain objects, included) scrubbed. */
export function scrubDeep<T>(value: T, scrub: Scrub): T {
  return deep(value, scrub) as T;
}

function deep(value: unknown, scrub: Scrub): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => deep(item, scrub));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item, scrub)]));
  return value;
}
