import { InputError } from '../errors';
import { readLog, type Chunk } from './log-stream';
import { RequestGroups, type GroupCounts, type GroupingOptions } from './request-groups';
import { TextGuard } from './input-check';
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
    const counts = await readChecked(chunks, groups, options.source ?? 'the input', () => failed.ready());
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

/**
 * The reading-and-grouping pass alone: what `scanLogFile` does before it classifies anything. Requests that did not
 * end below 400 are counted as `notOk` (failed, cut off, or left open), their lines never decoded. For the benchmark.
 */
export async function groupLogFile(
  chunks: AsyncIterable<Chunk>,
  options: GroupingOptions & { source?: string } = {},
): Promise<GroupCounts & { notOk: number }> {
  let notOk = 0;
  const groups = new RequestGroups(() => notOk++, options);
  const counts = await readChecked(chunks, groups, options.source ?? 'the input');
  return { ...counts, notOk };
}

async function readChecked(
  chunks: AsyncIterable<Chunk>,
  groups: RequestGroups,
  source: string,
  ready?: () => Promise<void> | undefined,
): Promise<GroupCounts> {
  const guard = new TextGuard();
  await readLog(guarded(chunks, guard, source, ready), groups);
  const problem = guard.end();
  if (problem) throw notALog(source, problem);
  return groups.finish();
}

const SCAN_HINT =
  'give an exported execution log: plain lines, NDJSON events, or the JSON of aws logs filter-log-events or a Logs Insights export (gzipped is fine)';

function notALog(source: string, problem: string): InputError {
  return new InputError(`${source} is ${problem}`, SCAN_HINT);
}

async function* guarded(
  chunks: AsyncIterable<Chunk>,
  guard: TextGuard,
  source: string,
  ready?: () => Promise<void> | undefined,
): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const problem = guard.check(buf);
    if (problem) throw notALog(source, problem);
    yield buf;
    const waiting = ready?.();
    if (waiting) await waiting;
  }
}
