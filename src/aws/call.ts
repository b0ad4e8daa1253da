import { toAwsError } from './errors';
import { isRetryable, withRetries, type RetryPolicy } from './retry';

/**
 * One call to AWS as every reader makes it: tried again while `retryable` says another try may succeed (by default
 * `isRetryable`: throttling, 5xx, a dropped connection), and what it finally fails with named once (toAwsError).
 */
export async function callAws<T>(
  call: () => Promise<T>,
  how: {
    operation: string;
    resource: string;
    policy: RetryPolicy;
    signal?: AbortSignal;
    retryable?: (error: unknown) => boolean;
  },
): Promise<T> {
  try {
    return await withRetries(() => untilAborted(call(), how.signal), {
      policy: how.policy,
      retryable: how.retryable ?? isRetryable,
      signal: how.signal,
    });
  } catch (error) {
    throw toAwsError(error, how.operation, how.resource);
  }
}

/**
 * The call, or an AbortError as soon as the signal aborts. The SDK applies its abort signal to the HTTP request only
 * once credentials are resolved: a role's STS AssumeRole (or a hung credentials endpoint) before it would otherwise
 * outlive the job's deadline. What is left of the call finishes on its own, unawaited.
 */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortError());
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}
