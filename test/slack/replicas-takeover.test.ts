import nock from 'nock';
import {
  BOT_ID,
  BOT_USER,
  FORM,
  JSON_TYPE,
  SLACK_API,
  blockAction,
  eventCallback,
  post,
  recordingLog,
  slackConfig,
  slashCommand,
  type LogLine,
} from '../support/slack';
import { redisForFile } from '../support/redis';
import { startHostileAws, type HostileAws } from '../support/hostile-aws';
import type { SharedState } from '../../src/slack/state';
import { JobJournal } from '../../src/slack/journal';
import type { Job } from '../../src/slack/jobs';
import { createLog } from '../../src/log';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { Why403Service } from '../../src/pipeline/service';
import { SANDBOX_REGION, SCENARIOS } from '../../src/sandbox/world';
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
 * Work in flight survives the replica doing it. Two or three replicas (real Bolt apps, each with its own Web API
 * token and its own way to AWS) share one real Redis; one of them takes a job, its AWS call is held and never
 * answered, and it is stopped without its graceful shutdown (no waiting for its jobs; from then on nothing it sends
 * reaches Slack), as a SIGKILL, an OOM kill or a drained node would stop it. Another replica finishes the job and
 * answers exactly once, where it was asked, editing the message the dead one had posted.
 */

const CONFIG = slackConfig({
  alertChannels: ['C0ALERTS'],
  alertBots: ['B0CHATBOT'],
  users: { U0ONCALL: { apis: 'all', flush: true } },
  channels: { default: { apis: 'all', flush: false }, C0CHAN: { apis: 'all', flush: true } },
});

/** Short leases and sweeps, so that a takeover comes soon after a death; a live replica renews every third. */
const JOURNAL = { leaseMs: 1500, sweepMs: 100 };

const redisDb = redisForFile();

interface Replica extends ReplicaHandle {
  /** Its AWS, when its calls of one operation are held (never answered). */
  aws?: HostileAws;
}

let sandbox: Sandbox;
let now: number;
let calls: ReplicaCall[];
let replicas: Replica[];

/** Replicas in front of one simulated AWS, each test on an empty Redis; the dead ones' jobs are left to end. */
function withReplicas(): void {
  beforeEach(async () => {
    await redisDb.admin.flushall();
    now = Date.now();
    sandbox = await startSandbox({ now, config: { slack: CONFIG } });
    calls = [];
    replicas = [];
    slackWebApi();
  });

  afterEach(async () => {
    for (const replica of replicas) {
      // A dead replica's held AWS call fails once its AWS goes; its job then ends, unheard, and is waited for.
      await replica.aws?.close();
      if (!replica.dead) await replica.bot.stop();
      await replica.bot.idle();
      if (!replica.dead) await replica.bot.close();
    }
    await sandbox.close();
  });
}

/** The Web API for every replica, told apart by token; what a dead replica sends never arrives. */
function slackWebApi(): void {
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function (uri, requestBody) {
      const { replica, method, body } = receivedCall(uri, requestBody, this.req.headers.authorization);
      if (replicas.find((r) => r.name === replica)?.dead) return [503, 'the replica is dead'];
      const ts = `1700000900.${String(calls.length + 1).padStart(6, '0')}`;
      calls.push({ replica, method, body, ts });
      const extra: Record<string, unknown> =
        method === 'auth.test'
          ? { bot_id: BOT_ID, user_id: BOT_USER }
          : method === 'conversations.replies'
            ? { messages: [{ ts: body.ts, bot_id: 'B0CHATBOT' }] }
            : {};
      return [200, { ok: true, ts, channel: body.channel, ...extra }];
    });
}

/**
 * A replica on the shared Redis. With `hold`, its calls of that AWS operation are never answered: it reaches the
 * middle of its job and stays there.
 */
async function replica(
  name: string,
  options: {
    hold?: string;
    maxTakeovers?: number;
    state?: (log: ReturnType<typeof recordingLog>) => Promise<SharedState>;
  } = {},
): Promise<Replica> {
  const logs: LogLine[] = [];
  const log = recordingLog(logs);
  const aws = options.hold
    ? await startHostileAws(sandbox.fake.url, (exchange) =>
        exchange.operation === options.hold ? { kind: 'hang' } : undefined,
      )
    : undefined;
  const state = await (options.state ?? ((l) => sharedOnRedis(redisDb.server.url, l)))(log);
  const { bot, url } = await startReplicaBot(name, {
    log,
    state,
    service: aws ? new Why403Service(sandboxServiceOptions(aws.url, () => now, CONFIG)) : sandbox.service,
    journal: { ...JOURNAL, maxTakeovers: options.maxTakeovers },
  });
  const made: Replica = { name, bot, url, logs, aws, dead: false };
  replicas.push(made);
  return made;
}

