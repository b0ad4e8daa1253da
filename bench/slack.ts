import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../src/sandbox/run';
import { SCENARIOS } from '../src/sandbox/world';
import { createSlackBot } from '../src/slack/app';
import { fmt } from './measure';
import type { Logger } from '@slack/logger';
import { LogLevel } from '@slack/logger';

/**
 * Acknowledgement latency of `/why403` under load: 200 slash commands sent at once to the bot's HTTP receiver
 * while their diagnoses run against the simulated AWS (100 ms per call) and a loopback Slack Web API.
 */

const COMMANDS = 200;
const SECRET = 'bench-signing-secret';

export async function benchSlack(): Promise<void> {
  const slack = await fakeSlackApi();
  const sandbox = await startSandbox({ latencyMs: 100 });
  const bot = createSlackBot({
    settings: {
      botToken: 'xoxb-bench',
      signingSecret: SECRET,
      port: 0,
      mode: 'http',
      apiUrl: `${slack.url}/api/`,
    },
    service: sandbox.service,
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    logger: silentLogger(),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const server = (await bot.start()) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  try {
    // Warm up: a running bot has compiled its code paths long before the rush.
    await sendCommands(
      url,
      Array.from({ length: 10 }, () => 'help'),
    );
    await bot.idle();
    const ids = [
      ...Object.values(SCENARIOS).map((s) => s.requestId),
      ...Array.from({ length: COMMANDS }, () => randomUUID()),
    ].slice(0, COMMANDS);
    const started = process.hrtime.bigint();
    const latencies = await sendCommands(
      url,
      ids.map((id) => `${id} --api a1b2c3d4e5 --stage prod`),
    );
    const allAcked = Number(process.hrtime.bigint() - started) / 1e6;
    await bot.idle();
    const allAnswered = Number(process.hrtime.bigint() - started) / 1e6;
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    console.log(
      `\n## Slack acknowledgement latency (${COMMANDS} concurrent /why403 commands, diagnoses running against AWS at 100 ms per call)\n`,
    );
    console.log(
      `ack median ${fmt(percentile(50), 1)} ms, p99 ${fmt(percentile(99), 1)} ms, max ${fmt(latencies.at(-1) ?? 0, 1)} ms (Slack's limit: 3,000 ms)`,
    );
    console.log(
      `all ${COMMANDS} acknowledged after ${fmt(allAcked)} ms; all ${COMMANDS} verdicts posted after ${fmt(allAnswered)} ms; ${slack.calls()} Slack Web API calls, ${sandbox.fake.calls.length} AWS calls`,
    );
  } finally {
    await bot.stop();
    await sandbox.close();
    await new Promise((resolve) => slack.server.close(resolve));
  }
}

/**
 * Slack is another machine: the commands are sent from a worker thread, so their signing and sending do not
 * queue behind the bot's own work on the main event loop.
 */
function sendCommands(url: string, texts: string[]): Promise<number[]> {
  const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { url, texts, secret: SECRET } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
async function one(text) {
  const body = new URLSearchParams({ command: '/why403', text, user_id: 'U0ONCALL', channel_id: 'C0CHAN', team_id: 'T0TEAM', api_app_id: 'A0APP', response_url: 'http://127.0.0.1:9/unused', trigger_id: '1' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', workerData.secret).update('v0:' + ts + ':' + body).digest('hex');
  const started = process.hrtime.bigint();
  const response = await fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) }, body });
  await response.text();
  if (response.status !== 200) throw new Error('the bot answered ' + response.status);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
Promise.all(workerData.texts.map(one)).then((latencies) => parentPort.postMessage(latencies));
`;

async function fakeSlackApi(): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    calls++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ok: true, ts: `1700000000.${String(calls).padStart(6, '0')}`, channel: 'C0CHAN' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls };
}

function silentLogger(): Logger {
  const nothing = () => undefined;
  return {
    debug: nothing,
    info: nothing,
    warn: nothing,
    error: nothing,
    setLevel: nothing,
    getLevel: () => LogLevel.ERROR,
    setName: nothing,
  };
}
