import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports';

/**
 * A real Redis for the tests: Debian's redis-server on a free loopback port, in a temporary directory, persisting
 * nothing. `.ci/run` installs redis-server when it is missing.
 */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (as an outage would); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and removes its directory. */
  remove(): Promise<void>;
}

/** A real Redis for a test file and an admin client on it, started before the file's tests and removed after. */
export function redisForFile(): { readonly server: TestRedis; readonly admin: Redis } {
  const held = {} as { server: TestRedis; admin: Redis };
  beforeAll(async () => {
    held.server = await startRedis();
    held.admin = new Redis(held.server.url);
  });
  afterAll(async () => {
    held.admin.disconnect();
    await held.server.remove();
  });
  return held;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'why403-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) => {
      child?.once('error', (error) =>
        reject(new Error(`redis-server could not start (${error.message}): apt-get install redis-server`)),
      );
    });
    await Promise.race([untilListening(port), failed]);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function untilListening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not listen on port ${port}`);
}
