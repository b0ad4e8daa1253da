import type { SharedStore } from './state';

/**
 * Remembers deliveries for ten minutes: Slack retries events it thinks failed (up to three times, the last after
 * about five minutes), Socket Mode redelivers what a dropped connection did not acknowledge, and an @-mention
 * arrives both as `app_mention` and as `message`. In the shared store, so a repeat that reaches another replica is
 * recognised too.
 */
const TTL_MS = 10 * 60_000;

export class Deduper {
  constructor(private readonly store: SharedStore) {}

  /**
   * True when none of the keys was seen before; records them all. At once: of two replicas given the same delivery,
   * exactly one is told it is the first.
   */
  async firstTime(...keys: Array<string | undefined>): Promise<boolean> {
    const present = keys.filter((k): k is string => Boolean(k)).map((key) => `delivery:${key}`);
    return present.length === 0 || this.store.claimAll(present, '1', TTL_MS);
  }
}
