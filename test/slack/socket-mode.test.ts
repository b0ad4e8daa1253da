import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackBot, type SlackBot } from '../../src/slack/app';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SCENARIOS } from '../../src/sandbox/world';
import { readSlackSettings } from '../../src/slack/settings';
import { BOT_ID, BOT_USER, SLACK_API, recordingLog, slackApi } from '../support/slack';

/** Socket Mode end to end: the real Bolt app connects to a loopback WebSocket that speaks Slack's envelope protocol. */

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server: Server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('Slack bot: Socket Mode', () => {
  let wss: WebSocketServer;
  let sandbox: Sandbox;
  let bot: SlackBot;
  let healthPort: number;
  const acks: Array<Record<string, unknown>> = [];
  let socket: Promise<WebSocket>;

  beforeEach(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const { port } = wss.address() as AddressInfo;
    socket = new Promise((resolve) => {
      wss.on('connection', (ws) => {
        ws.on('message', (data) => acks.push(JSON.parse(String(data))));
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'test' },
            connection_info: { app_id: 'A0APP' },
          }),
        );
        resolve(ws);
      });
    });
    nock(SLACK_API)
      .post('/api/apps.connections.open')
      .reply(200, { ok: true, url: `ws://127.0.0.1:${port}/link` });
    sandbox = await startSandbox();
    healthPort = await freePort();
    const settings = readSlackSettings({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_API_URL: `${SLACK_API}/api`,
      PORT: String(healthPort),
    });
    expect(settings.mode).toBe('socket');
    bot = createSlackBot({
      settings,
      service: sandbox.service,
      botId: BOT_ID,
      botUserId: BOT_USER,
      home: { team: 'T0TEAM' },
      log: recordingLog([]),
      clientOptions: { retryConfig: { retries: 0 } },
    });
    await bot.start();
  });

  afterEach(async () => {
    await bot.idle();
    await bot.stop();
    await sandbox.close();
    await new Promise((resolve) => wss.close(resolve));
    acks.length = 0;
  });

  async function until<T>(check: () => T | undefined): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = check();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('gave up waiting');
  }

  it('acknowledges a slash command envelope and answers through the Web API at SLACK_API_URL', async () => {
    const calls = slackApi();
    const ws = await socket;
    ws.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/why403',
          text: `${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`,
          user_id: 'U0ONCALL',
          channel_id: 'C0CHAN',
          team_id: 'T0TEAM',
          api_app_id: 'A0APP',
          response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
          trigger_id: '1.2.3',
        },
      }),
    );

    const ack = await until(() => acks.find((a) => a.envelope_id === 'env-1'));
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    await until(() => (calls.some((c) => c.method === 'chat.update') ? true : undefined));
    await bot.idle();
    expect(JSON.stringify(calls.filter((c) => c.method === 'chat.update').at(-1)?.body.blocks)).toContain(
      'authorizer-explicit-deny',
    );
  });

  it('serves /healthz on the configured port', async () => {
    const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(await response.text()).toBe('ok');
  });
});
