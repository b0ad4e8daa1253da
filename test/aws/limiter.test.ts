import { RateLimiter } from '../../src/aws/limiter';
import { AwsTimeoutError, toAwsError } from '../../src/aws/errors';

/** A clock that only moves when the limiter sleeps (or the test says so), and a record of every wait asked for. */
function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

function limiter(perSecond: number, burst: number, clock = fakeClock()) {
  return { clock, limiter: new RateLimiter(perSecond, burst, clock.now, clock.sleep) };
}

async function takeTimes(rateLimiter: RateLimiter, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await rateLimiter.take();
}

describe('RateLimiter', () => {
  it('lets a caller whose signal aborted leave the queue without a token, so the next one goes at once', async () => {
    const { clock, limiter: l } = limiter(2, 1);
    await l.take();
    const gone = new AbortController();
    gone.abort();
    await expect(l.take(gone.signal)).rejects.toThrow();
    await l.take();
    expect(clock.waits).toEqual([500]);
  });

  it('cuts short the wait of a caller whose signal aborts while it waits', async () => {
    const slept: number[] = [];
    const never = () => new Promise<void>(() => undefined);
    const l = new RateLimiter(1, 1, Date.now, (ms) => (slept.push(ms), never()));
    await l.take();
    const search = new AbortController();
    const waiting = l.take(search.signal);
    for (let turn = 0; slept.length === 0 && turn < 100; turn++) await Promise.resolve();
    search.abort();
    await expect(waiting).rejects.toThrow();
    expect(slept).toHaveLength(1);
  });

  it('names a wait cut short by the time budget a time budget that ran out, not a call that timed out', async () => {
    const never = () => new Promise<void>(() => undefined);
    const l = new RateLimiter(1, 1, Date.now, never);
    await l.take();
    const budget = new AbortController();
    const waiting = l.take(budget.signal);
    budget.abort(new DOMException('budget', 'TimeoutError'));
    const error = await waiting.catch((caught: unknown) => caught);
    expect(toAwsError(error, 'FilterLogEvents', 'group')).toBeInstanceOf(AwsTimeoutError);
    await expect(l.take(budget.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('lets a full burst through without asking to wait', async () => {
    const { clock, limiter: l } = limiter(2, 4);
    await takeTimes(l, 4);
    expect(clock.waits).toEqual([]);
  });

  it.each([
    { perSecond: 2, burst: 1, expected: [500, 500, 500] },
    { perSecond: 1, burst: 1, expected: [1000, 1000, 1000] },
    { perSecond: 4, burst: 2, expected: [250, 250] },
    { perSecond: 0.5, burst: 1, expected: [2000, 2000, 2000] },
    { perSecond: 5, burst: 3, expected: [200] },
  ])(
    'at $perSecond/s with burst $burst, four takes ask to wait $expected ms',
    async ({ perSecond, burst, expected }) => {
      const { clock, limiter: l } = limiter(perSecond, burst);
      await takeTimes(l, 4);
      expect(clock.waits).toEqual(expected);
    },
  );

  it('counts time that passed between takes and only waits for the remainder of a token', async () => {
    const { clock, limiter: l } = limiter(2, 2);
    await takeTimes(l, 2);
    clock.advance(300); // 0.6 of a token came back
    await l.take();
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0]).toBeCloseTo(200, 6);
  });

  it('does not wait when enough time passed since the last take', async () => {
    const { clock, limiter: l } = limiter(2, 1);
    await l.take();
    clock.advance(500);
    await l.take();
    clock.advance(750);
    await l.take();
    expect(clock.waits).toEqual([]);
  });

  it('never saves up more than the burst, however long it was idle', async () => {
    const { clock, limiter: l } = limiter(2, 2);
    await l.take();
    clock.advance(3_600_000);
    await takeTimes(l, 3);
    expect(clock.waits).toEqual([500]);
  });

  it('starts with a full bucket read from the injected clock, not the real one', async () => {
    const clock = fakeClock(0);
    const l = new RateLimiter(1, 2, clock.now, clock.sleep);
    await takeTimes(l, 3);
    expect(clock.waits).toEqual([1000]);
  });

  it('serves concurrent callers in the order they asked, one wait each beyond the burst', async () => {
    const { clock, limiter: l } = limiter(2, 1);
    const served: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => l.take().then(() => served.push(name))));
    expect(served).toEqual(['a', 'b', 'c', 'd']);
    expect(clock.waits).toEqual([500, 500, 500]);
  });

  it('a failed wait rejects that caller only; the next caller still gets its turn', async () => {
    const clock = fakeClock();
    let fail = true;
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (fail) {
        fail = false;
        throw new Error('aborted while waiting');
      }
      clock.advance(ms);
    };
    const l = new RateLimiter(2, 1, clock.now, sleep);
    await l.take();
    const second = l.take();
    const third = l.take();
    await expect(second).rejects.toThrow('aborted while waiting');
    await expect(third).resolves.toBeUndefined();
    expect(waits).toEqual([500, 500]);
  });
});
