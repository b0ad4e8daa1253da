/**
 * `text` split at `separator` into at most `count` parts, the last keeping the separators after it. The separators
 * are found, not all split and joined again: a request path is the caller's to make as long as it likes.
 */
export function splitInto(text: string, separator: string, count: number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (
    let at = text.indexOf(separator);
    at >= 0 && parts.length < count - 1;
    at = text.indexOf(separator, start)
  ) {
    parts.push(text.slice(start, at));
    start = at + separator.length;
  }
  parts.push(text.slice(start));
  return parts;
}
