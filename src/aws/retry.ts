/**
 * Retries for answers that mean "not now": throttling, 5xx, a dropped connection, a request that timed out. The
 * clients make one attempt each (the SDK's own retries are off, so that there is one policy and it knows the time
 * budget); the readers retry with jittered exponential backoff until the call succeeds, the attempts run out or the
 * caller's time budget (its AbortSignal) ends. Only then is a page, a window or a read declared partial.
 */

export interface RetryPolicy {
  /** Tries per call, the first included. */
  attempts: number;
  /** The ceiling of the first wait; each following ceiling doubles, up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** Waits `ms`, or less when the signal aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1): the jitter, so that concurrent callers do not retry in step. */
  random: () => number;
  /** The longest wait a throttled answer's Retry-After is granted; asked to wait longer, the call gives up. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseMs: 250,
  capMs: 4000,
  sleep: abortableSleep,
  random: Math.random,
  maxRetryAfterMs: 10_000,
};

/** The wait before retry number `retry` (0 = the first retry): half the ceiling, plus up to as much again at random. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

export interface RetryOutcome {
  /** Attempts made, the failed last one included. */
  attempts: number;
  /** The budget ran out while waiting to retry. */
  aborted: boolean;
  /** AWS asked to wait this long (Retry-After), longer than the policy grants: no further try was made. */
  retryAfterSeconds?: number;
}

/** Thrown by `withRetries` when it gives up: the last error, and how far the retries got. */
export class RetriesExhausted extends Error {
  override readonly name = 'RetriesExhausted';
  constructor(
    readonly last: unknown,
    readonly outcome: RetryOutcome,
  ) {
    super('retries exhausted', { cause: last });
  }
}

/**
 * Runs `attempt` until it succeeds. A failure `retryable` says is worth another try is retried after a backoff;
 * anything else, the last attempt's failure, or a budget that ends, gives up with `RetriesExhausted`.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { policy: RetryPolicy; retryable: (error: unknown) => boolean; signal?: AbortSignal },
): Promise<T> {
  const { policy, retryable, signal } = options;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const aborted = signal?.aborted === true;
      if (aborted || n >= policy.attempts || !retryable(error))
        throw new RetriesExhausted(error, { attempts: n, aborted });
      const asked = retryAfterMs(error);
      if (asked !== undefined && asked > policy.maxRetryAfterMs)
        throw new RetriesExhausted(error, { attempts: n, aborted: false, retryAfterSeconds: asked / 1000 });
      await policy.sleep(Math.max(backoffDelay(policy, n - 1), asked ?? 0), signal);
      if (signal?.aborted) throw new RetriesExhausted(error, { attempts: n, aborted: true });
    }
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);

/** What the SDK's errors (and Node's network errors) carry that tells one failure from another. */
export interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; clockSkewCorrected?: boolean };
  $retryable?: unknown;
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * How long a throttled answer asked to wait, in ms: API Gateway's `retryAfterSeconds` (its Retry-After header, which
 * any 429 or 503 may carry too), in seconds or as an HTTP date.
 */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  const e = error as (SdkErrorShape & { retryAfterSeconds?: unknown }) | undefined;
  const value = e?.retryAfterSeconds ?? e?.$response?.headers?.['retry-after'];
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** HTTP status of an SDK error, when an answer arrived at all. */
export function statusOf(error: unknown): number | undefined {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

export function isThrottling(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  return THROTTLING.has(e?.name ?? '') || statusOf(error) === 429;
}

/** The body stopped mid-way (the connection dropped while the answer was read). */
export function isCutOffBody(error: unknown): boolean {
  const message = (error as SdkErrorShape | undefined)?.message ?? '';
  return /Deserialization error/.test(message) && /\baborted\b|socket hang up|ECONNRESET/.test(message);
}

/** A failure that says nothing about the request itself: another try may well succeed. */
export function isRetryable(error: unknown): boolean {
  const e = error as SdkErrorShape | undefined;
  if (!e || e.name === 'AbortError') return false;
  const status = statusOf(error) ?? 0;
  return (
    isThrottling(error) ||
    status >= 500 ||
    e.name === 'TimeoutError' ||
    NETWORK.has(e.code ?? '') ||
    /socket hang up/i.test(e.message ?? '') ||
    isCutOffBody(error) ||
    e.$metadata?.clockSkewCorrected === true ||
    e.$retryable !== undefined
  );
}
