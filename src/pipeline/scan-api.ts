import type { CauseId, Evidence, SourceReport } from '../evidence/types';
import type { ChecklistStep, Confidence } from '../classify/types';
import { distinctTexts, joinTexts, msg, type Text } from '../text';
import { describeMethod } from '../evidence/assemble';
import { evidenceWithConfig } from './evidence';
import { parseLogEvents, requestIdOfLine } from '../evidence/log-lines';
import { buildTrace, traceShape } from '../evidence/trace';
import { classify } from '../classify/classify';
import { loggingLevelOf } from '../classify/facts';
import { searchWindow, type TimeWindow } from '../config/duration';
import { validateApiLocation } from '../config/ids';
import type { ApiSnapshot } from '../gather/api-config';
import { retentionGaps, type SearchTarget } from '../locate/request-search';
import { executionLogGroupPrefix } from '../locate/log-groups';
import { redactValue } from '../redact';
import { budgetSignal, type PipelineDeps } from './context';
import { resolveTargets } from './targets';
import { failedRequestsQuery, tracesQuery } from '../locate/insights-queries';
import { formatUtc, parseIsoTimestamp } from '../time';
import {
  AwsAccessDeniedError,
  AwsError,
  AwsNotFoundError,
  describeAwsError,
  isQueryLimit,
  withHint,
} from '../aws/errors';
import { foundRequestTraceStatus, unreadSources } from './sources';
import { stageUpdatedAt } from '../evidence/sources';
import { runQuery, type QueryOutcome, type QueryRun } from './scan-insights';
import { scanAccessLogs, type AccessLogged, type AccessLogScan } from './scan-access-log';
import {
  canaryGaps,
  findCanaryGroups,
  judgeReleased,
  releaseOfRecord,
  releaseOfTrace,
  unknownReleaseReason,
  type CanaryScan,
} from './scan-canary';

/**
 * `why403 scan API_ID`: a Logs Insights query finds the requests that ended in 401/403/500 in the window, a
 * second one fetches their traces, and each trace is classified with its stage's configuration. Answers counts per
 * cause and stage, how sure each count is, example request ids, the methods affected and one fix checklist per
 * cause. Every failed request found is either counted or named among those not counted, with why; what the scan
 * could not see (a stage that does not log, a retention shorter than the window, Logs Insights' row limit) makes
 * the answer incomplete, so that no count passes for a total and no empty answer for proof.
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
  /** The stage these requests were made to (its configuration judged them; its name is in the commands). */
  stage: string;
  count: number;
  /** How many of them were classified with each confidence. */
  confidence: Record<Confidence, number>;
  /** Examples, the most confidently classified first. */
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
  /** Failed requests found: `total`, plus those sampled out or not counted (`partial` says why). */
  failedRequests: number;
  /** Failed requests chosen for classifying whose traces could not be read whole; `partial` says why. */
  notCounted: number;
  causes: ScanCause[];
  bytesScanned: number;
  logGroups: string[];
  /** Set when the answer is partial: the time budget ended, a query failed, or the newest requests were sampled. */
  partial?: Text;
  /** What could not be read (configuration reads, a stage that does not log, a query that could not be stopped). */
  gaps: Text[];
  /** Every failed request of the window could be seen and was counted: no count is a lower bound. */
  complete: boolean;
}

const IDS_PER_QUERY = 150;
/** A request lasts at most 29 s: its first lines may be this long before its failure line, its last ones after. */
const REQUEST_SPAN_MS = 30_000;

