import type { Chunk } from './log-stream';
import { RequestGroups, type GroupingOptions } from './request-groups';
import { readGrouped } from './grouping-pass';
import { FailedRequests, type WorkerStarter } from './failed-requests';
import { CauseTally, type CauseCount } from './tally';

/**
 * `scan --file`: groups the events of an exported execution log by request id (request-groups.ts) and classifies
 * every request that failed, each distinct trace once (failed-requests.ts, count-trace.ts).
 */

export interface FileScanOptions extends GroupingOptions {
  examplesPerCause?: number;
  /** How the input is named in errors. */
  source?: string;
  /** The thread that counts failed requests once there are many (default: count-worker.js when built). */
  startWorker?: WorkerStarter;
  /** Requests counted on this thread before the worker is started. */
  workerAfter?: number;
}

export interface FileScanReport {
  lines: number;
  /** Requests seen. */
  requests: number;
  /** Requests that ended below 400. */
  ok: number;
  /** Requests with neither a final status nor a failure line (cut off by the export window). */
  incomplete: number;
  /** Failed requests, all classified; the sum of the causes' counts. */
  total: number;
  causes: CauseCount[];
}

export async function scanLogFile(
  chunks: AsyncIterable<Chunk>,
  options: FileScanOptions = {},
): Promise<FileScanReport> {
  const tally = new CauseTally(options.examplesPerCause ?? 5);
  const failed = new FailedRequests(tally, options.startWorker, options.workerAfter);
  const groups = new RequestGroups((request) => failed.add(request), options);
  try {
    const counts = await readGrouped(chunks, groups, options.source ?? 'the input', () => failed.ready());
    await failed.finish();
    const causes = tally.counts();
    return {
      lines: counts.lines,
      requests: counts.requests,
      ok: counts.ok,
      incomplete: failed.incomplete,
      total: causes.reduce((sum, c) => sum + c.count, 0),
      causes,
    };
  } finally {
    await failed.stop();
  }
}
