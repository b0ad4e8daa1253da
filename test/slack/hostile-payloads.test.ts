import nock from 'nock';
import type { SlackBot } from '../../src/slack/app';
import { createLambdaHandler, type LambdaHandler } from '../../src/slack/lambda';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SCENARIOS } from '../../src/sandbox/world';
import {
  BOT_ID,
  BOT_USER,
  FORM,
  SECRET,
  SLACK_API,
  blockAction,
  eventCallback,
  post,
  recordingLog,
  responseUrls,
  signature,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type LogLine,
  type TestBot,
  JSON_TYPE,
} from '../support/slack';
import { freePort } from '../support/ports';
import { startSocketModeBot, startSocketModeSlack, type SocketModeSlack } from '../support/socket-mode';

/**
 * Signed requests of kinds the bot does not handle (Slack sends them when an app's settings ask for more than its
 * listeners take, or anyone holding a signed request can shape them), and clicks that name no person: each is
 * acknowledged at once, empty, with nothing run, on every receiver: HTTP, AWS Lambda and Socket Mode. A request
 * whose signature is wrong is refused before any of that. And what a person typed, quoted back, is shown as they
 * typed it, never as Slack formatting.
 */

const API = 'a1b2c3d4e5';
const { requestId: CACHED } = SCENARIOS.cached;
const UNHANDLED_LINE = 'a request the bot does not handle: acknowledged, nothing run';
const NO_PERSON_LINE = 'a request that names no person: acknowledged, nothing run';

function interactive(payload: Record<string, unknown>): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const USER = { id: 'U0ONCALL', username: 'oncall', team_id: 'T0TEAM' };
const TEAM = { id: 'T0TEAM', domain: 'example' };
const VIEW = { id: 'V0VIEW', hash: 'h1', private_metadata: '', state: { values: {} } };

/** Kinds of request no listener of the bot takes: [name, raw body, content type]. */
const UNHANDLED: Array<[string, string, string]> = [
  [
    'a block_suggestion (options for an external select)',
    interactive({
      type: 'block_suggestion',
      user: USER,
      team: TEAM,
      api_app_id: 'A0APP',
      action_id: 'pick_api',
      block_id: 'b1',
      value: 'ord',
    }),
    FORM,
  ],
  [
    'a message shortcut (message_action)',
    interactive({
      type: 'message_action',
      callback_id: 'diagnose_alert',
      user: USER,
      team: TEAM,
      channel: { id: 'C0CHAN', name: 'incidents' },
      message: { ts: '1700000000.000100', text: CACHED },
      response_url: 'https://hooks.slack.com/app/T0TEAM/3/ghi',
      trigger_id: '7.8.9',
    }),
    FORM,
  ],
  [
    'a global shortcut',
    interactive({ type: 'shortcut', callback_id: 'why403', user: USER, team: TEAM, trigger_id: '7.8.9' }),
    FORM,
  ],
  [
    'a view_closed',
    interactive({
      type: 'view_closed',
      user: USER,
      team: TEAM,
      view: { ...VIEW, callback_id: 'why403_recheck_after_deploy_modal' },
      is_cleared: false,
    }),
    FORM,
  ],
  [
    'a view_submission of a modal the bot never opened',
    interactive({
      type: 'view_submission',
      user: USER,
      team: TEAM,
      view: { ...VIEW, callback_id: 'someone_elses_modal' },
    }),
    FORM,
  ],
  ['a button the bot never drew', blockAction({ action_id: 'someone_elses_button', value: '1' }), FORM],
  ['an interactive payload of an unknown type', interactive({ type: 'hologram', user: USER }), FORM],
  ['a JSON body of an unknown type', JSON.stringify({ type: 'telepathy', team_id: 'T0TEAM' }), JSON_TYPE],
  [
    'an event_callback with no event',
    JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', event_id: 'Ev0NONE' }),
    JSON_TYPE,
  ],
  [
    'an event_callback whose event is not an object',
    JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', event_id: 'Ev0NULL', event: null }),
    JSON_TYPE,
  ],
  [
    'an event the bot does not subscribe to',
    eventCallback({ type: 'reaction_added', user: 'U0ONCALL', reaction: 'eyes', item: { type: 'message' } }),
    JSON_TYPE,
  ],
  [
    'another app’s slash command',
    new URLSearchParams({
      ...Object.fromEntries(new URLSearchParams(slashCommand(CACHED))),
      command: '/other',
    }).toString(),
    FORM,
  ],
];

const REF = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });

/** Clicks and submissions that name no person: Bolt itself failed on these (500) before any listener ran. */
const NO_PERSON: Array<[string, string]> = [
  [
    'a Re-check click without a user',
    blockAction({ action_id: 'why403_recheck', value: REF }, { user: undefined }),
  ],
  [
    'a Verify fix click with a null user and no team',
    blockAction({ action_id: 'why403_verify_fix', value: REF }, { user: null, team: null }),
  ],
  [
    'a Show trace click whose user is a bare string',
    blockAction({ action_id: 'why403_show_trace', value: REF }, { user: 'U0ONCALL' }),
  ],
  [
    'a Re-check after deploy submission without a user',
    interactive({
      type: 'view_submission',
      team: TEAM,
      view: { ...VIEW, callback_id: 'why403_recheck_after_deploy_modal' },
    }),
  ],
];