export async function scanApi(rawQuery: ScanQuery, deps: PipelineDeps): Promise<ApiScan> {
  const query = validateApiLocation(rawQuery);
  const window = searchWindow({ since: query.since ?? '1h', defaultSince: '1h', now: deps.now() });
  const signal = budgetSignal(deps);
  const { targets, unlisted } = await resolveTargets(query, deps, signal);
  if (targets.length === 0) {
    const region = (await deps.aws.forTarget({ region: query.region })).region;
    return emptyScan(query, region, window, [msg('scan.gap.no-groups'), ...unlisted]);
  }
  const snapshots = new Map(
    targets.map((t) => [t.stage, deps.gatherer.snapshot(t.access, t.restApiId, t.stage, signal)]),
  );
  // Awaited later; a wrong API id must not count as unhandled if a query fails first.
  for (const snapshot of snapshots.values()) snapshot.catch(() => undefined);
  const run: QueryRun = {
    access: targets[0].access,
    groups: targets.map((t) => t.logGroup),
    window,
    deps,
    signal,
    gaps: [],
  };
  deps.onProgress?.(msg('progress.insights', { groups: run.groups.join(', ') }));
  const first = await findFailed(run, targets).catch((error: unknown) => {
    throw insightsRefused(error, run, targets);
  });
  const retention = retentionGaps(first.searched, window, deps.now(), signal);
  const chosen = first.outcome.stopped ? [] : first.ids.slice(0, query.maxRequests ?? 300);
  const settled = await Promise.all(snapshots.values());
  const stages = new Map(targets.map((t, i) => [t.stage, settled[i]]));
  const canary = await findCanaryGroups(run, first.searched, stages);
  // Read beside the traces: the failed requests of stages that write no execution log, and those that left no
  // failure line in one. The latter only when that log's failed requests are all known: a request missing from an
  // incomplete list may well have such a line.
  const accessRead = scanAccessLogs(
    run,
    { unlogged: first.missing, logged: first.searched, beside: first.partial.length === 0 },
    stages,
    new Set(first.ids),
  );
  accessRead.catch(() => undefined);
  const read = await readTraces(chosen, run, first.searched, canary);
  const logged = sampled(await accessRead, query.maxRequests ?? 300);
  const accessRetention = await retentionGaps(logged.read, window, deps.now(), signal);
  const tally = tallyCauses(read.traces, logged.requests, first.searched, stages, {
    canary,
    accountId: accountOfRows(first.outcome.rows),
  });
  const partial = [
    ...unlisted,
    ...first.partial,
    ...(await retention),
    ...(!first.outcome.stopped && chosen.length < first.ids.length
      ? [msg('scan.partial.sampled', { chosen: chosen.length, found: first.ids.length })]
      : []),
    ...read.partial,
    ...logged.partial,
    ...accessRetention,
  ];
  const coverage = [...logged.gaps, ...loggingGaps(first.searched, stages, window)];
  const unread = settled.flatMap((s) => unreadSources(s.sources));
  const total = tally.reduce((sum, c) => sum + c.count, 0);
  return redactValue({
    restApiId: query.restApiId,
    stage: query.stage,
    region: run.access.region,
    window,
    total,
    failedRequests: first.ids.length + logged.found,
    notCounted: chosen.length + logged.requests.length - total,
    causes: tally,
    bytesScanned: first.outcome.bytesScanned + read.bytesScanned + logged.bytesScanned,
    logGroups: run.groups,
    partial: joinTexts(partial, 'search.partial.joined'),
    gaps: distinctTexts([...coverage, ...canaryGaps(canary, stages), ...unread, ...run.gaps]),
    complete: partial.length === 0 && coverage.length === 0,
  });
}

/**
 * The requests judged on their access-log records: those of stages that write no execution log, and the newest
 * of those that left no failure line in one, as many as may be classified.
 */
function sampled(scan: AccessLogScan, max: number): AccessLogScan & { found: number } {
  const beside = scan.requests.filter((r) => r.beside).sort((a, b) => b.time - a.time);
  const chosen = beside.slice(0, max);
  const partial =
    chosen.length < beside.length
      ? [msg('scan.partial.sampled', { chosen: chosen.length, found: beside.length })]
      : [];
  return {
    ...scan,
    requests: [...scan.requests.filter((r) => !r.beside), ...chosen],
    partial: [...scan.partial, ...partial],
    found: scan.requests.length,
  };
}

interface FailedFound {
  outcome: QueryOutcome;
  /** Request ids of the failed requests, newest first. */
  ids: string[];
  /** The stages whose execution-log groups were queried, and those that have none. */
  searched: SearchTarget[];
  missing: SearchTarget[];
  partial: Text[];
}

/**
 * The failed requests of the window. A stage with no execution-log group (execution logging never on there) makes
 * StartQuery fail for every group: the groups that exist are queried, and the others are named as not seen.
 */