const held = (r: Replica, operation: string) => (r.aws?.counts.get(operation) ?? 0) > 0;
const jobKeys = () => redisDb.admin.keys('why403:job:*');
const of = (name: string) => calls.filter((c) => c.replica === name);
const texts = (list: ReplicaCall[]) => list.map((c) => String(c.body.text));

const ALARM = {
  type: 'message',
  bot_id: 'B0CHATBOT',
  channel: 'C0ALERTS',
  ts: '1700000300.000400',
  text: '{"AlarmName":"orders-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"orders"}],"Period":300,"EvaluationPeriods":1}}',
};

describe('A replica dies in the middle of a job', () => {
  withReplicas();

  it('an alarm it was scanning is answered once, by another replica, in the alarm’s thread', async () => {
    const a = await replica('a', { hold: 'StartQuery' });
    const b = await replica('b');
    await post(a.url, eventCallback(ALARM, 'Ev0ALARM'), JSON_TYPE);
    await until(() => held(a, 'StartQuery'), 'A started the scan');
    expect(await jobKeys()).toHaveLength(1);
    const progress = of('a').filter((c) => c.method === 'chat.postMessage');
    expect(texts(progress)).toEqual([expect.stringMatching(/^Scanning/)]);

    await kill(a);
    await until(async () => (await jobKeys()).length === 0, 'the job finished elsewhere');
    await b.bot.idle();

    const answers = of('b').filter(
      (c) => c.method === 'chat.update' && String(c.body.text).startsWith('why403:'),
    );
    expect(answers).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ channel: 'C0ALERTS', ts: progress[0].ts });
    expect(String(answers[0].body.text)).toMatch(/Alarm orders-4xx: what the failed requests were/);
    // No second reply in the thread: only the fixes under the one answer.
    const posted = of('b').filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body.thread_ts)).toEqual(['1700000300.000400']);
    expect(texts(posted)).not.toContainEqual(expect.stringMatching(/^Scanning/));
    expect(b.logs.filter((l) => l.msg === 'took over a job whose replica stopped renewing it')).toHaveLength(
      1,
    );
  });

  it('a slash command it was diagnosing is answered once, in the message it had posted', async () => {
    const a = await replica('a', { hold: 'FilterLogEvents' });
    const b = await replica('b');
    await post(a.url, slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    await until(() => held(a, 'FilterLogEvents'), 'A started the search');
    const [looking] = of('a').filter((c) => c.method === 'chat.postMessage');
    expect(String(looking.body.text)).toMatch(/^Looking for request/);

    await kill(a);
    await until(async () => (await jobKeys()).length === 0, 'the job finished elsewhere');
    await b.bot.idle();

    const verdicts = of('b').filter(
      (c) => c.method === 'chat.update' && JSON.stringify(c.body.blocks).includes('authorizer-explicit-deny'),
    );
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].body).toMatchObject({ channel: 'C0CHAN', ts: looking.ts });
    // B posted nothing at the top of the channel: its only post is the details, in the answer's thread.
    expect(
      of('b')
        .filter((c) => c.method === 'chat.postMessage')
        .map((c) => c.body.thread_ts),
    ).toEqual([looking.ts]);
    // Not told "already being looked into": the claim on the answer was this very job's.
    expect(texts(of('b'))).not.toContainEqual(expect.stringMatching(/already being looked into/));
  });

  it('a flush it was sending is not sent again: the thread is told it may or may not have been, and how to check', async () => {
    const a = await replica('a', { hold: 'FlushStageAuthorizersCache' });
    const b = await replica('b');
    const value = JSON.stringify({
      requestId: SCENARIOS.cached.requestId,
      restApiId: 'a1b2c3d4e5',
      stage: 'prod',
      region: SANDBOX_REGION,
    });
    await post(a.url, blockAction({ action_id: 'why403_flush_cache', value }), FORM);
    await until(() => held(a, 'FlushStageAuthorizersCache'), 'A started the flush');

    await kill(a);
    await until(async () => (await jobKeys()).length === 0, 'the job ended elsewhere');
    await b.bot.idle();

    expect(sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache')).toEqual([]);
    const told = of('b').filter((c) => c.method === 'chat.postMessage');
    expect(told).toHaveLength(1);
    expect(String(told[0].body.text)).toMatch(
      /flush of the authorizer cache of `a1b2c3d4e5\/prod` .* was interrupted .* may or may not have been sent\. Look for FlushStageAuthorizersCache/,
    );
    expect(b.logs).toContainEqual(
      expect.objectContaining({
        audit: 'authorizer-cache-flush',
        outcome: 'interrupted',
        restApiId: 'a1b2c3d4e5',
      }),
    );
  });

  it('a job whose replicas keep dying is given up after its takeovers, with one reply saying what to type', async () => {
    const a = await replica('a', { hold: 'StartQuery', maxTakeovers: 1 });
    const b = await replica('b', { hold: 'StartQuery', maxTakeovers: 1 });
    await post(a.url, eventCallback(ALARM, 'Ev0ALARM'), JSON_TYPE);
    await until(() => held(a, 'StartQuery'), 'A started the scan');
    await kill(a);
    // B takes it over (A's lease runs out) and dies in the same place.
    await until(() => held(b, 'StartQuery'), 'B took the scan over');
    await kill(b);
    const c = await replica('c', { maxTakeovers: 1 });
    await until(async () => (await jobKeys()).length === 0, 'the job ended elsewhere');
    await c.bot.idle();

    const [scanning] = of('a').filter((call) => call.method === 'chat.postMessage');
    const gaveUp = of('c').filter((call) => /could not finish this/.test(String(call.body.text)));
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toMatchObject({ method: 'chat.update', body: { ts: scanning.ts } });
    expect(String(gaveUp[0].body.text)).toMatch(
      /stopped 2 times .* Type `\/why403 api [a-z0-9]{10} --since 5m` to ask again/,
    );
    expect(sandbox.fake.calls.filter((call) => call.operation === 'StartQuery')).toEqual([]);
  });
});

