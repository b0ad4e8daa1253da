import nock from 'nock';
import {
  CHATBOT_ALARM,
  FORM,
  JSON_TYPE,
  eventCallback,
  SLACK_API,
  post,
  recordingLog,
  startBot,
  responseUrls,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  type WebApiCall,
} from '../support/slack';
import { SCENARIOS } from '../../src/sandbox/world';

/**
 * Slack's Web API failing under a diagnosis and under an alarm's answer, each call the job makes in each way Slack fails: rate limited with a
 * Retry-After, a 500 or a 503, an HTML page instead of JSON, an answer that never comes (past the per-call timeout),
 * and each of these for good. The client runs with the production shape of retries and timeout, scaled down to
 * milliseconds. Whatever fails: the job ends, nothing escapes as an unhandled rejection, the token is never logged; a
 * brief fault changes nothing (the verdict lands, in the channel, and at most once more where a timed-out post may
 * have been made); a lasting one is logged with the call's name and leaves the person who asked told — the verdict elsewhere, or
 * what went wrong with its log id.
 */

const TIMEOUT_MS = 300;
const TOKEN = 'xoxb-test-token';

type Fault = 'ratelimited' | '500' | '503' | 'html' | 'hang';
const FAULTS: Fault[] = ['ratelimited', '500', '503', 'html', 'hang'];

/** What Slack asks of the bot, the Web API calls the job makes, and the answer it posts. */
interface Flow {
  name: string;
  methods: string[];
  answer: RegExp;
  /** The fake Slack's answers to some calls, besides `ok` and a `ts`. */
  answers: Record<string, object>;
  send(url: string): Promise<{ status: number }>;
  /** A person asked, and hears what went wrong when the answer cannot be posted (an alarm has nobody to tell). */
  asked: boolean;
  /** Calls the answer does not need: failing for good, they leave it as it would have been. */
  optional: string[];
}

