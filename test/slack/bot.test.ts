import {
  BOT_ID,
  SECRET,
  blockAction,
  eventCallback,
  post,
  responseUrls,
  signature,
  slackApi,
  slashCommand,
  startTestBot,
  unmatchedRequests,
  type TestBot,
} from '../support/slack';
import { SCENARIOS } from '../../src/sandbox/world';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

describe('Slack bot: HTTP receiver', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({
      alertChannels: ['C0ALERTS'],
      alertBots: ['B0CHATBOT'],
      allowedUsers: [],
      channelApis: {},
      flushCache: { users: ['U0ONCALL'], channels: [] },
    });
  });
  afterEach(() => t.stop());

  it('answers the health check', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it.each([
    ['a wrong signature', (body: string) => ({ ...signature('not-the-secret', body) })],
    ['a stale timestamp', (body: string) => signature(SECRET, body, Math.floor(Date.now() / 1000) - 600)],
  ])('rejects %s with 401', async (_name, headers) => {
    const body = slashCommand('help');
    const response = await post(t.url, body, FORM, headers(body));
    expect(response.status).toBe(401);
    expect(
      t.logs.some(
        (entry) => entry.level === 'warn' && String(entry.args[0]).includes('Failed to verify authenticity'),
      ),
    ).toBe(true);
  });

  it('/why403 help answers with usage in the acknowledgement itself', async () => {
    const response = await post(t.url, slashCommand('help'), FORM);
    expect(response.status).toBe(200);
    const ack = JSON.parse(response.text);
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.blocks[0].text.text).toContain('/why403 REQUEST_ID');
  });

  it('/why403 with a bad id gets a short ephemeral usage message and no AWS call', async () => {
    const response = await post(t.url, slashCommand('12345'), FORM);
    const ack = JSON.parse(response.text);
    expect(ack.text).toMatch(/"12345" is not an API Gateway request id — try \/why403 help/);
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });

  it('/why403 REQUEST_ID acks at once, posts "working", then replaces it with the verdict and its actions', async () => {
    const calls = slackApi();
    const { requestId } = SCENARIOS.cached;

    const response = await post(t.url, slashCommand(`${requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await t.bot.idle();

    const [working, ...updates] = calls;
    expect(working).toMatchObject({ method: 'chat.postMessage', body: { channel: 'C0CHAN' } });
    expect(working.body.text).toBe(`Looking for request ${requestId}…`);
    const final = updates.at(-1) as (typeof calls)[number];
    expect(final).toMatchObject({
      method: 'chat.update',
      body: { channel: 'C0CHAN', ts: '1700000000.000001' },
    });
    const blocks = final.body.blocks as Array<Record<string, any>>;
    expect(blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: '403 · A cached authorizer policy for another method was reused',
        emoji: true,
      },
    });
    expect(blocks[2].elements[0].text).toBe(
      ':red_circle: `authorizer-cached-policy-mismatch` · confidence: *high*',
    );
    expect(JSON.stringify(blocks)).toContain(
      'A policy cached for GET /orders/17 by request 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a was reused for GET /orders/18',
    );
    const actions = blocks.find((b) => b.type === 'actions') as Record<string, any>;
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([
      'why403_flush_cache',
      'why403_show_trace',
      'why403_open_cloudwatch',
      'why403_recheck',
    ]);
    expect(actions.elements[0].confirm.style).toBe('danger');
    expect(actions.elements[2].url).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights/,
    );
    expect(final.body.text).toMatch(/^why403: authorizer-cached-policy-mismatch \(high\)/);
    expect(JSON.stringify(calls)).not.toMatch(/ana@example\.com|t-88/);
  });

  it('falls back to the response_url where the bot is not a channel member', async () => {
    const calls = slackApi({ 'chat.postMessage': () => ({ ok: false, error: 'not_in_channel' }) });
    const posts = responseUrls();

    await post(t.url, slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`), FORM);
    await t.bot.idle();

    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(posts[0].body).toMatchObject({ response_type: 'in_channel' });
    expect(posts.at(-1)?.body).toMatchObject({ response_type: 'in_channel', replace_original: true });
    expect(JSON.stringify(posts.at(-1)?.body.blocks)).toContain('api-key-missing-or-invalid');
  });

  it('answers a mention in its thread, and a retried delivery does not answer twice', async () => {
    const calls = slackApi();
    const event = {
      type: 'app_mention',
      user: 'U0ONCALL',
      text: `<@U0BOT1234> ${SCENARIOS.deny.requestId}`,
      ts: '1700000100.000200',
      channel: 'C0CHAN',
      event_ts: '1700000100.000200',
    };
    const body = eventCallback(event, 'Ev0MENTION1');

    await post(t.url, body, JSON_TYPE);
    await post(t.url, body, JSON_TYPE, {
      ...signature(SECRET, body),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await post(t.url, eventCallback({ ...event, type: 'message' }, 'Ev0MESSAGE1'), JSON_TYPE);
    await t.bot.idle();

    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ channel: 'C0CHAN', thread_ts: '1700000100.000200' });
    expect(JSON.stringify(calls.at(-1)?.body.blocks)).toContain('authorizer-explicit-deny');
  });

  it('a mention without an id diagnoses the ids in the thread’s first message', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({
        messages: [
          {
            ts: '1700000000.000001',
            text: `prod is down, x-amzn-RequestId: ${SCENARIOS.permission.requestId}`,
          },
        ],
      }),
    });
    await post(
      t.url,
      eventCallback({
        type: 'app_mention',
        user: 'U0ONCALL',
        text: '<@U0BOT1234> why?',
        ts: '1700000200.000300',
        thread_ts: '1700000000.000001',
        channel: 'C0CHAN',
      }),
      JSON_TYPE,
    );
    await t.bot.idle();

    expect(calls[0]).toMatchObject({
      method: 'conversations.replies',
      body: { channel: 'C0CHAN', ts: '1700000000.000001' },
    });
    expect(calls.find((c) => c.method === 'chat.postMessage')?.body.thread_ts).toBe('1700000000.000001');
    expect(JSON.stringify(calls.at(-1)?.body.blocks)).toContain('authorizer-invoke-permission');
  });

  it('replies once in the thread of a CloudWatch alarm from a configured alerting bot, with counts per cause', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [{ ts: '1700000300.000400', bot_id: 'B0CHATBOT' }] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    const alarm = {
      type: 'message',
      subtype: 'bot_message',
      bot_id: 'B0CHATBOT',
      channel: 'C0ALERTS',
      ts: '1700000300.000400',
      text: '',
      attachments: [
        {
          fallback: 'CloudWatch Alarm | orders-4xx | EU (Ireland) | ALARM',
          title: 'CloudWatch Alarm | orders-4xx | eu-west-1 | Account: 123456789012',
          text: 'Threshold Crossed: 1 out of the last 1 datapoints [42.0 (24/11/26 09:55:00)] was greater than the threshold (10.0) (minimum 1 datapoint for OK -> ALARM transition).',
          fields: [
            { title: 'State', value: 'ALARM' },
            { title: 'Metric', value: '4XXError' },
            { title: 'Namespace', value: 'AWS/ApiGateway' },
            { title: 'Dimensions', value: 'ApiName = orders, Stage = prod' },
            { title: 'Period', value: '300 seconds' },
          ],
        },
      ],
    };

    await post(t.url, eventCallback(alarm, 'Ev0ALARM1'), JSON_TYPE);
    await post(t.url, eventCallback(alarm, 'Ev0ALARM2'), JSON_TYPE);
    await t.bot.idle();

    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ channel: 'C0ALERTS', thread_ts: '1700000300.000400' });
    const final = calls.filter((c) => c.method === 'chat.update').at(-1);
    expect(final?.body.text).toMatch(/^why403: Alarm orders-4xx: what the failed requests were/);
    expect(JSON.stringify(final?.body.blocks)).toContain('authorizer-cached-policy-mismatch');
    expect(t.sandbox.fake.calls.some((c) => c.operation === 'GetRestApis')).toBe(true);
  });

  it('does not answer an alarm this bot already answered (another replica did)', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({
        messages: [
          { ts: '1700000400.000500', bot_id: 'B0CHATBOT' },
          { ts: '1700000401.000600', bot_id: BOT_ID },
        ],
      }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    const alarm = {
      type: 'message',
      bot_id: 'B0CHATBOT',
      channel: 'C0ALERTS',
      ts: '1700000400.000500',
      text: '{"AlarmName":"orders-4xx","NewStateValue":"ALARM","Trigger":{"MetricName":"4XXError","Namespace":"AWS/ApiGateway","Dimensions":[{"name":"ApiName","value":"orders"}],"Period":300,"EvaluationPeriods":1}}',
    };

    await post(t.url, eventCallback(alarm), JSON_TYPE);
    await t.bot.idle();

    expect(calls.map((c) => c.method).sort()).toEqual(['auth.test', 'conversations.replies']);
  });

  it('ignores alarms from bots that are not configured', async () => {
    const unmatched = unmatchedRequests();
    await post(
      t.url,
      eventCallback({
        type: 'message',
        bot_id: 'B0STRANGER',
        channel: 'C0ALERTS',
        ts: '1.2',
        text: 'AWS/ApiGateway 4XXError ALARM ApiName orders',
      }),
      JSON_TYPE,
    );
    await t.bot.idle();
    unmatched.stop();
    expect(unmatched.urls).toEqual([]);
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });

  it('Show full trace answers ephemerally with the redacted execution log', async () => {
    const posts = responseUrls();
    const value = buttonValue(SCENARIOS.deny.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_show_trace', value }), FORM);
    await t.bot.idle();

    expect(posts[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = JSON.stringify(posts[0].body.blocks);
    expect(text).toContain('Starting authorizer: 8xkq2m');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('reader');
  });

  it('Re-check runs the diagnosis again and updates the message in place', async () => {
    const calls = slackApi();
    const value = buttonValue(SCENARIOS.apiKey.requestId, 'c3d4e5f6a7');
    await post(t.url, blockAction({ action_id: 'why403_recheck', value }), FORM);
    await t.bot.idle();

    expect(calls.every((c) => c.method === 'chat.update' && c.body.ts === '1700000000.000100')).toBe(true);
    expect(JSON.stringify(calls.at(-1)?.body.blocks)).toContain('api-key-missing-or-invalid');
  });

  it('Flush authorizer cache: a permitted user flushes, the result goes in the thread and to the audit log', async () => {
    const calls = slackApi();
    const value = buttonValue(SCENARIOS.cached.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_flush_cache', value }), FORM);
    await t.bot.idle();

    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache')).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'chat.postMessage',
      body: { channel: 'C0CHAN', thread_ts: '1700000000.000100' },
    });
    expect(calls[0].body.text).toMatch(
      /^:broom: <@U0ONCALL> flushed the authorizer cache of `a1b2c3d4e5\/prod` \(eu-west-1\)/,
    );
    expect(t.logs).toContainEqual({
      level: 'info',
      args: [
        'authorizer cache flushed',
        { user: 'U0ONCALL', channel: 'C0CHAN', api: 'a1b2c3d4e5/prod', region: 'eu-west-1' },
      ],
    });
  });

  it('Flush authorizer cache: anyone else is refused, and nothing is written', async () => {
    const posts = responseUrls();
    const value = buttonValue(SCENARIOS.cached.requestId, 'a1b2c3d4e5');
    await post(
      t.url,
      blockAction(
        { action_id: 'why403_flush_cache', value },
        { user: { id: 'U0INTRUDER', username: 'x', team_id: 'T0TEAM' } },
      ),
      FORM,
    );
    await t.bot.idle();

    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache')).toHaveLength(0);
    expect(JSON.stringify(posts[0].body)).toContain(
      'You may not flush the authorizer cache of a1b2c3d4e5/prod.',
    );
    expect(t.logs).toContainEqual({
      level: 'warn',
      args: [
        'authorizer cache flush refused',
        { user: 'U0INTRUDER', channel: 'C0CHAN', api: 'a1b2c3d4e5/prod' },
      ],
    });
  });
});

