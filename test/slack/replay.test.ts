import {
  BOT_ID,
  blockAction,
  post,
  recordingLog,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type LogLine,
  type TestBot,
  unmatchedRequests,
  type WebApiCall,
  startBot,
  FORM,
  type AnyBlock,
  actionsOf,
} from '../support/slack';
import { SCENARIOS } from '../../src/sandbox/world';
import { startSandbox } from '../../src/sandbox/run';
import { SANDBOX_FIXED_TOKEN } from '../../src/sandbox/fake-aws/test-invoke';
import { SealedIdentity } from '../../src/replay/sealed';
import type { Job } from '../../src/slack/jobs';

/**
 * Verify fix and Re-check after deploy, end to end: the real Bolt app over signed HTTP, the Slack Web API answered
 * by nock, AWS by the sandbox's simulated AWS (whose orders authorizer is fixed for one token).
 */

const API = 'a1b2c3d4e5';
const { requestId: CACHED } = SCENARIOS.cached;
const MESSAGE_TS = '1700000000.000100';
const OLD_TOKEN = 'Bearer old-shape-token-Zq81';

/** A view_submission of the modal the bot opened (its view as views.open sent it), with the values typed. */
function viewSubmission(
  opened: Record<string, any>,
  values: Record<string, string>,
  user = 'U0ONCALL',
  id = 'V0VIEW1',
): string {
  const state = Object.fromEntries(
    Object.entries(values).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }]),
  );
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'example' },
    user: { id: user, name: 'oncall', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    trigger_id: '9.9.9',
    view: {
      id,
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: opened.callback_id,
      private_metadata: opened.private_metadata,
      blocks: opened.blocks,
      title: opened.title,
      submit: opened.submit,
      close: opened.close,
      state: { values: state },
      hash: '1700000000.abcdef',
      app_id: 'A0APP',
      bot_id: BOT_ID,
      root_view_id: id,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      external_id: '',
    },
    response_urls: [],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The verdict for the cached scenario, posted by the bot in `channel`; returns the Web API calls so far. */
async function verdictIn(t: TestBot, calls: WebApiCall[], channel = 'C0CHAN'): Promise<WebApiCall> {
  const command = slashCommand(`${CACHED} --api ${API} --stage prod`, {
    channel_id: channel,
    trigger_id: channel,
  });
  await post(t.url, command, FORM);
  await t.bot.idle();
  return calls.filter((c) => c.method === 'chat.update').at(-1) as WebApiCall;
}

function buttonOf(call: WebApiCall, actionId: string): AnyBlock | undefined {
  return actionsOf(call).find((e) => e.action_id === actionId);
}

function press(actionId: string, value: string, extra: Record<string, unknown> = {}): string {
  return blockAction({ action_id: actionId, value }, extra);
}

function testInvokes(t: TestBot): unknown[] {
  return t.sandbox.fake.calls.filter((c) => c.operation === 'TestInvokeAuthorizer');
}

describe('Slack bot: Verify fix', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(
      slackConfig({
        users: {
          U0ONCALL: { apis: 'all', flush: true, replay: true },
          U0READER: { apis: 'all', flush: false },
        },
        channels: {
          C0CHAN: { apis: 'all', flush: false, replay: true },
          C0QUIET: { apis: 'all', flush: false },
        },
      }),
    );
  });
  afterEach(() => t.stop());

  it('offers Verify fix and Re-check after deploy on an authorizer verdict where replays are allowed, and nowhere else', async () => {
    const calls = slackApi();
    const here = await verdictIn(t, calls);
    const quiet = await verdictIn(t, calls, 'C0QUIET');

    expect(actionsOf(here).map((e) => e.action_id)).toEqual([
      'why403_show_trace',
      'why403_open_cloudwatch',
      'why403_verify_fix',
      'why403_recheck_after_deploy',
      'why403_recheck',
    ]);
    expect(JSON.parse(buttonOf(here, 'why403_verify_fix')?.value)).toEqual({
      requestId: CACHED,
      restApiId: API,
      stage: 'prod',
      region: 'eu-west-1',
      authorizerId: '8xkq2m',
      sources: 'method.request.header.Authorization',
    });
    expect(actionsOf(quiet).map((e) => e.action_id)).not.toContain('why403_verify_fix');
    expect(actionsOf(quiet).map((e) => e.action_id)).not.toContain('why403_recheck_after_deploy');
  });

  it('opens the modal, runs the authorizer on submission and updates the verdict in place; the audit line has no token', async () => {
    const calls = slackApi();
    const verdict = await verdictIn(t, calls);
    const value = buttonOf(verdict, 'why403_verify_fix')?.value as string;

    await post(t.url, press('why403_verify_fix', value), FORM);
    await t.bot.idle();

    const opened = calls.find((c) => c.method === 'views.open');
    expect(opened?.body.trigger_id).toBe('4.5.6');
    const view = JSON.parse(String(opened?.body.view));
    expect(view).toMatchObject({ type: 'modal', callback_id: 'why403_verify_fix_modal' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b: AnyBlock) => b.type === 'input');
    expect(inputs).toEqual([
      expect.objectContaining({
        block_id: 'why403_identity_0',
        label: { type: 'plain_text', text: 'method.request.header.Authorization' },
        element: expect.objectContaining({ type: 'plain_text_input', action_id: 'value' }),
      }),
    ]);
    expect(inputs[0].element.initial_value).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('runs authorizer `8xkq2m` of `a1b2c3d4e5/prod` *once*');

    const response = await post(
      t.url,
      viewSubmission(view, { why403_identity_0: SANDBOX_FIXED_TOKEN }),
      FORM,
    );
    expect(response.status).toBe(200);
    const ack = JSON.parse(response.text);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('Running authorizer `8xkq2m` of `a1b2c3d4e5/prod` once');
    await t.bot.idle();

    expect(testInvokes(t)).toHaveLength(1);
    const updated = calls.filter((c) => c.method === 'chat.update').at(-1) as WebApiCall;
    expect(updated.body).toMatchObject({ channel: 'C0CHAN', ts: MESSAGE_TS });
    const text = JSON.stringify(updated.body.blocks);
    expect(text).toContain(
      ':white_check_mark: *Verify fix:* With this token the authorizer now allows GET /orders/18.',
    );
    expect(text).toContain('run by <@U0ONCALL> at');
    expect(text).toContain('clientStatus 0');
    expect(updated.body.text).toBe(
      'why403 verify fix: With this token the authorizer now allows GET /orders/18.',
    );
    // The buttons stay: another token, or another request after the next deploy.
    expect(actionsOf(updated).map((e) => e.action_id)).toContain('why403_verify_fix');
    expect(actionsOf(updated).map((e) => e.action_id)).toContain('why403_recheck_after_deploy');

    expect(t.logs.filter((line) => line.audit === 'authorizer-test-invoke')).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'authorizer test-invoked',
        outcome: 'allowed',
        slackUser: 'U0ONCALL',
        channel: 'C0CHAN',
        restApiId: API,
        stage: 'prod',
        region: 'eu-west-1',
        authorizerId: '8xkq2m',
        requestId: CACHED,
        clientStatus: 0,
        correlationId: expect.any(String),
      }),
    ]);
    expectNowhere(SANDBOX_FIXED_TOKEN, t.logs, calls);
  });

  it('a token the old authorizer still denies: the verdict says so, and why, the token nowhere', async () => {
    const calls = slackApi();
    const verdict = await verdictIn(t, calls);
    await post(t.url, press('why403_verify_fix', buttonOf(verdict, 'why403_verify_fix')?.value), FORM);
    await t.bot.idle();
    const view = JSON.parse(String(calls.find((c) => c.method === 'views.open')?.body.view));

    await post(t.url, viewSubmission(view, { why403_identity_0: OLD_TOKEN }), FORM);
    await t.bot.idle();

    const updated = calls.filter((c) => c.method === 'chat.update').at(-1) as WebApiCall;
    expect(JSON.stringify(updated.body.blocks)).toContain(
      ':no_entry: *Verify fix:* With this token the authorizer still denies GET /orders/18: the closest Allow of its policy differs from the request at the path: “” ≠ “orders/18”.',
    );
    expect(t.logs.find((line) => line.audit === 'authorizer-test-invoke')).toMatchObject({
      outcome: 'denied',
    });
    expectNowhere(OLD_TOKEN, t.logs, calls);
  });

  it('a blank identity is sent back to the modal as an error, and nothing runs', async () => {
    const calls = slackApi();
    const verdict = await verdictIn(t, calls);
    await post(t.url, press('why403_verify_fix', buttonOf(verdict, 'why403_verify_fix')?.value), FORM);
    await t.bot.idle();
    const view = JSON.parse(String(calls.find((c) => c.method === 'views.open')?.body.view));

    const response = await post(t.url, viewSubmission(view, { why403_identity_0: '   ' }), FORM);
    await t.bot.idle();

    expect(JSON.parse(response.text)).toEqual({
      response_action: 'errors',
      errors: { why403_identity_0: 'The identity file is empty.' },
    });
    expect(testInvokes(t)).toEqual([]);
  });

  it.each([
    [
      'a person who may not run authorizers',
      'U0READER',
      'C0CHAN',
      'You may not run authorizers (Verify fix).',
    ],
    [
      'a channel where it is not allowed',
      'U0ONCALL',
      'C0QUIET',
      'Authorizers may not be run (Verify fix) from this channel.',
    ],
  ])(
    'refuses %s: no modal, an ephemeral refusal, no authorizer run',
    async (_name, user, channel, refusal) => {
      const unmatched = unmatchedRequests();
      const posts = responseUrls();
      const value = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod', region: 'eu-west-1' });

      await post(
        t.url,
        press('why403_verify_fix', value, {
          user: { id: user, username: 'someone', team_id: 'T0TEAM' },
          channel: { id: channel, name: 'x' },
          container: { type: 'message', message_ts: MESSAGE_TS, channel_id: channel, is_ephemeral: false },
        }),
        FORM,
      );
      await t.bot.idle();

      unmatched.stop();
      // No Web API call at all: no modal.
      expect(unmatched.urls).toEqual([]);
      expect(posts).toHaveLength(1);
      expect(posts[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(posts[0].body.text)).toContain(refusal);
      expect(testInvokes(t)).toEqual([]);
      expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'button refused', slackUser: user }));
    },
  );

  it('a submission by someone not allowed (the modal outlived their permission) is refused by the job', async () => {
    const calls = slackApi();
    const verdict = await verdictIn(t, calls);
    await post(t.url, press('why403_verify_fix', buttonOf(verdict, 'why403_verify_fix')?.value), FORM);
    await t.bot.idle();
    const view = JSON.parse(String(calls.find((c) => c.method === 'views.open')?.body.view));

    await post(t.url, viewSubmission(view, { why403_identity_0: SANDBOX_FIXED_TOKEN }, 'U0READER'), FORM);
    await t.bot.idle();

    expect(testInvokes(t)).toEqual([]);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        msg: 'job refused',
        refused: 'slack.refuse.replay-user',
        slackUser: 'U0READER',
      }),
    );
  });

  it('Re-check after deploy: the new request id typed in the modal is diagnosed against fresh configuration, in place', async () => {
    const calls = slackApi();
    const verdict = await verdictIn(t, calls);
    await post(
      t.url,
      press('why403_recheck_after_deploy', buttonOf(verdict, 'why403_recheck_after_deploy')?.value),
      FORM,
    );
    await t.bot.idle();
    const view = JSON.parse(String(calls.find((c) => c.method === 'views.open')?.body.view));
    expect(view.callback_id).toBe('why403_recheck_after_deploy_modal');

    const invalid = await post(t.url, viewSubmission(view, { why403_new_request: 'not-an-id' }), FORM);
    expect(JSON.parse(invalid.text)).toEqual({
      response_action: 'errors',
      errors: {
        why403_new_request:
          'That is not an API Gateway request id (e.g. 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc).',
      },
    });
    const readsBefore = t.sandbox.fake.calls.filter((c) => c.operation === 'GetAuthorizers').length;

    const submitted = await post(
      t.url,
      viewSubmission(view, { why403_new_request: SCENARIOS.deny.requestId }, 'U0ONCALL', 'V0VIEW2'),
      FORM,
    );
    expect(submitted.text).toBe('');
    await t.bot.idle();

    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'GetAuthorizers').length).toBe(readsBefore + 1);
    const updated = calls.filter((c) => c.method === 'chat.update').at(-1) as WebApiCall;
    expect(updated.body).toMatchObject({ channel: 'C0CHAN', ts: MESSAGE_TS });
    expect(updated.body.text).toMatch(/^why403: authorizer-explicit-deny \(high\)/);
    expect(actionsOf(updated).map((e) => e.action_id)).toContain('why403_recheck_after_deploy');
  });
});

