import { AwsError, AwsTimeoutError, describeAwsError } from '../aws/errors';
import type { QueryResults } from '../aws/logs';
import type { TimeWindow } from '../config/duration';
import type { SearchTarget } from '../locate/request-search';
import { msg, type Text } from '../text';
import { defaultSleep, type PipelineDeps } from './context';

/**
 * One Logs Insights query of `scan API_ID`, run to its end: started, polled with backoff, and stopped when why403
 * gives up on it (an abandoned query goes on scanning, and billing, for up to an hour).
 */

export interface QueryOutcome {
  rows: Array<Record<string, string>>;
  bytesScanned: number;
  /** Lines the query matched; more than `rows` when it reached its row limit. */
  recordsMatched: number;
  /** The status it ended with, when that was not Complete (Failed, Cancelled, Timeout, Unknown). */
  ended?: string;
  /** The time budget ended first: the query was stopped and its rows are incomplete. */
  stopped?: boolean;
}

export interface QueryRun {
  access: SearchTarget['access'];
  groups: string[];
  window: TimeWindow;
  deps: PipelineDeps;
  signal: AbortSignal;
  /** What could not be done (a query that could not be stopped) is added here. */
  gaps: Text[];
}

const TERMINAL = ['Failed', 'Cancelled', 'Timeout', 'Unknown'];

/** Starts a query and polls it (1 s, 2 s, 4 s, then every 5 s) until it ends, the budget ends or a poll fails. */
export async function runQuery(run: QueryRun, queryString: string): Promise<QueryOutcome> {
  const { access, signal } = run;
  let queryId: string;
  try {
    queryId = await access.logs.startQuery(run.groups, queryString, run.window.start, run.window.end, signal);
  } catch (error) {
    // Nothing was started, so there is nothing to stop.
    if (error instanceof AwsTimeoutError)
      return { rows: [], bytesScanned: 0, recordsMatched: 0, stopped: true };
    throw error;
  }
  let last: QueryResults | undefined;
  try {
    for (let delay = 1000; ; delay = Math.min(delay * 2, 5000)) {
      await pause(run.deps.sleep ?? defaultSleep, delay, signal);
      if (signal.aborted) break;
      last = await access.logs.queryResults(queryId, signal);
      if (last.status === 'Complete') return outcome(last);
      if (TERMINAL.includes(last.status)) return { ...outcome(last), ended: last.status };
      run.deps.onProgress?.(
        msg('progress.insights-status', {
          status: last.status,
          megabytes: (last.bytesScanned / 1e6).toFixed(1),
        }),
      );
    }
  } catch (error) {
    await stopQuery(access, queryId, run.gaps);
    if (error instanceof AwsTimeoutError)
      return { rows: [], bytesScanned: last?.bytesScanned ?? 0, recordsMatched: 0, stopped: true };
    throw error;
  }
  await stopQuery(access, queryId, run.gaps);
  return { ...(last ? outcome(last) : { rows: [], bytesScanned: 0, recordsMatched: 0 }), stopped: true };
}

function outcome(results: QueryResults): QueryOutcome {
  return { rows: results.rows, bytesScanned: results.bytesScanned, recordsMatched: results.recordsMatched };
}

/** How long StopQuery may take: it is sent after the time budget ended, so it has a short budget of its own. */
const STOP_QUERY_MS = 5000;

async function stopQuery(access: SearchTarget['access'], queryId: string, gaps: Text[]): Promise<void> {
  try {
    await access.logs.stopQuery(queryId, AbortSignal.timeout(STOP_QUERY_MS));
  } catch (error) {
    const reason = error instanceof AwsError ? describeAwsError(error) : (error as Error).message;
    gaps.push(msg('scan.gap.stop-failed', { queryId, reason }));
  }
}

/** Waits, or less when the budget ends first. */
function pause(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void sleep(ms).then(done);
  });
}
