import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import nock from 'nock';
import { createSlackBot, type SlackBot, type SlackBotOptions } from '../../src/slack/app';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import type { AppConfig, SlackConfig } from '../../src/config/app-config';
import { createLog, type Log } from '../../src/log';
import type { Why403Service } from '../../src/pipeline/service';
import type { SharedState } from '../../src/slack/state';

/**
 * The real Bolt app on a loopback port, driven by signed HTTP requests as Slack sends them; the Slack Web API is
 * answered by nock at SLACK_API_URL, AWS by the sandbox's simulated AWS on loopback.
 */

export const SECRET = 'test-signing-secret';
export const SLACK_API = 'https://slack.test';
export const BOT_ID = 'B0BOT1234';
export const BOT_USER = 'U0BOT1234';

export interface TestBot {
  bot: SlackBot;
  sandbox: Sandbox;
  url: string;
  /** What the bot logged: its JSON lines, parsed. */
  logs: LogLine[];
  stop(): Promise<void>;
}

export type LogLine = Record<string, any>;

/** How Slack posts slash commands and interactions. */
export const FORM = 'application/x-www-form-urlencoded';
/** How Slack posts Events API callbacks. */
export const JSON_TYPE = 'application/json';

/** A Block Kit block as the bot sent it, read loosely. */
export type AnyBlock = Record<string, any>;

/** The blocks of a Web API call or a response_url post. */
export function blocksOf(call: { body: Record<string, unknown> } | undefined): AnyBlock[] {
  return (call?.body.blocks ?? []) as AnyBlock[];
}

/** The elements of the actions block (the buttons) of a Web API call or a response_url post. */
export function actionsOf(call: { body: Record<string, unknown> } | undefined): AnyBlock[] {
  return blocksOf(call).find((b) => b.type === 'actions')?.elements ?? [];
}

