import { recordingLog, type LogLine } from '../support/slack';
import { redisForFile } from '../support/redis';
import { openSharedState, sharedConfigStore, type SharedState } from '../../src/slack/state';
import { SharedFlight, flightId } from '../../src/slack/flight';
import { AnswerIndex } from '../../src/slack/answers';
import { until } from '../support/until';

/**
 * Two replicas' shared state on one real Redis, pushed where a replica dies, Redis answers errors on a live
 * connection, a lock outlives its holder's lease, or a value in Redis was not written by this version of the bot.
 */

const opened: SharedState[] = [];

const redisDb = redisForFile();

beforeEach(() => redisDb.admin.flushall());

afterEach(async () => {
  await redisDb.admin.config('SET', 'maxmemory', '0');
  await Promise.all(opened.splice(0).map((state) => state.close()));
});

/** A replica's state on the test Redis, given time on a loaded machine: these tests are about sharing. */
async function replica(lines: LogLine[] = []): Promise<SharedState> {
  const state = await openSharedState(redisDb.server.url, recordingLog(lines), {
    commandTimeoutMs: 15_000,
    readyTimeoutMs: 15_000,
  });
  await state.connect();
  opened.push(state);
  return state;
}

/** Waits (polling, no timing assertion) until `check` holds. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const lockOf = (key: string) => `why403:flight:${flightId(key)}`;

describe('Single flight across replicas', () => {
  it('a run that outlives its lock does not release the lock of the run that took over', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const key = 'diagnose|slow';
    const slowA = gate();
    const slowB = gate();
    // Replica A's lock lasts a moment; its work goes on after that (AWS slow, the event loop busy).
    const runA = new SharedFlight(a, 200).run(key, async () => {
      await slowA.opened;
      return 'a';
    });
    await until(async () => (await redisDb.admin.exists(lockOf(key))) === 1);
    await until(async () => (await redisDb.admin.exists(lockOf(key))) === 0);
    const runB = new SharedFlight(b, 60_000).run(key, async () => {
      await slowB.opened;
      return 'b';
    });
    await until(async () => (await redisDb.admin.exists(lockOf(key))) === 1);
    const ownerB = await redisDb.admin.get(lockOf(key));

    slowA.open();
    expect(await runA).toBe('a');

    // B still runs: a third replica asking now must wait for B, not start a third run.
    expect(await redisDb.admin.get(lockOf(key))).toBe(ownerB);
    slowB.open();
    expect(await runB).toBe('b');
    expect(await redisDb.admin.exists(lockOf(key))).toBe(0);
  });

  it('a result another version of the bot left unreadable is not an error: the replica runs the work itself', async () => {
    const [a] = await Promise.all([replica()]);
    const key = 'diagnose|garbled';
    const id = flightId(key);
    await redisDb.admin.set(lockOf(key), 'other-version-run', 'PX', 60_000);
    await redisDb.admin.set(`why403:result:${id}:other-version-run`, '{"verdict": <not json', 'PX', 60_000);

    await expect(new SharedFlight(a, 60_000).run(key, async () => 'ours')).resolves.toBe('ours');
  });
});

describe('Answers in a channel', () => {
  const WINDOW_MS = 15 * 60_000;
  const LEASE_MS = 60_000;

  it('an answer still running is held for the lease, not the whole repeat window: a replica that dies mid-job frees it soon', async () => {
    const [a] = await Promise.all([replica()]);
    const answers = new AnswerIndex(a, WINDOW_MS, LEASE_MS);
    const record = { user: 'U0ONCALL', at: Date.now() };
    const key = 'why403:answered:C0CHAN:req-1';

    expect(await answers.claim('C0CHAN', 'REQ-1', record)).toEqual({ claimed: true });
    expect(await redisDb.admin.pttl(key)).toBeLessThanOrEqual(LEASE_MS);
    await answers.posted('C0CHAN', 'REQ-1', { ...record, ts: '1700000000.000100' });
    expect(await redisDb.admin.pttl(key)).toBeLessThanOrEqual(LEASE_MS);

    await answers.posted('C0CHAN', 'REQ-1', { ...record, ts: '1700000000.000100', done: true });
    expect(await redisDb.admin.pttl(key)).toBeGreaterThan(LEASE_MS);
  });

  it.each([
    ['not JSON', '{"user": "U0X", "at":'],
    ['JSON of another shape', '["U0X", 1700000000000]'],
    ['a record whose time is not a number', '{"user":"U0X","at":"yesterday"}'],
    ['a record whose user is not a Slack id', '{"user":"<!channel>","at":1700000000000}'],
  ])('a record left by another version (%s) is replaced, not an error', async (_, value) => {
    const [a] = await Promise.all([replica()]);
    const answers = new AnswerIndex(a, WINDOW_MS, LEASE_MS);
    await redisDb.admin.set('why403:answered:C0CHAN:req-2', value, 'PX', WINDOW_MS);
    const record = { user: 'U0ONCALL', at: Date.now() };

    await expect(answers.claim('C0CHAN', 'REQ-2', record)).resolves.toEqual({ claimed: true });
    expect(JSON.parse((await redisDb.admin.get('why403:answered:C0CHAN:req-2')) ?? 'null')).toEqual(record);
  });
});

describe('The configuration cache in Redis', () => {
  it.each([
    ['not JSON', '{"id": "a1b2c3d4e5", '],
    ['a number', '42'],
    ['a string', '"a1b2c3d4e5"'],
  ])('an entry that is %s is a miss, not a failed diagnosis', async (_, value) => {
    const [a] = await Promise.all([replica()]);
    await redisDb.admin.set('why403:config:|us-east-1|rest-api|a1b2c3d4e5', value, 'PX', 60_000);

    await expect(sharedConfigStore(a).get('|us-east-1|rest-api|a1b2c3d4e5')).resolves.toBeUndefined();
  });

  it('an entry as this version wrote it is read back', async () => {
    const [a] = await Promise.all([replica()]);
    const store = sharedConfigStore(a);
    await store.set('|us-east-1|rest-api|a1b2c3d4e5', { id: 'a1b2c3d4e5' }, 60_000);

    await expect(store.get('|us-east-1|rest-api|a1b2c3d4e5')).resolves.toEqual({ id: 'a1b2c3d4e5' });
  });
});

describe('Redis answering errors on a live connection', () => {
  it('each outage is warned about once, and sharing again is said once, though the connection never dropped', async () => {
    const lines: LogLine[] = [];
    const a = await replica(lines);
    const outage = async () => {
      await redisDb.admin.config('SET', 'maxmemory-policy', 'noeviction');
      await redisDb.admin.config('SET', 'maxmemory', '1');
    };
    const back = () => redisDb.admin.config('SET', 'maxmemory', '0');
    const warned = () => lines.filter((l) => l.level === 'warn' && /^Redis is unavailable/.test(l.msg));
    const recovered = () =>
      lines.filter((l) => l.level === 'info' && /^Redis is reachable again/.test(l.msg));

    await outage();
    // OOM: the write is refused by Redis; the claim is made in this replica's memory instead.
    expect(await a.claim('delivery:one', '1', 60_000)).toBe(true);
    expect(await a.claim('delivery:two', '1', 60_000)).toBe(true);
    expect(warned()).toHaveLength(1);

    await back();
    expect(await a.claim('delivery:three', '1', 60_000)).toBe(true);
    expect(await redisDb.admin.exists('why403:delivery:three')).toBe(1);
    expect(recovered()).toHaveLength(1);

    await outage();
    expect(await a.claim('delivery:four', '1', 60_000)).toBe(true);
    expect(warned()).toHaveLength(2);
  });
});