const PERMISSIVE = slackConfig({
  users: { default: { apis: 'all', flush: true, replay: true } },
  channels: {
    default: { apis: 'all', flush: true, replay: true },
    C0ZH: { apis: 'all', flush: false, language: 'zh-TW' },
  },
});

function ours(logs: LogLine[], line: string): LogLine[] {
  return logs.filter((l) => l.msg === line);
}

function errors(logs: LogLine[]): LogLine[] {
  return logs.filter((l) => l.level === 'error' || l.level === 'fatal');
}

describe('payloads the bot does not handle, over signed HTTP', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(PERMISSIVE);
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  /** Posts the request: acknowledged at once, empty, and nothing sent to Slack or AWS. */
  async function expectAcknowledgedEmpty(body: string, type: string): Promise<void> {
    const calls = slackApi();
    const posts = responseUrls();
    const response = await post(t.url, body, type);
    await t.bot.idle();
    expect(response).toEqual({ status: 200, text: '' });
    expect({ slack: calls, posts, aws: t.sandbox.fake.calls.length }).toEqual({
      slack: [],
      posts: [],
      aws: 0,
    });
  }

  it.each(UNHANDLED)('%s is acknowledged empty, nothing run, one debug line', async (_name, body, type) => {
    await expectAcknowledgedEmpty(body, type);
    expect(ours(t.logs, UNHANDLED_LINE)).toEqual([expect.objectContaining({ level: 'debug' })]);
    expect(t.logs.filter((l) => l.level !== 'debug' && l.level !== 'trace')).toEqual([]);
  });

  it.each(UNHANDLED)(
    '%s with a wrong signature is refused (401), not acknowledged',
    async (_name, body, type) => {
      const response = await post(t.url, body, type, signature('not-the-secret', body));
      expect(response.status).toBe(401);
      expect(ours(t.logs, UNHANDLED_LINE)).toEqual([]);
    },
  );

  it('a request too old to be Slack’s is refused, whatever its kind', async () => {
    const [, body, type] = UNHANDLED[0];
    const response = await post(
      t.url,
      body,
      type,
      signature(SECRET, body, Math.floor(Date.now() / 1000) - 600),
    );
    expect(response.status).toBe(401);
  });

  it.each(NO_PERSON)(
    '%s is acknowledged empty, nothing run, nothing logged as an error',
    async (_name, body) => {
      await expectAcknowledgedEmpty(body, FORM);
      expect(errors(t.logs)).toEqual([]);
      expect(ours(t.logs, NO_PERSON_LINE)).toEqual([expect.objectContaining({ level: 'debug' })]);
    },
  );

  it('the buttons the bot draws are still taken by their listeners', async () => {
    const posts = responseUrls();
    slackApi();
    await post(t.url, blockAction({ action_id: 'why403_show_trace', value: REF }), FORM);
    await t.bot.idle();
    expect(posts.map((p) => p.body.text)).toEqual([`Execution log of request ${CACHED}`]);
    expect(ours(t.logs, UNHANDLED_LINE)).toEqual([]);
  });
});

