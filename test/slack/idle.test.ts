import { eventCallback, post, recordingLog, slackApi, startBot, JSON_TYPE } from '../support/slack';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SharedState } from '../../src/slack/state';
import { SCENARIOS } from '../../src/sandbox/world';

/**
 * `idle` (graceful shutdown, and tests) waits for requests Slack already has an acknowledgement for but whose
 * listener has not handed over its job yet: a delivery claimed in a slow Redis would otherwise be dropped on SIGTERM.
 */

/** Memory state whose delivery claims wait until the test lets them through. */
class HeldClaims extends SharedState {
  private readonly gate: Promise<void>;
  open: () => void = () => undefined;

  constructor() {
    super(undefined, recordingLog([]));
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  override async claimAll(keys: readonly string[], value: string, ttlMs: number): Promise<boolean> {
    await this.gate;
    return super.claimAll(keys, value, ttlMs);
  }
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

it('waits for an acknowledged mention whose delivery claim is still pending, then for its job', async () => {
  const calls = slackApi();
  const state = new HeldClaims();
  const { bot, url, stop } = await startBot(sandbox.service, recordingLog([]), { state });
  try {
    const mention = eventCallback(
      {
        type: 'app_mention',
        user: 'U0ONCALL',
        text: `<@U0BOT1234> ${SCENARIOS.deny.requestId}`,
        ts: '1700000100.000200',
        channel: 'C0CHAN',
      },
      'Ev0HELD',
    );
    expect((await post(url, mention, JSON_TYPE)).status).toBe(200);

    let idle = false;
    const waiting = bot.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle).toBe(false);

    state.open();
    await waiting;
    const posted = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.body.thread_ts)).toEqual(['1700000100.000200', '1700000100.000200']);
    expect(String(posted[0].body.text)).toMatch(/^Looking for request/);
  } finally {
    state.open();
    await stop();
  }
});
