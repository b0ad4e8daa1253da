import type { SharedStore } from './state';

/**
 * "Already answered here": a second request for the same request id in the same channel within the repeat window
 * links to the first answer (Re-check on it runs it again) instead of posting another verdict.
 */

export interface AnswerRecord {
  /** Who asked first. */
  user?: string;
  /** When the first answer started (epoch ms). */
  at: number;
  /** The answer's message, once posted (none when it went through a response_url). */
  ts?: string;
  /** The answer is complete. */
  done?: boolean;
}

export type AnswerClaim = { claimed: true } | { claimed: false; earlier: AnswerRecord };

export class AnswerIndex {
  constructor(
    private readonly store: SharedStore,
    private readonly windowMs: number,
  ) {}

  /** Claims the answer for this request in this channel, or says who answered it already. */
  async claim(channel: string, requestId: string, record: AnswerRecord): Promise<AnswerClaim> {
    const key = keyOf(channel, requestId);
    if (await this.store.claim(key, JSON.stringify(record), this.windowMs)) return { claimed: true };
    const earlier = await this.store.get(key);
    // Expired between the two calls: the earlier answer is gone, so this one goes ahead.
    if (earlier === undefined) return { claimed: true };
    return { claimed: false, earlier: JSON.parse(earlier) as AnswerRecord };
  }

  /** Notes where the answer was posted, for the link. */
  async posted(channel: string, requestId: string, record: AnswerRecord): Promise<void> {
    const left = this.windowMs - (Date.now() - record.at);
    if (left > 0) await this.store.set(keyOf(channel, requestId), JSON.stringify(record), left);
  }

  /** The answer failed: the next request must not be sent to it. */
  async release(channel: string, requestId: string): Promise<void> {
    await this.store.delete(keyOf(channel, requestId));
  }
}

function keyOf(channel: string, requestId: string): string {
  return `answered:${channel}:${requestId.toLowerCase()}`;
}
