import { Readable } from 'node:stream';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { scanLogFile } from '../../src/locate/file-scan';
import { ExecutionLogGenerator } from '../../src/sandbox/log-generator';
import { scanLogFileLineByLine } from './support/line-by-line-scan';

/** The worker thread as the built CLI starts it, from the sources (see support/ts-worker.mjs). */
function sourceWorker(entry = join(__dirname, '..', '..', 'src', 'locate', 'count-worker.ts')): () => Worker {
  return () => new Worker(join(__dirname, 'support', 'ts-worker.mjs'), { workerData: { entry } });
}

function chunked(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('Failed requests classified on a worker thread', () => {
  const log = [...new ExecutionLogGenerator({ seed: 17, concurrency: 48 }).lines(40_000)].join('\n');

  it('gives the report the line-by-line scanner gives, in the same order', async () => {
    const reference = await scanLogFileLineByLine(chunked(log, 1 << 16));
    const withWorker = await scanLogFile(chunked(log, 1 << 16), {
      startWorker: sourceWorker(),
      workerAfter: 10,
    });
    expect(withWorker).toEqual(reference);
    expect(withWorker.total).toBeGreaterThan(100);
  }, 60_000);

  it('sends each distinct trace to the worker once, repeats of one still being classified included', async () => {
    const sent: string[] = [];
    const counting = sourceWorker();
    const startWorker = () => {
      const worker = counting();
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (batch: Array<[string, number | undefined, Uint8Array]>) => {
        for (const [id, , trace] of batch) sent.push(Buffer.from(trace).toString().split(id).join('<id>'));
        post(batch);
      };
      return worker;
    };
    const withWorker = await scanLogFile(chunked(log, 1 << 16), { startWorker, workerAfter: 0 });
    const distinct = new Set(sent.map((trace) => trace.replace(/^\S+Z /gm, '')));
    expect(withWorker).toEqual(await scanLogFileLineByLine(chunked(log, 1 << 16)));
    expect(sent.length).toBe(distinct.size);
    expect(sent.length).toBeLessThan(withWorker.total / 2);
  }, 60_000);

  it('fails the scan, and does not hang, when the worker dies', async () => {
    const dies = () => new Worker('process.exit(3)', { eval: true });
    await expect(scanLogFile(chunked(log, 1 << 16), { startWorker: dies, workerAfter: 1 })).rejects.toThrow(
      'the counting worker stopped (exit code 3)',
    );
  });
});