describe('Slack bot: permissions', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({
      alertChannels: [],
      alertBots: [],
      allowedUsers: ['U0ALLOWED'],
      channelApis: { C0CHAN: ['b2c3d4e5f6'] },
      flushCache: { users: [], channels: [] },
    });
  });
  afterEach(() => t.stop());

  it('refuses users who are not allowed, in the acknowledgement', async () => {
    const response = await post(t.url, slashCommand(SCENARIOS.cached.requestId), FORM);
    expect(JSON.parse(response.text).text).toMatch(/^You may not use why403/);
  });

  it('limits a channel to its APIs', async () => {
    const response = await post(
      t.url,
      slashCommand(`${SCENARIOS.cached.requestId} --api a1b2c3d4e5`, { user_id: 'U0ALLOWED' }),
      FORM,
    );
    expect(JSON.parse(response.text).text).toMatch(/^This channel may not see API a1b2c3d4e5/);
  });

  it('offers no flush button when nobody may flush', async () => {
    const calls = slackApi();
    await post(t.url, slashCommand(SCENARIOS.ipDeny.requestId, { user_id: 'U0ALLOWED' }), FORM);
    await t.bot.idle();
    const blocks = calls.at(-1)?.body.blocks as Array<Record<string, any>>;
    expect(JSON.stringify(blocks)).toContain('resource-policy-explicit-deny');
    expect(
      (blocks.find((b) => b.type === 'actions') as Record<string, any>).elements.map(
        (e: { action_id: string }) => e.action_id,
      ),
    ).not.toContain('why403_flush_cache');
  });
});

/** A diagnosis reference as the bot puts it in a button value: the request on the API's prod stage in eu-west-1. */
function buttonValue(requestId: string, restApiId: string): string {
  return JSON.stringify({ requestId, restApiId, stage: 'prod', region: 'eu-west-1' });
}
