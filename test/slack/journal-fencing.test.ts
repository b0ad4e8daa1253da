import nock from 'nock';
import {
  BOT_ID,
  BOT_USER,
  FORM,
  JSON_TYPE,
  SLACK_API,
  eventCallback,
  post,
  recordingLog,
  slackConfig,
  slashCommand,
  type LogLine,
} from '../support/slack';
import { redisForFile } from '../support/redis';
import { MemoryStore, type FenceAction, type SharedState, type SharedStore } from '../../src/slack/state';
import { JobJournal, JobLostError, type JournalEntry } from '../../src/slack/journal';
import type { Job } from '../../src/slack/jobs';
import { createLog } from '../../src/log';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { Why403Service } from '../../src/pipeline/service';
import type { DiagnoseQuery } from '../../src/pipeline/diagnose';
import { SCENARIOS } from '../../src/sandbox/world';
import { until } from '../support/until';
import {
  kill,
  receivedCall,
  sandboxServiceOptions,
  sharedOnRedis,
  startReplicaBot,
  type ReplicaCall,
  type ReplicaHandle,
} from '../support/replicas';

/**
 * Two replicas must never answer a Slack job twice. Replicas (real Bolt apps, each with its own Web API token) share
 * one real Redis and one fake Slack that keeps the messages posted, as Slack does. A replica whose event loop stalls
 * past its lease is simulated without timing: its renewals are too far apart to come during the test, and its lease
 * is deleted, so that another replica takes the job over while the first one is held in the middle of its work and
 * let go on afterwards. A replica that dies after answering is one whose Slack post is never answered before it is
 * killed: the post reached Slack, the replica never heard.
 */

const CONFIG = slackConfig({
  users: { U0ONCALL: { apis: 'all', flush: true } },
  channels: { default: { apis: 'all', flush: false }, C0CHAN: { apis: 'all', flush: true } },
});

/** Short leases and sweeps, so that a takeover comes soon after a death; a live replica renews every third. */
const JOURNAL = { leaseMs: 1500, sweepMs: 100 };
/** A stalled replica: its lease is renewed so rarely that no renewal comes during a test. */
const STALLED = { leaseMs: 600_000, sweepMs: 100 };

const redisDb = redisForFile();

interface Replica extends ReplicaHandle {
  state: SharedState;
}

/** A message as the fake Slack keeps it, for conversations.history and .replies. */
interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  bot_id: string;
  metadata?: unknown;
}

let sandbox: Sandbox;
let now: number;
let calls: ReplicaCall[];
let stored: StoredMessage[];
let replicas: Replica[];
/** Slack calls received but never answered (the replica making them died waiting), answered at the end. */
let unanswered: Array<() => void>;
/** Which calls Slack receives and never answers. */
let hangIf: (call: ReplicaCall) => boolean;

/** Replicas in front of one simulated AWS and one fake Slack, each test on an empty Redis. */
function withReplicas(): void {
  beforeEach(async () => {
    await redisDb.admin.flushall();
    now = Date.now();
    sandbox = await startSandbox({ now, config: { slack: CONFIG } });
    calls = [];
    stored = [];
    replicas = [];
    unanswered = [];
    hangIf = () => false;
    slackWebApi();
  });

  afterEach(async () => {
    // A dead replica's post Slack never answered fails now: its job ends, unheard, and is waited for.
    for (const answer of unanswered) answer();
    for (const replica of replicas) {
      if (!replica.dead) await replica.bot.stop();
      await replica.bot.idle();
      if (!replica.dead) await replica.bot.close();
    }
    await sandbox.close();
  });
}

/** The Web API for every replica, told apart by token, keeping messages; what a dead replica sends never arrives. */
function slackWebApi(): void {
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function (uri, requestBody, callback) {
      const { replica, method, body } = receivedCall(uri, requestBody, this.req.headers.authorization);
      if (replicas.find((r) => r.name === replica)?.dead) return callback(null, [503, 'the replica is dead']);
      const ts = `1700000900.${String(calls.length + 1).padStart(6, '0')}`;
      const call = { replica, method, body, ts };
      calls.push(call);
      const answer: [number, Record<string, unknown>] = [
        200,
        { ok: true, ts, channel: body.channel, ...slackAnswer(call) },
      ];
      if (hangIf(call)) unanswered.push(() => callback(null, [503, 'never answered']));
      else callback(null, answer);
    });
}