async function findFailed(run: QueryRun, targets: SearchTarget[]): Promise<FailedFound> {
  let searched = targets;
  let missing: SearchTarget[] = [];
  let outcome: QueryOutcome;
  try {
    outcome = await runQuery(run, failedRequestsQuery());
  } catch (error) {
    if (!(error instanceof AwsNotFoundError)) throw error;
    const names = new Set(
      await run.access.logs.logGroupNames(executionLogGroupPrefix(targets[0].restApiId), run.signal),
    );
    searched = targets.filter((t) => names.has(t.logGroup));
    missing = targets.filter((t) => !names.has(t.logGroup));
    if (missing.length === 0) throw error;
    run.groups = searched.map((t) => t.logGroup);
    outcome =
      searched.length > 0
        ? await runQuery(run, failedRequestsQuery())
        : { rows: [], bytesScanned: 0, recordsMatched: 0, limited: [] };
  }
  return { outcome, searched, missing, ...failedIds(outcome) };
}

const INSIGHTS_ACTIONS = ['logs:StartQuery', 'logs:GetQueryResults'];

/**
 * Logs Insights refused the failed-requests query: the error says what to grant on which groups, and what works
 * without Logs Insights (an export of each group's window counted by scan --file, or diagnose for one request).
 * The scan does not read the window with FilterLogEvents instead: that is thousands of calls on a busy API.
 */
function insightsRefused(error: unknown, run: QueryRun, targets: readonly SearchTarget[]): unknown {
  const regionFlag = ` --region ${run.access.region}`;
  if (error instanceof AwsError && isQueryLimit(error))
    return withHint(error, msg('aws.unavailable.query-limit.hint', { region: regionFlag }));
  if (!(error instanceof AwsAccessDeniedError) || !INSIGHTS_ACTIONS.includes(error.action)) return error;
  const groups = run.groups.join(', ');
  const exports = targets
    .filter((t) => run.groups.includes(t.logGroup))
    .map((t) => exportCommand(t, run.window, regionFlag))
    .join('; ');
  if (error.action === 'logs:StartQuery')
    return withHint(
      error,
      msg('scan.denied.hint', { grant: msg('scan.denied.start-query', { groups }), exports }),
    );
  // GetQueryResults has no resource-level control: the query id AWS was asked about is no resource to grant on.
  const denied = new AwsAccessDeniedError(error.operation, '*', error.cause);
  return withHint(
    denied,
    msg('scan.denied.hint', { grant: msg('scan.denied.query-results', { groups }), exports }),
  );
}

/** Exports a stage's execution log for the window, and counts it with scan --file. */
function exportCommand(target: SearchTarget, window: TimeWindow, regionFlag: string): string {
  const file = `${target.stage}.json`;
  return (
    `aws logs filter-log-events${regionFlag} --log-group-name '${target.logGroup}'` +
    ` --start-time ${window.start} --end-time ${window.end} > ${file} && why403 scan --file ${file}`
  );
}

/** The ids in the failure lines found, and what makes that list incomplete. */
function failedIds(outcome: QueryOutcome): { ids: string[]; partial: Text[] } {
  if (outcome.stopped) return { ids: [], partial: [msg('scan.partial.budget-first')] };
  const ids = new Set<string>();
  let unidentified = 0;
  for (const row of outcome.rows) {
    const id = requestIdOfLine(row['@message'] ?? '');
    if (id) ids.add(id);
    else unidentified++;
  }
  const partial: Text[] = [];
  if (outcome.ended) partial.push(msg('scan.partial.first-ended', { status: outcome.ended }));
  if (outcome.limited.length > 0 || outcome.recordsMatched > outcome.rows.length)
    partial.push(
      msg('scan.partial.failed-limit', {
        matched: Math.max(outcome.recordsMatched, outcome.rows.length),
        found: ids.size,
      }),
    );
  if (unidentified > 0) partial.push(msg('scan.partial.unidentified', { count: unidentified }));
  return { ids: [...ids], partial };
}

/**
 * What each stage's logging settings hide from the scan: nothing written while logging is off, plain 401s and 403s
 * at ERROR, and, for a stage changed during the window, how it logged before the change is not known.
 */
