import { untilAborted } from '../abort';
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
    // The SDK applies its abort signal to the HTTP request only once credentials are resolved: a role's AssumeRole
    // (or a hung credentials endpoint) before it would otherwise outlive the job's deadline.
    return await withRetries(() => untilAborted(call(), how.signal, abortError), {
      policy: how.policy,
      retryable: how.retryable ?? isRetryable,
      signal: how.signal,
    });
  } catch (error) {
    throw toAwsError(error, how.operation, how.resource);
  }
}

function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}