function slackAnswer({ method, body, ts }: ReplicaCall): Record<string, unknown> {
  const { channel, text } = body;
  switch (method) {
    case 'auth.test':
      return { bot_id: BOT_ID, user_id: BOT_USER };
    case 'chat.postMessage':
      stored.push({ channel, ts, thread_ts: body.thread_ts, text, bot_id: BOT_ID, metadata: body.metadata });
      return {};
    case 'chat.update': {
      const message = stored.find((m) => m.channel === channel && m.ts === body.ts);
      if (message) message.text = text;
      return message ? { ts: body.ts } : { ok: false, error: 'message_not_found' };
    }
    case 'conversations.replies':
      return {
        messages: visible(
          stored.filter((m) => m.channel === channel && (m.ts === body.ts || m.thread_ts === body.ts)),
          body,
        ),
      };
    case 'conversations.history':
      return {
        messages: visible(
          stored.filter((m) => m.channel === channel && !m.thread_ts),
          body,
        ),
      };
    default:
      return {};
  }
}

/** Slack shows a message's metadata only to who asks for it. */
function visible(messages: StoredMessage[], body: Record<string, any>): StoredMessage[] {
  return messages.map(({ metadata, ...rest }) =>
    body.include_all_metadata === 'true' ? { ...rest, metadata } : rest,
  );
}

/** A diagnosis held where it starts until `open`: the replica stays in the middle of its job. */
function gate(): { open: () => void; opened: Promise<void>; reached: boolean } {
  const held = { open: () => {}, opened: Promise.resolve(), reached: false };
  held.opened = new Promise<void>((resolve) => (held.open = resolve));
  return held;
}

class GatedService extends Why403Service {
  constructor(private readonly held: ReturnType<typeof gate>) {
    super(sandboxServiceOptions(sandbox.fake.url, () => now, CONFIG));
  }

  override async diagnose(...args: [DiagnoseQuery, ...unknown[]]) {
    this.held.reached = true;
    await this.held.opened;
    return super.diagnose(...(args as Parameters<Why403Service['diagnose']>));
  }
}

async function replica(
  name: string,
  options: { held?: ReturnType<typeof gate>; journal?: typeof JOURNAL } = {},
): Promise<Replica> {
  const logs: LogLine[] = [];
  const log = recordingLog(logs);
  const state = await sharedOnRedis(redisDb.server.url, log);
  const { bot, url } = await startReplicaBot(name, {
    log,
    state,
    service: options.held ? new GatedService(options.held) : sandbox.service,
    journal: options.journal ?? JOURNAL,
  });
  const made: Replica = { name, bot, url, logs, state, dead: false };
  replicas.push(made);
  return made;
}

const jobKeys = () => redisDb.admin.keys('why403:job:*');
const of = (name: string) => calls.filter((c) => c.replica === name);
const WRITES = ['chat.postMessage', 'chat.update', 'chat.postEphemeral'];
const writes = (list: ReplicaCall[]) => list.filter((c) => WRITES.includes(c.method));
const tookOver = (r: Replica) =>
  r.logs.some((l) => l.msg === 'took over a job whose replica stopped renewing it');
const lostIt = (r: Replica) =>
  r.logs.filter((l) => l.msg === 'another replica took over this job: it stops here and posts nothing more');

/** Deletes the lease of the only job recorded: as if its replica had not renewed it for a whole lease. */
async function expireTheLease(): Promise<string> {
  const [key] = await jobKeys();
  const id = key.replace('why403:job:', '');
  await redisDb.admin.del(`why403:job-lease:${id}`);
  return id;
}