function loggingGaps(
  searched: readonly SearchTarget[],
  stages: ReadonlyMap<string, ApiSnapshot>,
  window: TimeWindow,
): Text[] {
  return searched.flatMap(({ stage: name }) => {
    const stage = stages.get(name)?.stage;
    if (!stage) return [];
    const changed = stageUpdatedAt(stage);
    if (changed !== undefined && changed > window.start)
      return [msg('scan.gap.stage-changed', { stage: name, at: formatUtc(changed) })];
    const level = loggingLevelOf(stage);
    if (level === 'OFF') return [msg('scan.gap.logging-off', { stage: name })];
    if (level === 'ERROR') return [msg('scan.gap.logging-error', { stage: name })];
    return [];
  });
}

interface TraceEvent {
  message: string;
  timestamp: number;
  group: string;
}

interface TracesRead {
  traces: Map<string, TraceEvent[]>;
  bytesScanned: number;
  partial: Text[];
}

/**
 * The traces of the chosen requests, a batch of ids per query, read from 30 s before the window to 30 s after it
 * so that a request that began before the window's edge is read whole. The canary groups of stages with a canary
 * release are read with them: a request with lines there was served by the canary (scan-canary.ts). A batch whose
 * query did not complete is left out whole (an incomplete trace could be misread), and so are the batches after a
 * stop; within a batch, so are the requests whose lines may have been cut off or came back without their text.
 * Each is counted in the reason the answer gives.
 */
async function readTraces(
  chosen: readonly string[],
  run: QueryRun,
  searched: readonly SearchTarget[],
  canary: CanaryScan,
): Promise<TracesRead> {
  const read: TracesRead = { traces: new Map(), bytesScanned: 0, partial: [] };
  const left = { cut: 0, textless: 0, absent: 0 };
  const canaryGroups = new Set(canary.groups.values());
  const wider = {
    ...run,
    groups: [...run.groups, ...canaryGroups],
    // Nothing is written after now: a window that ends now is not asked for the future.
    window: {
      start: run.window.start - REQUEST_SPAN_MS,
      end: Math.max(run.window.end, Math.min(run.window.end + REQUEST_SPAN_MS, run.deps.now())),
    },
  };
  for (let i = 0; i < chosen.length && searched.length > 0; i += IDS_PER_QUERY) {
    run.deps.onProgress?.(
      msg('progress.traces', { count: Math.min(chosen.length, i + IDS_PER_QUERY), total: chosen.length }),
    );
    const batch = chosen.slice(i, i + IDS_PER_QUERY);
    const stop = await readBatch(batch, wider, read, left, { groups: canaryGroups, scan: canary });
    if (stop) {
      read.partial.push(stop(chosen.length - i));
      break;
    }
  }
  if (left.cut > 0) read.partial.push(msg('scan.partial.traces-limit', { count: left.cut }));
  if (left.textless > 0) read.partial.push(msg('scan.partial.traces-textless', { count: left.textless }));
  if (left.absent > 0) read.partial.push(msg('scan.partial.traces-absent', { count: left.absent }));
  return read;
}

type Stop = (left: number) => Text;

async function readBatch(
  batch: readonly string[],
  run: QueryRun,
  read: TracesRead,
  left: { cut: number; textless: number; absent: number },
  canary: CanaryRows,
): Promise<Stop | undefined> {
  let result: QueryOutcome;
  try {
    result = await runQuery(run, tracesQuery(batch));
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    const reason = describeAwsError(error);
    return (count) => msg('scan.partial.traces-failed', { count, reason });
  }
  read.bytesScanned += result.bytesScanned;
  if (result.stopped) return (count) => msg('scan.partial.budget-traces', { count });
  if (result.ended) {
    const reason = msg('scan.partial.query-ended', { status: result.ended });
    return (count) => msg('scan.partial.traces-failed', { count, reason });
  }
  const { found, textless, canaryTextless } = groupRows(result.rows, canary);
  const cut = result.limited.length > 0 ? cutOff(batch, found, result.limited) : new Set<string>();
  for (const id of batch) {
    const events = found.get(id);
    if (cut.has(id)) left.cut++;
    else if (!events) left.absent++;
    else if (textless.some((t) => mayHold(events, t))) left.textless++;
    else {
      read.traces.set(id, events);
      if (canaryTextless.some((t) => mayHold(events, t))) canary.scan.unsure.add(id);
    }
  }
  return undefined;
}

