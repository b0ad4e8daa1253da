/**
 * Slack's escaping of `&`, `<` and `>` in the text it sends (`&amp;`, `&lt;`, `&gt;`) undone: `&amp;` last, so that
 * an escaped entity (`&amp;lt;`) stays the text it was.
 */
export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
