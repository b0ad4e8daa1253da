import {
  BOT_ID,
  eventCallback,
  post,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  FORM,
  JSON_TYPE,
} from '../support/slack';
import { redisForFile } from '../support/redis';
import { openSharedState } from '../../src/slack/state';
import { Deduper } from '../../src/slack/dedupe';
import { createLog } from '../../src/log';
import { SCENARIOS } from '../../src/sandbox/world';

/**
 * Two replicas of the bot (two real Bolt apps, each with its own AWS sandbox and Web API client) sharing one real
 * Redis, given the same deliveries as Slack may send them: each is answered once.
 */

const CONFIG = slackConfig({ alertChannels: ['C0ALERTS'], alertBots: ['B0CHATBOT'] });

const redisDb = redisForFile();

/**
 * The replicas' state on the test Redis. A loaded machine (the whole suite on two cores) may take longer than the
 * bot's one-second command timeout, or its three-second wait for Redis at start, after which each replica would
 * rightly answer from its own memory: these tests are about sharing, so they give Redis time.
 */
const sharedOnRedis = (log: Parameters<typeof openSharedState>[1]) =>
  openSharedState(redisDb.server.url, log, { commandTimeoutMs: 15_000, readyTimeoutMs: 15_000 });

describe('Deliveries claimed by two replicas at the same moment', () => {
  it('tell exactly one replica it is the first, whatever order their keys come in', async () => {
    await redisDb.admin.flushall();
    const log = createLog({ level: 'silent' });
    const replicas = await Promise.all([sharedOnRedis(log), sharedOnRedis(log)]);
    await Promise.all(replicas.map((state) => state.connect()));
    try {
      const [a, b] = replicas.map((state) => new Deduper(state));
      for (let round = 0; round < 200; round++) {
        const event = `Ev${round}`;
        const post = `C0CHAN:1700000000.${String(round).padStart(6, '0')}`;
        const first = await Promise.all([
          a.firstTime(event, post),
          round % 2 === 0 ? b.firstTime(event, post) : b.firstTime(post, event),
        ]);
        expect(first.filter(Boolean)).toHaveLength(1);
      }
    } finally {
      await Promise.all(replicas.map((state) => state.close()));
    }
  });
});

