import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { TraceCounter } from './count-trace';
import type { ClosedRequest } from './request-groups';
import type { CauseTally } from './tally';
import type { Counted } from './verdict-memo';

/**
 * Counts the requests that did not end below 400, in the order they closed. The first ones are counted here; when
 * there are many, they go, raw, in batches to a worker thread that decodes, remembers and classifies them. Reading
 * and grouping is quicker than classifying, so batches queue up: while the worker is behind, the reading thread
 * counts batches from the back of the queue between chunks, and the two threads share the counting. Answers are
 * tallied in the order the requests closed, whichever thread counted them, so the report is the same either way.
 * Reading pauses while too many requests wait, which keeps memory flat.
 */

/** Starts the thread that counts; undefined when there is none to start (sources run by ts-jest). */
export type WorkerStarter = () => Worker | undefined;

const WORKER_SCRIPT = join(__dirname, 'count-worker.js');

/** The built worker, where there is a second core for it. */
function startCountWorker(): Worker | undefined {
  return availableParallelism() > 1 && existsSync(WORKER_SCRIPT) ? new Worker(WORKER_SCRIPT) : undefined;
}

type Raw = [id: string, status: number | undefined, lines: Uint8Array | string[]];
type Answer = Counted | null;

interface Batch {
  readonly seq: number;
  readonly requests: Raw[];
}

/** Requests counted here before a worker is worth starting (small inputs never start one). */
const COUNT_HERE_FIRST = 500;
const BATCH = 64;
/** Batches handed to the worker and not yet answered, at most: the rest wait here, where either thread may take them. */
const IN_FLIGHT = 4;
/** The worker is behind when more batches than this wait for it: the reading thread then counts some itself. */
const BEHIND = 2;
const HIGH = 4_096;
const LOW = 1_024;

export class FailedRequests {
  /** Requests cut off by the export window: no status and no failure line. */
  incomplete = 0;
  private counter: TraceCounter | undefined;
  private seen = 0;
  private batch: Raw[] = [];
  private nextSeq = 0;
  /** Batches not yet handed to either thread, oldest first. */
  private readonly queue: Batch[] = [];
  private inFlight = 0;
  /** Answers that arrived before those of earlier batches, by batch. */
  private readonly early = new Map<number, Answer[]>();
  private nextToTally = 0;
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
    const raw: Raw = [request.id, request.status, request.rawLines() ?? request.events()];
    const worker = ++this.seen > this.countHereFirst ? this.theWorker() : undefined;
    if (!worker && this.nextSeq === 0) {
      this.counted(this.countHere(raw));
      return;
    }
    this.batch.push(raw);
    this.waiting++;
    if (this.batch.length >= BATCH) this.enqueue();
  }

  /**
   * Between chunks: hands batches to the worker, counts some here while it is behind, and pauses reading while too
   * many requests wait.
   */
  ready(): Promise<void> | undefined {
    this.enqueue();
    while (this.queue.length > BEHIND && !this.failure) this.countBatchHere(this.queue.pop() as Batch);
    if (this.failure) throw this.failure;
    if (this.waiting < HIGH) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Counts what is left, on both threads, and stops the worker. */
  async finish(): Promise<void> {
    try {
      this.enqueue();
      while (this.queue.length > 0 && !this.failure) {
        this.countBatchHere(this.queue.pop() as Batch);
        await turn(); // the worker's answers come in, and it is handed more
      }
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

  /** Counts a request on this thread (the counter is loaded on first use: a large input may never need it here). */
  private countHere([id, status, lines]: Raw): Answer {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: counting is synchronous
    this.counter ??= new (require('./count-trace') as typeof import('./count-trace')).TraceCounter();
    return this.counter.count(id, status, lines) ?? null;
  }

  private countBatchHere(batch: Batch): void {
    this.answered(batch.seq, batch.requests.map((raw) => this.countHere(raw)));
  }

  /** A batch's answers, tallied once those of every earlier batch are. */
  private answered(seq: number, answers: Answer[]): void {
    this.early.set(seq, answers);
    for (let next = this.early.get(this.nextToTally); next; next = this.early.get(this.nextToTally)) {
      this.early.delete(this.nextToTally++);
      for (const answer of next) this.counted(answer);
      this.waiting -= next.length;
    }
    if (this.waiting <= LOW) this.wakeUp();
  }

  private counted(counted: Answer | undefined): void {
    if (counted) this.tally.add(counted.cause, counted.requestId, counted.method);
    else this.incomplete++;
  }

  private theWorker(): Worker | undefined {
    if (this.worker || !this.startWorker) return this.worker;
    const worker = this.startWorker();
    this.startWorker = undefined;
    if (!worker) return undefined;
    worker.on('message', ([seq, answers]: [number, Answer[]]) => {
      this.inFlight--;
      this.answered(seq, answers);
      this.handOn();
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

  /** The batch being filled joins the queue, and the worker is handed what it has room for. */
  private enqueue(): void {
    if (this.batch.length > 0) {
      this.queue.push({ seq: this.nextSeq++, requests: this.batch });
      this.batch = [];
    }
    this.handOn();
  }

  private handOn(): void {
    if (!this.worker) {
      // No worker (none could start): everything is counted here.
      while (this.queue.length > 0) this.countBatchHere(this.queue.shift() as Batch);
      return;
    }
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0) {
      const { seq, requests } = this.queue.shift() as Batch;
      this.worker.postMessage([seq, requests]);
      this.inFlight++;
    }
  }
}
