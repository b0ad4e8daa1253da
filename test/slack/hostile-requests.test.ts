import nock from 'nock';
import { english } from '../../src/render/localize';
import { msg } from '../../src/text';
import { SCENARIOS } from '../../src/sandbox/world';
import {
  FORM,
  blockAction,
  eventCallback,
  post,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  JSON_TYPE,
} from '../support/slack';

/**
 * Signed requests as Slack could send them, or as someone holding a captured one could shape them: fields missing,
 * values the bot never wrote, edits and other bots' posts. Each is answered at once, never runs anything it should
 * not, and never leaves a person without one clear line.
 */

const API = 'a1b2c3d4e5';
const { requestId: CACHED } = SCENARIOS.cached;
const INVALID_BUTTON = english.t(msg('slack.button.invalid'));

/** A slash command form with some fields changed, or removed (undefined). */
function command(fields: Record<string, string | undefined>): string {
  const form = new URLSearchParams(slashCommand(''));
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) form.delete(name);
    else form.set(name, value);
  }
  return form.toString();
}

function viewSubmission(callbackId: string, view: Record<string, unknown>): string {
  const metadata = JSON.stringify({
    ref: { requestId: CACHED, restApiId: API, stage: 'prod' },
    origin: { channel: 'C0CHAN', messageTs: '1700000000.000100' },
  });
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'example' },
    user: { id: 'U0ONCALL', name: 'oncall', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    trigger_id: '9.9.9',
    view: { id: 'V0VIEW', hash: 'h1', callback_id: callbackId, private_metadata: metadata, ...view },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

describe('hostile requests: the real Bolt app over signed HTTP', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(
      slackConfig({
        // Everyone not listed may see nothing: a request that names no person must not get past that.
        users: { default: { apis: [], flush: false }, U0ONCALL: { apis: 'all', flush: true, replay: true } },
        channels: { default: { apis: 'all', flush: true, replay: true } },
      }),
    );
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  describe('slash commands with fields missing', () => {
    it('a command without text gets the usage in its acknowledgement', async () => {
      const response = await post(t.url, command({ text: undefined }), FORM);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toMatchObject({ response_type: 'ephemeral', text: 'why403 usage' });
    });

    it('two commands without a trigger id are two commands, not one delivered twice', async () => {
      const first = await post(t.url, command({ text: 'help', trigger_id: undefined }), FORM);
      const second = await post(t.url, command({ text: 'help', trigger_id: undefined }), FORM);
      expect([first.text, second.text].map((text) => text && JSON.parse(text).text)).toEqual([
        'why403 usage',
        'why403 usage',
      ]);
    });

    it.each([
      ['no user (the access rule of everyone else would refuse)', { user_id: undefined }],
      ['no channel', { channel_id: undefined }],
    ])('a command with %s runs nothing and posts nothing', async (_name, fields) => {
      const calls = slackApi();
      const posts = responseUrls();
      const response = await post(t.url, command({ text: CACHED, ...fields }), FORM);
      await t.bot.idle();
      expect({ status: response.status, text: response.text }).toEqual({ status: 200, text: '' });
      expect({ slack: calls, posts, aws: t.sandbox.fake.calls.length }).toEqual({
        slack: [],
        posts: [],
        aws: 0,
      });
    });
  });

  describe('slash command text', () => {
    it('Slack’s &lt; &gt; &amp; are read as the characters typed, and shown once escaped', async () => {
      const response = await post(t.url, command({ text: '&lt;!channel&gt; &amp;' }), FORM);
      const ack = JSON.parse(response.text);
      expect(ack.text).toBe('expected one request id, got `&lt;!channel&gt; &amp;` — try /why403 help');
    });

    it.each([
      ['10,000 characters of one word', 'x'.repeat(10_000)],
      ['two halves of 3,000 characters', `${'A'.repeat(3000)} ${'B'.repeat(3000)}`],
      ['an option of 5,000 characters', `--${'y'.repeat(5000)} 1`],
    ])('%s: one short line, and the usage still shown', async (_name, text) => {
      const ack = JSON.parse((await post(t.url, command({ text }), FORM)).text);
      expect(ack.text.length).toBeLessThan(200);
      expect(ack.blocks).toHaveLength(1);
      expect(ack.blocks[0].text.text).toContain('*Usage*');
      expect(t.sandbox.fake.calls).toHaveLength(0);
    });

    it.each([
      ['a NUL and a bell', 'abc\u0000def\u0007'],
      ['a right-to-left override', '\u202eabc'],
      ['a zero-width space inside a word', 'ab\u200bc'],
    ])('%s never reaches the answer', async (_name, text) => {
      const ack = JSON.parse((await post(t.url, command({ text }), FORM)).text);
      expect(JSON.stringify(ack)).not.toMatch(/\\u0000|\\u0007|[\p{Cc}\p{Cf}]/u);
    });

    it.each([
      ['with a zero-width space after it', `${CACHED}\u200b`],
      ['after a right-to-left mark', `\u200f${CACHED}`],
      ['in backticks', `\`${CACHED}\``],
      ['ending a sentence', `${CACHED}.`],
      ['in brackets', `(${CACHED})`],
      ['in quotes', `“${CACHED}”`],
    ])('a request id %s is the request id', async (_name, text) => {
      const calls = slackApi();
      const response = await post(t.url, command({ text, trigger_id: text }), FORM);
      await t.bot.idle();
      expect(response.text).toBe('');
      expect(calls.find((c) => c.method === 'chat.postMessage')?.body.text).toBe(
        `Looking for request ${CACHED}…`,
      );
    });
  });

  describe('buttons', () => {
    const trace = (value: string, extra: Record<string, unknown> = {}) =>
      blockAction({ action_id: 'why403_show_trace', value }, extra);

    it('two presses without a trigger id, at different times, are two presses', async () => {
      const posts = responseUrls();
      const value = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });
      await post(t.url, trace(value, { trigger_id: undefined }), FORM);
      await post(
        t.url,
        blockAction(
          { action_id: 'why403_show_trace', value, action_ts: '1700000002.0' },
          { trigger_id: undefined },
        ),
        FORM,
      );
      await t.bot.idle();
      expect(posts.map((p) => p.body.text)).toEqual([
        `Execution log of request ${CACHED}`,
        `Execution log of request ${CACHED}`,
      ]);
    });

    const REF = { requestId: CACHED, restApiId: API, stage: 'prod' };
    it.each<[string, string, string]>([
      [
        'a mention as the request id',
        'why403_show_trace',
        JSON.stringify({ ...REF, requestId: '<!channel>' }),
      ],
      ['a request id of 1,900 characters', 'why403_recheck', JSON.stringify({ requestId: 'x'.repeat(1900) })],
      ['an API id that is not one', 'why403_recheck', JSON.stringify({ ...REF, restApiId: '<!here>' })],
      ['a stage with a slash', 'why403_flush_cache', JSON.stringify({ ...REF, stage: 'prod/../x' })],
      ['a host as the region', 'why403_recheck', JSON.stringify({ ...REF, region: 'evil.example.com' })],
      [
        'a look-back that is not one',
        'why403_recheck_scan',
        JSON.stringify({ restApiId: API, since: 'forever' }),
      ],
      [
        'an authorizer id with JSON in it',
        'why403_verify_fix',
        JSON.stringify({ ...REF, authorizerId: '"}{' }),
      ],
      ['a value that is not JSON', 'why403_recheck', '{"requestId": '],
      ['a JSON array', 'why403_show_details', `[${JSON.stringify(REF)}]`],
      ['a number where a string goes', 'why403_recheck', JSON.stringify({ ...REF, stage: 7 })],
      [
        'more than Slack’s 2,000 characters',
        'why403_recheck',
        JSON.stringify({ ...REF, pad: 'p'.repeat(2100) }),
      ],
      [
        'a flush without a stage',
        'why403_flush_cache',
        JSON.stringify({ requestId: CACHED, restApiId: API }),
      ],
      ['nothing at all', 'why403_recheck_after_deploy', ''],
    ])(
      '%s (%s): one line for whoever pressed, nothing run, nothing changed',
      async (_name, actionId, value) => {
        const calls = slackApi();
        const posts = responseUrls();
        await post(t.url, blockAction({ action_id: actionId, value }), FORM);
        await t.bot.idle();
        expect(posts.map((p) => [p.body.response_type, p.body.replace_original, p.body.text])).toEqual([
          ['ephemeral', false, INVALID_BUTTON],
        ]);
        expect({ slack: calls.map((c) => c.method), aws: t.sandbox.fake.calls.length }).toEqual({
          slack: [],
          aws: 0,
        });
      },
    );

    it.each([
      [
        'a person whose rule does not allow flushing',
        'U0INTRUDER',
        'why403_flush_cache',
        'authorizer-cache-flush',
      ],
      [
        'a person whose rule does not allow Verify fix',
        'U0INTRUDER',
        'why403_verify_fix',
        'authorizer-test-invoke',
      ],
    ])(
      'a write refused to %s is an audit line with who, where and what',
      async (_name, user, actionId, audit) => {
        slackApi();
        responseUrls();
        const value = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });
        await post(
          t.url,
          blockAction(
            { action_id: actionId, value },
            { user: { id: user, username: 'x', team_id: 'T0TEAM' } },
          ),
          FORM,
        );
        await t.bot.idle();
        expect(t.logs.filter((line) => line.audit)).toEqual([
          expect.objectContaining({
            audit,
            outcome: 'refused',
            slackUser: user,
            channel: 'C0CHAN',
            restApiId: API,
            stage: 'prod',
          }),
        ]);
        expect(t.sandbox.fake.calls).toHaveLength(0);
      },
    );

    it('a flush pressed where Slack gave only the container’s channel is posted in that channel', async () => {
      const calls = slackApi();
      responseUrls();
      const value = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });
      await post(
        t.url,
        blockAction({ action_id: 'why403_flush_cache', value }, { channel: undefined }),
        FORM,
      );
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.channel)).toEqual([
        'C0CHAN',
      ]);
    });
  });

  describe('modal submissions without their state', () => {
    it.each([
      ['Re-check after deploy', 'why403_recheck_after_deploy_modal', 'why403_new_request'],
      ['Verify fix', 'why403_verify_fix_modal', 'why403_identity_0'],
    ])('%s: Slack is told what is missing, and nothing runs', async (_name, callbackId, block) => {
      const response = await post(t.url, viewSubmission(callbackId, {}), FORM);
      await t.bot.idle();
      expect(response.status).toBe(200);
      expect(Object.keys(JSON.parse(response.text).errors)).toEqual([block]);
      expect(t.sandbox.fake.calls).toHaveLength(0);
    });
  });

  describe('Re-check after deploy: the request id typed', () => {
    it.each([
      ['in backticks with a full stop', `\`${CACHED}\`.`],
      ['with a zero-width space', `${CACHED}\u200b`],
    ])('%s is the request id', async (_name, typed) => {
      const calls = slackApi();
      const state = { values: { why403_new_request: { value: { type: 'plain_text_input', value: typed } } } };
      const response = await post(
        t.url,
        viewSubmission('why403_recheck_after_deploy_modal', { state, id: typed }),
        FORM,
      );
      await t.bot.idle();
      expect(response.text).toBe('');
      expect(calls.find((c) => c.method === 'chat.update')?.body).toMatchObject({
        ts: '1700000000.000100',
        text: `Looking for request ${CACHED}…`,
      });
    });
  });

  describe('mentions that are not a person asking', () => {
    const mention = (extra: Record<string, unknown>, ts: string) =>
      eventCallback({
        type: 'app_mention',
        user: 'U0ONCALL',
        channel: 'C0CHAN',
        ts,
        text: `<@U0BOT1234> ${CACHED}`,
        ...extra,
      });

    it.each<[string, Record<string, unknown>]>([
      ['an edited message', { edited: { user: 'U0ONCALL', ts: '1700000300.000100' } }],
      ['a changed message', { subtype: 'message_changed' }],
      ['a deleted message', { subtype: 'message_deleted' }],
      ['another bot’s post', { bot_id: 'B0OTHERBOT', user: 'U0OTHERBOT' }],
      ['another bot’s post as a bot message', { subtype: 'bot_message', bot_id: 'B0OTHERBOT' }],
    ])('%s is not answered', async (_name, extra) => {
      const calls = slackApi();
      const response = await post(t.url, mention(extra, '1700000200.000100'), JSON_TYPE);
      await t.bot.idle();
      expect(response.status).toBe(200);
      expect({ slack: calls.map((c) => c.method), aws: t.sandbox.fake.calls.length }).toEqual({
        slack: [],
        aws: 0,
      });
    });

    it('a person’s mention with a file attached is answered', async () => {
      const calls = slackApi();
      await post(t.url, mention({ subtype: 'file_share' }, '1700000200.000200'), JSON_TYPE);
      await t.bot.idle();
      expect(calls.find((c) => c.method === 'chat.postMessage')?.body).toMatchObject({
        thread_ts: '1700000200.000200',
        text: `Looking for request ${CACHED}…`,
      });
    });
  });
});
