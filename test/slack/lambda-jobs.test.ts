import nock from 'nock';
import { createLambdaHandler, DEADLINE_MARGIN_MS, type LambdaHandler } from '../../src/slack/lambda';
import { sealJob } from '../../src/slack/dispatch';
import type { Job } from '../../src/slack/jobs';
import type { SlackMessageLike } from '../../src/slack/alerts';
import { Why403Service } from '../../src/pipeline/service';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SCENARIOS } from '../../src/sandbox/world';
// Loaded here, as the doctor job loads them on use: the job then reaches AWS at once, well before its deadline.
import '../../src/doctor';
import '../../src/aws/iam';
import '../../src/aws/lambda-policy';
import { hungAws, type HungAws } from '../doctor/support/hung-aws';
import {
  BOT_ID,
  JSON_TYPE,
  SECRET,
  SLACK_API,
  eventCallback,
  post,
  recordingLog,
  responseUrls,
  slackApi,
  slackConfig,
  startBot,
  type LogLine,
  type WebApiCall,
} from '../support/slack';
import { until } from '../support/until';

/**
 * Jobs in the Lambda's second invocation, through the real AwsLambdaReceiver, the real AWS SDK and the Slack Web API
 * on nock: doctor stopped at the deadline, and alarms that ask Slack nothing the start already asked.
 */

const ORDERS = SCENARIOS.cached.restApiId;
const STOPPED = 'job stopped: it posts nothing more';

let sandbox: Sandbox;
let logs: LogLine[];
beforeEach(async () => {
  sandbox = await startSandbox({
    config: {
      slack: slackConfig({
        alertChannels: ['C0ALERTS'],
        alertBots: ['B0CHATBOT'],
        users: { U0ONCALL: { apis: 'all', flush: false } },
        channels: { C0CHAN: { apis: 'all', flush: false } },
      }),
    },
  });
  logs = [];
});
afterEach(() => sandbox.close());

