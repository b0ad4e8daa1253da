import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { english } from '../../src/render/localize';
import { msg } from '../../src/text';
import { SCENARIOS } from '../../src/sandbox/world';
import {
  FORM,
  JSON_TYPE,
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
  type LogLine,
  type TestBot,
} from '../support/slack';

/**
 * Signed requests whose fields are not of the shape Slack sends (a form field given twice, an object where an id
 * goes, a body of `null`), and response URLs that are not Slack's: the real Bolt app over signed HTTP answers each
 * at once, runs nothing, calls nothing, and logs one line saying so. Bolt's own checks (signature, age, size,
 * url_verification) still hold in front of that.
 */

const API = 'a1b2c3d4e5';
const { requestId: CACHED } = SCENARIOS.cached;
const REF = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });
const MISSHAPEN = 'a request whose fields are not as Slack sends them: acknowledged, nothing run';
const UNHANDLED = 'a request the bot does not handle: acknowledged, nothing run';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Stands for the address of a loopback service beside the bot, known only once it listens. */
const LOOPBACK = 'LOOPBACK';

/** A command form with one field given a second time, as Slack never sends it. */
function twice(field: string, value: string): string {
  return `${slashCommand(CACHED)}&${field}=${encodeURIComponent(value)}`;
}

function mention(event: Record<string, unknown>): string {
  return eventCallback({ type: 'app_mention', user: 'U0ONCALL', channel: 'C0CHAN', text: CACHED, ...event });
}

const PERMISSIVE = slackConfig({
  users: { default: { apis: 'all', flush: true, replay: true } },
  channels: { default: { apis: 'all', flush: true, replay: true } },
});

function lines(logs: LogLine[], text: string): LogLine[] {
  return logs.filter((line) => line.msg === text);
}

