import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { countTrace } from './count-trace';
import type { CauseTally } from './tally';
import { VerdictMemo, type Counted } from './verdict-memo';

/**
 * Counts failed requests in the order they closed. A trace seen before is counted from memory; a new one is
 * classified — here while there are few, then on a worker thread, so that classifying overlaps with reading on a
 * second core. Answers are tallied in close order whenever they come back, so the report is the same either way.
 * At most HIGH traces wait for the worker: reading pauses until it catches up, which keeps memory flat.
 */

/** Starts the thread that classifies; undefined when there is none to start (sources run by ts-jest). */
export type WorkerStarter = () => Worker | undefined;

const WORKER_SCRIPT = join(__dirname, 'count-worker.js');

export function startCountWorker(): Worker | undefined {
  return existsSync(WORKER_SCRIPT) ? new Worker(WORKER_SCRIPT) : undefined;
}

/** New traces classified here before a worker is worth starting (small inputs never start one). */
const CLASSIFY_HERE_FIRST = 200;
const BATCH = 32;
const HIGH = 2_048;
const LOW = 512;

interface Slot {
  id: string;
  counted: Counted | undefined;
}

interface Sent {
  key: string | undefined;
  id: string;
  slot: Slot;
}

export class FailedRequests {
  private readonly memo = new VerdictMemo();
  private queue: Slot[] = [];
  private head = 0;
  /** Traces being classified by the worker, by key: the requests waiting for that answer. */
  private readonly waiting = new Map<string, Slot[]>();
  private readonly sent = new Map<number, Sent>();
  private batch: Array<[number, string, string]> = [];
  private seq = 0;
  private misses = 0;
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly tally: CauseTally,
    private startWorker: WorkerStarter | undefined = startCountWorker,
    private readonly classifyHereFirst = CLASSIFY_HERE_FIRST,
  ) {}

  add(id: string, events: readonly string[], text: string): void {
    const slot: Slot = { id, counted: undefined };
    this.queue.push(slot);
    const key = this.memo.keyOf(id, events, text);
    if (key !== undefined) {
      const known = this.memo.recall(key, id);
      if (known) {
        slot.counted = known;
        this.drain();
        return;
      }
      const waiting = this.waiting.get(key);
      if (waiting) {
        waiting.push(slot);
        return;
      }
    }
    const worker = ++this.misses > this.classifyHereFirst ? this.theWorker() : undefined;
    if (!worker) {
      this.settle(key, id, countTrace(id, text), [slot]);
      return;
    }
    if (key !== undefined) this.waiting.set(key, [slot]);
    this.sent.set(this.seq, { key, id, slot });
    this.batch.push([this.seq++, id, text]);
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Between chunks: sends what is batched, and pauses reading while too many traces wait for the worker. */
  ready(): Promise<void> | undefined {
    this.flush();
    if (this.failure) throw this.failure;
    if (this.sent.size < HIGH) return undefined;
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Waits for every answer, tallies them, and stops the worker. */
  async finish(): Promise<void> {
    try {
      this.flush();
      while (this.sent.size > 0) {
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      if (this.failure) throw this.failure;
      this.drain();
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private theWorker(): Worker | undefined {
    if (this.worker || !this.startWorker) return this.worker;
    const worker = this.startWorker();
    if (!worker) {
      this.startWorker = undefined;
      return undefined;
    }
    worker.on('message', (answers: Array<[number, Counted]>) => this.answered(answers));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the classifying worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private answered(answers: Array<[number, Counted]>): void {
    for (const [seq, counted] of answers) {
      const sent = this.sent.get(seq);
      if (!sent) continue;
      this.sent.delete(seq);
      const slots = sent.key === undefined ? [sent.slot] : (this.waiting.get(sent.key) ?? [sent.slot]);
      if (sent.key !== undefined) this.waiting.delete(sent.key);
      this.settle(sent.key, sent.id, counted, slots);
    }
    if (this.sent.size <= LOW || this.sent.size === 0) this.wakeUp();
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

  /** The first request's answer, and the same answer for the others with the same trace (their own ids in place). */
  private settle(key: string | undefined, id: string, counted: Counted, slots: Slot[]): void {
    if (key !== undefined) this.memo.remember(key, id, counted);
    for (const slot of slots)
      slot.counted = slot.id === id ? counted : VerdictMemo.retarget(counted, id, slot.id);
    this.drain();
  }

  private flush(): void {
    if (this.batch.length === 0 || !this.worker) return;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }

  /** Tallies, in close order, every request whose answer is known. */
  private drain(): void {
    const { queue } = this;
    while (this.head < queue.length) {
      const counted = queue[this.head].counted;
      if (!counted) break;
      this.tally.add(counted.cause, counted.requestId, counted.method);
      this.head++;
    }
    if (this.head > 4_096) {
      this.queue = queue.slice(this.head);
      this.head = 0;
    }
  }
}
