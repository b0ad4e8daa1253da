import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TraceCounter } from './count-trace';
import type { ClosedRequest } from './request-groups';
import type { CauseTally } from './tally';
import { countedFor, type Counted, type TraceKey } from './verdict-memo';

/**
 * Counts the requests that did not end below 400, in the order they closed. The first ones are counted here; when
 * there are many, traces not seen before go, raw, to a worker thread that decodes and classifies them, so that the
 * reading thread only reads, groups and recognises repeats, and the two share two cores. A repeat of a trace still
 * being classified waits for its answer instead of being sent too. Answers are counted in the order the requests
 * closed, so the report is the same either way. Reading pauses while too many requests wait, which keeps memory flat.
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
/** Requests waiting to be counted at which reading pauses, and at which it goes on. */
const HIGH = 8_192;
const LOW = 2_048;

/** A trace sent to the worker; `answer` once it has answered (null: cut off). */
interface Sent {
  readonly id: string;
  readonly key: TraceKey | undefined;
  answer?: Counted | null;
}

/** A request waiting to be counted: what it counts as, or the trace whose answer it waits for. */
type Waiting = { counted: Counted | null; sent?: undefined } | { id: string; sent: Sent };

export class FailedRequests {
  /** Requests cut off by the export window: no status and no failure line. */
  incomplete = 0;
  private readonly counter = new TraceCounter();
  private seen = 0;
  private batch: Array<[string, number | undefined, Uint8Array]> = [];
  /** Sent to the worker, not yet answered, in the order sent (the worker answers in that order). */
  private readonly unanswered: Sent[] = [];
  /** The same, by the hash of their keys: repeats of them wait instead of being sent. */
  private readonly inFlight = new Map<number, Sent[]>();
  /** Requests not yet counted, in the order they closed. */
  private readonly waiting: Waiting[] = [];
  private counting = 0;
  /** Traces the worker has and has not answered yet. */
  private posted = 0;
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly tally: CauseTally,
    private startWorker: WorkerStarter | undefined = startCountWorker,
    private readonly countHereFirst = COUNT_HERE_FIRST,
  ) {}

  add(request: ClosedRequest): void {
    const { id, status } = request;
    const lines = request.rawLines() ?? request.events();
    const worker = ++this.seen > this.countHereFirst ? this.theWorker() : undefined;
    if (!worker) return this.counted(this.counter.count(id, status, lines));
    const recalled = this.counter.recall(id, status, lines);
    if (recalled.counted) return this.wait({ counted: recalled.counted });
    const key = recalled.key;
    const sent = key && this.sentWithKey(key);
    if (sent) return this.wait({ id, sent });
    this.send(id, status, recalled.trace, key && { bytes: Buffer.from(key.bytes), hash: key.hash });
  }

  /**
   * Between chunks: sends what is batched when the worker has nothing left to do (a message costs more than a few
   * traces do), and pauses reading while too many requests wait to be counted.
   */
  ready(): Promise<void> | undefined {
    if (this.posted === 0) this.flush();
    if (this.failure) throw this.failure;
    if (this.waiting.length - this.counting < HIGH) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Waits for every answer and stops the worker. */
  async finish(): Promise<void> {
    try {
      this.flush();
      while (this.waiting.length > this.counting && !this.failure)
        await new Promise<void>((resolve) => (this.wake = resolve));
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

  private wait(request: Waiting): void {
    if (this.waiting.length === this.counting && !request.sent) return this.counted(request.counted);
    this.waiting.push(request);
  }

  private send(id: string, status: number | undefined, trace: Buffer, key: TraceKey | undefined): void {
    const sent: Sent = { id, key };
    this.unanswered.push(sent);
    if (key) {
      const same = this.inFlight.get(key.hash);
      if (same) same.push(sent);
      else this.inFlight.set(key.hash, [sent]);
    }
    // A copy of its own: a message carries the whole memory a view is of (often a pool shared by many buffers).
    this.batch.push([id, status, new Uint8Array(trace)]);
    this.waiting.push({ id, sent });
    if (this.batch.length >= BATCH) this.flush();
  }

  private sentWithKey(key: TraceKey): Sent | undefined {
    return this.inFlight.get(key.hash)?.find((sent) => sent.key?.bytes.equals(key.bytes));
  }

  /** The worker's answers, in the order their traces were sent. */
  private answered(answers: Array<Counted | null>): void {
    this.posted -= answers.length;
    if (this.posted === 0) this.flush();
    for (const answer of answers) {
      const sent = this.unanswered.shift() as Sent;
      sent.answer = answer;
      if (sent.key) this.settle(sent, sent.key, answer);
    }
    this.countReady();
    if (this.waiting.length - this.counting <= LOW) this.wakeUp();
  }

  /** The answer is remembered for later repeats; repeats already waiting take it from `sent`. */
  private settle(sent: Sent, key: TraceKey, answer: Counted | null): void {
    const same = this.inFlight.get(key.hash) as Sent[];
    if (same.length === 1) this.inFlight.delete(key.hash);
    else same.splice(same.indexOf(sent), 1);
    if (answer) this.counter.remember(key, sent.id, answer);
  }

  /** Counts the requests at the front of the line whose answers are in. */
  private countReady(): void {
    const { waiting } = this;
    while (this.counting < waiting.length) {
      const request = waiting[this.counting];
      if (request.sent) {
        const { answer } = request.sent;
        if (answer === undefined) break;
        this.counted(answer && countedFor(answer, request.sent.id, request.id));
      } else {
        this.counted(request.counted);
      }
      this.counting++;
    }
    if (this.counting > 1024 && this.counting * 2 > waiting.length) {
      waiting.splice(0, this.counting);
      this.counting = 0;
    }
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
    worker.on('message', (answers: Array<Counted | null>) => this.answered(answers));
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
    this.posted += this.batch.length;
    this.batch = [];
  }
}
