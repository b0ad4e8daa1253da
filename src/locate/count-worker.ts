import { parentPort } from 'node:worker_threads';
import { countTrace } from './count-trace';
import type { Counted } from './verdict-memo';

/** Worker thread: classifies batches of failed requests' traces (`[seq, id, text]`) and answers `[seq, Counted]`. */
parentPort?.on('message', (batch: Array<[number, string, string]>) => {
  const answers: Array<[number, Counted]> = batch.map(([seq, id, text]) => [seq, countTrace(id, text)]);
  parentPort?.postMessage(answers);
});
