/**
 * Guards a listing that follows a paging token (`nextToken`, `position`, `Marker`) against an answer that would
 * never let it end: the same token again, tokens that keep coming on empty pages, or more pages than any account
 * holds. Each is a malformed answer (the caller names it), never a listing quietly cut short or a loop until the time
 * budget, or forever where there is none.
 */

/** Empty pages in a row that still carry a token: listings (unlike FilterLogEvents) do not answer those. */
const EMPTY_PAGES = 10;
/** More pages than a listing of any real account needs (50 log groups, 500 APIs or resources a page). */
const MAX_PAGES = 1000;

export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 0;
  private emptyInARow = 0;

  constructor(private readonly field: string) {}

  /** After a page of `items` items whose answer carried `token`: what is wrong with going on, if anything. */
  problem(token: string | undefined, items: number): string | undefined {
    this.pages++;
    if (!token) return undefined;
    if (this.seen.has(token)) return `"${this.field}" came back again: the listing would never end`;
    this.seen.add(token);
    this.emptyInARow = items === 0 ? this.emptyInARow + 1 : 0;
    if (this.emptyInARow >= EMPTY_PAGES)
      return `"${this.field}" kept coming on ${EMPTY_PAGES} empty pages in a row`;
    if (this.pages >= MAX_PAGES) return `"${this.field}" still came after ${MAX_PAGES} pages`;
    return undefined;
  }
}
