import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports';

/**
 * `why403 serve` as a container runs it: the built CLI in its own process, receiving real signals. A request the
 * test never finishes keeps the graceful stop waiting, so what ends the process is the signal under test.
 * Needs the build (`npm run build`, which `npm ci` runs).
 */

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

interface Server {
  child: ChildProcess;
  port: number;
  stderr(): string;
}

let server: Server | undefined;
let held: Socket | undefined;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist: run "npm run build" first`);
});

afterEach(() => {
  held?.destroy();
  if (server && server.child.exitCode === null && server.child.signalCode === null)
    server.child.kill('SIGKILL');
  server = held = undefined;
});

describe('why403 serve: stopping on signals', () => {
  it.each<[string, NodeJS.Signals, NodeJS.Signals, number]>([
    ['SIGTERM then SIGTERM', 'SIGTERM', 'SIGTERM', 143],
    ['SIGINT then SIGTERM', 'SIGINT', 'SIGTERM', 143],
    ['SIGTERM then SIGINT (Ctrl-C)', 'SIGTERM', 'SIGINT', 130],
  ])(
    '%s: the first starts a graceful stop that waits for the request under way, the second exits at once',
    async (_name, first, second, code) => {
      server = await startServer();
      held = await requestInFlight(server.port);

      server.child.kill(first);
      await stopInProgress(server);
      server.child.kill(second);
      const exit = await exited(server.child);

      expect(exit).toEqual({ code, signal: null });
      expect(server.stderr()).toContain(`why403 exits now (${second})`);
    },
    30_000,
  );

  it('one SIGTERM: once the request under way has ended, the server exits with status 0', async () => {
    server = await startServer();
    held = await requestInFlight(server.port);

    server.child.kill('SIGTERM');
    await stopInProgress(server);
    held.destroy();
    const exit = await exited(server.child);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr()).not.toContain('why403 exits now');
  });
});

async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    cwd: mkdtempSync(join(tmpdir(), 'why403-serve-')), // no why403.config.yml to pick up
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-signal-test',
      SLACK_SIGNING_SECRET: 'signal-test',
      // Nothing listens there: the bot's calls to Slack fail at once and never leave the machine.
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = { child, port, stderr: () => stderr };
  await until(started, () => stderr.includes(`why403 listens on port ${port}`));
  return started;
}

/** A POST to /slack/events whose body never comes; resolves once the server has read its headers. */
function requestInFlight(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
      );
    });
    socket.once('data', (data) =>
      data.toString().startsWith('HTTP/1.1 100 Continue')
        ? resolve(socket)
        : reject(new Error(`unexpected answer: ${data}`)),
    );
    socket.once('error', reject);
  });
}

/** The stop has begun (the note is out, the port no longer accepts connections) and the process is still there. */
async function stopInProgress(server: Server): Promise<void> {
  await until(server, () => server.stderr().includes('why403 is stopping'));
  while (!(await refused(server.port))) await pause();
  expect({ code: server.child.exitCode, signal: server.child.signalCode }).toEqual({
    code: null,
    signal: null,
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Waits for a condition on the server's output; fails at once, with that output, if the server exits first. */
async function until(server: Server, condition: () => boolean): Promise<void> {
  while (!condition()) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`why403 serve exited early; it said:\n${server.stderr()}`);
    await pause();
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}