const DENY = `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`;
const isVerdict = (c: ReplicaCall) =>
  JSON.stringify(c.body.blocks ?? '').includes('authorizer-explicit-deny');

describe('A replica stalls past its lease and wakes up', () => {
  withReplicas();

  it('after the taker answered: it posts nothing, and the answer is given once', async () => {
    const held = gate();
    const a = await replica('a', { held, journal: STALLED });
    const b = await replica('b');
    await post(a.url, slashCommand(DENY), FORM);
    await until(() => held.reached, 'A started the diagnosis');
    const [looking] = writes(of('a'));
    expect(looking.method).toBe('chat.postMessage');

    await expireTheLease();
    await until(
      async () => tookOver(b) && (await jobKeys()).length === 0,
      'B took the job over and finished it',
    );
    await b.bot.idle();
    const before = writes(of('a')).length;

    held.open();
    await until(() => lostIt(a).length > 0, 'A found the job taken');
    await a.bot.idle();

    expect(writes(of('a'))).toHaveLength(before);
    const verdicts = writes(calls).filter(isVerdict);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ replica: 'b', method: 'chat.update', body: { ts: looking.ts } });
    // One details post, in the answer's thread; no second message at the top of the channel.
    const posted = writes(calls).filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => [c.replica, c.body.thread_ts])).toEqual([
      ['a', undefined],
      ['b', looking.ts],
    ]);
    expect(a.logs.filter((l) => l.level >= 50)).toEqual([]);
    // Nothing of the job is left for anyone to take over again.
    expect(await redisDb.admin.keys('why403:job*')).toEqual([]);
  });

  it('while the taker still works: it stops at its next write, and only the taker answers', async () => {
    const heldA = gate();
    const heldB = gate();
    const a = await replica('a', { held: heldA, journal: STALLED });
    const b = await replica('b', { held: heldB });
    await post(a.url, slashCommand(DENY), FORM);
    await until(() => heldA.reached, 'A started the diagnosis');
    const [looking] = writes(of('a'));

    await expireTheLease();
    await until(() => heldB.reached, 'B took the job over');
    heldA.open();
    await until(() => lostIt(a).length > 0, 'A found the job taken');
    await a.bot.idle();
    expect(writes(of('a'))).toEqual([looking]);
    // A deleted nothing of B's: B's lease and record are still there.
    expect(await redisDb.admin.keys('why403:job*')).toHaveLength(2);

    heldB.open();
    await until(async () => (await jobKeys()).length === 0, 'B finished the job');
    await b.bot.idle();
    const verdicts = writes(calls).filter(isVerdict);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ replica: 'b', method: 'chat.update', body: { ts: looking.ts } });
  });
});

describe('A replica dies after answering, before deleting the record', () => {
  withReplicas();

  it('the taker edits what was posted (found by its mark when the post was never confirmed) and posts nothing twice', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const [first, second] = [SCENARIOS.deny.requestId, SCENARIOS.cached.requestId];
    // The second diagnosis's progress post reaches Slack; A never hears back, and dies waiting.
    hangIf = (call) =>
      call.replica === 'a' && call.method === 'chat.postMessage' && String(call.body.text).includes(second);
    const mention = { type: 'app_mention', user: 'U0ONCALL', channel: 'C0CHAN', ts: '1700000100.000200' };
    await post(
      a.url,
      eventCallback({ ...mention, text: `<@${BOT_USER}> ${first} and ${second}` }),
      JSON_TYPE,
    );
    await until(() => unanswered.length > 0, 'A posted its second progress message');
    const answeredByA = writes(of('a'));
    await kill(a);

    await until(async () => tookOver(b) && (await jobKeys()).length === 0, 'B finished the job');
    await b.bot.idle();

    // Every message was posted once: A's first reply, its details and its second reply; B posted only the details
    // of the second, in the thread.
    const posts = writes(calls).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((c) => c.replica)).toEqual(['a', 'a', 'a', 'b']);
    expect(stored.every((m) => m.thread_ts === mention.ts)).toBe(true);
    const [reply1, details1, reply2] = posts;
    expect(answeredByA.filter((c) => c.method === 'chat.postMessage')).toEqual([reply1, details1, reply2]);
    expect(String(details1.body.text)).not.toMatch(/^Looking for/);
    // B edited the first answer and its details in place, never back to "Looking for…", and answered the second
    // in the message A had posted for it.
    const edits = of('b').filter((c) => c.method === 'chat.update');
    expect(edits.filter((c) => c.body.ts === reply1.ts).map((c) => String(c.body.text))).not.toContainEqual(
      expect.stringMatching(/^Looking for/),
    );
    expect(edits.map((c) => c.body.ts)).toEqual(expect.arrayContaining([reply1.ts, details1.ts, reply2.ts]));
    // What Slack shows in the end: each answer once, each with its details once.
    expect(stored.map((m) => m.text.split(' — ')[0])).toEqual([
      'why403: authorizer-explicit-deny (high)',
      `why403: details of request ${first}`,
      'why403: authorizer-cached-policy-mismatch (high)',
      `why403: details of request ${second}`,
    ]);
    // B looked for the post A never heard back about, by its mark.
    expect(of('b').filter((c) => c.method === 'conversations.replies')).toContainEqual(
      expect.objectContaining({ body: expect.objectContaining({ include_all_metadata: 'true' }) }),
    );
  });
});

