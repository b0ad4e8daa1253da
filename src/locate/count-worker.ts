import { parentPort } from 'node:worker_threads';
import { countTrace } from './count-trace';
import type { Counted } from './verdict-memo';

/**
 * Worker thread: classifies batches of failed requests' traces, in the order given, each a trace not seen before
 * (the reading thread counts repeats from memory). Each comes as `[id, status, trace]`, the trace's lines in UTF-8
 * joined by newlines; each answer is what it counts as, or null when it was cut off.
 */
parentPort?.on('message', (batch: Array<[string, number | undefined, Uint8Array]>) => {
  const answers: Array<Counted | null> = batch.map(
    ([id, status, trace]) =>
      countTrace(id, status, Buffer.from(trace.buffer, trace.byteOffset, trace.length).toString('utf8')) ??
      null,
  );
  parentPort?.postMessage(answers);
});