/** Rows of canary groups only tell that the canary served their request: the stage's group has the same lines. */
interface CanaryRows {
  groups: ReadonlySet<string>;
  scan: CanaryScan;
}

/**
 * The rows by request id, and the times of rows that came back without their text (no `@message`): of the stages'
 * groups, and of canary groups (whose requests' release is then unknown).
 */
function groupRows(
  rows: ReadonlyArray<Record<string, string>>,
  canary: CanaryRows,
): {
  found: Map<string, TraceEvent[]>;
  textless: number[];
  canaryTextless: number[];
} {
  const found = new Map<string, TraceEvent[]>();
  const textless: number[] = [];
  const canaryTextless: number[] = [];
  for (const row of rows) {
    const message = row['@message'];
    const group = groupOfRow(row);
    const id = message === undefined ? undefined : requestIdOfLine(message);
    const timestamp = parseIsoTimestamp(row['@timestamp'] ?? '') ?? 0;
    if (canary.groups.has(group)) {
      if (id) canary.scan.served.add(id);
      else if (!message) canaryTextless.push(timestamp);
      continue;
    }
    if (message === undefined || !id) {
      if (!message) textless.push(timestamp);
      continue;
    }
    const events = found.get(id) ?? [];
    events.push({ message, timestamp, group });
    found.set(id, events);
  }
  return { found, textless, canaryTextless };
}

/** `@log` is `account:group`; the group name has no colon. */
function groupOfRow(row: Record<string, string>): string {
  const log = row['@log'] ?? '';
  return log.slice(log.indexOf(':') + 1);
}

/**
 * A line read without its text may be one of this request's: a request's lines lie between its start line and its
 * answer line, so for a whole trace it is one when it falls between them; otherwise when it falls within a
 * request's span of the lines read.
 */
function mayHold(events: readonly TraceEvent[], time: number): boolean {
  const first = events[0].timestamp;
  const last = events[events.length - 1].timestamp;
  const span = traceShape(buildTrace(parseLogEvents(events))).whole ? 0 : REQUEST_SPAN_MS;
  return time >= first - span && time <= last + span;
}

/**
 * The requests of a batch whose traces a query cut off at its row limit (rows come oldest first): those with no
 * line at all, and those whose lines reach the last row read, which may go on past it.
 */
function cutOff(
  batch: readonly string[],
  found: ReadonlyMap<string, TraceEvent[]>,
  limited: ReadonlyArray<ReadonlyArray<Record<string, string>>>,
): Set<string> {
  // Of several queries (more than 50 groups), the one cut off earliest decides how far every group was read.
  const last = Math.min(
    ...limited.map((rows) =>
      Math.max(0, ...rows.map((row) => parseIsoTimestamp(row['@timestamp'] ?? '') ?? 0)),
    ),
  );
  return new Set(
    batch.filter((id) => {
      const events = found.get(id);
      return !events || events.some((e) => e.timestamp >= last - REQUEST_SPAN_MS);
    }),
  );
}

/**
 * Each trace classified with its own stage's configuration, and each request seen only in an access log with its
 * record, counted by stage and cause.
 */
function tallyCauses(
  traces: ReadonlyMap<string, TraceEvent[]>,
  accessLogged: readonly AccessLogged[],
  searched: readonly SearchTarget[],
  stages: ReadonlyMap<string, ApiSnapshot>,
  { canary, accountId }: { canary: CanaryScan; accountId: string | undefined },
): ScanCause[] {
  const tally = new Map<string, Tally>();
  const count = (id: string, target: SearchTarget, verdict: Judged) => {
    const key = `${target.stage}\n${verdict.cause}`;
    const entry = tally.get(key) ?? newTally(target.stage, verdict);
    entry.add(id, verdict.confidence, verdict.method);
    tally.set(key, entry);
  };
  for (const [id, events] of traces) {
    const target = searched.find((t) => t.logGroup === events[0].group) ?? searched[0];
    const snapshot = stages.get(target.stage);
    const judged = judgeReleased(
      (served) => classifyTrace(events, { ...requestOf(id, target), accountId }, served),
      snapshot,
      releaseOfTrace(canary, id, target.stage, snapshot),
      { scan: canary, stage: target.stage, reason: unknownReleaseReason(canary, id, target.stage) },
    );
    count(id, target, judged);
  }
  for (const { requestId, target, record, sources } of accessLogged) {
    const snapshot = stages.get(target.stage);
    const judged = judgeReleased(
      (served) => classifyRecord(record, { ...requestOf(requestId, target), accountId }, served, sources),
      snapshot,
      releaseOfRecord(record, snapshot),
      { scan: canary, stage: target.stage, reason: msg('canary.scan.unflagged') },
    );
    count(requestId, target, judged);
  }
  return [...tally.values()].map((t) => t.result()).sort((a, b) => b.count - a.count);
}