describe('Redis goes away while a job is recorded', () => {
  withReplicas();

  it('the only replica working on it still answers, once', async () => {
    const held = gate();
    const a = await replica('a', { held });
    await post(a.url, slashCommand(DENY), FORM);
    await until(() => held.reached, 'A started the diagnosis');
    expect(await jobKeys()).toHaveLength(1);

    await redisDb.server.stop();
    try {
      await until(() => !a.state.shared, 'A saw Redis go');
      held.open();
      await until(() => writes(of('a')).some(isVerdict), 'A answered');
      await a.bot.idle();
    } finally {
      await redisDb.server.start();
    }

    expect(writes(calls).filter(isVerdict)).toHaveLength(1);
    expect(lostIt(a)).toEqual([]);
    expect(a.logs).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/^Redis is unavailable/) }),
    );
    // Redis, back (empty: it persists nothing), is A's again before A is stopped.
    await until(() => a.state.shared, 'A saw Redis back');
  });
});

describe('Fencing on a real Redis', () => {
  beforeEach(() => redisDb.admin.flushall());
  const opened: SharedState[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
  });

  async function journal(): Promise<JobJournal> {
    const log = createLog({ level: 'silent' });
    const state = await sharedOnRedis(redisDb.server.url, log);
    await state.connect();
    opened.push(state);
    return new JobJournal(state, log, { leaseMs: 60_000 });
  }

  const job: Job = {
    type: 'diagnose',
    who: { user: 'U0ONCALL', channel: 'C0CHAN' },
    correlationId: 'job-fenced',
    query: { requestId: SCENARIOS.deny.requestId },
    reply: { channel: 'C0CHAN' },
  };
  const lease = 'why403:job-lease:job-fenced';
  const record = 'why403:job:job-fenced';

  it.each<[string, (entry: JournalEntry, a: JobJournal) => Promise<unknown>]>([
    ['a renewal', (_entry, a) => a.renew()],
    ['a check before a write', (entry) => entry.fence('chat.update').catch(() => undefined)],
    ['recording a write', (entry) => entry.writing('0:answer', 'C0CHAN').catch(() => undefined)],
  ])(
    '%s that finds the job taken over marks it lost, and the loser deletes nothing of the taker’s',
    async (_, act) => {
      const [a, b] = await Promise.all([journal(), journal()]);
      await a.begin(job);
      const entry = a.entryOf(job)!;
      await redisDb.admin.del(lease);
      expect(await b.sweep()).toEqual(job);
      const taken = await redisDb.admin.get(record);

      await act(entry, a);
      expect(entry.lost).toBe(true);
      expect(entry.signal.reason).toBeInstanceOf(JobLostError);
      await expect(entry.fence('chat.postMessage')).rejects.toBeInstanceOf(JobLostError);
      await a.end(job);
      expect(await redisDb.admin.get(record)).toBe(taken);
      expect(await redisDb.admin.exists(lease)).toBe(1);
      await b.entryOf(job)!.fence('chat.update');
      await b.end(job);
      expect(await redisDb.admin.keys('why403:job*')).toEqual([]);
    },
  );

  it('a lease that ran out with nobody taking the job is still its holder’s, until the job is finished elsewhere', async () => {
    const [a, b] = await Promise.all([journal(), journal()]);
    await a.begin(job);
    const entry = a.entryOf(job)!;
    await redisDb.admin.del(lease);
    await entry.fence('chat.update');
    expect(await redisDb.admin.exists(lease)).toBe(1);
    expect(await b.sweep()).toBeUndefined();

    // Taken over and finished while A stalled: A neither writes nor brings the job back.
    await redisDb.admin.del(lease);
    expect(await b.sweep()).toEqual(job);
    await b.end(job);
    await expect(entry.fence('chat.update')).rejects.toBeInstanceOf(JobLostError);
    expect(await redisDb.admin.keys('why403:job*')).toEqual([]);
  });
});