const FLOWS: Flow[] = [
  {
    name: 'a diagnosis',
    // The asker's locale, the working message, its answer and its details.
    methods: ['users.info', 'chat.postMessage', 'chat.update'],
    answer: /^why403: api-key-missing-or-invalid \(high\) — /,
    answers: {},
    send: (url) =>
      post(url, slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`), FORM),
    asked: true,
    optional: ['users.info'],
  },
  {
    name: 'an alarm',
    // Whether the alarm was answered already (another replica), the working reply, its answer and the fix.
    methods: ['conversations.replies', 'chat.postMessage', 'chat.update'],
    answer: /^why403: Alarm orders-4xx: what the failed requests were/,
    answers: { 'conversations.replies': { messages: [{ ts: CHATBOT_ALARM.ts, bot_id: 'B0CHATBOT' }] } },
    send: (url) => post(url, eventCallback(CHATBOT_ALARM), JSON_TYPE),
    asked: false,
    optional: ['conversations.replies'],
  },
];

interface FaultPlan {
  method: string;
  fault: Fault;
  /** Fail every call of the method, not only the first. */
  lasting: boolean;
}

/** The fake Slack: answers every call as the real one does, but fails the planned ones; records every call. */
function faultySlack(flow: Flow, plan: FaultPlan): WebApiCall[] {
  const calls: WebApiCall[] = [];
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(async function (uri, requestBody) {
      const method = uri.replace('/api/', '');
      const body = Object.fromEntries(new URLSearchParams(String(requestBody)));
      calls.push({ method, body });
      const nth = calls.filter((c) => c.method === method).length;
      if (method === plan.method && (plan.lasting || nth === 1)) return faultReply(plan.fault);
      const ts = `1700000000.${String(calls.length).padStart(6, '0')}`;
      return [200, { ok: true, ts, channel: body.channel, ...flow.answers[method] }];
    });
  return calls;
}

async function faultReply(fault: Fault): Promise<[number, string | object, Record<string, string>?]> {
  switch (fault) {
    case 'ratelimited':
      return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }];
    case '500':
      return [500, 'Internal Server Error'];
    case '503':
      return [503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html' }];
    case 'html':
      return [200, '<html><body>Slack is down</body></html>', { 'content-type': 'text/html' }];
    case 'hang':
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));
      return [200, { ok: true, ts: '1700000000.999999' }];
  }
}

function answersPosted(
  flow: Flow,
  calls: WebApiCall[],
  posts: Array<{ body: Record<string, unknown> }>,
): number {
  const posted = (text: unknown) => flow.answer.test(String(text));
  const inSlack = calls.filter(
    (c) => (c.method === 'chat.update' || c.method === 'chat.postMessage') && posted(c.body.text),
  );
  return inSlack.length + posts.filter((p) => posted(p.body.text)).length;
}

describe('Slack Web API faults', () => {
  let t: TestBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  beforeEach(async () => {
    unhandled.length = 0;
    t = await startTestBot(
      slackConfig({
        alertChannels: ['C0ALERTS'],
        alertBots: ['B0CHATBOT'],
        users: { U0ONCALL: { apis: 'all', flush: false } },
        channels: { C0CHAN: { apis: 'all', flush: false } },
      }),
      {
        clientOptions: {
          retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 },
          timeout: TIMEOUT_MS,
        },
      },
    );
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  async function under(flow: Flow, plan: FaultPlan) {
    const calls = faultySlack(flow, plan);
    const posts = responseUrls();
    const response = await flow.send(t.url);
    expect(response.status).toBe(200);
    await t.bot.idle();
    expect(unhandled).toEqual([]);
    expect(JSON.stringify(t.logs)).not.toContain(TOKEN);
    return { calls, posts };
  }

  it('in production, a call is given up after 10 s and a failing one tried three times more, not for 30 minutes', async () => {
    const { bot, stop } = await startBot(t.sandbox.service, recordingLog([]), { clientOptions: undefined });
    const client = bot.app.client as unknown as { timeout: number; retryConfig: Record<string, number> };
    expect(client.timeout).toBe(10_000);
    expect(client.retryConfig).toMatchObject({ retries: 3, maxTimeout: 4_000 });
    await stop();
  });

  const plans = (lasting: boolean) =>
    FLOWS.flatMap((flow) =>
      flow.methods.flatMap((method) =>
        FAULTS.map((fault) => ({ flow, name: flow.name, method, fault, lasting })),
      ),
    );

  it.each(plans(false))(
    '$name, $method failing once ($fault): the answer lands as if nothing happened',
    async ({ flow, ...plan }) => {
      const { calls, posts } = await under(flow, plan);
      const landed = answersPosted(flow, calls, posts);
      expect(landed).toBeGreaterThanOrEqual(1);
      // A post that timed out may have been made; it is looked for by its mark before it is tried again, and where
      // the lookup does not find it (this fake's history holds no marks), it may land twice, never more.
      expect(landed).toBeLessThanOrEqual(plan.fault === 'hang' ? 2 : 1);
      expect(posts).toEqual([]);
    },
  );

  it.each(plans(true))(
    '$name, $method failing for good ($fault): the job ends, logged, and the answer lands or whoever asked is told',
    async ({ flow, ...plan }) => {
      const { calls, posts } = await under(flow, plan);
      const toldWhatWentWrong = posts.some((p) => /under [0-9a-f-]{36}\.$/.test(String(p.body.text)));
      if (flow.optional.includes(plan.method)) expect(answersPosted(flow, calls, posts)).toBe(1);
      else if (flow.asked) expect(answersPosted(flow, calls, posts) > 0 || toldWhatWentWrong).toBe(true);
      const problems = t.logs.filter((line) => line.level === 'warn' || line.level === 'error');
      expect(JSON.stringify(problems)).toContain(plan.method);
      // Retried as the policy says, not forever: three attempts of the failing call per use.
      const attempts = calls.filter((c) => c.method === plan.method).length;
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(attempts).toBeLessThanOrEqual(12);
    },
  );
});
