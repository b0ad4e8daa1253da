import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { LogLevel, type Logger } from '@slack/logger';
import { AppConfigSchema, DEFAULT_CONFIG } from '../src/config/app-config';
import { createLog } from '../src/log';
import { Why403Service } from '../src/pipeline/service';
import { SANDBOX_REGION, SCENARIOS } from '../src/sandbox/world';
import { createSlackBot } from '../src/slack/app';
import { fmt } from './measure';

/**
 * Acknowledgement latency of `/why403` under load: 200 slash commands sent at once, each by a person of its own (as
 * in a busy incident channel: one person's burst is refused after slack.maxJobsPerPerson), first to a bare Bolt app
 * that only acknowledges, then to the bot while their 200 diagnoses run against the simulated AWS (100 ms per call)
 * and a simulated Slack Web API, with the jobs bounded as configured and, for comparison, unbounded. Slack, AWS
 * and the load generator are other machines: each runs in a worker thread of its own, so their work does not
 * queue behind the bot's on its event loop. The load generator signs every request beforehand and writes them all
 * in one go, timing each from its write to its answer.
 */

const COMMANDS = 200;
const SECRET = 'bench-signing-secret';
const DIST = join(__dirname, '..');

interface Latencies {
  latencies: number[];
  wallMs: number;
}

interface BotRun extends Latencies {
  /** A second burst, sent a second after the first while its diagnoses run. */
  during: Latencies;
  maxJobs: number;
  answeredMs: number;
  slackCalls: number;
  awsCalls: number;
}

export async function benchSlack(): Promise<void> {
  const ids = [
    ...Object.values(SCENARIOS).map((s) => s.requestId),
    ...Array.from({ length: COMMANDS }, () => randomUUID()),
  ].slice(0, COMMANDS);
  const texts = ids.map((id) => `${id} --api a1b2c3d4e5 --stage prod`);

  const bare = await bareBolt();
  await send(bare.url, warmUp());
  // The bare app's figure is the middle one of three bursts: it is the yardstick, so it must not be a fluke.
  const bursts: Latencies[] = [];
  for (let i = 0; i < 3; i++) bursts.push(await send(bare.url, texts));
  const baseline = bursts.sort((a, b) => percentile(a.latencies, 99) - percentile(b.latencies, 99))[1];
  await bare.stop();

  const defaultJobs = AppConfigSchema.parse({ slack: {} }).slack?.maxJobs ?? 4;
  const runs: BotRun[] = [];
  for (const maxJobs of [defaultJobs, COMMANDS]) runs.push(await botUnderLoad(texts, maxJobs));
  await (await generator)?.stop();
  report(baseline, runs);
}

/** The bot on the sandbox world (in a worker) and a fake Slack (in another), given the commands at once. */
async function botUnderLoad(texts: string[], maxJobs: number): Promise<BotRun> {
  const slack = await startWorker<{ url: string }>(FAKE_SLACK_API, {});
  const now = Date.now();
  const aws = await startWorker<{ url: string }>(FAKE_AWS, { dist: DIST, now, latencyMs: 100 });
  try {
    const { bot, url } = await startBot(aws.info.url, slack.info.url, maxJobs, now);
    await send(url, warmUp());
    await bot.idle();
    const started = process.hrtime.bigint();
    const loaded = await send(url, texts);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const during = await send(
      url,
      texts.map((text) => text.replace(/^\S+/, randomUUID())),
    );
    await bot.idle();
    const answeredMs = Number(process.hrtime.bigint() - started) / 1e6;
    await bot.stop();
    await bot.close();
    const slackCalls = await slack.ask<number>('calls');
    const awsCalls = await aws.ask<number>('calls');
    // Commands refused (access, a misshapen form) are acknowledged as fast as any: that would measure nothing.
    if (awsCalls < texts.length * 2)
      throw new Error(
        `the bot made ${awsCalls} AWS calls for ${2 * texts.length} commands: it diagnosed nothing`,
      );
    return { ...loaded, during, maxJobs, answeredMs, slackCalls, awsCalls };
  } finally {
    await Promise.all([slack.stop(), aws.stop()]);
  }
}

