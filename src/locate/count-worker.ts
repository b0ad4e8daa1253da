import { parentPort } from 'node:worker_threads';
import { TraceCounter } from './count-trace';
import type { Counted } from './verdict-memo';

/**
 * Worker thread: counts batches of requests that did not end below 400, in the order given. Each comes as
 * `[id, status, lines]`, its lines raw (joined by newlines) or, from a JSON export, its events; each answer is what
 * it counts as, or null when it was cut off.
 */
const counter = new TraceCounter();

parentPort?.on('message', (batch: Array<[string, number | undefined, Uint8Array | string[]]>) => {
  const answers: Array<Counted | null> = batch.map(
    ([id, status, lines]) => counter.count(id, status, lines) ?? null,
  );
  parentPort?.postMessage(answers);
});
