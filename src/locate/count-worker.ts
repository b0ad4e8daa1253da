import { parentPort } from 'node:worker_threads';
import { TraceCounter } from './count-trace';
import type { Counted } from './verdict-memo';

/**
 * Worker thread: counts batches of requests that did not end below 400, in the order given. A batch comes as its
 * sequence number and its requests, each `[id, status, lines]`, its lines raw (joined by newlines) or, from a JSON
 * export, its events; the answer is the sequence number and, for each request, what it counts as, or null when it
 * was cut off.
 */
const counter = new TraceCounter();

parentPort?.on(
  'message',
  ([seq, batch]: [number, Array<[string, number | undefined, Uint8Array | string[]]>]) => {
    const answers: Array<Counted | null> = batch.map(
      ([id, status, lines]) => counter.count(id, status, lines) ?? null,
    );
    parentPort?.postMessage([seq, answers]);
  },
);
