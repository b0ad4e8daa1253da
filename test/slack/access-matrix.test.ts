import { randomUUID } from 'node:crypto';
import nock from 'nock';
import {
  BOT_ID,
  SECRET,
  SLACK_API,
  blockAction,
  eventCallback,
  post,
  recordingLog,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  FORM,
  JSON_TYPE,
} from '../support/slack';
import { english } from '../../src/render/localize';
import { msg } from '../../src/text';
import { createLambdaHandler, type LambdaHandler } from '../../src/slack/lambda';
import { sealJob } from '../../src/slack/dispatch';
import { SharedState } from '../../src/slack/state';
import { SCENARIOS } from '../../src/sandbox/world';
import type { Job } from '../../src/slack/jobs';

/**
 * The access matrix, walked through the real Bolt app over signed HTTP (and the Lambda's second invocation): every
 * entry point × who asks × where × what they ask for. The expected outcome of each (who, where, what) is written
 * out by hand below, not computed by the code under test.
 */

const ORDERS = 'a1b2c3d4e5';
const REPORTS = 'b2c3d4e5f6';

const CONFIG = slackConfig({
  alertChannels: ['C0OPS', 'C0REPORTS'],
  alertBots: ['B0CHATBOT'],
  contact: 'C0PLATFORM',
  users: {
    default: { apis: [], flush: false },
    U0ADMIN: { apis: 'all', flush: true },
    U0ORDERS: { apis: [ORDERS], flush: false },
  },
  channels: {
    default: { apis: 'all', flush: false },
    dm: { apis: [], flush: false },
    C0OPS: { apis: 'all', flush: true },
    C0REPORTS: { apis: [REPORTS], flush: false },
  },
});

type Who = 'U0ADMIN' | 'U0ORDERS' | 'U0STRANGER';
type Where = 'C0OPS' | 'C0REPORTS' | 'D0DM' | 'C0OTHER';
type What = 'read orders' | 'read reports' | 'flush orders';
/** 'ok', or the refusal's message id without its `slack.refuse.` prefix. */
type Outcome = string;

/** [read orders, read reports, flush orders] for each person in each place. */
const EXPECTED: Record<Who, Record<Where, [Outcome, Outcome, Outcome]>> = {
  U0ADMIN: {
    C0OPS: ['ok', 'ok', 'ok'],
    C0REPORTS: ['channel-api', 'ok', 'flush-channel'],
    D0DM: ['dm', 'dm', 'dm'],
    C0OTHER: ['ok', 'ok', 'flush-channel'],
  },
  U0ORDERS: {
    C0OPS: ['ok', 'user-api', 'flush-user'],
    C0REPORTS: ['channel-api', 'user-api', 'flush-user'],
    D0DM: ['dm', 'dm', 'dm'],
    C0OTHER: ['ok', 'user-api', 'flush-user'],
  },
  U0STRANGER: {
    C0OPS: ['user', 'user', 'user'],
    C0REPORTS: ['user', 'user', 'user'],
    D0DM: ['user', 'user', 'user'],
    C0OTHER: ['user', 'user', 'user'],
  },
};

const WHATS: What[] = ['read orders', 'read reports', 'flush orders'];
const READS: What[] = ['read orders', 'read reports'];

function expected(who: Who, where: Where, what: What): Outcome {
  return EXPECTED[who][where][WHATS.indexOf(what)];
}

/** The refusal as the person reads it. */
function refusalText(outcome: Outcome, api: string): string {
  return english.t(msg(`slack.refuse.${outcome}` as Parameters<typeof msg>[0], { api }));
}

const REQUEST = { [ORDERS]: SCENARIOS.deny.requestId, [REPORTS]: SCENARIOS.ipDeny.requestId };
const apiOf = (what: What) => (what === 'read reports' ? REPORTS : ORDERS);

function cases(whats: What[]): Array<[Who, Where, What, Outcome]> {
  const all: Array<[Who, Where, What, Outcome]> = [];
  for (const who of Object.keys(EXPECTED) as Who[])
    for (const where of Object.keys(EXPECTED[who]) as Where[])
      for (const what of whats) all.push([who, where, what, expected(who, where, what)]);
  return all;
}

