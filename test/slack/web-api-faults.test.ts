import nock from 'nock';
import {
  FORM,
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
 * Slack's Web API failing under a diagnosis, each call the job makes in each way Slack fails: rate limited with a
 * Retry-After, a 500 or a 503, an HTML page instead of JSON, an answer that never comes (past the per-call timeout),
 * and each of these for good. The client runs with the production shape of retries and timeout, scaled down to
 * milliseconds. Whatever fails: the job ends, nothing escapes as an unhandled rejection, the token is never logged; a
 * brief fault changes nothing (the verdict lands, in the channel, and at most once more where a timed-out post may
 * have been made); a lasting one leaves the person told — the verdict elsewhere, or what went wrong with its log id.
 */

const TIMEOUT_MS = 300;
const TOKEN = 'xoxb-test-token';
const { requestId } = SCENARIOS.apiKey;
const VERDICT = /^why403: api-key-missing-or-invalid \(high\) — /;

type Fault = 'ratelimited' | '500' | '503' | 'html' | 'hang';
const FAULTS: Fault[] = ['ratelimited', '500', '503', 'html', 'hang'];
/** The calls a diagnosis makes (the asker's locale, the working message, its answer and details). */
const METHODS = ['users.info', 'chat.postMessage', 'chat.update'];

interface FaultPlan {
  method: string;
  fault: Fault;
  /** Fail every call of the method, not only the first. */
  lasting: boolean;
}

/** The fake Slack: answers every call as the real one does, but fails the planned ones; records every call. */
function faultySlack(plan: FaultPlan): WebApiCall[] {
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
      return [
        200,
        { ok: true, ts: `1700000000.${String(calls.length).padStart(6, '0')}`, channel: body.channel },
      ];
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

function verdictPosts(calls: WebApiCall[], posts: Array<{ body: Record<string, unknown> }>): number {
  const inSlack = calls.filter(
    (c) =>
      (c.method === 'chat.update' || c.method === 'chat.postMessage') && VERDICT.test(String(c.body.text)),
  );
  return inSlack.length + posts.filter((p) => VERDICT.test(String(p.body.text))).length;
}

// A 429 makes the client wait the second Slack asks for, at every attempt.
jest.setTimeout(30_000);

describe('Slack Web API faults under a diagnosis', () => {
  let t: TestBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  beforeEach(async () => {
    unhandled.length = 0;
    t = await startTestBot(
      slackConfig({
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

  async function diagnoseUnder(plan: FaultPlan) {
    const calls = faultySlack(plan);
    const posts = responseUrls();
    const response = await post(t.url, slashCommand(`${requestId} --api c3d4e5f6a7 --stage prod`), FORM);
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

  const brief = METHODS.flatMap((method) => FAULTS.map((fault) => ({ method, fault, lasting: false })));
  it.each(brief)(
    '$method failing once ($fault): the verdict lands in the channel as if nothing happened',
    async (plan) => {
      const { calls, posts } = await diagnoseUnder(plan);
      const landed = verdictPosts(calls, posts);
      expect(landed).toBeGreaterThanOrEqual(1);
      // A post that timed out may have been made: trying it again may make it twice, never more.
      expect(landed).toBeLessThanOrEqual(plan.fault === 'hang' ? 2 : 1);
      expect(posts).toEqual([]);
    },
  );

  const lasting = METHODS.flatMap((method) => FAULTS.map((fault) => ({ method, fault, lasting: true })));
  it.each(lasting)('$method failing for good ($fault): the job ends and the person is told', async (plan) => {
    const { calls, posts } = await diagnoseUnder(plan);
    const toldWhatWentWrong = posts.some((p) => /under [0-9a-f-]{36}\.$/.test(String(p.body.text)));
    expect(verdictPosts(calls, posts) > 0 || toldWhatWentWrong).toBe(true);
    const problems = t.logs.filter((line) => line.level === 'warn' || line.level === 'error');
    expect(JSON.stringify(problems)).toContain(plan.method);
    // Retried as the policy says, not forever: three attempts of the failing call per use.
    const attempts = calls.filter((c) => c.method === plan.method).length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(12);
  });
});