describe('Slack bot: Verify fix where jobs leave the process (AWS Lambda)', () => {
  it('offers no Verify fix, refuses a pressed one, and a job that travelled as JSON carries no identity', async () => {
    const sandbox = await startSandbox({
      config: {
        slack: slackConfig({
          users: { U0ONCALL: { apis: 'all', flush: false, replay: true } },
          channels: { C0CHAN: { apis: 'all', flush: false, replay: true } },
        }),
      },
    });
    const logs: LogLine[] = [];
    const sent: Job[] = [];
    // As the Lambda handler dispatches: the job leaves as JSON, for a second invocation.
    const { bot, url, stop } = await startBot(sandbox.service, recordingLog(logs), {
      dispatch: async (job) => void sent.push(JSON.parse(JSON.stringify(job)) as Job),
    });
    try {
      const calls = slackApi();
      const posts = responseUrls();
      const value = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod', region: 'eu-west-1' });

      await post(url, press('why403_verify_fix', value), FORM);
      expect(calls.filter((c) => c.method === 'views.open')).toEqual([]);
      expect(String(posts[0]?.body.text)).toContain('Verify fix runs only where the bot runs as a server');

      await post(url, slashCommand(`${CACHED} --api ${API} --stage prod`), FORM);
      await bot.runJob(sent[0]);
      const verdict = calls.filter((c) => c.method === 'chat.update').at(-1);
      expect(actionsOf(verdict).map((e) => e.action_id)).not.toContain('why403_verify_fix');

      const job: Job = {
        type: 'replay',
        query: { requestId: CACHED, restApiId: API, stage: 'prod', region: 'eu-west-1' },
        identity: SealedIdentity.single(OLD_TOKEN),
        reply: {
          channel: 'C0CHAN',
          messageTs: MESSAGE_TS,
          responseUrl: 'https://hooks.slack.com/actions/T/1/x',
        },
        who: { user: 'U0ONCALL', channel: 'C0CHAN', from: { team: 'T0TEAM' } },
        correlationId: 'c-1',
      };
      const travelled = JSON.stringify(job);
      expect(travelled).not.toContain('old-shape-token');
      await bot.runJob(JSON.parse(travelled) as Job);

      expect(sandbox.fake.calls.filter((c) => c.operation === 'TestInvokeAuthorizer')).toEqual([]);
      expect(String(posts.at(-1)?.body.text)).toContain(
        'Verify fix runs only where the bot runs as a server',
      );
    } finally {
      await stop();
      await sandbox.close();
    }
  });
});

/** The identity, or its credential part, in no log line, no Web API call and no response_url post. */
function expectNowhere(
  token: string,
  logs: LogLine[],
  calls: WebApiCall[],
  posts: Array<{ body: Record<string, unknown> }> = [],
): void {
  const credential = token.replace(/^Bearer /, '');
  for (const [what, text] of [
    ['logs', JSON.stringify(logs)],
    ['Slack Web API calls', JSON.stringify(calls)],
    ['response_url posts', JSON.stringify(posts)],
  ]) {
    expect({ what, leaks: text.includes(credential) }).toEqual({ what, leaks: false });
  }
}
