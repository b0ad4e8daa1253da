import { createHash, randomUUID } from 'node:crypto';
import { version } from '../../package.json';
import { parseJson } from '../json';
import type { SharedState } from './state';

const POLL_MS = 100;
const RESULT_TTL_MS = 60_000;

/**
 * Single flight across replicas: identical diagnoses (or scans) asked on two replicas at once run once. The first
 * replica takes a lock naming its run and publishes the result; the others wait for that run's result, and run it
 * themselves if the lock goes without a result (the run failed) or the wait outlasts `waitMs`. Within one replica,
 * identical runs share one promise (and the engine's own single flight shares their progress).
 */
export class SharedFlight {
  private readonly local = new Map<string, Promise<unknown>>();

  constructor(
    private readonly state: SharedState,
    private readonly waitMs: number,
  ) {}

  /** `signal` stops the wait for another replica's run (a job stopped at the Lambda deadline). */
  run<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const existing = this.local.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const flight = (this.state.shared ? this.across(key, work, signal) : work()).finally(() =>
      this.local.delete(key),
    );
    this.local.set(key, flight);
    return flight;
  }

  private async across<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const id = flightId(key);
    const lock = `flight:${id}`;
    const deadline = Date.now() + this.waitMs;
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      const run = randomUUID();
      if (await this.state.claim(lock, run, this.waitMs)) {
        try {
          const result = await work();
          await this.state.set(`result:${id}:${run}`, JSON.stringify(result), RESULT_TTL_MS);
          return result;
        } finally {
          // Only this run's lock: past its lease another replica may hold it for a run of its own.
          await this.state.release(lock, run);
        }
      }
      const owner = await this.state.get(lock);
      if (owner) {
        const result = await this.resultOf(id, owner, lock, deadline, signal);
        if (result !== undefined) {
          // A result that is not JSON (cut short, or not a bot's) is no answer: run it here.
          const parsed = parseJson(result);
          return parsed === undefined ? work() : (parsed as T);
        }
      }
    }
    signal?.throwIfAborted();
    return work();
  }

  /** Waits for the result of run `owner`; undefined when its lock went without one, or at the deadline. */
  private async resultOf(
    id: string,
    owner: string,
    lock: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      const result = await this.state.get(`result:${id}:${owner}`);
      if (result !== undefined) return result;
      if ((await this.state.get(lock)) !== owner) return this.state.get(`result:${id}:${owner}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return undefined;
  }
}

/**
 * The key of a flight and of its results. Replicas of two versions (a rolling deploy) never share one: a result is
 * the engine's own shape, which another version may read differently.
 */
export function flightId(key: string): string {
  return createHash('sha256').update(`${version}|${key}`).digest('hex').slice(0, 32);
}
