import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackBot, type SlackBot } from '../../src/slack/app';
import { readSlackSettings, type SlackSettings } from '../../src/slack/settings';
import type { Log } from '../../src/log';
import type { Why403Service } from '../../src/pipeline/service';
import { BOT_ID, BOT_USER, SLACK_API } from './slack';

/**
 * Slack's Socket Mode on loopback: `apps.connections.open` (nock at SLACK_API) hands out the URL of a WebSocket
 * server that greets the connecting app with `hello`, as Slack does, and records every acknowledgement it sends.
 */
export interface SocketModeSlack {
  /** The app's connection, once it has connected. */
  socket: Promise<WebSocket>;
  acks: Array<Record<string, unknown>>;
  /** Waits for the acknowledgement of an envelope (Slack would retry and show an error without one). */
  ackOf(envelopeId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startSocketModeSlack(): Promise<SocketModeSlack> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  const acks: Array<Record<string, unknown>> = [];
  const socket = new Promise<WebSocket>((resolve) => {
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
  return {
    socket,
    acks,
    ackOf: async (envelopeId) => {
      for (let i = 0; i < 300; i++) {
        const ack = acks.find((a) => a.envelope_id === envelopeId);
        if (ack) return ack;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no acknowledgement of ${envelopeId}`);
    },
    close: () => new Promise((resolve) => wss.close(() => resolve())),
  };
}

/** The bot in Socket Mode (an app-level token set) against that Slack, its health check on `healthPort`. */
export async function startSocketModeBot(
  service: Why403Service,
  log: Log,
  healthPort: number,
): Promise<{ bot: SlackBot; settings: SlackSettings }> {
  const settings = readSlackSettings({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: `${SLACK_API}/api`,
    PORT: String(healthPort),
  });
  const bot = createSlackBot({
    settings,
    service,
    botId: BOT_ID,
    botUserId: BOT_USER,
    home: { team: 'T0TEAM' },
    log,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  await bot.start();
  return { bot, settings };
}