let t: TestBot;
let state: SharedState;
let lambda: LambdaHandler;
let serial = 0;
const unique = () => `${Date.now()}${++serial}`;

beforeAll(async () => {
  t = await startTestBot(CONFIG, {
    state: async (log) => {
      state = new SharedState(undefined, log);
      return state;
    },
  });
  // The function's Bolt app checks its token once, as it starts.
  const authTest = nock(SLACK_API)
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT1234', bot_id: BOT_ID, team_id: 'T0TEAM' });
  lambda = createLambdaHandler({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${SLACK_API}/api/`,
    },
    service: t.sandbox.service,
    dispatch: async () => undefined,
    clientOptions: { retryConfig: { retries: 0 } },
    log: recordingLog([]),
  });
  for (let i = 0; i < 100 && !authTest.isDone(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(() => t.stop());

/** What one case did: the refusal the person saw, if any, and whether the work was done. */
interface Seen {
  refusals: string[];
  answered: boolean;
}

async function run(action: () => Promise<string[]>, work: () => boolean): Promise<Seen> {
  await state.deleteWhere('', () => true);
  const before = t.sandbox.fake.calls.length;
  const refusals = await action();
  await t.bot.idle();
  const seen = { refusals, answered: work() && t.sandbox.fake.calls.length > before };
  nock.cleanAll();
  return seen;
}

function check(seen: Seen, outcome: Outcome, api: string): void {
  if (outcome === 'ok') {
    expect(seen).toEqual({ refusals: [], answered: true });
  } else {
    expect(seen.answered).toBe(false);
    expect(seen.refusals).toHaveLength(1);
    expect(seen.refusals[0]).toContain(refusalText(outcome, api));
    expect(seen.refusals[0]).toContain('Ask <#C0PLATFORM>');
  }
}

function texts(calls: Array<{ body: Record<string, unknown> }>): string[] {
  return calls.map((c) => String(c.body.text));
}

function isRefusal(text: string): boolean {
  return text.includes('to allow it under');
}

describe('access matrix: /why403', () => {
  it.each(cases(READS))('%s in %s, %s: %s', async (who, where, what, outcome) => {
    const api = apiOf(what);
    const text = what === 'read orders' ? `${REQUEST[api]} --api ${api} --stage prod` : `api ${api} prod`;
    const calls = slackApi();
    const seen = await run(
      async () => {
        const ack = await post(
          t.url,
          slashCommand(text, { user_id: who, channel_id: where, trigger_id: unique() }),
          FORM,
        );
        return ack.text ? [JSON.parse(ack.text).text] : [];
      },
      () => calls.some((c) => c.method === 'chat.update'),
    );
    check(seen, outcome, api);
  });
});

describe('access matrix: @why403', () => {
  it.each(cases(READS))('%s in %s, %s: %s', async (who, where, what, outcome) => {
    const api = apiOf(what);
    const text = what === 'read orders' ? `${REQUEST[api]} --api ${api} --stage prod` : `api ${api} prod`;
    const calls = slackApi();
    const ts = `1700001000.${unique()}`;
    const seen = await run(
      async () => {
        await post(
          t.url,
          eventCallback({ type: 'app_mention', user: who, text: `<@U0BOT1234> ${text}`, ts, channel: where }),
          JSON_TYPE,
        );
        await t.bot.idle();
        return texts(calls.filter((c) => c.method === 'chat.postEphemeral'));
      },
      () => calls.some((c) => c.method === 'chat.update'),
    );
    check(seen, outcome, api);
  });
});

describe.each([
  ['Show full trace', 'why403_show_trace'],
  ['Show details', 'why403_show_details'],
  ['Re-check', 'why403_recheck'],
])('access matrix: the %s button', (_name, actionId) => {
  it.each(cases(['read orders', 'read reports']))('%s in %s, %s: %s', async (who, where, what, outcome) => {
    const api = apiOf(what);
    const value = JSON.stringify({
      requestId: REQUEST[api],
      restApiId: api,
      stage: 'prod',
      region: 'eu-west-1',
    });
    const calls = slackApi();
    const posts = responseUrls();
    const seen = await run(
      async () => {
        await post(
          t.url,
          blockAction(
            { action_id: actionId, value },
            {
              user: { id: who, username: 'x', team_id: 'T0TEAM' },
              channel: { id: where, name: 'x' },
              trigger_id: unique(),
            },
          ),
          FORM,
        );
        await t.bot.idle();
        return texts(posts).filter(isRefusal);
      },
      () =>
        actionId === 'why403_recheck'
          ? calls.some((c) => c.method === 'chat.update')
          : texts(posts).some((text) => !isRefusal(text)),
    );
    check(seen, outcome, api);
  });
});

describe('access matrix: the Flush button', () => {
  it.each(cases(['flush orders']))('%s in %s, %s: %s', async (who, where, _what, outcome) => {
    const value = JSON.stringify({
      requestId: REQUEST[ORDERS],
      restApiId: ORDERS,
      stage: 'prod',
      region: 'eu-west-1',
    });
    slackApi();
    const posts = responseUrls();
    const flushes = () =>
      t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache').length;
    const before = flushes();
    const seen = await run(
      async () => {
        await post(
          t.url,
          blockAction(
            { action_id: 'why403_flush_cache', value },
            {
              user: { id: who, username: 'x', team_id: 'T0TEAM' },
              channel: { id: where, name: 'x' },
              trigger_id: unique(),
            },
          ),
          FORM,
        );
        await t.bot.idle();
        return texts(posts);
      },
      () => flushes() > before,
    );
    check(seen, outcome, ORDERS);
  });
});

describe('access matrix: the Lambda’s second invocation authorizes the job again', () => {
  it.each(cases(WHATS))('%s in %s, %s: %s', async (who, where, what, outcome) => {
    const api = apiOf(what);
    const reply = { channel: where, responseUrl: `https://hooks.slack.com/commands/T0TEAM/${unique()}/x` };
    const base = { who: { user: who, channel: where, from: { team: 'T0TEAM' } }, correlationId: unique() };
    const job: Job =
      what === 'flush orders'
        ? { ...base, type: 'flush', target: { restApiId: api, stage: 'prod', region: 'eu-west-1' }, reply }
        : what === 'read orders'
          ? {
              ...base,
              type: 'diagnose',
              query: { requestId: randomUUID(), restApiId: api, stage: 'prod' },
              reply,
            }
          : { ...base, type: 'scan', query: { restApiId: api, stage: 'prod' }, reply };
    const calls = slackApi();
    const posts = responseUrls();
    const seen = await run(
      async () => {
        await lambda(sealJob(job, SECRET), {});
        return texts(posts.filter((p) => p.body.response_type === 'ephemeral'));
      },
      () =>
        what === 'flush orders'
          ? t.sandbox.fake.calls.some((c) => c.operation === 'FlushStageAuthorizersCache')
          : calls.some((c) => c.method === 'chat.update'),
    );
    check(seen, outcome, api);
  });
});

describe('access matrix: alarm posts (no person behind them)', () => {
  it.each<[Where, string, string, Outcome]>([
    ['C0OPS', 'orders', ORDERS, 'ok'],
    ['C0OPS', 'reports', REPORTS, 'ok'],
    ['C0REPORTS', 'orders', ORDERS, 'channel-api'],
    ['C0REPORTS', 'reports', REPORTS, 'ok'],
  ])('an alarm in %s about %s: %s', async (where, apiName, _api, outcome) => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    const alarm = {
      type: 'message',
      bot_id: 'B0CHATBOT',
      channel: where,
      ts: `1700002000.${unique()}`,
      text: `{"AlarmName":"${apiName}-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"${apiName}"}],"Period":300,"EvaluationPeriods":1}}`,
    };
    await state.deleteWhere('', () => true);
    await post(t.url, eventCallback(alarm), JSON_TYPE);
    await t.bot.idle();
    const scanned = calls.some((c) => c.method === 'chat.postMessage');
    nock.cleanAll();
    expect(scanned).toBe(outcome === 'ok');
  });
});
