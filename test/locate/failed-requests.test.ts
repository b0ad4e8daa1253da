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

  it('fails the scan, and does not hang, when the worker dies', async () => {
    const dies = () => new Worker('process.exit(3)', { eval: true });
    await expect(scanLogFile(chunked(log, 1 << 16), { startWorker: dies, workerAfter: 1 })).rejects.toThrow(
      'the counting worker stopped (exit code 3)',
    );
  });
});
