import { LRUCache } from 'lru-cache';

/**
 * Remembers deliveries for ten minutes: Slack retries events it thinks failed, and an @-mention arrives both as
 * `app_mention` and as `message`. Each replica has its own memory; see `alreadyAnswered` for the cross-replica check.
 */
export class Deduper {
  private readonly seen = new LRUCache<string, true>({ max: 10_000, ttl: 10 * 60_000 });

  /** True when any of the keys was seen before; records them all. */
  firstTime(...keys: Array<string | undefined>): boolean {
    const present = keys.filter((k): k is string => Boolean(k));
    const repeat = present.some((key) => this.seen.has(key));
    for (const key of present) this.seen.set(key, true);
    return !repeat;
  }
}
