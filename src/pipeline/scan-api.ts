import type { CauseId } from '../evidence/types';
import type { ChecklistStep } from '../classify/types';
import { distinctTexts, joinTexts, msg, type Text } from '../text';
import { describeMethod } from '../evidence/assemble';
import { evidenceWithConfig } from './evidence';
import { parseLogEvents, requestIdOfLine } from '../evidence/log-lines';
import { classify } from '../classify/classify';
import { searchWindow, type TimeWindow } from '../config/duration';
import { validateApiLocation } from '../config/ids';
import type { ApiSnapshot } from '../gather/api-config';

import { CauseTally } from '../locate/tally';
import type { SearchTarget } from '../locate/request-search';
import { redactValue } from '../redact';
import { budgetSignal, defaultSleep, type PipelineDeps } from './context';
import { resolveTargets } from './targets';
import { failedRequestsQuery, tracesQuery } from '../locate/insights-queries';
import { parseIsoTimestamp } from '../time';
import { AwsError, AwsTimeoutError, describeAwsError } from '../aws/errors';
import type { QueryResults } from '../aws/logs';
import { unreadSources } from './sources';

/**
 * `why403 scan API_ID`: a Logs Insights query finds the requests that ended in 401/403/500 in the window, a
 * second one fetches their traces, and each trace is classified with the API's configuration. Answers counts per
 * cause, example request ids, the methods affected and one fix checklist per cause. At its time budget it answers
 * with what it has, says the answer is partial, and stops the queries it abandons.
 */

export interface ScanQuery {
  restApiId: string;
  stage?: string;
  region?: string;
  since?: string;
  /** At most this many failed requests are classified (the newest). */
  maxRequests?: number;
}

export interface ScanCause {
  cause: CauseId;
  count: number;
  requestIds: string[];
  methods: string[];
  title: Text;
  checklist: readonly ChecklistStep[];
}

export interface ApiScan {
  restApiId: string;
  stage?: string;
  region: string;
  window: TimeWindow;
  /** Failed requests classified (the sum of the counts). */
  total: number;
  /** Failed requests found; more than `total` when the scan sampled the newest. */
  failedRequests: number;
  causes: ScanCause[];
  bytesScanned: number;
  logGroups: string[];
  /** Set when the answer is partial: the time budget ended, a query failed, or the newest requests were sampled. */
  partial?: Text;
  /** What could not be read (configuration reads, a query that could not be stopped). */
  gaps: Text[];
}

const IDS_PER_QUERY = 150;

export async function scanApi(rawQuery: ScanQuery, deps: PipelineDeps): Promise<ApiScan> {
  const query = validateApiLocation(rawQuery);
  const window = searchWindow({ since: query.since ?? '1h', defaultSince: '1h', now: deps.now() });
  const signal = budgetSignal(deps);
  const targets = await resolveTargets(query, deps, signal);
  if (targets.length === 0) {
    return emptyScan(
      query.restApiId,
      query.stage,
      (await deps.aws.forTarget({ region: query.region })).region,
      window,
      [msg('scan.gap.no-groups')],
    );
  }
  const access = targets[0].access;
  const groups = targets.map((t) => t.logGroup);
  const snapshots = new Map(
    targets.map((t) => [t.stage, deps.gatherer.snapshot(access, t.restApiId, t.stage, signal)]),
  );
  // Awaited later; a wrong API id must not count as unhandled if a query fails first.
  for (const snapshot of snapshots.values()) snapshot.catch(() => undefined);
  const gaps: Text[] = [];
  const partial: Text[] = [];
  const run = (queryString: string) => runQuery(access, groups, queryString, window, deps, signal, gaps);

  deps.onProgress?.(msg('progress.insights', { groups: groups.join(', ') }));
  const failed = await firstQuery(run);
  if (failed.partial) partial.push(failed.partial);
  const ids = [...new Set(failed.rows.flatMap((row) => requestIdOfLine(row['@message'] ?? '') ?? []))];
  const chosen = failed.stopped ? [] : ids.slice(0, query.maxRequests ?? 300);
  const read = await readTraces(chosen, run, deps);
  if (read.partial) partial.push(read.partial);
  const causes = await tallyCauses(read.traces, targets, snapshots);
  if (!failed.stopped && chosen.length < ids.length)
    partial.push(msg('scan.partial.sampled', { chosen: chosen.length, found: ids.length }));
  const unread = (await Promise.all(snapshots.values())).flatMap((s) => unreadSources(s.sources));
  return redactValue({
    restApiId: query.restApiId,
    stage: query.stage,
    region: access.region,
    window,
    total: causes.reduce((sum, c) => sum + c.count, 0),
    failedRequests: ids.length,
    causes,
    bytesScanned: failed.bytesScanned + read.bytesScanned,
    logGroups: groups,
    partial: joinTexts(partial, 'search.partial.joined'),
    gaps: distinctTexts([...unread, ...gaps]),
  });
}

