import type { CauseId } from '../evidence/types';
import type { ChecklistStep } from '../classify/types';
import type { Text } from '../text';
import { describeMethod } from '../evidence/assemble';
import { evidenceWithConfig } from './evidence';
import { parseLogEvents, requestIdOfLine } from '../evidence/log-lines';
import { classify } from '../classify/classify';
import { searchWindow, type TimeWindow } from '../config/duration';
import { validateRegion, validateRestApiId, validateStage } from '../config/ids';
import type { ApiSnapshot } from '../gather/api-config';

import { CauseTally } from '../locate/tally';
import type { SearchTarget } from '../locate/request-search';
import { redactValue } from '../redact';
import { budgetSignal, defaultSleep, type PipelineDeps } from './context';
import { resolveTargets } from './targets';
import { failedRequestsQuery, tracesQuery } from '../locate/insights-queries';
import { parseIsoTimestamp } from '../time';

/**
 * `why403 scan API_ID`: a Logs Insights query finds the requests that ended in 401/403/500 in the window, a
 * second one fetches their traces, and each trace is classified with the API's configuration. Answers counts per
 * cause, example request ids, the methods affected and one fix checklist per cause.
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
  partial?: Text;
  gaps: Text[];
}

const IDS_PER_QUERY = 150;

export async function scanApi(rawQuery: ScanQuery, deps: PipelineDeps): Promise<ApiScan> {
  const query = {
    ...rawQuery,
    restApiId: validateRestApiId(rawQuery.restApiId),
    stage: rawQuery.stage === undefined ? undefined : validateStage(rawQuery.stage),
    region: rawQuery.region === undefined ? undefined : validateRegion(rawQuery.region),
  };
  const window = searchWindow({ since: query.since ?? '1h', defaultSince: '1h', now: deps.now() });
  const signal = budgetSignal(deps);
  const targets = await resolveTargets(query, deps, signal);
  if (targets.length === 0) {
    return emptyScan(
      query.restApiId,
      query.stage,
      (await deps.aws.forTarget({ region: query.region })).region,
      window,
      ['No execution-log group exists for this API: execution logging has never been on.'],
    );
  }
  const access = targets[0].access;
  const groups = targets.map((t) => t.logGroup);
  const snapshots = new Map(
    targets.map((t) => [t.stage, deps.gatherer.snapshot(access, t.restApiId, t.stage, signal)]),
  );
  const run = (queryString: string) => runQuery(access, groups, queryString, window, deps, signal);

  deps.onProgress?.(`Querying ${groups.join(', ')} with Logs Insights…`);
  const failed = await run(failedRequestsQuery());
  const ids = [
    ...new Set(
      failed.rows
        .map((row) => requestIdOfLine(row['@message'] ?? ''))
        .filter((id): id is string => id !== undefined),
    ),
  ];
  const chosen = ids.slice(0, query.maxRequests ?? 300);
  const traces = new Map<string, Array<{ message: string; timestamp: number; group: string }>>();
  let bytesScanned = failed.bytesScanned;
  for (let i = 0; i < chosen.length; i += IDS_PER_QUERY) {
    deps.onProgress?.(
      `Reading the traces of ${Math.min(chosen.length, i + IDS_PER_QUERY)} of ${chosen.length} failed requests…`,
    );
    const result = await run(tracesQuery(chosen.slice(i, i + IDS_PER_QUERY)));
    bytesScanned += result.bytesScanned;
    for (const row of result.rows) addRow(traces, row);
  }
  const tally = new CauseTally(5);
  const byCause = new Map<CauseId, { title: Text; checklist: readonly ChecklistStep[] }>();
  for (const [id, events] of traces) {
    const target = targets.find((t) => events[0]?.group.endsWith(`/${t.stage}`)) ?? targets[0];
    const verdict = classifyTrace(id, events, target, await snapshots.get(target.stage));
    tally.add(verdict.cause, id, verdict.method);
    if (!byCause.has(verdict.cause))
      byCause.set(verdict.cause, { title: verdict.title, checklist: verdict.checklist });
  }
  const causes = tally.counts().map((c) => ({
    ...c,
    ...(byCause.get(c.cause) as { title: Text; checklist: readonly ChecklistStep[] }),
  }));
  const gaps = (await Promise.all(snapshots.values())).flatMap((s) => s.gaps);
  const partial = [
    failed.partial,
    chosen.length < ids.length
      ? `classified the newest ${chosen.length} of ${ids.length} failed requests`
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return redactValue({
    restApiId: query.restApiId,
    stage: query.stage,
    region: access.region,
    window,
    total: causes.reduce((sum, c) => sum + c.count, 0),
    failedRequests: ids.length,
    causes,
    bytesScanned,
    logGroups: groups,
    partial: partial || undefined,
    gaps: [...new Set(gaps)],
  });
}

function addRow(
  traces: Map<string, Array<{ message: string; timestamp: number; group: string }>>,
  row: Record<string, string>,
): void {
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
  partial?: string;
}

/** Starts a Logs Insights query and polls it with backoff (1 s, 2 s, 4 s, then every 5 s) until it ends. */
async function runQuery(
  access: SearchTarget['access'],
  groups: string[],
  queryString: string,
  window: TimeWindow,
  deps: PipelineDeps,
  signal: AbortSignal,
): Promise<QueryOutcome> {
  const sleep = deps.sleep ?? defaultSleep;
  const queryId = await access.logs.startQuery(groups, queryString, window.start, window.end, signal);
  let delay = 1000;
  for (;;) {
    await sleep(delay);
    const results = await access.logs.queryResults(queryId, signal);
    if (results.status === 'Complete') return { rows: results.rows, bytesScanned: results.bytesScanned };
    if (['Failed', 'Cancelled', 'Timeout', 'Unknown'].includes(results.status)) {
      return {
        rows: results.rows,
        bytesScanned: results.bytesScanned,
        partial: `the Logs Insights query ended ${results.status}`,
      };
    }
    deps.onProgress?.(
      `Logs Insights: ${results.status}, ${(results.bytesScanned / 1e6).toFixed(1)} MB scanned so far…`,
    );
    if (signal.aborted)
      return {
        rows: results.rows,
        bytesScanned: results.bytesScanned,
        partial: 'the time budget ran out before the query completed',
      };
    delay = Math.min(delay * 2, 5000);
  }
}

function emptyScan(
  restApiId: string,
  stage: string | undefined,
  region: string,
  window: TimeWindow,
  gaps: string[],
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
