/** `text` as a regular expression that matches it literally (Node 20 has no RegExp.escape). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One word of a principal or an ARN as API Gateway prints it: no spaces, except inside a `<placeholder>` a person
 * masked part of it with. A `<` starts a placeholder only when a `>` closes it, so every word matches one way only
 * (two ways each would make a failed match backtrack exponentially).
 */
export const MASKABLE_WORD = String.raw`(?:[^\s<]|<[^<>]*>|<(?![^<>]*>))`;

/** What the readers ask of a pattern: the same as a RegExp's `exec` and `test` (no `g` or `y` flag). */
export interface Pattern {
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}

/**
 * A pattern anchored at the start of the text with a literal first character, which is compared before the pattern
 * runs: a line is tried against many such patterns and fails nearly all of them at that character, and comparing it
 * costs far less than starting the pattern. It answers exactly as the pattern does; a pattern whose first character
 * is not certain (a class, a group, an optional or case-insensitive letter, an alternative at the top) is refused.
 */
export function anchored(pattern: RegExp): Pattern {
  const { source, flags } = pattern;
  const first = source.charAt(1);
  const certain =
    source.startsWith('^') &&
    /^[A-Za-z0-9 :_"-]$/.test(first) &&
    !/^[?*{]/.test(source.slice(2)) &&
    !/[gimy]/.test(flags) &&
    !hasTopLevelAlternative(source);
  if (!certain)
    throw new Error(`not an anchored pattern with a literal first character: /${source}/${flags}`);
  const code = first.charCodeAt(0);
  return {
    exec: (text) => (text.charCodeAt(0) === code ? pattern.exec(text) : null),
    test: (text) => text.charCodeAt(0) === code && pattern.test(text),
  };
}

function hasTopLevelAlternative(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