/** Each trace classified with its stage's configuration, counted by cause; each cause with its title and fix. */
async function tallyCauses(
  traces: ReadonlyMap<string, TraceEvent[]>,
  targets: readonly SearchTarget[],
  snapshots: ReadonlyMap<string, Promise<ApiSnapshot>>,
): Promise<ScanCause[]> {
  const tally = new CauseTally(5);
  const byCause = new Map<CauseId, Pick<ScanCause, 'title' | 'checklist'>>();
  for (const [id, events] of traces) {
    const target = targets.find((t) => events[0]?.group.endsWith(`/${t.stage}`)) ?? targets[0];
    const verdict = classifyTrace(id, events, target, await snapshots.get(target.stage));
    tally.add(verdict.cause, id, verdict.method);
    if (!byCause.has(verdict.cause))
      byCause.set(verdict.cause, { title: verdict.title, checklist: verdict.checklist });
  }
  return tally
    .counts()
    .map((c) => ({ ...c, ...(byCause.get(c.cause) as Pick<ScanCause, 'title' | 'checklist'>) }));
}

type RunQuery = (queryString: string) => Promise<QueryOutcome>;

/** The query for failed requests; a time budget that ends before it completes is a partial answer too. */
async function firstQuery(run: RunQuery): Promise<QueryOutcome> {
  const outcome = await run(failedRequestsQuery());
  return outcome.stopped ? { ...outcome, partial: msg('scan.partial.budget-first') } : outcome;
}

/**
 * The traces of the chosen requests, a batch of ids per query. A batch whose query did not complete is left out
 * whole (an incomplete trace could be misread), and so are the batches after a stop: the answer says how many.
 */
async function readTraces(
  chosen: readonly string[],
  run: RunQuery,
  deps: PipelineDeps,
): Promise<{ traces: Map<string, TraceEvent[]>; bytesScanned: number; partial?: Text }> {
  const traces = new Map<string, TraceEvent[]>();
  let bytesScanned = 0;
  let uncounted = 0;
  const ending = (partial?: Text) => {
    const limit = uncounted > 0 ? msg('scan.partial.traces-limit', { count: uncounted }) : undefined;
    const texts = [limit, partial].filter((text): text is Text => text !== undefined);
    return { traces, bytesScanned, partial: joinTexts(texts, 'search.partial.joined') };
  };
  for (let i = 0; i < chosen.length; i += IDS_PER_QUERY) {
    deps.onProgress?.(
      msg('progress.traces', { count: Math.min(chosen.length, i + IDS_PER_QUERY), total: chosen.length }),
    );
    const left = chosen.length - i;
    const batch = chosen.slice(i, i + IDS_PER_QUERY);
    let result: QueryOutcome;
    try {
      result = await run(tracesQuery(batch));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      const reason = describeAwsError(error);
      return ending(msg('scan.partial.traces-failed', { count: left, reason }));
    }
    bytesScanned += result.bytesScanned;
    if (result.stopped) return ending(msg('scan.partial.budget-traces', { count: left }));
    if (result.partial)
      return ending(msg('scan.partial.traces-failed', { count: left, reason: result.partial }));
    const found = new Map<string, TraceEvent[]>();
    for (const row of result.rows) addRow(found, row);
    const cut = result.rows.length >= TRACE_ROWS ? cutOff(batch, found) : [];
    for (const [id, events] of found) if (!cut.includes(id)) traces.set(id, events);
    uncounted += cut.length;
  }
  return ending();
}

/** The row limit of the traces query (`limit 10000` in tracesQuery, Logs Insights' most). */
const TRACE_ROWS = 10_000;
/** A request lasts at most 29 s: lines this close to the last row read may have more after the cut. */
const REQUEST_SPAN_MS = 30_000;

/**
 * The requests of a batch whose traces a query cut off at its row limit (rows come oldest first): those with no
 * line at all, and those whose lines reach the last row read, which may go on past it. An incomplete trace could be
 * misread, so neither is counted.
 */
