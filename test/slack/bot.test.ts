import {
  BOT_ID,
  CHATBOT_ALARM,
  SECRET,
  blockAction,
  eventCallback,
  post,
  responseUrls,
  signature,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  unmatchedRequests,
  type TestBot,
  type WebApiCall,
  FORM,
  type AnyBlock,
  blocksOf,
  JSON_TYPE,
} from '../support/slack';
import { SCENARIOS } from '../../src/sandbox/world';

function hasBlocks(body: Record<string, unknown>): boolean {
  return Array.isArray(body.blocks) && body.blocks.length > 0;
}

function actionIds(blocks: AnyBlock[]): string[] {
  return (blocks.find((b) => b.type === 'actions')?.elements ?? []).map((e: AnyBlock) => e.action_id);
}

/** A diagnosis reference as the bot puts it in a button value: the request on the API's prod stage in eu-west-1. */
function buttonValue(requestId: string, restApiId: string): string {
  return JSON.stringify({ requestId, restApiId, stage: 'prod', region: 'eu-west-1' });
}

describe('Slack bot: HTTP receiver', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(
      slackConfig({
        alertChannels: ['C0ALERTS'],
        alertBots: ['B0CHATBOT'],
        users: { U0ONCALL: { apis: 'all', flush: true } },
        channels: { C0CHAN: { apis: 'all', flush: true } },
      }),
    );
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
  ])('rejects %s with 401, and logs it as a JSON line', async (_name, headers) => {
    const body = slashCommand('help');
    const response = await post(t.url, body, FORM, headers(body));
    expect(response.status).toBe(401);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringContaining('Failed to verify authenticity'),
      }),
    );
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
    expect(ack.text).toMatch(/`12345` is not an API Gateway request id.* — try \/why403 help$/);
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });

  it('/why403 REQUEST_ID: a short answer in the channel, its details in the thread', async () => {
    const calls = slackApi();
    const { requestId } = SCENARIOS.cached;

    const response = await post(t.url, slashCommand(`${requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await t.bot.idle();

    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(2);
    const [working, details] = posted;
    expect(working.body).toMatchObject({ channel: 'C0CHAN', text: `Looking for request ${requestId}…` });
    expect(working.body.thread_ts).toBeUndefined();
    const summary = calls.filter((c) => c.method === 'chat.update').at(-1) as WebApiCall;
    expect(summary.body).toMatchObject({ channel: 'C0CHAN', ts: '1700000000.000002' });
    const blocks = blocksOf(summary);
    expect(blocks[0].text).toEqual({
      type: 'plain_text',
      text: '403 · A cached authorizer policy for another method was reused',
      emoji: true,
    });
    expect(blocks[2].elements[0].text).toBe(
      ':red_circle: `authorizer-cached-policy-mismatch` · confidence: *high*',
    );
    expect(JSON.stringify(blocks)).toContain(
      'A policy cached for GET /orders/17 by request 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a was reused for GET /orders/18',
    );
    expect(JSON.stringify(blocks)).toContain('*First step:* Have the authorizer return a Resource');
    expect(JSON.stringify(blocks)).toContain('in the thread');
    expect(JSON.stringify(blocks)).not.toContain('*Evidence*');
    expect(JSON.stringify(blocks).length).toBeLessThan(4000);
    expect(actionIds(blocks)).toEqual([
      'why403_flush_cache',
      'why403_show_trace',
      'why403_open_cloudwatch',
      'why403_recheck',
    ]);
    expect(summary.body.text).toMatch(/^why403: authorizer-cached-policy-mismatch \(high\) — /);

    expect(details.body).toMatchObject({ channel: 'C0CHAN', thread_ts: '1700000000.000002' });
    const detail = JSON.stringify(blocksOf(details));
    expect(detail).toContain('*Evidence*');
    expect(detail).toContain('*Fix*');
    expect(detail).toContain('First difference: path `orders/17` ≠ `orders/18`');
    expect(JSON.stringify(calls)).not.toMatch(/ana@example\.com|t-88/);
  });

  it('where the bot is not a member: one ephemeral note, then one answer in the channel, with Show details', async () => {
    const calls = slackApi({ 'chat.postMessage': () => ({ ok: false, error: 'not_in_channel' }) });
    const posts = responseUrls();

    await post(t.url, slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`), FORM);
    await t.bot.idle();

    expect(calls.map((c) => c.method).filter((m) => m !== 'users.info')).toEqual(['chat.postMessage']);
    expect(posts.map((p) => p.body.response_type)).toEqual(['ephemeral', 'in_channel']);
    expect(posts[0].body.text).toMatch(/^I am not a member of this channel/);
    expect(posts[1].body.replace_original).toBe(false);
    expect(JSON.stringify(posts[1].body.blocks)).toContain('api-key-missing-or-invalid');
    expect(actionIds(posts[1].body.blocks as AnyBlock[])).toContain('why403_show_details');
  });

  it.each([['invalid_blocks'], ['msg_blocks_too_long']])(
    'when Slack refuses the blocks of the answer and its details (%s), writes each as text alone',
    async (error) => {
      // Slack refuses the blocks of the answer (its text starts with why403:) and of its details (in the thread).
      const isAnswerOrDetails = (body: Record<string, unknown>) =>
        String(body.text).startsWith('why403:') || body.thread_ts !== undefined;
      const refused = (body: Record<string, unknown>) =>
        hasBlocks(body) && isAnswerOrDetails(body) ? { ok: false, error } : {};
      const calls = slackApi({ 'chat.update': refused, 'chat.postMessage': refused });

      await post(t.url, slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`), FORM);
      await t.bot.idle();

      const landed = calls.filter((c) => isAnswerOrDetails(c.body) && !hasBlocks(c.body));
      expect(landed.map((c) => c.method)).toEqual(['chat.update', 'chat.postMessage']);
      expect(String(landed[0].body.text)).toMatch(/^why403: api-key-missing-or-invalid \(high\) — /);
      expect(landed[0].body.ts).toBe('1700000000.000002');
      expect(landed[1].body.thread_ts).toBe('1700000000.000002');
      expect(calls.map((c) => c.method)).not.toContain('chat.postEphemeral');
    },
  );

  it('Re-check on an answer the bot posted through a response_url replaces it in place', async () => {
    const calls = slackApi({ 'chat.update': () => ({ ok: false, error: 'channel_not_found' }) });
    const posts = responseUrls();
    const value = buttonValue(SCENARIOS.apiKey.requestId, 'c3d4e5f6a7');
    await post(t.url, blockAction({ action_id: 'why403_recheck', value }), FORM);
    await t.bot.idle();

    expect(calls.map((c) => c.method).filter((m) => m !== 'users.info')).toEqual(['chat.update']);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((p) => p.path === '/actions/T0TEAM/2/def' && p.body.replace_original === true)).toBe(
      true,
    );
    expect(JSON.stringify(posts.at(-1)?.body.blocks)).toContain('api-key-missing-or-invalid');
  });

  it('Show details answers ephemerally with the evidence and the whole fix', async () => {
    const posts = responseUrls();
    slackApi();
    const value = buttonValue(SCENARIOS.deny.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_show_details', value }), FORM);
    await t.bot.idle();

    expect(posts).toHaveLength(1);
    expect(posts[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(posts[0].body.blocks)).toContain('*Evidence*');
    expect(JSON.stringify(posts[0].body.blocks)).toContain('*Fix*');
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
    expect(posted.map((c) => c.body.thread_ts)).toEqual(['1700000100.000200', '1700000100.000200']);
    expect(JSON.stringify(calls.filter((c) => c.method === 'chat.update').at(-1)?.body.blocks)).toContain(
      'authorizer-explicit-deny',
    );
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

    expect(calls.find((c) => c.method === 'conversations.replies')?.body).toMatchObject({
      channel: 'C0CHAN',
      ts: '1700000000.000001',
    });
    expect(calls.find((c) => c.method === 'chat.postMessage')?.body.thread_ts).toBe('1700000000.000001');
    expect(JSON.stringify(calls.filter((c) => c.method === 'chat.update').at(-1)?.body.blocks)).toContain(
      'authorizer-invoke-permission',
    );
  });

  it('a mention with no id anywhere gets the usage, ephemerally', async () => {
    const calls = slackApi({ 'conversations.replies': () => ({ messages: [{ ts: '1.0', text: 'hello' }] }) });
    await post(
      t.url,
      eventCallback({
        type: 'app_mention',
        user: 'U0ONCALL',
        text: '<@U0BOT1234> help me',
        ts: '1700000200.000400',
        thread_ts: '1.0',
        channel: 'C0CHAN',
      }),
      JSON_TYPE,
    );
    await t.bot.idle();

    const ephemeral = calls.find((c) => c.method === 'chat.postEphemeral');
    expect(ephemeral?.body).toMatchObject({ channel: 'C0CHAN', user: 'U0ONCALL', thread_ts: '1.0' });
    expect(ephemeral?.body.text).toMatch(/^I found no request id or API id/);
    expect(calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
  });

  it('replies once in the thread of a CloudWatch alarm from a configured alerting bot, with counts per cause', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [{ ts: '1700000300.000400', bot_id: 'B0CHATBOT' }] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    const alarm = CHATBOT_ALARM;

    await post(t.url, eventCallback(alarm, 'Ev0ALARM1'), JSON_TYPE);
    await post(t.url, eventCallback(alarm, 'Ev0ALARM2'), JSON_TYPE);
    await t.bot.idle();

    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body)).toEqual([
      expect.objectContaining({ channel: 'C0ALERTS', thread_ts: '1700000300.000400' }),
      expect.objectContaining({ channel: 'C0ALERTS', thread_ts: '1700000300.000400' }),
    ]);
    const final = calls.filter((c) => c.method === 'chat.update').at(-1);
    expect(final?.body.text).toMatch(/^why403: Alarm orders-4xx: what the failed requests were/);
    expect(JSON.stringify(final?.body.blocks)).toContain('authorizer-cached-policy-mismatch');
    expect(JSON.stringify(posted[1].body.blocks)).toContain('Fix for');
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

    // The bot was started knowing who it is: the alarm asks Slack nothing more (no auth.test).
    expect(calls.map((c) => c.method)).toEqual(['conversations.replies']);
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
    slackApi();
    const value = buttonValue(SCENARIOS.deny.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_show_trace', value }), FORM);
    await t.bot.idle();

    expect(posts[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = JSON.stringify(posts[0].body.blocks);
    expect(text).toContain('Starting authorizer: 8xkq2m');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('reader');
  });

  it('Re-check runs the diagnosis again, updates the message in place and puts fresh details in its thread', async () => {
    const calls = slackApi();
    const value = buttonValue(SCENARIOS.apiKey.requestId, 'c3d4e5f6a7');
    await post(t.url, blockAction({ action_id: 'why403_recheck', value }), FORM);
    await t.bot.idle();

    const updates = calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((c) => c.body.ts === '1700000000.000100')).toBe(true);
    expect(JSON.stringify(updates.at(-1)?.body.blocks)).toContain('api-key-missing-or-invalid');
    expect(calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.thread_ts)).toEqual([
      '1700000000.000100',
    ]);
  });

  it('a second /why403 for the same request in the same channel links to the first answer', async () => {
    const calls = slackApi({
      'chat.getPermalink': (body) => ({
        permalink: `https://example.slack.com/archives/${body.channel}/p${String(body.message_ts).replace('.', '')}`,
      }),
    });
    const posts = responseUrls();
    const text = `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`;

    await post(t.url, slashCommand(text), FORM);
    await t.bot.idle();
    await post(t.url, slashCommand(text, { user_id: 'U0SECOND', trigger_id: '9.9.9' }), FORM);
    await t.bot.idle();

    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(posts[0].body.text).toBe(
      `Request \`${SCENARIOS.deny.requestId}\` was already answered in this channel just now (asked by <@U0ONCALL>): <https://example.slack.com/archives/C0CHAN/p1700000000000002|see the answer>. Press Re-check there to run it again.`,
    );
    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'FilterLogEvents').length).toBeGreaterThan(0);
  });

  it('the same request asked in another channel gets its own answer', async () => {
    const calls = slackApi();
    const text = `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`;
    await post(t.url, slashCommand(text), FORM);
    await post(t.url, slashCommand(text, { channel_id: 'C0OTHER', trigger_id: '8.8.8' }), FORM);
    await t.bot.idle();

    expect(
      calls
        .filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === undefined)
        .map((c) => c.body.channel),
    ).toEqual(expect.arrayContaining(['C0CHAN', 'C0OTHER']));
  });

  it('Flush: done for the person who pressed it, posted in the thread, and logged as an audit line', async () => {
    const calls = slackApi();
    const value = buttonValue(SCENARIOS.cached.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_flush_cache', value }), FORM);
    await t.bot.idle();

    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache')).toHaveLength(1);
    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ channel: 'C0CHAN', thread_ts: '1700000000.000100' });
    expect(posted[0].body.text).toMatch(
      /^:broom: <@U0ONCALL> flushed the authorizer cache of `a1b2c3d4e5\/prod` \(eu-west-1\)/,
    );
    const audit = t.logs.filter((line) => line.audit === 'authorizer-cache-flush');
    expect(audit).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'authorizer cache flushed',
        outcome: 'flushed',
        slackUser: 'U0ONCALL',
        channel: 'C0CHAN',
        restApiId: 'a1b2c3d4e5',
        stage: 'prod',
        region: 'eu-west-1',
        correlationId: expect.any(String),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('Flush pressed twice in a row flushes once and tells the second presser', async () => {
    const calls = slackApi();
    const posts = responseUrls();
    const value = buttonValue(SCENARIOS.cached.requestId, 'a1b2c3d4e5');
    await post(t.url, blockAction({ action_id: 'why403_flush_cache', value }), FORM);
    await t.bot.idle();
    await post(t.url, blockAction({ action_id: 'why403_flush_cache', value }, { trigger_id: '7.7.7' }), FORM);
    await t.bot.idle();

    expect(t.sandbox.fake.calls.filter((c) => c.operation === 'FlushStageAuthorizersCache')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(posts.map((p) => p.body.text)).toEqual([
      'The authorizer cache of `a1b2c3d4e5/prod` was flushed moments ago by <@U0ONCALL>: no second flush was sent.',
    ]);
  });

  it('an error inside a job reaches the person who asked, with the log id, and the log has it', async () => {
    slackApi({ 'chat.postMessage': () => ({ ok: false, error: 'internal_error' }) });
    const posts = responseUrls();
    await post(t.url, slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    await t.bot.idle();

    expect(posts).toHaveLength(1);
    expect(posts[0].body.response_type).toBe('ephemeral');
    const correlation = /under (\S+)\.$/.exec(String(posts[0].body.text))?.[1];
    expect(correlation).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.logs).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'job failed', correlationId: correlation }),
    );
  });

  it('an AWS problem is explained to the person in the answer itself', async () => {
    const calls = slackApi();
    await post(t.url, slashCommand(`${SCENARIOS.deny.requestId} --api zzzzzzzzz9 --stage prod`), FORM);
    await t.bot.idle();

    const final = calls.filter((c) => c.method === 'chat.update').at(-1);
    expect(final?.body.text).toMatch(/^I could not finish looking for request/);
  });

  it('an expired response_url: the answer reaches the asker as a direct message instead', async () => {
    const calls = slackApi({
      'chat.postMessage': (body) => (body.channel === 'C0CHAN' ? { ok: false, error: 'not_in_channel' } : {}),
    });
    const nock = (await import('nock')).default;
    nock('https://hooks.slack.com').persist().post(/.*/).reply(404, 'expired_url');

    await post(t.url, slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`), FORM);
    await t.bot.idle();

    const direct = calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'U0ONCALL');
    expect(direct).toHaveLength(1);
    expect(direct[0].body.text).toMatch(/^I could not post my answer in <#C0CHAN>/);
    expect(JSON.stringify(direct[0].body.blocks)).toContain('api-key-missing-or-invalid');
    expect(t.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'the response_url no longer works' }),
    );
  });
});
