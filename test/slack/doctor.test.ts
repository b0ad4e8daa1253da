import {
  post,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  FORM,
  blocksOf,
} from '../support/slack';
import { SCENARIOS } from '../../src/sandbox/world';

/** `/why403 doctor API_ID [STAGE]` through the real Bolt app over signed HTTP, AWS played by the sandbox. */

const ORDERS = SCENARIOS.cached.restApiId;

describe('Slack bot: /why403 doctor', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(
      slackConfig({
        users: { U0ONCALL: { apis: 'all', flush: false } },
        channels: { C0CHAN: { apis: 'all', flush: false }, C0OTHER: { apis: ['f6e5d4c3b2'], flush: false } },
      }),
    );
  });
  afterEach(() => t.stop());

  it('checks the API and answers in place with the findings and their fixes', async () => {
    const calls = slackApi();

    const response = await post(t.url, slashCommand(`doctor ${ORDERS} prod`), FORM);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await t.bot.idle();

    const [working] = calls.filter((c) => c.method === 'chat.postMessage');
    expect(String(working.body.text)).toContain(`Checking ${ORDERS}/prod`);
    const answer = calls.filter((c) => c.method === 'chat.update').at(-1);
    const blocks = blocksOf(answer);
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blocks[0].text.text).toMatch(/^why403 doctor: /);
    expect(JSON.stringify(blocks)).toContain(ORDERS);
    expect(t.sandbox.fake.calls.some((c) => c.operation === 'GetStages' || c.operation === 'GetStage')).toBe(
      true,
    );
  });

  it('refuses, in the acknowledgement, an API the channel may not see, with no AWS call', async () => {
    const response = await post(t.url, slashCommand(`doctor ${ORDERS}`, { channel_id: 'C0OTHER' }), FORM);
    const ack = JSON.parse(response.text);
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain(ORDERS);
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });

  it('answers a doctor command without an API with usage, and no AWS call', async () => {
    const response = await post(t.url, slashCommand('doctor'), FORM);
    const ack = JSON.parse(response.text);
    expect(ack.text).toContain('`/why403 doctor` needs an API id');
    expect(t.sandbox.fake.calls).toHaveLength(0);
  });
});
