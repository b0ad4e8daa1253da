import nock from 'nock';
import type { SlackBot } from '../../src/slack/app';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SCENARIOS } from '../../src/sandbox/world';
import { recordingLog, slackApi } from '../support/slack';
import { freePort } from '../support/ports';
import { startSocketModeBot, startSocketModeSlack, type SocketModeSlack } from '../support/socket-mode';

/** Socket Mode end to end: the real Bolt app connects to a loopback WebSocket that speaks Slack's envelope protocol. */

describe('Slack bot: Socket Mode', () => {
  let slack: SocketModeSlack;
  let sandbox: Sandbox;
  let bot: SlackBot;
  let healthPort: number;

  beforeEach(async () => {
    slack = await startSocketModeSlack();
    sandbox = await startSandbox();
    healthPort = await freePort();
    const started = await startSocketModeBot(sandbox.service, recordingLog([]), healthPort);
    expect(started.settings.mode).toBe('socket');
    bot = started.bot;
  });

  afterEach(async () => {
    await bot.idle();
    await bot.stop();
    await sandbox.close();
    await slack.close();
    nock.cleanAll();
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
    const ws = await slack.socket;
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

    const ack = await slack.ackOf('env-1');
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
