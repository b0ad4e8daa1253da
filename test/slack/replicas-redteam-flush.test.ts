import {
  FORM,
  blockAction,
  post,
  responseUrls,
  slackApi,
  slackConfig,
  startTestBot,
  type TestBot,
} from '../support/slack';
import { redisForFile } from '../support/redis';
import { openSharedState } from '../../src/slack/state';
import { SCENARIOS } from '../../src/sandbox/world';

/**
 * Flush authorizer cache, the bot's write, pressed by two people at once on two replicas sharing one real Redis: it is
 * sent once, and the second person is told what really happened to the first flush.
 */

const CONFIG = slackConfig({
  users: { U0ONCALL: { apis: 'all', flush: true }, U0OTHER: { apis: 'all', flush: true } },
  channels: { C0CHAN: { apis: 'all', flush: true } },
});
const VALUE = JSON.stringify({
  requestId: SCENARIOS.cached.requestId,
  restApiId: 'a1b2c3d4e5',
  stage: 'prod',
  region: 'eu-west-1',
});
const PRESS = { action_id: 'why403_flush_cache', value: VALUE };

let a: TestBot;
let b: TestBot;

const redisDb = redisForFile();

beforeEach(async () => {
  await redisDb.admin.flushall();
  const shared = {
    state: (log: Parameters<typeof openSharedState>[1]) =>
      openSharedState(redisDb.server.url, log, { commandTimeoutMs: 15_000, readyTimeoutMs: 15_000 }),
  };
  [a, b] = await Promise.all([startTestBot(CONFIG, shared), startTestBot(CONFIG, shared)]);
});

afterEach(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

/** Polls (no timing assertion) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!check()) throw new Error('the condition was not met within 15 s');
}

const flushes = (t: TestBot) =>
  t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache').length;
const audits = (t: TestBot) => t.logs.filter((line) => line.audit === 'authorizer-cache-flush');

describe('Flush pressed on two replicas while the first flush is still under way', () => {
  it('when the first flush fails, the second press is not told it was done: it flushes itself, once', async () => {
    slackApi();
    const posts = responseUrls();
    let fail: (error: Error) => void = () => {};
    const first = jest
      .spyOn(a.sandbox.service, 'flushAuthorizerCache')
      .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));

    await post(a.url, blockAction(PRESS), FORM);
    await until(() => first.mock.calls.length === 1);
    await post(
      b.url,
      blockAction(PRESS, { trigger_id: '7.7.7', user: { id: 'U0OTHER', team_id: 'T0TEAM' } }),
      FORM,
    );
    // B has seen A's flush under way (or, without waiting for it, already answered its presser).
    await until(() => b.logs.some((line) => line.msg === 'a flush under way elsewhere') || posts.length > 0);
    fail(new Error('ThrottlingException: Rate exceeded'));
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    expect(flushes(b)).toBe(1);
    expect(audits(a).map((line) => line.outcome)).toEqual(['failed']);
    expect(audits(b).map((line) => [line.outcome, line.slackUser])).toEqual([['flushed', 'U0OTHER']]);
    expect(posts.map((p) => String(p.body.text))).not.toContainEqual(
      expect.stringMatching(/was flushed moments ago/),
    );
    first.mockRestore();
  });

  it('when the first flush succeeds, the second press sends none and is told who flushed', async () => {
    slackApi();
    const posts = responseUrls();
    let succeed: (value: { region: string }) => void = () => {};
    const first = jest
      .spyOn(a.sandbox.service, 'flushAuthorizerCache')
      .mockImplementationOnce(() => new Promise((resolve) => (succeed = resolve)));

    await post(a.url, blockAction(PRESS), FORM);
    await until(() => first.mock.calls.length === 1);
    await post(
      b.url,
      blockAction(PRESS, { trigger_id: '8.8.8', user: { id: 'U0OTHER', team_id: 'T0TEAM' } }),
      FORM,
    );
    await until(() => b.logs.some((line) => line.msg === 'a flush under way elsewhere') || posts.length > 0);
    succeed({ region: 'eu-west-1' });
    await Promise.all([a.bot.idle(), b.bot.idle()]);

    expect(flushes(b)).toBe(0);
    expect([...audits(a), ...audits(b)].map((line) => line.outcome)).toEqual(['flushed']);
    expect(posts.map((p) => p.body.text)).toEqual([
      'The authorizer cache of `a1b2c3d4e5/prod` was flushed moments ago by <@U0ONCALL>: no second flush was sent.',
    ]);
    first.mockRestore();
  });
});
