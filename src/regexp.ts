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
