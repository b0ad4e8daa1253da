import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { SECRET, eventCallback, signature } from '../support/slack';
import { startRedis, type TestRedis } from '../support/redis';
import { startFakeAws } from '../../src/sandbox/fake-aws/server';
import type { FakeAws } from '../../src/sandbox/fake-aws/types';
import { buildSandboxWorld, SANDBOX_REGION, SCENARIOS } from '../../src/sandbox/world';
import { freePort } from '../support/ports';

/**
 * Two `why403 serve` processes, as two replicas run, sharing one real Redis: the built CLI in its own processes, Slack's
 * Web API and AWS played by servers on loopback. The same delivery reaches both; it is answered once.
 * Needs the build (`npm run build`, which `npm ci` runs) and Debian's redis-server.
 */

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

interface SlackCall {
  method: string;
  body: Record<string, string>;
}

interface Replica {
  child: ChildProcess;
  url: string;
  logs: Array<Record<string, unknown>>;
}

let redis: TestRedis;
let aws: FakeAws;
let slack: Server;
let slackCalls: SlackCall[];
let dir: string;
let replicas: Replica[] = [];

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist: run "npm run build" first`);
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  redis = await startRedis();
  aws = await startFakeAws(buildSandboxWorld(Date.now()), { queryPolls: 1 });
  ({ server: slack, calls: slackCalls } = await fakeSlack());
  dir = mkdtempSync(join(tmpdir(), 'why403-replicas-'));
  writeFileSync(
    join(dir, 'why403.config.yml'),
    // One API to search, and no quota to share in the simulated AWS: the answer comes quickly on a busy machine.
    [
      `region: ${SANDBOX_REGION}`,
      'search: { filterLogEventsPerSecond: 50 }',
      `apis: [{ id: ${SCENARIOS.ipDeny.restApiId}, stages: [${SCENARIOS.ipDeny.stage}] }]`,
      'slack: { users: { default: { apis: all } }, channels: { default: { apis: all } } }',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await redis?.remove();
  await aws?.close();
  await new Promise((resolve) => slack?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await Promise.all(replicas.map(stop));
  replicas = [];
});

describe('two why403 serve processes on one Redis', () => {
  it('the same mention delivered to both is answered once, and the other replica says it dropped it', async () => {
    replicas = await Promise.all([startReplica(), startReplica()]);
    const mentionTs = '1700000100.000300';
    const body = eventCallback(
      {
        type: 'app_mention',
        user: 'U0ONCALL',
        text: `<@U0BOT1234> ${SCENARIOS.ipDeny.requestId}`,
        ts: mentionTs,
        channel: 'C0CHAN',
      },
      'Ev0TWOPROCESSES',
    );

    const answers = await Promise.all(replicas.map((replica) => deliver(replica.url, body)));
    expect(answers).toEqual([200, 200]);
    await until(() => logged('mention accepted') + logged('mention seen before: dropped') === 2);
    await until(() => slackCalls.filter((c) => c.method === 'chat.update').length > 0);

    expect(logged('mention accepted')).toBe(1);
    expect(logged('mention seen before: dropped')).toBe(1);
    const working = slackCalls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.text?.startsWith('Looking for request'),
    );
    expect(working).toHaveLength(1);
    expect(working[0].body).toMatchObject({ channel: 'C0CHAN', thread_ts: mentionTs });
  }, 240_000);
});

function logged(message: string): number {
  return replicas.flatMap((replica) => replica.logs).filter((line) => line.msg === message).length;
}

async function startReplica(): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'debug',
      WHY403_CONFIG: join(dir, 'why403.config.yml'),
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: SANDBOX_REGION,
      AWS_ACCESS_KEY_ID: 'SANDBOXACCESSKEY',
      AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () =>
      (await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )) === true,
  );
  return { child, url, logs };
}

async function stop(replica: Replica): Promise<void> {
  if (replica.child.exitCode !== null || replica.child.signalCode !== null) return;
  await new Promise((resolve) => {
    replica.child.once('exit', resolve);
    replica.child.kill('SIGKILL');
  });
}

async function deliver(url: string, body: string): Promise<number> {
  const response = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signature(SECRET, body) },
    body,
  });
  return response.status;
}

/** Slack's Web API on loopback: every method answers ok, and every call is kept. */
async function fakeSlack(): Promise<{ server: Server; calls: SlackCall[] }> {
  const calls: SlackCall[] = [];
  let ts = 0;
  const server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const body = Object.fromEntries(new URLSearchParams(await readBody(req)));
    calls.push({ method, body });
    const answer: Record<string, unknown> = { ok: true };
    if (method === 'auth.test')
      Object.assign(answer, { user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0TEAM' });
    if (method === 'chat.postMessage')
      Object.assign(answer, { channel: body.channel, ts: `1700000200.${String(++ts).padStart(6, '0')}` });
    if (method === 'chat.update') Object.assign(answer, { channel: body.channel, ts: body.ts });
    if (method === 'users.info') Object.assign(answer, { user: { id: body.user, locale: 'en-US' } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, calls };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Polls a condition every 50 ms for up to 90 s (a waiting helper for a busy machine, not a timing assertion). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1800; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const tail = replicas.map((replica) =>
    replica.logs
      .slice(-8)
      .map((line) => JSON.stringify(line))
      .join('\n'),
  );
  throw new Error(
    `the condition was not met within 90 s; the replicas' last log lines:\n${tail.join('\n---\n')}`,
  );
}
