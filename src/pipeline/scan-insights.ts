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
  /**
   * The rows of each query that returned as many rows as Logs Insights gives (oldest first): what followed them was
   * not returned. Empty when no query reached that limit.
   */
  limited: Array<ReadonlyArray<Record<string, string>>>;
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
/** StartQuery takes at most 50 log groups (`logGroupNames`); an API with more stages is queried in several parts. */
const GROUPS_PER_QUERY = 50;
/** Logs Insights returns at most this many rows per query (`limit 10000` in StartQuery). */
export const QUERY_ROWS = 10_000;

/**
 * Runs the query over the run's groups, 50 at a time, one part after the other (each counts against the account's
 * concurrent Logs Insights queries), and joins what they found. A part that did not end Complete ends the run:
 * the parts after it would not make its answer whole.
 */
export async function runQuery(run: QueryRun, queryString: string): Promise<QueryOutcome> {
  let joined: QueryOutcome = { rows: [], bytesScanned: 0, recordsMatched: 0, limited: [] };
  for (let i = 0; i < run.groups.length; i += GROUPS_PER_QUERY) {
    const part = await runOneQuery(
      { ...run, groups: run.groups.slice(i, i + GROUPS_PER_QUERY) },
      queryString,
    );
    joined = {
      rows: [...joined.rows, ...part.rows],
      bytesScanned: joined.bytesScanned + part.bytesScanned,
      recordsMatched: joined.recordsMatched + part.recordsMatched,
      limited: [...joined.limited, ...part.limited],
      ...(part.ended ? { ended: part.ended } : {}),
      ...(part.stopped ? { stopped: true } : {}),
    };
    if (part.ended || part.stopped) break;
  }
  return joined;
}

/** Starts a query and polls it (1 s, 2 s, 4 s, then every 5 s) until it ends, the budget ends or a poll fails. */
async function runOneQuery(run: QueryRun, queryString: string): Promise<QueryOutcome> {
  const { access, signal } = run;
  let queryId: string;
  try {
    queryId = await access.logs.startQuery(run.groups, queryString, run.window.start, run.window.end, signal);
  } catch (error) {
    // Nothing was started, so there is nothing to stop.
    if (error instanceof AwsTimeoutError) return { ...NOTHING, stopped: true };
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
      return { ...NOTHING, bytesScanned: last?.bytesScanned ?? 0, stopped: true };
    throw error;
  }
  await stopQuery(access, queryId, run.gaps);
  return { ...(last ? outcome(last) : NOTHING), stopped: true };
}

const NOTHING: QueryOutcome = { rows: [], bytesScanned: 0, recordsMatched: 0, limited: [] };

function outcome(results: QueryResults): QueryOutcome {
  return {
    rows: results.rows,
    bytesScanned: results.bytesScanned,
    recordsMatched: results.recordsMatched,
    limited: results.rows.length >= QUERY_ROWS ? [results.rows] : [],
  };
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