describe('fence, in Redis and in memory alike', () => {
  beforeEach(() => redisDb.admin.flushall());
  const opened: SharedState[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
  });

  const keys = { lease: 'job-lease:j', record: 'job:j' };
  const renew: FenceAction = { kind: 'renew', leaseMs: 60_000, recordTtlMs: 60_000 };
  const save: FenceAction = { ...renew, kind: 'save', record: '{"holder":"mine","n":2}' };
  const end: FenceAction = { kind: 'end' };
  const record = (holder: string) => JSON.stringify({ holder, n: 1 });

  it.each<
    [string, { lease?: string; record?: string }, FenceAction, boolean, { lease?: string; record?: string }]
  >([
    [
      'renewed by its holder',
      { lease: 'mine', record: record('mine') },
      renew,
      true,
      { lease: 'mine', record: record('mine') },
    ],
    [
      'held by another',
      { lease: 'theirs', record: record('theirs') },
      renew,
      false,
      { lease: 'theirs', record: record('theirs') },
    ],
    [
      'run out, still named in the record',
      { record: record('mine') },
      renew,
      true,
      { lease: 'mine', record: record('mine') },
    ],
    [
      'run out, taken over meanwhile',
      { record: record('theirs') },
      renew,
      false,
      { record: record('theirs') },
    ],
    ['run out, finished elsewhere', {}, renew, false, {}],
    [
      'run out, a record this version cannot read',
      { record: 'not json' },
      renew,
      false,
      { record: 'not json' },
    ],
    [
      'saved by its holder',
      { lease: 'mine', record: record('mine') },
      save,
      true,
      { lease: 'mine', record: '{"holder":"mine","n":2}' },
    ],
    [
      'saved by another',
      { lease: 'theirs', record: record('theirs') },
      save,
      false,
      { lease: 'theirs', record: record('theirs') },
    ],
    ['ended by its holder', { lease: 'mine', record: record('mine') }, end, true, {}],
    [
      'ended by one that lost it',
      { lease: 'theirs', record: record('theirs') },
      end,
      false,
      { lease: 'theirs', record: record('theirs') },
    ],
  ])('%s', async (_, before, action, held, after) => {
    const state = await sharedOnRedis(redisDb.server.url, createLog({ level: 'silent' }));
    await state.connect();
    opened.push(state);
    for (const store of [state, new MemoryStore()] as SharedStore[]) {
      if (before.lease) await store.set(keys.lease, before.lease, 60_000);
      if (before.record) await store.set(keys.record, before.record, 60_000);
      expect(await store.fence(keys, 'mine', action)).toBe(held);
      expect({ lease: await store.get(keys.lease), record: await store.get(keys.record) }).toEqual({
        lease: after.lease,
        record: after.record,
      });
    }
  });
});
