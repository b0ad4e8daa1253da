import { parseJson } from '../json';
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
  /** The job (its correlation id) answering it: a replica that takes the job over answers it still. */
  job?: string;
}

export type AnswerClaim = { claimed: true } | { claimed: false; earlier: AnswerRecord };

export class AnswerIndex {
  /**
   * `windowMs`: how long an answer is linked to. `leaseMs`: how long one still being worked on is held; a replica
   * that dies mid-job (no failure to release it) must not leave "someone is answering" for the whole window.
   */
  constructor(
    private readonly store: SharedStore,
    private readonly windowMs: number,
    private readonly leaseMs: number,
  ) {}

  /** Claims the answer for this request in this channel, or says who answered it already. */
  async claim(channel: string, requestId: string, record: AnswerRecord): Promise<AnswerClaim> {
    const key = keyOf(channel, requestId);
    const value = JSON.stringify(record);
    const ttlMs = Math.min(this.leaseMs, this.windowMs);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.store.claim(key, value, ttlMs)) return { claimed: true };
      const stored = await this.store.get(key);
      const earlier = readRecord(stored);
      if (earlier) return { claimed: false, earlier };
      // Expired between the two calls (claim again), or a record this version cannot read (drop it, then claim).
      if (stored !== undefined) await this.store.release(key, stored);
    }
    return { claimed: true };
  }

  /** Notes where the answer was posted, for the link: for the rest of the window once done, else for the lease. */
  async posted(channel: string, requestId: string, record: AnswerRecord): Promise<void> {
    const left = this.windowMs - (Date.now() - record.at);
    const ttlMs = record.done ? left : Math.min(left, this.leaseMs);
    if (ttlMs > 0) await this.store.set(keyOf(channel, requestId), JSON.stringify(record), ttlMs);
  }

  /** The answer failed: the next request must not be sent to it. */
  async release(channel: string, requestId: string): Promise<void> {
    await this.store.delete(keyOf(channel, requestId));
  }
}

/** A record as this version writes it, or undefined: its fields reach a Slack message (a user mention, a link). */
function readRecord(value: string | undefined): AnswerRecord | undefined {
  const parsed = value === undefined ? undefined : parseJson(value);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { user, at, ts, done, job } = parsed as Record<string, unknown>;
  const valid =
    typeof at === 'number' &&
    Number.isFinite(at) &&
    (user === undefined || (typeof user === 'string' && SLACK_USER.test(user))) &&
    (ts === undefined || (typeof ts === 'string' && MESSAGE_TS.test(ts))) &&
    (done === undefined || typeof done === 'boolean') &&
    (job === undefined || typeof job === 'string');
  return valid ? { user, at, ts, done, job } : undefined;
}

const SLACK_USER = /^[UW][A-Z0-9]{1,30}$/;
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

function keyOf(channel: string, requestId: string): string {
  return `answered:${channel}:${requestId.toLowerCase()}`;
}