interface Tally {
  add(id: string, confidence: Confidence, method: string | undefined): void;
  result(): ScanCause;
}

const EXAMPLES = 5;
const ORDER: Confidence[] = ['high', 'medium', 'low'];

function newTally(stage: string, first: Judged): Tally {
  const confidence: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
  const examples: Record<Confidence, string[]> = { high: [], medium: [], low: [] };
  const methods = new Map<string, number>();
  let count = 0;
  return {
    add(id, level, method) {
      count++;
      confidence[level]++;
      if (examples[level].length < EXAMPLES) examples[level].push(id);
      if (method) methods.set(method, (methods.get(method) ?? 0) + 1);
    },
    result: () => ({
      cause: first.cause,
      stage,
      count,
      confidence,
      requestIds: ORDER.flatMap((level) => examples[level]).slice(0, EXAMPLES),
      methods: [...methods.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, EXAMPLES)
        .map(([method]) => method),
      title: first.title,
      checklist: first.checklist,
    }),
  };
}

interface Judged {
  cause: CauseId;
  confidence: Confidence;
  title: Text;
  checklist: readonly ChecklistStep[];
  method: string | undefined;
}

function requestOf(requestId: string, target: SearchTarget) {
  return { requestId, restApiId: target.restApiId, stage: target.stage, region: target.access.region };
}

type RequestKnown = ReturnType<typeof requestOf> & { accountId: string | undefined };

/**
 * The account of the groups queried, as Logs Insights names each row's group (`@log` is `account:group`): the API's.
 * Without it the authorizer function's account would be taken for the API's, wrong for a function shared from
 * another account.
 */
function accountOfRows(rows: ReadonlyArray<Record<string, string>>): string | undefined {
  for (const row of rows) {
    const account = /^(\d{12}):/.exec(row['@log'] ?? '')?.[1];
    if (account) return account;
  }
  return undefined;
}

function classifyTrace(
  events: readonly TraceEvent[],
  request: RequestKnown,
  snapshot: ApiSnapshot | undefined,
): Judged {
  const lines = parseLogEvents(events);
  const status = foundRequestTraceStatus(buildTrace(lines), true, snapshot?.stage);
  return judge(
    evidenceWithConfig({
      lines,
      request,
      snapshot,
      sources: { 'execution-log': status },
    }),
  );
}

function classifyRecord(
  record: Record<string, unknown>,
  request: RequestKnown,
  snapshot: ApiSnapshot | undefined,
  sources: SourceReport,
): Judged {
  return judge(
    evidenceWithConfig({
      lines: [],
      accessLog: record,
      request,
      snapshot,
      sources,
    }),
  );
}

function judge(evidence: Evidence): Judged {
  const verdict = classify(evidence);
  return {
    cause: verdict.cause,
    confidence: verdict.confidence,
    title: verdict.title,
    checklist: verdict.checklist,
    method: describeMethod(evidence.request, 'template'),
  };
}

function emptyScan(
  query: { restApiId: string; stage?: string },
  region: string,
  window: TimeWindow,
  gaps: Text[],
): ApiScan {
  return {
    restApiId: query.restApiId,
    stage: query.stage,
    region,
    window,
    total: 0,
    failedRequests: 0,
    notCounted: 0,
    causes: [],
    bytesScanned: 0,
    logGroups: [],
    gaps,
    complete: false,
  };
}
