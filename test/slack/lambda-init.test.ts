import nock from 'nock';
import { JSON_TYPE, SECRET, SLACK_API, signature } from '../support/slack';
import { until } from '../support/until';

/**
 * The function's handler as Lambda loads it (`dist/src/slack/lambda.handler`, from the environment alone): the bot's
 * start is begun while the module loads, in the init phase, and awaited by the invocations; a start that failed is
 * begun again by the next one.
 */

const ENV = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${SLACK_API}/api/`,
  AWS_LAMBDA_FUNCTION_NAME: 'why403-bot',
  LOG_LEVEL: 'silent',
};
const IDENTITY = { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0TEAM' };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  Object.assign(process.env, ENV);
});
afterEach(() => {
  process.env = saved;
});

/** Loads the module afresh, as a new execution environment does. */
async function loadModule(): Promise<Handler> {
  let handler: Handler | undefined;
  await jest.isolateModulesAsync(async () => {
    handler = (await import('../../src/slack/lambda')).handler;
  });
  return handler as Handler;
}

/** Slack checking the events URL: answered by Bolt once the bot has started, without a job. */
function urlVerification(challenge: string): Record<string, unknown> {
  const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge });
  return {
    version: '2.0',
    rawPath: '/slack/events',
    headers: { 'content-type': JSON_TYPE, ...signature(SECRET, body) },
    requestContext: { http: { method: 'POST', path: '/slack/events' } },
    body,
    isBase64Encoded: false,
  };
}

describe('the bot starts in the init phase', () => {
  it('loading the module starts the bot once, before any invocation; two invocations share that start', async () => {
    let checks = 0;
    nock(SLACK_API)
      .post('/api/auth.test')
      .reply(() => [200, { ...IDENTITY, n: ++checks }]);

    const handler = await loadModule();
    await until(() => checks === 1);

    expect(checks).toBe(1);
    const answers = (await Promise.all([
      handler(urlVerification('one'), {}),
      handler(urlVerification('two'), {}),
    ])) as Array<{ statusCode: number; body: string }>;
    expect(answers.map((a) => [a.statusCode, JSON.parse(a.body)])).toEqual([
      [200, { challenge: 'one' }],
      [200, { challenge: 'two' }],
    ]);
    expect(checks).toBe(1);
  });

  it('a start that failed at init is begun again by the next invocation; a request waiting for it gets 503', async () => {
    // The init's auth.test is answered, with a failure, only once an invocation is waiting for the start.
    let fail: (() => void) | undefined;
    const failed = new Promise<void>((resolve) => (fail = resolve));
    let checks = 0;
    nock(SLACK_API)
      .post('/api/auth.test')
      .reply(async () => {
        checks++;
        await failed;
        return [200, { ok: false, error: 'fatal_error' }];
      })
      .post('/api/auth.test')
      .reply(() => [200, { ...IDENTITY, n: ++checks }]);

    const handler = await loadModule();
    await until(() => checks === 1);
    const waiting = handler(urlVerification('one'), {}) as Promise<{ statusCode: number }>;
    (fail as () => void)();
    const first = await waiting;
    const second = (await handler(urlVerification('two'), {})) as { statusCode: number; body: string };
    const third = (await handler(urlVerification('three'), {})) as { statusCode: number };

    expect([checks, first.statusCode, second.statusCode, third.statusCode]).toEqual([2, 503, 200, 200]);
    expect(JSON.parse(second.body)).toEqual({ challenge: 'two' });
  });
});