function cutOff(batch: readonly string[], found: ReadonlyMap<string, TraceEvent[]>): string[] {
  const last = Math.max(0, ...[...found.values()].flat().map((e) => e.timestamp));
  return batch.filter((id) => {
    const events = found.get(id);
    return !events || events.some((e) => e.timestamp >= last - REQUEST_SPAN_MS);
  });
}

interface TraceEvent {
  message: string;
  timestamp: number;
  group: string;
}

function addRow(traces: Map<string, TraceEvent[]>, row: Record<string, string>): void {
  const message = row['@message'] ?? '';
  const id = requestIdOfLine(message);
  if (!id) return;
  const events = traces.get(id) ?? [];
  events.push({
    message,
    timestamp: parseIsoTimestamp(row['@timestamp'] ?? '') ?? 0,
    group: row['@log'] ?? row['@logStream'] ?? '',
  });
  traces.set(id, events);
}

function classifyTrace(
  requestId: string,
  events: Array<{ message: string; timestamp: number }>,
  target: SearchTarget,
  snapshot: ApiSnapshot | undefined,
) {
  const request = {
    requestId,
    restApiId: target.restApiId,
    stage: target.stage,
    region: target.access.region,
  };
  const evidence = evidenceWithConfig({ lines: parseLogEvents(events), request, snapshot });
  const verdict = classify(evidence);
  return {
    cause: verdict.cause,
    title: verdict.title,
    checklist: verdict.checklist,
    method: describeMethod(evidence.request, 'template'),
  };
}

interface QueryOutcome {
  rows: Array<Record<string, string>>;
  bytesScanned: number;
  /** The query ended without completing (Failed, Cancelled, Timeout): its rows may be incomplete. */
  partial?: Text;
  /** The time budget ended first: the query was stopped and its rows are incomplete. */
  stopped?: boolean;
}

/**
 * Starts a Logs Insights query and polls it with backoff (1 s, 2 s, 4 s, then every 5 s) until it ends. A query it
 * gives up on, because the time budget ended or a poll failed, is stopped (StopQuery): an abandoned query would
 * go on scanning, and billing, for up to an hour.
 */
async function runQuery(
  access: SearchTarget['access'],
  groups: string[],
  queryString: string,
  window: TimeWindow,
  deps: PipelineDeps,
  signal: AbortSignal,
  gaps: Text[],
): Promise<QueryOutcome> {
  let queryId: string;
  try {
    queryId = await access.logs.startQuery(groups, queryString, window.start, window.end, signal);
  } catch (error) {
    // Nothing was started, so there is nothing to stop.
    if (error instanceof AwsTimeoutError) return { rows: [], bytesScanned: 0, stopped: true };
    throw error;
  }
  let last: QueryResults | undefined;
  let delay = 1000;
  try {
    for (;;) {
      await pause(deps.sleep ?? defaultSleep, delay, signal);
      if (signal.aborted) break;
      last = await access.logs.queryResults(queryId, signal);
      if (last.status === 'Complete') return { rows: last.rows, bytesScanned: last.bytesScanned };
      if (['Failed', 'Cancelled', 'Timeout', 'Unknown'].includes(last.status)) {
        const partial = msg('scan.partial.query-ended', { status: last.status });
        return { rows: last.rows, bytesScanned: last.bytesScanned, partial };
      }
      deps.onProgress?.(
        msg('progress.insights-status', {
          status: last.status,
          megabytes: (last.bytesScanned / 1e6).toFixed(1),
        }),
      );
      delay = Math.min(delay * 2, 5000);
    }
  } catch (error) {
    await stopQuery(access, queryId, gaps);
    if (error instanceof AwsTimeoutError)
      return { rows: [], bytesScanned: last?.bytesScanned ?? 0, stopped: true };
    throw error;
  }
  await stopQuery(access, queryId, gaps);
  return { rows: last?.rows ?? [], bytesScanned: last?.bytesScanned ?? 0, stopped: true };
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

function emptyScan(
  restApiId: string,
  stage: string | undefined,
  region: string,
  window: TimeWindow,
  gaps: Text[],
): ApiScan {
  return {
    restApiId,
    stage,
    region,
    window,
    total: 0,
    failedRequests: 0,
    causes: [],
    bytesScanned: 0,
    logGroups: [],
    gaps,
  };
}
