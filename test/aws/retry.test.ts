import {
  DEFAULT_RETRY_POLICY,
  RetriesExhausted,
  abortableSleep,
  backoffDelay,
  isRetryable,
  withRetries,
  type RetryPolicy,
} from '../../src/aws/retry';

function sdkError(name: string, status?: number, extra: object = {}): Error {
  return Object.assign(new Error(`${name} message`), {
    name,
    $metadata: status === undefined ? {} : { httpStatusCode: status },
    ...extra,
  });
}

/** A policy whose waits are recorded instead of slept, with a fixed jitter. */
function recordingPolicy(overrides: Partial<RetryPolicy> = {}) {
  const waits: number[] = [];
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    sleep: async (ms) => void waits.push(ms),
    ...overrides,
  };
  return { policy, waits };
}

/** An attempt that fails with the given errors in turn, then answers `ok`. */
function failing(...errors: unknown[]) {
  let calls = 0;
  const attempt = async () => {
    calls += 1;
    if (calls <= errors.length) throw errors[calls - 1];
    return 'ok';
  };
  return { attempt, calls: () => calls };
}

describe('backoffDelay', () => {
  it.each([
    [0, 0, 125],
    [0, 0.999, 250],
    [1, 0, 250],
    [2, 0.5, 750],
    [3, 0, 1000],
    [4, 0.999, 3998],
    [9, 0, 2000],
    [9, 0.999, 3998],
  ])(
    'retry %i with jitter %d waits %i ms: half the ceiling plus up to as much again',
    (retry, random, ms) => {
      expect(backoffDelay({ ...DEFAULT_RETRY_POLICY, random: () => random }, retry)).toBe(ms);
    },
  );
});

describe('withRetries', () => {
  it('retries throttling until it succeeds, waiting longer each time', async () => {
    const { policy, waits } = recordingPolicy();
    const throttled = sdkError('ThrottlingException', 400);
    const { attempt, calls } = failing(throttled, throttled, throttled);

    await expect(withRetries(attempt, { policy, retryable: isRetryable })).resolves.toBe('ok');

    expect(calls()).toBe(4);
    expect(waits).toEqual([188, 375, 750]);
  });

  it('gives up after the policy’s attempts with the last error and the count', async () => {
    const { policy, waits } = recordingPolicy({ attempts: 3 });
    const errors = [
      sdkError('ServiceUnavailableException', 503),
      sdkError('InternalFailure', 500),
      sdkError('x', 502),
    ];
    const { attempt } = failing(...errors);

    const thrown = await withRetries(attempt, { policy, retryable: isRetryable }).catch((e: unknown) => e);

    expect(thrown).toBeInstanceOf(RetriesExhausted);
    expect((thrown as RetriesExhausted).last).toBe(errors[2]);
    expect((thrown as RetriesExhausted).outcome).toEqual({ attempts: 3, aborted: false });
    expect(waits).toHaveLength(2);
  });

  it('does not retry what another try cannot fix', async () => {
    const { policy, waits } = recordingPolicy();
    const { attempt, calls } = failing(sdkError('AccessDeniedException', 400));

    const thrown = await withRetries(attempt, { policy, retryable: isRetryable }).catch((e: unknown) => e);

    expect((thrown as RetriesExhausted).outcome).toEqual({ attempts: 1, aborted: false });
    expect(calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('stops when the time budget ends during a wait, and says so', async () => {
    const budget = new AbortController();
    const { policy } = recordingPolicy({ sleep: async () => budget.abort() });
    const { attempt, calls } = failing(
      sdkError('ThrottlingException', 400),
      sdkError('ThrottlingException', 400),
    );

    const thrown = await withRetries(attempt, {
      policy,
      retryable: isRetryable,
      signal: budget.signal,
    }).catch((e: unknown) => e);

    expect((thrown as RetriesExhausted).outcome).toEqual({ attempts: 1, aborted: true });
    expect(calls()).toBe(1);
  });

  it('makes no further attempt once the budget has ended', async () => {
    const { policy, waits } = recordingPolicy();
    const { attempt, calls } = failing(sdkError('AbortError'));

    const thrown = await withRetries(attempt, {
      policy,
      retryable: isRetryable,
      signal: AbortSignal.abort(),
    }).catch((e: unknown) => e);

    expect((thrown as RetriesExhausted).outcome).toEqual({ attempts: 1, aborted: true });
    expect(calls()).toBe(1);
    expect(waits).toEqual([]);
  });
});

describe('isRetryable', () => {
  it.each<[string, unknown, boolean]>([
    ['ThrottlingException', sdkError('ThrottlingException', 400), true],
    ['TooManyRequestsException (429)', sdkError('TooManyRequestsException', 429), true],
    ['LimitExceededException', sdkError('LimitExceededException', 400), true],
    ['IAM/STS Throttling', sdkError('Throttling', 400), true],
    ['a 503', sdkError('ServiceUnavailableException', 503), true],
    ['a bare 500', sdkError('', 500), true],
    ['a 502 HTML page from a proxy', sdkError('SyntaxError', 502), true],
    ['a request timeout', sdkError('TimeoutError'), true],
    ['a reset connection', sdkError('Error', undefined, { code: 'ECONNRESET' }), true],
    [
      'a body cut off mid-way',
      Object.assign(new Error('AWS SDK error wrapper for Error: aborted\n  Deserialization error: …'), {
        $metadata: {},
      }),
      true,
    ],
    [
      'a corrected clock skew',
      sdkError('InvalidSignatureException', 403, { $metadata: { clockSkewCorrected: true } }),
      true,
    ],
    ['AccessDeniedException', sdkError('AccessDeniedException', 400), false],
    ['ResourceNotFoundException', sdkError('ResourceNotFoundException', 400), false],
    ['InvalidParameterException', sdkError('InvalidParameterException', 400), false],
    ['invalid JSON on a 200', sdkError('SyntaxError', 200), false],
    ['the time budget (AbortError)', sdkError('AbortError'), false],
    ['a bug (TypeError)', new TypeError('x is not a function'), false],
    ['nothing', undefined, false],
  ])('%s: %s', (_label, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('abortableSleep', () => {
  it('returns at once when the signal has already ended', async () => {
    await expect(abortableSleep(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });

  it('returns when the signal ends during the wait', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