/** The bot over HTTP on a free port, its service reading the simulated AWS at `awsUrl`, its Web API `slackUrl`. */
async function startBot(awsUrl: string, slackUrl: string, maxJobs: number, now: number) {
  const config = {
    ...DEFAULT_CONFIG,
    region: SANDBOX_REGION,
    slack: AppConfigSchema.parse({ slack: { maxJobs } }).slack,
  };
  const service = new Why403Service({
    config,
    aws: {
      endpoint: awsUrl,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
    },
    now: () => now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
  });
  const bot = createSlackBot({
    settings: {
      botToken: 'xoxb-bench',
      signingSecret: SECRET,
      port: 0,
      mode: 'http',
      apiUrl: `${slackUrl}/api/`,
      logLevel: 'silent',
    },
    service,
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    // The workspace the commands come from: without it every command would be refused, and nothing measured.
    home: { team: 'T0TEAM' },
    log: createLog({ level: 'silent' }),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const server = (await bot.start()) as Server;
  return { bot, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A burst as large as the measured one that starts no job: compiles the code paths and fills the pools. */
function warmUp(): string[] {
  return Array.from({ length: COMMANDS }, () => 'help');
}

function report(baseline: Latencies, runs: BotRun[]): void {
  const p = (run: Latencies, q: number) => percentile(run.latencies, q);
  console.log(
    `\n## Slack acknowledgement latency (${COMMANDS} /why403 commands sent at once, then ${COMMANDS} more a second later while the diagnoses run against AWS at 100 ms per call)\n`,
  );
  console.log(`| app | burst | median | p99 | max | p99 / bare | all acknowledged |`);
  console.log(`| --- | --- | ---: | ---: | ---: | ---: | ---: |`);
  const row = (name: string, burst: string, run: Latencies) =>
    console.log(
      `| ${name} | ${burst} | ${fmt(p(run, 50), 1)} ms | ${fmt(p(run, 99), 1)} ms | ${fmt(p(run, 100), 1)} ms | ${fmt(p(run, 99) / p(baseline, 99), 2)}× | ${fmt(run.wallMs)} ms |`,
    );
  row('bare Bolt app (acknowledges only)', 'middle of three', baseline);
  for (const run of runs) {
    const name = `why403 bot, ${run.maxJobs === COMMANDS ? 'jobs unbounded' : `${run.maxJobs} jobs at a time (slack.maxJobs)`}`;
    row(name, 'first', run);
    row(
      name,
      `second, ${run.maxJobs === COMMANDS ? 'while 200 diagnoses run' : 'while the queued diagnoses run'}`,
      run.during,
    );
  }
  const [bounded] = runs;
  const worst = Math.max(p(bounded, 99), p(bounded.during, 99)) / p(baseline, 99);
  console.log(
    `\nBounded bot, worst burst: ${fmt(worst, 2)}× the bare app's p99 (goal ≤ 2×; Slack's limit is 3,000 ms). ` +
      `All ${2 * COMMANDS} verdicts posted after ${fmt(bounded.answeredMs)} ms with ${bounded.maxJobs} jobs at a time, ` +
      `${fmt(runs[1]?.answeredMs ?? 0)} ms unbounded; ${bounded.slackCalls} Slack Web API calls, ${bounded.awsCalls} AWS calls.`,
  );
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}

/** A Bolt app that does nothing but acknowledge `/why403`: the floor of what any Bolt bot can do. */
async function bareBolt(): Promise<{ url: string; stop(): Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: SECRET,
    botId: 'B0BENCH',
    botUserId: 'U0BENCH',
    logger: silentLogger(),
  });
  app.command('/why403', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => app.stop().then(() => undefined),
  };
}

let generator: Promise<WorkerHandle<object>> | undefined;

/** Sends the commands from the load generator's thread; resolves to each one's latency. */
async function send(url: string, texts: string[]): Promise<Latencies> {
  generator ??= startWorker<object>(LOAD_GENERATOR, {});
  return (await generator).ask<Latencies>('send', { url: `${url}/slack/events`, texts, secret: SECRET });
}

interface WorkerHandle<T> {
  info: T;
  ask<R>(what: string, data?: unknown): Promise<R>;
  stop(): Promise<void>;
}

/** A worker thread running `code`; its first message describes it, then it answers each `{ ask }` with one. */
async function startWorker<T>(code: string, data: unknown): Promise<WorkerHandle<T>> {
  const worker = new Worker(code, { eval: true, workerData: data });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      worker.once('error', failed);
      worker.once('message', (message) => {
        worker.off('error', failed);
        resolve(message);
      });
    });
  const info = (await next()) as T;
  return {
    info,
    ask: async <R>(what: string, payload?: unknown) => {
      const answer = next();
      worker.postMessage({ ask: what, payload });
      return (await answer) as R;
    },
    stop: () => worker.terminate().then(() => undefined),
  };
}

