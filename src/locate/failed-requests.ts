import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TraceCounter } from './count-trace';
import type { ClosedRequest } from './request-groups';
import type { CauseTally } from './tally';
import type { Counted } from './verdict-memo';

/**
 * Counts the requests that did not end below 400, in the order they closed. The first ones are counted here; when
 * there are many, the rest go, raw, to a worker thread that decodes, remembers and classifies them, so that the
 * reading thread only reads and groups, and the two share two cores. The worker answers in order, so the report is
 * the same either way. Reading pauses while too many requests wait for the worker, which keeps memory flat.
 */

/** Starts the thread that counts; undefined when there is none to start (sources run by ts-jest). */
export type WorkerStarter = () => Worker | undefined;

const WORKER_SCRIPT = join(__dirname, 'count-worker.js');

/** The built worker, where there is a second core for it. */
function startCountWorker(): Worker | undefined {
  return availableParallelism() > 1 && existsSync(WORKER_SCRIPT) ? new Worker(WORKER_SCRIPT) : undefined;
}

/** Requests counted here before a worker is worth starting (small inputs never start one). */
const COUNT_HERE_FIRST = 500;
const BATCH = 64;
const HIGH = 4_096;
const LOW = 1_024;

export class FailedRequests {
  /** Requests cut off by the export window: no status and no failure line. */
  incomplete = 0;
  private counter: TraceCounter | undefined;
  private seen = 0;
  private batch: Array<[string, number | undefined, Uint8Array | string[]]> = [];
  private waiting = 0;
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly tally: CauseTally,
    private startWorker: WorkerStarter | undefined = startCountWorker,
    private readonly countHereFirst = COUNT_HERE_FIRST,
  ) {}

  add(request: ClosedRequest): void {
    const worker = ++this.seen > this.countHereFirst ? this.theWorker() : undefined;
    if (!worker) {
      this.counted(this.here().count(request.id, request.status, request.rawLines() ?? request.events()));
      return;
    }
    this.batch.push([request.id, request.status, request.rawLines() ?? request.events()]);
    this.waiting++;
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Between chunks: sends what is batched, and pauses reading while too many requests wait for the worker. */
  ready(): Promise<void> | undefined {
    this.flush();
    if (this.failure) throw this.failure;
    if (this.waiting < HIGH) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Waits for every answer and stops the worker. */
  async finish(): Promise<void> {
    try {
      this.flush();
      while (this.waiting > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.failure) throw this.failure;
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  /**
   * The counter of this thread, loaded on first use: a large input is counted on the worker from the start, and the
   * reading thread should not spend its first tens of milliseconds loading a classifier it never runs.
   */
  private here(): TraceCounter {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: counting is synchronous
    this.counter ??= new (require('./count-trace') as typeof import('./count-trace')).TraceCounter();
    return this.counter;
  }

  private counted(counted: Counted | null | undefined): void {
    if (counted) this.tally.add(counted.cause, counted.requestId, counted.method);
    else this.incomplete++;
  }

  private theWorker(): Worker | undefined {
    if (this.worker || !this.startWorker) return this.worker;
    const worker = this.startWorker();
    this.startWorker = undefined;
    if (!worker) return undefined;
    worker.on('message', (answers: Array<Counted | null>) => {
      for (const answer of answers) this.counted(answer);
      this.waiting -= answers.length;
      if (this.waiting <= LOW) this.wakeUp();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the counting worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private flush(): void {
    if (this.batch.length === 0 || !this.worker) return;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }
}