describe('payloads the bot does not handle, on AWS Lambda', () => {
  let sandbox: Sandbox;
  let handler: LambdaHandler;
  let logs: LogLine[];
  beforeEach(async () => {
    sandbox = await startSandbox({ config: { slack: PERMISSIVE } });
    logs = [];
    nock(SLACK_API)
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: BOT_USER, bot_id: BOT_ID, team_id: 'T0TEAM' });
    handler = createLambdaHandler({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${SLACK_API}/api/`,
        AWS_LAMBDA_FUNCTION_NAME: 'why403-bot',
        LOG_LEVEL: 'debug',
      },
      service: sandbox.service,
      clientOptions: { retryConfig: { retries: 0 } },
      log: recordingLog(logs),
    });
  });
  afterEach(async () => {
    await sandbox.close();
    nock.cleanAll();
  });

  function invoke(body: string, type: string, headers = signature(SECRET, body)) {
    return handler(
      {
        body,
        headers: { 'content-type': type, ...headers },
        isBase64Encoded: false,
        httpMethod: 'POST',
        path: '/slack/events',
        requestContext: {},
        multiValueHeaders: {},
      },
      {},
    ) as Promise<{ statusCode: number; body: string }>;
  }

  it.each([...UNHANDLED, ...NO_PERSON.map(([name, body]): [string, string, string] => [name, body, FORM])])(
    '%s: 200, empty, nothing invoked',
    async (_name, body, type) => {
      const lambda = nock('https://lambda.us-east-1.amazonaws.com').post(/.*/).reply(202, '');
      const calls = slackApi();
      const response = await invoke(body, type);
      expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body: '' });
      expect(lambda.isDone()).toBe(false);
      expect({ slack: calls.map((c) => c.method), aws: sandbox.fake.calls.length }).toEqual({
        slack: [],
        aws: 0,
      });
      expect(errors(logs)).toEqual([]);
    },
  );

  it.each(UNHANDLED)('%s with a wrong signature: 401', async (_name, body, type) => {
    const response = await invoke(body, type, signature('not-the-secret', body));
    expect(response.statusCode).toBe(401);
    expect(ours(logs, UNHANDLED_LINE)).toEqual([]);
  });
});

describe('payloads the bot does not handle, in Socket Mode', () => {
  let slack: SocketModeSlack;
  let sandbox: Sandbox;
  let bot: SlackBot;
  let logs: LogLine[];

  beforeEach(async () => {
    slack = await startSocketModeSlack();
    sandbox = await startSandbox({ config: { slack: PERMISSIVE } });
    logs = [];
    ({ bot } = await startSocketModeBot(sandbox.service, recordingLog(logs), await freePort()));
  });

  afterEach(async () => {
    await bot.idle();
    await bot.stop();
    await sandbox.close();
    await slack.close();
    nock.cleanAll();
  });

  /** The body of an HTTP request as Socket Mode carries it: the parsed payload, and its envelope type. */
  function envelope(body: string, type: string, envelopeId: string): Record<string, unknown> {
    if (type === JSON_TYPE) {
      const payload = JSON.parse(body);
      // Slack's socket-mode client reads an events_api envelope's event itself: one without is of another type.
      const kind = typeof payload.event === 'object' && payload.event ? 'events_api' : payload.type;
      return { envelope_id: envelopeId, type: kind, payload };
    }
    const form = Object.fromEntries(new URLSearchParams(body));
    if (form.payload)
      return {
        envelope_id: envelopeId,
        type: 'interactive',
        accepts_response_payload: true,
        payload: JSON.parse(form.payload),
      };
    return { envelope_id: envelopeId, type: 'slash_commands', accepts_response_payload: true, payload: form };
  }

  it.each([...UNHANDLED, ...NO_PERSON.map(([name, body]): [string, string, string] => [name, body, FORM])])(
    '%s is acknowledged, nothing run',
    async (_name, body, type) => {
      const calls = slackApi();
      const ws = await slack.socket;
      ws.send(JSON.stringify(envelope(body, type, 'env-x')));
      const ack = await slack.ackOf('env-x');
      await bot.idle();
      expect(ack.payload ?? {}).toEqual({});
      expect({ slack: calls.map((c) => c.method), aws: sandbox.fake.calls.length }).toEqual({
        slack: [],
        aws: 0,
      });
      expect(errors(logs)).toEqual([]);
    },
  );
});

describe('what a person typed, quoted back, is shown verbatim', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(PERMISSIVE);
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  /** The acknowledgement's problem line (its first line) and its fallback text, for a command typed in `channel`. */
  async function problemOf(text: string, channel = 'C0CHAN'): Promise<{ line: string; text: string }> {
    const form = new URLSearchParams(slashCommand(text));
    form.set('channel_id', channel);
    // Each command is its own delivery (one trigger id is one command, however often it comes).
    form.set('trigger_id', `${channel}:${text}`);
    const ack = JSON.parse((await post(t.url, form.toString(), FORM)).text);
    return { line: ack.blocks[0].text.text.split('\n')[0], text: ack.text };
  }

  // Slack sends the command's &, < and > as entities, and so do these.
  it.each<[string, string, string]>([
    ['two words of emphasis', '*bold* _x_', '`*bold* _x_`'],
    ['strike-through and a quote', '~gone~ &gt;quoted', '`~gone~ &gt;quoted`'],
    ['backticks that would end the code span early', 'a`*b*` c', "`a'*b*' c`"],
    ['an unknown option in bold', '--*loud* 1', '`--*loud*`'],
    ['a request id in italics', '_abc_', '`_abc_`'],
    ['a stage with a quote mark', `${CACHED} --stage &gt;prod`, '`&gt;prod`'],
    ['an API id with a mention', `${CACHED} --api &lt;!here&gt;*`, '`&lt;!here&gt;*`'],
    ['a look-back in strike-through', `${CACHED} --since ~2h~`, '`~2h~`'],
    ['an ampersand', 'a&amp;b c', '`a&amp;b c`'],
    // The renderer marks where typed text goes with a private-use character: typing one changes nothing.
    ['private-use characters', '\ue000 0\ue000 \ue001', '`\ue000 0\ue000 \ue001`'],
  ])('%s, in English and in Chinese', async (_name, typed, shown) => {
    for (const channel of ['C0CHAN', 'C0ZH']) {
      const { line, text } = await problemOf(typed, channel);
      expect(line).toContain(shown);
      expect(text).toContain(shown);
      // Nothing of what was typed stands outside the code span, and nothing is quoted twice.
      const outside = line.replace(shown, '');
      expect(outside).not.toMatch(/[*_~`]|&gt;|"|「/);
    }
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });
});