/** The handler, its start (the one auth.test) answered and awaited, so that every later Slack call is a job's. */
async function lambdaHandler(service: Why403Service = sandbox.service): Promise<LambdaHandler> {
  const started = nock(SLACK_API)
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT1234', bot_id: BOT_ID, team_id: 'T0TEAM' });
  const handler = createLambdaHandler({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${SLACK_API}/api/`,
      AWS_LAMBDA_FUNCTION_NAME: 'why403-bot',
    },
    service,
    clientOptions: { retryConfig: { retries: 0 } },
    log: recordingLog(logs),
  });
  await until(() => started.isDone());
  return handler;
}

describe('doctor on Lambda, stopped at the deadline', () => {
  let aws: HungAws;
  beforeEach(async () => {
    aws = await hungAws();
  });
  afterEach(() => aws.close());

  const job: Job = {
    type: 'doctor',
    query: { restApiId: ORDERS, stage: 'prod' },
    reply: { channel: 'C0CHAN', responseUrl: 'https://hooks.slack.com/commands/T0TEAM/1/abc' },
    who: { user: 'U0ONCALL', channel: 'C0CHAN', from: { team: 'T0TEAM' } },
    correlationId: 'c0ffee00-0000-4000-8000-00000000d0c7',
  };

  it('cancels its AWS calls, tells the person it ran out of time, and posts no report', async () => {
    const service = new Why403Service({
      config: sandbox.service.config,
      aws: {
        endpoint: aws.url,
        credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
        // Far beyond the test's own timeout: only the job's signal can end these calls.
        requestTimeoutMs: 600_000,
      },
    });
    const handler = await lambdaHandler(service);
    const calls = slackApi();
    const posts = responseUrls();

    // Five seconds to reach AWS, where it hangs until the deadline: a busy CI machine took longer than one.
    const outcome = await handler(sealJob(job, SECRET), {
      getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS + 5000,
    });
    await aws.allClosed();
    await until(() => logs.some((line) => line.msg === STOPPED));

    expect(outcome).toEqual({ ok: false, timedOut: true });
    expect(aws.seen.length).toBeGreaterThan(0); // the job was waiting for AWS when the deadline came
    expect(aws.open()).toBe(0);
    expect(logs.filter((line) => line.msg === STOPPED)).toHaveLength(1);
    expect(posts.map((p) => String(p.body.text))).toEqual([
      expect.stringContaining('I ran out of time before I could finish this'),
    ]);
    const said = [...calls.map((c) => JSON.stringify(c.body)), ...posts.map((p) => JSON.stringify(p.body))];
    expect(said.filter((text) => text.includes('why403 doctor:'))).toEqual([]);
    expect(calls.map((c) => c.method)).not.toContain('chat.update');
  });
});

// ---- alarms ----

function alarm(ts: string): SlackMessageLike {
  return {
    bot_id: 'B0CHATBOT',
    ts,
    text: '{"AlarmName":"orders-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"orders"}],"Period":300,"EvaluationPeriods":1}}',
  } as SlackMessageLike;
}

/** The alarm's thread: the alarm alone, or with the bot's answer in it. */
function threads(answered: readonly string[]) {
  return {
    'conversations.replies': (body: Record<string, unknown>) => ({
      messages: [
        { ts: body.ts, bot_id: 'B0CHATBOT' },
        ...(answered.includes(String(body.ts)) ? [{ ts: `${String(body.ts)}1`, bot_id: BOT_ID }] : []),
      ],
    }),
  };
}

function methods(calls: readonly WebApiCall[], method: string): WebApiCall[] {
  return calls.filter((c) => c.method === method);
}

describe('alarms on Lambda', () => {
  it('ask Slack who the bot is no more: the start’s auth.test is reused by every alarm job', async () => {
    const handler = await lambdaHandler();
    const calls = slackApi(threads(['1700000500.000100']));
    const alarmJob = (ts: string, n: number): Job => ({
      type: 'alert',
      message: alarm(ts),
      ts,
      who: { channel: 'C0ALERTS' },
      correlationId: `c0ffee00-0000-4000-8000-00000000a1a${n}`,
    });

    const outcomes = [
      await handler(sealJob(alarmJob('1700000500.000100', 1), SECRET), {}),
      await handler(sealJob(alarmJob('1700000600.000100', 2), SECRET), {}),
    ];

    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(methods(calls, 'auth.test')).toEqual([]);
    expect(methods(calls, 'conversations.replies')).toHaveLength(2);
    // The first thread holds the bot's own answer (known by the start's identity): only the second is answered.
    expect(methods(calls, 'chat.postMessage').map((c) => c.body.thread_ts)).toEqual([
      '1700000600.000100',
      '1700000600.000100',
    ]);
  });
});

describe('alarms on a server started without the bot’s identity', () => {
  it('ask Slack who the bot is once, not once per alarm, and still see their own answers', async () => {
    // Answered before the app is made: Bolt asks who the bot is as it starts.
    const calls = slackApi({
      ...threads(['1700000700.000100', '1700000800.000100']),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234', team_id: 'T0TEAM' }),
    });
    const { bot, url } = await startBot(sandbox.service, recordingLog(logs), {
      botId: undefined,
      botUserId: undefined,
    });
    try {
      const event = (ts: string) => eventCallback({ type: 'message', channel: 'C0ALERTS', ...alarm(ts) });

      await post(url, event('1700000700.000100'), JSON_TYPE);
      await bot.idle();
      const askedAfterFirst = methods(calls, 'auth.test').length;
      await post(url, event('1700000800.000100'), JSON_TYPE);
      await bot.idle();

      expect(askedAfterFirst).toBeGreaterThan(0);
      expect(methods(calls, 'auth.test')).toHaveLength(askedAfterFirst);
      expect(methods(calls, 'conversations.replies')).toHaveLength(2);
      expect(methods(calls, 'chat.postMessage')).toEqual([]);
    } finally {
      await bot.idle();
      await bot.stop();
      await bot.close();
    }
  });
});