describe('Redis fails while a job is recorded', () => {
  withReplicas();
  afterEach(() => redisDb.admin.config('SET', 'maxmemory', '0'));

  it('the job is still done once, by the replica that took it, unrecorded', async () => {
    const a = await replica('a');
    // Every write now fails (OOM) on a connection that stays up: the record cannot be written.
    await redisDb.admin.config('SET', 'maxmemory', '1');
    await post(a.url, slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    await until(
      () => a.logs.some((l) => l.msg === 'job not recorded: no other replica could take it over'),
      'the job ran',
    );
    await a.bot.idle();

    const verdicts = of('a').filter(
      (c) => c.method === 'chat.update' && JSON.stringify(c.body.blocks).includes('authorizer-explicit-deny'),
    );
    expect(verdicts).toHaveLength(1);
    expect(of('a').filter((c) => c.method === 'chat.postMessage' && !c.body.thread_ts)).toHaveLength(1);
    expect(await jobKeys()).toEqual([]);
    expect(a.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('The journal on a real Redis', () => {
  beforeEach(() => redisDb.admin.flushall());
  const opened: SharedState[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
  });

  async function journal(leaseMs = 60_000): Promise<JobJournal> {
    const log = createLog({ level: 'silent' });
    const state = await sharedOnRedis(redisDb.server.url, log);
    await state.connect();
    opened.push(state);
    return new JobJournal(state, log, { leaseMs });
  }

  const alertJob = (id: string): Job => ({
    type: 'alert',
    who: { channel: 'C0ALERTS' },
    correlationId: id,
    message: { text: ALARM.text },
    ts: ALARM.ts,
  });

  it('of two replicas sweeping at the same moment, exactly one takes a dead replica’s job over', async () => {
    // The dead replica: its jobs recorded with a short lease it never renews.
    const dead = await journal(100);
    const [b, c] = await Promise.all([journal(), journal()]);
    for (let round = 0; round < 20; round++) {
      const job = alertJob(`job-${round}`);
      await dead.begin(job);
      let taken: Array<Job | undefined> = [];
      await until(async () => {
        taken = await Promise.all([b.sweep(), c.sweep()]);
        return taken.some(Boolean);
      }, 'a takeover');
      expect(taken.filter(Boolean)).toEqual([job]);
      // The taker holds it now: nobody else takes it, and once it is done, nobody ever will.
      expect(await Promise.all([b.sweep(), c.sweep()])).toEqual([undefined, undefined]);
      const taker = taken[0] ? b : c;
      expect(taker.entryOf(job)?.takeovers).toBe(1);
      await taker.end(job);
      expect(await jobKeys()).toEqual([]);
    }
  });

  it('a job still renewed is not taken over, and what a person wrote is kept redacted', async () => {
    const a = await journal(300);
    const b = await journal();
    a.start(() => undefined);
    try {
      const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
      const job: Job = {
        type: 'mention',
        who: { user: 'U0ONCALL', channel: 'C0CHAN' },
        correlationId: 'job-renewed',
        text: `<@U0BOT1234> ${SCENARIOS.deny.requestId} with Authorization: Bearer ${token}`,
        ts: '1700000100.000200',
      };
      await a.begin(job);
      const stored = String(await redisDb.admin.get('why403:job:job-renewed'));
      expect(stored).toContain(SCENARIOS.deny.requestId);
      expect(stored).not.toContain(token);
      // Swept again and again while A renews its lease three times (longer than one lease): it stays A's.
      const leaseLeft = () => redisDb.admin.pttl('why403:job-lease:job-renewed');
      let renewals = 0;
      let last = await leaseLeft();
      await until(async () => {
        expect(await b.sweep()).toBeUndefined();
        const left = await leaseLeft();
        if (left > last) renewals++;
        last = left;
        return renewals >= 3;
      }, 'three renewals');
      await a.end(job);
      expect(await jobKeys()).toEqual([]);
    } finally {
      await a.close();
    }
  });
});
