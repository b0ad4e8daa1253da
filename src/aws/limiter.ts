/**
 * A token bucket: at most `perSecond` operations per second on average, `burst` at once. CloudWatch Logs quotas
 * are per account and region and shared with every other tool, so the bot stays well below them.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /**
   * Resolves when the caller may go; callers are served in order. A caller whose signal aborts (its search found
   * the request elsewhere, or its time budget ran out) leaves the queue without a token, at once, so the calls
   * queued behind it are not held up by a call that will never be made.
   */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw abortError(signal);
    this.refill();
    if (this.tokens < 1) {
      await sleepUnlessAborted(this.sleep(((1 - this.tokens) / this.perSecond) * 1000), signal);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/** The sleep, cut short by the signal (which then rejects with an AbortError). */
async function sleepUnlessAborted(sleep: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep;
  let stop: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(abortError(signal));
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    await Promise.race([sleep, aborted]);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/**
 * What the SDK throws when its signal aborts: an AbortError whatever the reason (the time budget's signal aborts
 * with a TimeoutError), so that a call that never left the queue is named a time budget that ran out, not a timeout.
 */
function abortError(signal: AbortSignal): Error {
  const error = new Error('aborted while waiting for the rate limiter', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