describe('Slack bot: two replicas on one Redis', () => {
  let a: TestBot;
  let b: TestBot;
  beforeEach(async () => {
    await redisDb.admin.flushall();
    const shared = { state: sharedOnRedis };
    [a, b] = await Promise.all([startTestBot(CONFIG, shared), startTestBot(CONFIG, shared)]);
  });
  afterEach(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it('the same mention delivered to both is answered once', async () => {
    const calls = slackApi();
    const body = eventCallback(
      {
        type: 'app_mention',
        user: 'U0ONCALL',
        text: `<@U0BOT1234> ${SCENARIOS.deny.requestId}`,
        ts: '1700000100.000200',
        channel: 'C0CHAN',
      },
      'Ev0SAME',
    );
    await Promise.all([post(a.url, body, JSON_TYPE), post(b.url, body, JSON_TYPE)]);
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.thread_ts)).toEqual([
      '1700000100.000200',
      '1700000100.000200',
    ]);
  });

  it('the same slash command delivered to both (a redelivery) is answered once', async () => {
    const calls = slackApi();
    const body = slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`);
    await Promise.all([post(a.url, body, FORM), post(b.url, body, FORM)]);
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    const top = calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === undefined);
    expect(top).toHaveLength(1);
  });

  it('the same alarm under two event ids, one per replica, gets one reply in its thread', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [{ ts: '1700000300.000400', bot_id: 'B0CHATBOT' }] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    const alarm = {
      type: 'message',
      bot_id: 'B0CHATBOT',
      channel: 'C0ALERTS',
      ts: '1700000300.000400',
      text: '{"AlarmName":"orders-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"orders"}],"Period":300,"EvaluationPeriods":1}}',
    };
    await Promise.all([
      post(a.url, eventCallback(alarm, 'Ev0ALARM1'), JSON_TYPE),
      post(b.url, eventCallback(alarm, 'Ev0ALARM2'), JSON_TYPE),
    ]);
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    const replies = calls.filter((c) => c.method === 'chat.postMessage');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.filter((c) => String(c.body.text).startsWith('Scanning'))).toHaveLength(1);
  });

  it('a request already answered in a channel by one replica is linked to by the other', async () => {
    const calls = slackApi({
      'chat.getPermalink': () => ({
        permalink: 'https://example.slack.com/archives/C0CHAN/p1700000000000002',
      }),
    });
    const posts = responseUrls();
    const text = `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`;
    await post(a.url, slashCommand(text, { trigger_id: '1.1.1' }), FORM);
    await a.bot.idle();
    await post(b.url, slashCommand(text, { trigger_id: '2.2.2', user_id: 'U0OTHER' }), FORM);
    await b.bot.idle();

    expect(
      calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === undefined),
    ).toHaveLength(1);
    expect(posts.map((p) => p.body.text)).toEqual([
      expect.stringMatching(
        /already answered in this channel .*<https:\/\/example\.slack\.com\/archives\/C0CHAN\//,
      ),
    ]);
  });

  it('identical diagnoses asked in two channels at once run once, and both channels get the verdict', async () => {
    const runs = [jest.spyOn(a.sandbox.service, 'diagnose'), jest.spyOn(b.sandbox.service, 'diagnose')];
    const calls = slackApi();
    const text = `${SCENARIOS.cached.requestId} --api a1b2c3d4e5 --stage prod`;
    await Promise.all([
      post(a.url, slashCommand(text, { channel_id: 'C0ONE', trigger_id: '3.3.3' }), FORM),
      post(b.url, slashCommand(text, { channel_id: 'C0TWO', trigger_id: '4.4.4' }), FORM),
    ]);
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    expect(runs.map((run) => run.mock.calls.length).sort()).toEqual([0, 1]);
    for (const channel of ['C0ONE', 'C0TWO']) {
      const final = calls.filter((c) => c.method === 'chat.update' && c.body.channel === channel).at(-1);
      expect(JSON.stringify(final?.body.blocks)).toContain('authorizer-cached-policy-mismatch');
    }
    runs.forEach((run) => run.mockRestore());
  });

  it('the configuration one replica read is not read again by the other', async () => {
    slackApi();
    const text = `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`;
    await post(a.url, slashCommand(text, { channel_id: 'C0ONE', trigger_id: '5.5.5' }), FORM);
    await a.bot.idle();
    await post(
      b.url,
      slashCommand(text, { channel_id: 'C0TWO', trigger_id: '6.6.6', user_id: 'U0OTHER' }),
      FORM,
    );
    await b.bot.idle();

    const reads = (t: TestBot) => t.sandbox.fake.calls.filter((c) => c.operation === 'GetRestApi').length;
    expect(reads(a)).toBeGreaterThan(0);
    expect(reads(b)).toBe(0);
    expect(await redisDb.admin.keys('why403:config:*')).not.toEqual([]);
  });
});

describe('Slack bot: Redis goes down', () => {
  it('keeps answering from its own memory and logs one warning, then shares again once Redis is back', async () => {
    const t = await startTestBot(CONFIG, { state: sharedOnRedis });
    try {
      const calls = slackApi();
      await redisDb.server.stop();
      for (const [i, id] of [SCENARIOS.deny.requestId, SCENARIOS.permission.requestId].entries()) {
        const event = {
          type: 'app_mention',
          user: 'U0ONCALL',
          text: `<@U0BOT1234> ${id}`,
          ts: `170000050${i}.000100`,
          channel: 'C0CHAN',
        };
        await post(t.url, eventCallback(event, `Ev0DOWN${i}`), JSON_TYPE);
        await post(t.url, eventCallback(event, `Ev0DOWN${i}`), JSON_TYPE);
      }
      await t.bot.idle();

      expect(
        calls.filter(
          (c) => c.method === 'chat.postMessage' && !String(c.body.text).startsWith('why403: details'),
        ),
      ).toHaveLength(2);
      expect(
        t.logs.filter((line) => line.level === 'warn' && /^Redis is unavailable/.test(line.msg)),
      ).toHaveLength(1);

      await redisDb.server.start();
      for (let i = 0; i < 100 && !t.logs.some((line) => /^Redis is reachable again/.test(line.msg)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(t.logs.some((line) => line.level === 'info' && /^Redis is reachable again/.test(line.msg))).toBe(
        true,
      );
    } finally {
      await t.stop();
    }
  });
});
