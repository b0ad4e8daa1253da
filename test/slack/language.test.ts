import { english, localizer } from '../../src/render/localize';
import { msg } from '../../src/text';
import { SCENARIOS } from '../../src/sandbox/world';
import type { Locale } from '../../src/render/messages';
import {
  BOT_ID,
  eventCallback,
  post,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  FORM,
  JSON_TYPE,
} from '../support/slack';

/**
 * The language of an answer in Slack: the asker's Slack locale where the product speaks it (users.info with
 * include_locale), else the channel's language from the configuration, else the workspace's, else English.
 */

const TITLE = msg('api-key-missing-or-invalid.title');
const COMMAND = `${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`;

function header(locale: Locale): string {
  return `403 · ${localizer(locale).t(TITLE)}`;
}

describe('Slack bot: the language of an answer', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(
      slackConfig({
        alertChannels: ['C0ZH'],
        alertBots: ['B0CHATBOT'],
        language: 'en',
        channels: { C0ZH: { apis: 'all', flush: false, language: 'zh-TW' } },
      }),
    );
  });
  afterEach(() => t.stop());

  it('the two languages really differ for the title these tests read', () => {
    expect(header('zh-TW')).not.toBe(header('en'));
  });

  it.each<[string, string, Record<string, unknown>, Locale]>([
    [
      'the asker’s Slack locale, in any channel',
      'C0CHAN',
      { ok: true, user: { id: 'U0ONCALL', locale: 'zh-TW' } },
      'zh-TW',
    ],
    [
      'the asker’s Slack locale over the channel’s',
      'C0ZH',
      { ok: true, user: { id: 'U0ONCALL', locale: 'en-US' } },
      'en',
    ],
    [
      'the channel’s, when the locale is one the product does not speak',
      'C0ZH',
      { ok: true, user: { id: 'U0ONCALL', locale: 'ja-JP' } },
      'zh-TW',
    ],
    [
      'the channel’s, when Slack refuses the locale (no users:read)',
      'C0ZH',
      { ok: false, error: 'missing_scope' },
      'zh-TW',
    ],
    ['the workspace’s, elsewhere', 'C0CHAN', { ok: false, error: 'missing_scope' }, 'en'],
  ])('%s', async (_name, channel, usersInfo, locale) => {
    const calls = slackApi({ 'users.info': () => usersInfo });
    await post(t.url, slashCommand(COMMAND, { channel_id: channel }), FORM);
    await t.bot.idle();

    expect(calls[0]).toMatchObject({
      method: 'users.info',
      body: { user: 'U0ONCALL', include_locale: 'true' },
    });
    const final = calls.filter((c) => c.method === 'chat.update').at(-1);
    expect((final?.body.blocks as Array<Record<string, any>>)[0].text.text).toBe(header(locale));
  });

  it('asks Slack for a person’s locale once, and warns once when it may not', async () => {
    const calls = slackApi({ 'users.info': () => ({ ok: false, error: 'missing_scope' }) });
    await post(t.url, slashCommand(COMMAND, { channel_id: 'C0ZH', trigger_id: '1' }), FORM);
    await post(t.url, slashCommand(COMMAND, { channel_id: 'C0ZH2', trigger_id: '2' }), FORM);
    await t.bot.idle();

    expect(calls.filter((c) => c.method === 'users.info')).toHaveLength(1);
    expect(t.logs.filter((line) => line.level === 'warn' && /users:read/.test(line.msg))).toHaveLength(1);
  });

  it('an alarm, which no person posted, is answered in its channel’s language', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    await post(
      t.url,
      eventCallback({
        type: 'message',
        bot_id: 'B0CHATBOT',
        channel: 'C0ZH',
        ts: '1700000300.000400',
        text: '{"AlarmName":"orders-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"orders"}],"Period":300,"EvaluationPeriods":1}}',
      }),
      JSON_TYPE,
    );
    await t.bot.idle();

    expect(calls.some((c) => c.method === 'users.info')).toBe(false);
    const final = calls.filter((c) => c.method === 'chat.update').at(-1);
    const causeTitle = localizer('zh-TW').t(msg('authorizer-cached-policy-mismatch.title'));
    expect(causeTitle).not.toBe(english.t(msg('authorizer-cached-policy-mismatch.title')));
    expect(JSON.stringify(final?.body.blocks)).toContain(causeTitle);
  });
});
