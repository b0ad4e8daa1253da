import nock from 'nock';
import {
  CHATBOT_ALARM,
  FORM,
  JSON_TYPE,
  eventCallback,
  post,
  recordingLog,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startBot,
  type LogLine,
  type WebApiCall,
} from '../support/slack';
import { redisForFile } from '../support/redis';
import { startHostileAws, type HostileAws } from '../support/hostile-aws';
import { sandboxServiceOptions, sharedOnRedis, startReplicaBot } from '../support/replicas';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { Why403Service } from '../../src/pipeline/service';
import type { SharedState } from '../../src/slack/state';
import type { SlackBot } from '../../src/slack/app';
import { SCENARIOS } from '../../src/sandbox/world';
import { until } from '../support/until';

/**
 * One person may have only so many jobs under way (slack.maxJobsPerPerson): their AWS reads are held, never
 * answered, so that the jobs stay under way; the next command of the same person is refused in one line, anyone
 * else's is not, and once the jobs end the person may ask again. On replicas sharing Redis the limit is the person's,
 * whichever replica their commands reach.
 */

const CONFIG = slackConfig({
  alertChannels: ['C0ALERTS'],
  alertBots: ['B0CHATBOT'],
  maxJobsPerPerson: 2,
  users: { U0ONCALL: { apis: 'all', flush: false }, U0OTHER: { apis: 'all', flush: false } },
  channels: { C0CHAN: { apis: 'all', flush: false } },
});
const BUSY = /^You already have 2 requests under way with me\. Ask again once one of them has answered\.$/;
const IDS = [SCENARIOS.deny.requestId, SCENARIOS.apiKey.requestId, SCENARIOS.cached.requestId];

const redisDb = redisForFile();

interface Bot {
  bot: SlackBot;
  url: string;
  logs: LogLine[];
}

let sandbox: Sandbox;
let aws: HostileAws;
let bots: Bot[];
let calls: WebApiCall[];

beforeEach(async () => {
  await redisDb.admin.flushall();
  sandbox = await startSandbox({ config: { slack: CONFIG } });
  // Every diagnosis reads the execution log first: that read never answers until the proxy closes.
  aws = await startHostileAws(sandbox.fake.url, (exchange) =>
    exchange.operation === 'FilterLogEvents' ? { kind: 'hang' } : undefined,
  );
  bots = [];
  calls = slackApi();
});

afterEach(async () => {
  await aws.close();
  for (const { bot } of bots) {
    await bot.stop();
    await bot.idle();
    await bot.close();
  }
  await sandbox.close();
  nock.cleanAll();
});

/** A bot whose AWS is the holding proxy; on the shared Redis with `name`, else alone with memory state. */
async function startHeldBot(name?: string): Promise<Bot> {
  const logs: LogLine[] = [];
  const log = recordingLog(logs);
  const service = new Why403Service(sandboxServiceOptions(aws.url, () => Date.now(), CONFIG));
  let state: SharedState | undefined;
  if (name) state = await sharedOnRedis(redisDb.server.url, log);
  const { bot, url } = name
    ? await startReplicaBot(name, { log, state, service })
    : await startBot(service, log);
  const made = { bot, url, logs };
  bots.push(made);
  return made;
}

let asked = 0;

/** `/why403 REQUEST_ID` typed by `user`: a command of its own (trigger id), answered at a response_url of its own. */
function ask(bot: Bot, requestId: string, user = 'U0ONCALL') {
  asked++;
  return post(
    bot.url,
    slashCommand(`${requestId} --api a1b2c3d4e5 --stage prod`, {
      user_id: user,
      trigger_id: `trigger.${asked}`,
      response_url: `https://hooks.slack.com/commands/T0TEAM/${user}/${requestId}`,
    }),
    FORM,
  );
}

const busyFor = (posts: ReturnType<typeof responseUrls>, user: string) =>
  posts.filter((p) => p.path.includes(`/${user}/`) && BUSY.test(String(p.body.text)));
/** Jobs of `user` started on these bots (each then holds a read of the log). */
const started = (on: Bot[], user = 'U0ONCALL') =>
  on.flatMap((b) => b.logs).filter((l) => l.msg === 'job started' && l.slackUser === user).length;

// Each job waits for its held read; a test waits for what it asserts (until), never for a time.
jest.setTimeout(60_000);

describe('Jobs one person may have under way', () => {
  it('refuses the next of the same person in one line, not anyone else’s, and takes it again once one ends', async () => {
    const posts = responseUrls();
    const one = await startHeldBot();
    await ask(one, IDS[0]);
    await ask(one, IDS[1]);
    await until(() => started([one]) === 2, 'both jobs are under way');

    await ask(one, IDS[2]);
    await ask(one, IDS[2], 'U0OTHER');
    await until(() => busyFor(posts, 'U0ONCALL').length === 1, 'the person is told to wait');
    await until(() => started([one], 'U0OTHER') === 1, 'the other person’s job is under way');
    expect(started([one])).toBe(2);
    expect(busyFor(posts, 'U0OTHER')).toEqual([]);
    expect(posts.find((p) => BUSY.test(String(p.body.text)))?.body.response_type).toBe('ephemeral');
    expect(one.logs).toContainEqual(
      expect.objectContaining({
        msg: 'job refused: the person has too many under way',
        slackUser: 'U0ONCALL',
      }),
    );

    // The held reads fail: the jobs end (each telling its person) and give their places back to the same bot.
    await aws.close();
    await one.bot.idle();
    await ask(one, IDS[2]);
    await one.bot.idle();
    expect(started([one])).toBe(3);
    expect(busyFor(posts, 'U0ONCALL')).toHaveLength(1);
  });

  it('counts a person’s jobs on every replica sharing Redis', async () => {
    const posts = responseUrls();
    const a = await startHeldBot('a');
    const b = await startHeldBot('b');
    await ask(a, IDS[0]);
    await ask(b, IDS[1]);
    await until(() => started([a, b]) === 2, 'a job on each replica is under way');

    await ask(a, IDS[2]);
    await until(() => busyFor(posts, 'U0ONCALL').length === 1, 'the person is told to wait');
    expect(started([a, b])).toBe(2);
    expect(await redisDb.admin.keys('why403:person-jobs:U0ONCALL:*')).toHaveLength(2);
  });

  it('does not count alarms: they are nobody’s', async () => {
    const one = await startHeldBot();
    for (let i = 0; i < 3; i++)
      await post(one.url, eventCallback({ ...CHATBOT_ALARM, ts: `170000030${i}.000400` }), JSON_TYPE);
    await until(
      () => one.logs.filter((l) => l.msg === 'job started').length === 3,
      'the three alarms are scanned',
    );
    expect(calls.filter((c) => BUSY.test(String(c.body.text)))).toEqual([]);
  });
});
