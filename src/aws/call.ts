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
    return await withRetries(call, {
      policy: how.policy,
      retryable: how.retryable ?? isRetryable,
      signal: how.signal,
    });
  } catch (error) {
    throw toAwsError(error, how.operation, how.resource);
  }
}