/** A logger writing the bot's JSON lines into `lines` (parsed), as they would reach stdout. */
export function recordingLog(lines: LogLine[], level = 'debug'): Log {
  return createLog({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
}

/** A Slack section: the users, channels and alert settings a test needs, the rest as the defaults. */
export function slackConfig(slack: Partial<SlackConfig> = {}): SlackConfig {
  return {
    alertChannels: [],
    alertBots: [],
    repeatWindow: '15m',
    maxJobs: 4,
    maxJobsPerPerson: 3,
    users: {},
    channels: {},
    ...slack,
  };
}

export interface TestBotOptions {
  /** Another bot's sandbox to share (two replicas in front of one AWS). */
  sandbox?: Sandbox;
  /** The shared state (a real Redis); memory when not given. */
  state?: (log: Log) => Promise<SharedState>;
  logs?: LogLine[];
  /** The Web API client's options (default: no retries). */
  clientOptions?: SlackBotOptions['clientOptions'];
}

export async function startTestBot(
  slack: AppConfig['slack'] = undefined,
  options: TestBotOptions = {},
): Promise<TestBot> {
  const sandbox = options.sandbox ?? (await startSandbox({ config: { slack } }));
  const logs = options.logs ?? [];
  const log = recordingLog(logs);
  const state = options.state ? await options.state(log) : undefined;
  const { bot, url, stop } = await startBot(sandbox.service, log, {
    state,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  return {
    bot,
    sandbox,
    logs,
    url,
    stop: async () => {
      await stop();
      if (!options.sandbox) await sandbox.close();
    },
  };
}

/**
 * The bot for `service` on a loopback port, with a known identity and no retries of Web API calls; `stop` lets its
 * jobs finish first. Memory state and in-process jobs unless `state` or `dispatch` is given; `token` tells the fake
 * Slack which bot calls it (replicas); an identity, workspace or client option given as undefined is left out.
 */
export async function startBot(
  service: Why403Service,
  log: Log,
  options: Partial<Omit<SlackBotOptions, 'service' | 'log' | 'settings'>> & { token?: string } = {},
): Promise<{ bot: SlackBot; url: string; stop(): Promise<void> }> {
  const { token = 'xoxb-test-token', ...given } = options;
  const bot = createSlackBot({
    botId: BOT_ID,
    botUserId: BOT_USER,
    home: { team: 'T0TEAM' },
    clientOptions: { retryConfig: { retries: 0 } },
    ...given,
    log,
    service,
    settings: {
      botToken: token,
      signingSecret: SECRET,
      port: 0,
      mode: 'http',
      apiUrl: `${SLACK_API}/api/`,
      logLevel: 'debug',
    },
  });
  const server = (await bot.start()) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    bot,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await bot.idle();
      await bot.stop();
      await bot.close();
    },
  };
}

export function signature(
  secret: string,
  body: string,
  ts = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': sig, 'x-slack-request-timestamp': String(ts) };
}

export async function post(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = signature(SECRET, body),
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export function slashCommand(text: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0TEAM',
    team_domain: 'example',
    channel_id: 'C0CHAN',
    channel_name: 'incidents',
    user_id: 'U0ONCALL',
    user_name: 'oncall',
    command: '/why403',
    text,
    api_app_id: 'A0APP',
    response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
    trigger_id: '1.2.3',
    ...extra,
  }).toString();
}

export function eventCallback(
  event: Record<string, unknown>,
  eventId = `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    // A person's message names the person's workspace, as Slack's do (given as undefined: left out).
    event: event.user && !('user_team' in event) ? { ...event, user_team: 'T0TEAM' } : event,
  });
}

/** A CloudWatch alarm on an API's 4XX errors, as AWS Chatbot posts it in C0ALERTS (the bot B0CHATBOT). */
export const CHATBOT_ALARM = {
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

export function blockAction(action: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0ONCALL', username: 'oncall', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'example' },
    api_app_id: 'A0APP',
    channel: { id: 'C0CHAN', name: 'incidents' },
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: 'C0CHAN',
      is_ephemeral: false,
    },
    message: { ts: '1700000000.000100', text: 'why403' },
    response_url: 'https://hooks.slack.com/actions/T0TEAM/2/def',
    trigger_id: '4.5.6',
    actions: [{ type: 'button', block_id: 'why403_actions', action_ts: '1700000001.0', ...action }],
    ...extra,
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Records every Web API call the bot makes, with its form body parsed (blocks are JSON strings in the form). */
export interface WebApiCall {
  method: string;
  body: Record<string, unknown>;
}

export function slackApi(
  replies: Record<string, (body: Record<string, unknown>, n: number) => Record<string, unknown>> = {},
): WebApiCall[] {
  const calls: WebApiCall[] = [];
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(function (uri, requestBody) {
      const method = uri.replace('/api/', '');
      const body = parseForm(requestBody);
      calls.push({ method, body });
      const reply = replies[method]?.(body, calls.filter((c) => c.method === method).length);
      return [
        200,
        {
          ok: true,
          ts: `1700000000.${String(calls.length).padStart(6, '0')}`,
          channel: body.channel,
          ...reply,
        },
      ];
    });
  return calls;
}

export function responseUrls(): Array<{ path: string; body: Record<string, unknown> }> {
  const posts: Array<{ path: string; body: Record<string, unknown> }> = [];
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/)
    .reply(function (uri, body) {
      posts.push({ path: uri, body: body as Record<string, unknown> });
      return [200, 'ok'];
    });
  return posts;
}

function parseForm(body: unknown): Record<string, unknown> {
  const raw =
    typeof body === 'string'
      ? Object.fromEntries(new URLSearchParams(body))
      : (body as Record<string, unknown>);
  const parsed: Record<string, unknown> = { ...raw };
  for (const key of ['blocks', 'attachments']) {
    if (typeof parsed[key] === 'string') parsed[key] = JSON.parse(parsed[key] as string);
  }
  return parsed;
}

/** Requests nock had no interceptor for (they fail inside the bot, where a test cannot see them otherwise). */
export function unmatchedRequests(): { urls: string[]; stop(): void } {
  const urls: string[] = [];
  const listener = (req: { href?: string; host?: string; path?: string }) => {
    const url = req.href ?? `${req.host}${req.path}`;
    if (!/\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) urls.push(url);
  };
  nock.emitter.on('no match', listener);
  return { urls, stop: () => nock.emitter.removeListener('no match', listener) };
}