describe('requests not of Slack’s shape, over signed HTTP', () => {
  let t: TestBot;
  let beside: Server;
  let besideHits: string[];
  let besideUrl: string;

  beforeAll(async () => {
    besideHits = [];
    beside = createServer((req, res) => {
      besideHits.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    await new Promise<void>((resolve) => beside.listen(0, '127.0.0.1', resolve));
    besideUrl = `http://127.0.0.1:${(beside.address() as AddressInfo).port}/admin`;
  });
  afterAll(() => new Promise<void>((resolve) => beside.close(() => resolve())));
  beforeEach(async () => {
    besideHits.length = 0;
    t = await startTestBot(PERMISSIVE);
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  /** Posts `body` signed, lets every job end, and says what the bot did about it. */
  async function outcome(body: string, type: string) {
    const calls = slackApi();
    const posts = responseUrls();
    const response = await post(t.url, body.replaceAll(LOOPBACK, encodeURIComponent(besideUrl)), type);
    await t.bot.idle();
    return {
      status: response.status,
      text: response.text,
      slack: calls.map((c) => c.method),
      posts: posts.map((p) => p.path),
      aws: t.sandbox.fake.calls.length,
      beside: [...besideHits],
    };
  }

  const NOTHING = { status: 200, text: '', slack: [], posts: [], aws: 0, beside: [] };

  it.each<[string, string, string]>([
    ['a command whose user_id is given twice', twice('user_id', 'U0OTHER'), FORM],
    ['a command whose channel_id is given twice', twice('channel_id', 'C0OTHER'), FORM],
    ['a command whose text is given twice', twice('text', 'help'), FORM],
    ['a command whose team_id is given twice', twice('team_id', 'T0OTHER'), FORM],
    ['a command whose trigger_id is given twice', twice('trigger_id', '9.9.9'), FORM],
    ['a command whose response_url is given twice', twice('response_url', 'https://evil.example/x'), FORM],
    [
      'a button whose channel id is an object',
      blockAction({ action_id: 'why403_show_trace', value: REF }, { channel: { id: { id: 'C0CHAN' } } }),
      FORM,
    ],
    [
      'a button whose container’s channel id is a number',
      blockAction(
        { action_id: 'why403_recheck', value: REF },
        { channel: undefined, container: { type: 'message', channel_id: 7, message_ts: '1.1' } },
      ),
      FORM,
    ],
    [
      'a button whose response_url is a number',
      blockAction({ action_id: 'why403_show_trace', value: REF }, { response_url: 42 }),
      FORM,
    ],
    [
      'a button whose user’s team is a list',
      blockAction(
        { action_id: 'why403_recheck', value: REF },
        { user: { id: 'U0ONCALL', team_id: ['T0TEAM', 'T0OTHER'] } },
      ),
      FORM,
    ],
    [
      'a button whose message’s thread is an object',
      blockAction({ action_id: 'why403_recheck', value: REF }, { message: { ts: '1.1', thread_ts: {} } }),
      FORM,
    ],
    ['a mention whose text is a number', mention({ ts: '1.1', text: 42 }), JSON_TYPE],
    ['a mention whose text is a list', mention({ ts: '1.2', text: [CACHED] }), JSON_TYPE],
    ['a mention whose user is an object', mention({ ts: '1.3', user: { id: 'U0ONCALL' } }), JSON_TYPE],
    ['a mention whose thread is an object', mention({ ts: '1.4', thread_ts: { ts: '1.0' } }), JSON_TYPE],
    ['a mention without a ts', mention({}), JSON_TYPE],
  ])('%s: acknowledged empty, nothing run, one warning', async (_name, body, type) => {
    expect(await outcome(body, type)).toEqual(NOTHING);
    expect(lines(t.logs, MISSHAPEN)).toEqual([expect.objectContaining({ level: 'warn' })]);
    expect(t.logs.filter((line) => line.level === 'error')).toEqual([]);
  });

  it.each<[string, string]>([
    ['on another host', 'https://evil.example/commands/T0TEAM/1/abc'],
    ['on a loopback service beside the bot', LOOPBACK],
    ['on another Slack host', 'https://files.slack.com/commands/T0TEAM/1/abc'],
    ['on Slack’s hooks host without TLS', 'http://hooks.slack.com/commands/T0TEAM/1/abc'],
    ['on Slack’s hooks host at another port', 'https://hooks.slack.com:8443/commands/T0TEAM/1/abc'],
    ['that is no URL at all', 'not a url'],
  ])('a response_url %s is never called, and its request never runs', async (_name, url) => {
    for (const [body, type] of [
      [slashCommand(CACHED, { response_url: url, trigger_id: `c:${url}` }), FORM],
      [slashCommand('', { response_url: url, trigger_id: `h:${url}` }), FORM],
      [
        blockAction(
          { action_id: 'why403_show_trace', value: REF },
          { response_url: url, trigger_id: `s:${url}` },
        ),
        FORM,
      ],
      [
        blockAction(
          { action_id: 'why403_recheck', value: '{' },
          { response_url: url, trigger_id: `r:${url}` },
        ),
        FORM,
      ],
    ]) {
      expect(await outcome(body, type)).toEqual(NOTHING);
    }
    expect(lines(t.logs, MISSHAPEN)).toHaveLength(4);
  });

  it.each<[string, string, string]>([
    ['a JSON body of null', 'null', JSON_TYPE],
    ['an interactive payload of null', 'payload=null', FORM],
  ])('%s, signed: acknowledged empty, nothing run, one debug line', async (_name, body, type) => {
    expect(await outcome(body, type)).toEqual(NOTHING);
    expect(lines(t.logs, UNHANDLED)).toEqual([expect.objectContaining({ level: 'debug' })]);
  });

  const stale = Math.floor(Date.now() / 1000) - 6 * 60;
  it.each<[string, string, string, Record<string, string>]>([
    ['null, signed with another secret', 'null', JSON_TYPE, signature('not-the-secret', 'null')],
    ['null, signed six minutes ago', 'null', JSON_TYPE, signature(SECRET, 'null', stale)],
    ['payload=null, unsigned', 'payload=null', FORM, {}],
    [
      'a url_verification, signed with another secret',
      JSON.stringify({ type: 'url_verification', challenge: 'c1' }),
      JSON_TYPE,
      signature('not-the-secret', JSON.stringify({ type: 'url_verification', challenge: 'c1' })),
    ],
    [
      'a command, signed six minutes ago (a replay)',
      slashCommand(CACHED),
      FORM,
      signature(SECRET, slashCommand(CACHED), stale),
    ],
    [
      'a command whose signature is not hex',
      slashCommand(CACHED),
      FORM,
      { ...signature(SECRET, slashCommand(CACHED)), 'x-slack-signature': 'v0=zz' },
    ],
    [
      'a command without a timestamp',
      slashCommand(CACHED),
      FORM,
      { 'x-slack-signature': signature(SECRET, slashCommand(CACHED))['x-slack-signature'] },
    ],
  ])('%s: 401, nothing run', async (_name, body, type, headers) => {
    const calls = slackApi();
    const response = await post(t.url, body, type, headers);
    await t.bot.idle();
    expect({ status: response.status, slack: calls, aws: t.sandbox.fake.calls.length }).toEqual({
      status: 401,
      slack: [],
      aws: 0,
    });
  });

  it('a body of 5 MB, signed: 413 before anything is parsed or run', async () => {
    const body = slashCommand(`${CACHED} ${'x'.repeat(5 * 1024 * 1024)}`);
    const calls = slackApi();
    const response = await post(t.url, body, FORM);
    await t.bot.idle();
    expect({ status: response.status, slack: calls, aws: t.sandbox.fake.calls.length }).toEqual({
      status: 413,
      slack: [],
      aws: 0,
    });
  });

  it('a signed url_verification is answered with its challenge, nothing else', async () => {
    const response = await outcome(
      JSON.stringify({ type: 'url_verification', challenge: 'c-42' }),
      JSON_TYPE,
    );
    expect(response).toEqual({ ...NOTHING, text: JSON.stringify({ challenge: 'c-42' }) });
  });

  it('a button value given as a list holding the bot’s value is not the bot’s value', async () => {
    const calls = slackApi();
    const posts = responseUrls();
    await post(t.url, blockAction({ action_id: 'why403_recheck', value: [REF] }), FORM);
    await t.bot.idle();
    expect(posts.map((p) => p.body.text)).toEqual([english.t(msg('slack.button.invalid'))]);
    expect({ slack: calls, aws: t.sandbox.fake.calls.length }).toEqual({ slack: [], aws: 0 });
  });

  it.each<[string, string]>([
    ['emoji', '😀'],
    ['flags', '🇹🇼'],
    ['characters outside the basic plane', '𠜎'],
  ])('typed text of %s cut to one line is cut between characters', async (_name, char) => {
    // Words of two UTF-16 units each, so that the cut falls inside one unless it is made between characters.
    const text = `${char.repeat(60)} ${CACHED}`;
    const ack = JSON.parse((await post(t.url, slashCommand(text, { trigger_id: char }), FORM)).text);
    const sent = `${ack.text}\n${ack.blocks[0].text.text}`;
    expect(sent).toContain('…');
    expect(sent).not.toMatch(LONE_SURROGATE);
  });
});