const LOAD_GENERATOR = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const { createHmac } = require('node:crypto');
parentPort.postMessage({});
const agents = new Map();
parentPort.on('message', ({ payload: { url, texts, secret } }) => {
  // One keep-alive connection per concurrent request, opened by the warm-up burst and reused after.
  if (!agents.has(url)) agents.set(url, new http.Agent({ keepAlive: true, maxSockets: Infinity }));
  const agent = agents.get(url);
  const ts = Math.floor(Date.now() / 1000);
  const requests = texts.map((text, i) => {
    const body = new URLSearchParams({ command: '/why403', text, user_id: 'U0LOAD' + i, channel_id: 'C0CHAN', team_id: 'T0TEAM', api_app_id: 'A0APP', response_url: 'https://hooks.slack.com/commands/T0TEAM/0/unused', trigger_id: 'bench.' + i + '.' + ts + '.' + Math.random() }).toString();
    const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) } };
  });
  const target = new URL(url);
  const started = process.hrtime.bigint();
  const latencies = Promise.all(requests.map(({ body, headers }) => new Promise((resolve, reject) => {
    const sent = process.hrtime.bigint();
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent }, (response) => {
      response.resume();
      response.on('end', () => response.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - sent) / 1e6) : reject(new Error('the app answered ' + response.statusCode)));
    });
    request.on('error', reject);
    request.end(body);
  })));
  latencies.then((values) => parentPort.postMessage({ latencies: values, wallMs: Number(process.hrtime.bigint() - started) / 1e6 }));
});
`;

const FAKE_SLACK_API = `
const { parentPort } = require('node:worker_threads');
const { createServer } = require('node:http');
let calls = 0;
const server = createServer((req, res) => {
  calls++;
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, ts: '1700000000.' + String(calls).padStart(6, '0'), channel: 'C0CHAN', user: { id: 'U0ONCALL', locale: 'en-US' } }));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ url: 'http://127.0.0.1:' + server.address().port }));
parentPort.on('message', () => parentPort.postMessage(calls));
`;

const FAKE_AWS = `
const { parentPort, workerData } = require('node:worker_threads');
const { join } = require('node:path');
const { startFakeAws } = require(join(workerData.dist, 'src', 'sandbox', 'fake-aws'));
const { buildSandboxWorld } = require(join(workerData.dist, 'src', 'sandbox', 'world'));
startFakeAws(buildSandboxWorld(workerData.now), { latencyMs: workerData.latencyMs, queryPolls: 1 }).then((fake) => {
  parentPort.postMessage({ url: fake.url });
  parentPort.on('message', () => parentPort.postMessage(fake.calls.length));
});
`;

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
