import type {
  CacheOrigin,
  Evidence,
  RequestFacts,
  SearchReport,
  SourceReport,
  SourceStatus,
  StageConfig,
} from '../evidence/types';
import type { Verdict } from '../classify/types';
import { assembleEvidence } from '../evidence/assemble';
import { parseLogEvents } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import { classify } from '../classify/classify';
import { signals } from '../classify/signals';
import { searchWindow, type TimeWindow } from '../config/duration';
import { validateRegion, validateRequestId, validateRestApiId, validateStage } from '../config/ids';
import { failureStatus, type AccountRead, type ApiSnapshot } from '../gather/api-config';
import { evidenceWithConfig } from './evidence';
import { describeAwsError, AwsError } from '../aws/errors';
import { msg, type Text } from '../text';

import { joinTexts, searchRequest, type SearchTarget } from '../locate/request-search';
import { accessLogDestination, searchAccessLog, type AccessLogSearch } from '../locate/access-log-record';
import { findCacheOrigin } from '../locate/cache-origin';
import { executionLogGroup, logGroupOfArn } from '../locate/log-groups';
import { loggingLevelOf } from '../classify/facts';
import { redactLines, redactValue } from '../redact';
import { budgetSignal, type PipelineDeps } from './context';
import { resolveTargets } from './targets';
import { locateApi } from '../config/app-config';
import {
  accessLogStatus,
  foundRequestTraceStatus,
  missingRequestSearchStatus,
  unreadSources,
} from './sources';

/**
 * `why403 diagnose`: locate the request in the execution logs, gather the configuration that decided it, read its
 * access-log record, classify. The configuration read starts at once when the API and stage are known, in parallel
 * with the log search. When the execution log is silent, the access log is searched over the whole window: it is
 * the only record of WAF blocks and of requests refused before execution logging. Every source's status is kept,
 * so the verdict knows what it did not see and the answer says so.
 */

export interface DiagnoseQuery {
  requestId: string;
  restApiId?: string;
  stage?: string;
  region?: string;
  since?: string;
  at?: string;
  /** Limits the search to these APIs (a Slack channel's allowed APIs). */
  allowedApis?: string[];
}

export interface Diagnosis {
  verdict: Verdict;
  request: {
    requestId: string;
    restApiId?: string;
    stage?: string;
    region?: string;
    httpMethod?: string;
    resourcePath?: string;
    status?: number;
  };
  /** The configuration facts the verdict used (redacted). */
  config: Evidence['config'];
  /** The execution-log search. */
  search: SearchReport;
  /** The access-log group read for the request, and whether its record was there. */
  accessLog?: { logGroup: string; found: boolean };
  /** Each source that could not be read completely, with the IAM action or setting that would let why403 read it. */
  unread: Text[];
  /** Set when the answer is partial: what was cut short (the search, a read, the time budget). */
  partial?: Text;
  /** The request's execution-log lines, redacted (for "show full trace"). */
  trace: string[];
}

/** Validates what a person typed; throws InputError before any AWS call. */
export function validateQuery(query: DiagnoseQuery): DiagnoseQuery {
  return {
    ...query,
    requestId: validateRequestId(query.requestId),
    restApiId: query.restApiId === undefined ? undefined : validateRestApiId(query.restApiId),
    stage: query.stage === undefined ? undefined : validateStage(query.stage),
    region: query.region === undefined ? undefined : validateRegion(query.region),
  };
}

/** Beyond this many stages, a request missing from the execution logs is not looked for in every access log. */
const MAX_ACCESS_LOG_STAGES = 4;

interface Run {
  requestId: string;
  window: TimeWindow;
  deps: PipelineDeps;
  signal: AbortSignal;
}

interface Gathered {
  evidence: Evidence;
  accessLog?: AccessLogSearch;
}

export async function diagnose(rawQuery: DiagnoseQuery, deps: PipelineDeps): Promise<Diagnosis> {
  const query = validateQuery(rawQuery);
  const window = searchWindow({
    since: query.since,
    at: query.at,
    defaultSince: deps.config.search.since,
    now: deps.now(),
  });
  const signal = budgetSignal(deps);
  const run: Run = { requestId: query.requestId, window, deps, signal };
  const early =
    query.restApiId && query.stage
      ? earlySnapshot(query.restApiId, query.stage, query.region, deps, signal)
      : undefined;
  // Awaited below; until then a failure (a wrong API id) must not count as unhandled if the search fails first.
  early?.catch(() => undefined);
  const targets = await resolveTargets(query, deps, signal);
  const outcome = await searchRequest(query.requestId, targets, window, {
    pageBudget: deps.config.search.pageBudget,
    signal,
    onProgress: deps.onProgress,
  });
  const target = outcome.found?.target ?? (targets.length === 1 ? targets[0] : undefined);
  const snapshot = target ? await (early ?? snapshotFor(target, deps, signal)) : undefined;
  const gathered = outcome.found
    ? await evidenceOfFound(run, outcome.found, snapshot, outcome.report)
    : await evidenceOfMissing(run, query, targets, target, snapshot, outcome.report);
  return toDiagnosis(run, gathered, outcome.report);
}

async function earlySnapshot(
  restApiId: string,
  stage: string,
  region: string | undefined,
  deps: PipelineDeps,
  signal: AbortSignal,
): Promise<ApiSnapshot> {
  const access = await deps.aws.forTarget(locateApi(deps.config, restApiId, region));
  return deps.gatherer.snapshot(access, restApiId, stage, signal);
}

function snapshotFor(target: SearchTarget, deps: PipelineDeps, signal: AbortSignal): Promise<ApiSnapshot> {
  deps.onProgress?.(`Reading the configuration of ${target.restApiId}/${target.stage}…`);
  return deps.gatherer.snapshot(target.access, target.restApiId, target.stage, signal);
}

async function evidenceOfFound(
  run: Run,
  found: { target: SearchTarget; events: Array<{ message: string; timestamp: number }>; complete: boolean },
  snapshot: ApiSnapshot | undefined,
  report: SearchReport,
): Promise<Gathered> {
  const { requestId, deps, signal } = run;
  const { target } = found;
  deps.onProgress?.(`Found request ${requestId} in ${target.logGroup}.`);
  const lines = parseLogEvents(
    found.events.filter((e) => e.message.includes(requestId)).sort((a, b) => a.timestamp - b.timestamp),
  );
  const trace = buildTrace(lines);
  const gaps: Text[] = [];
  const around = trace.startedAt
    ? { start: trace.startedAt - 300_000, end: (trace.endedAt ?? trace.startedAt) + 300_000 }
    : run.window;
  const stages = snapshot?.stage ? [{ target, stage: snapshot.stage }] : [];
  // Whether the cache answered is known from the trace alone, so both follow-up reads run side by side.
  const withoutAccessLog = buildEvidence(requestId, target, lines, snapshot, undefined, gaps);
  const [accessLog, cache] = await Promise.all([
    accessLogOf({ ...run, window: around }, stages),
    cacheOriginIfHit(withoutAccessLog, target, deps, signal, gaps),
  ]);
  const evidence = buildEvidence(
    requestId,
    target,
    lines,
    snapshot,
    accessLog?.record?.fields,
    gaps,
    report,
    {
      'execution-log': foundRequestTraceStatus(trace, found.complete, snapshot?.stage),
      'access-log': accessLogStatus([snapshot?.stage], accessLog),
      ...(cache ? { 'cache-filler': cache.status } : {}),
    },
  );
  return { evidence: cache?.origin ? { ...evidence, cacheOrigin: cache.origin } : evidence, accessLog };
}

function buildEvidence(
  requestId: string,
  target: SearchTarget,
  lines: ReturnType<typeof parseLogEvents>,
  snapshot: ApiSnapshot | undefined,
  accessLog: Record<string, unknown> | undefined,
  gaps: Text[],
  search?: SearchReport,
  sources?: SourceReport,
): Evidence {
  return evidenceWithConfig({
    lines,
    request: baseRequest(requestId, target, snapshot),
    snapshot,
    accessLog,
    gaps,
    search,
    sources,
  });
}

function baseRequest(
  requestId: string,
  target: SearchTarget,
  snapshot: ApiSnapshot | undefined,
): Partial<RequestFacts> {
  return {
    requestId,
    restApiId: target.restApiId,
    stage: target.stage,
    region: target.access.region,
    accountId: logGroupOfArn(snapshot?.stage?.accessLogSettings?.destinationArn)?.accountId,
  };
}

/**
 * Searches the access-log groups of the given stages (those that write one to CloudWatch Logs) for the request.
 * Undefined when there is none to search.
 */
async function accessLogOf(
  run: Run,
  stages: ReadonlyArray<{ target: SearchTarget; stage: StageConfig }>,
): Promise<AccessLogSearch | undefined> {
  const targets: SearchTarget[] = [];
  const formats = new Map<string, string | undefined>();
  for (const { target, stage } of stages) {
    const destination = accessLogDestination(stage);
    if (destination.kind !== 'group') continue;
    targets.push({ ...target, logGroup: destination.name });
    formats.set(target.stage, stage.accessLogSettings?.format);
  }
  if (targets.length === 0) return undefined;
  return searchAccessLog(run.requestId, targets, formats, run.window, {
    pageBudget: run.deps.config.search.pageBudget,
    signal: run.signal,
    onProgress: run.deps.onProgress,
  });
}

/** For a request the authorizer cache answered: the request that filled the cache, and how the search went. */
async function cacheOriginIfHit(
  evidence: Evidence,
  target: SearchTarget,
  deps: PipelineDeps,
  signal: AbortSignal,
  gaps: Text[],
): Promise<{ origin?: CacheOrigin; status: SourceStatus } | undefined> {
  const s = signals(evidence);
  if (!evidence.trace.authorizer.started || s.authorizerInvoked || !s.ttl) return undefined;
  deps.onProgress?.(
    'The authorizer was not called for this request: looking for the request that filled its cache…',
  );
  try {
    const origin = await findCacheOrigin(target.access, target.logGroup, evidence.trace, s.ttl, { signal });
    return { origin, status: { read: 'complete' } };
  } catch (error) {
    const reason = error instanceof AwsError ? describeAwsError(error) : (error as Error).message;
    gaps.push(msg('diagnosis.cache-origin-failed', { reason }));
    return { status: failureStatus(error) };
  }
}

/**
 * The request is in no execution log searched: its access-log record decides when there is one (WAF, refused
 * before execution logging); otherwise the not-found evidence says what was searched and how completely.
 */
async function evidenceOfMissing(
  run: Run,
  query: DiagnoseQuery,
  targets: readonly SearchTarget[],
  target: SearchTarget | undefined,
  snapshot: ApiSnapshot | undefined,
  report: SearchReport,
): Promise<Gathered> {
  const stages = await stagesForAccessLog(run, targets, target, snapshot);
  const accessLog = await accessLogOf(run, stages.known);
  const accessStatus = accessLogStatus(stages.all, accessLog);
  const record = accessLog?.record;
  if (record) {
    const holder = record.target;
    const held = stages.known.find((s) => s.target.stage === holder.stage);
    const heldSnapshot = holder.stage === target?.stage ? snapshot : held?.snapshot;
    const executionTarget = targets.find((t) => t.stage === holder.stage) ?? holder;
    run.deps.onProgress?.(`Found request ${run.requestId} in the access log ${holder.logGroup}.`);
    const evidence = evidenceWithConfig({
      lines: [],
      request: baseRequest(run.requestId, executionTarget, heldSnapshot),
      snapshot: heldSnapshot,
      accessLog: record.fields,
      search: report,
      sources: {
        'execution-log': missingRequestSearchStatus(report, heldSnapshot?.stage),
        'access-log': accessStatus,
      },
    });
    return { evidence, accessLog };
  }
  const accountRead =
    target && loggingLooksBroken(snapshot, report, target)
      ? await run.deps.gatherer.account(target.access, run.signal)
      : undefined;
  const evidence = assembleEvidence({
    request: {
      requestId: query.requestId,
      restApiId: target?.restApiId ?? query.restApiId,
      stage: target?.stage ?? query.stage,
      region: target?.access.region,
    },
    config: {
      ...(snapshot ? { restApi: snapshot.restApi, stage: snapshot.stage } : {}),
      account: accountRead?.account,
    },
    search: report,
    sources: {
      ...snapshot?.sources,
      ...accountSource(accountRead),
      'execution-log': missingRequestSearchStatus(report, snapshot?.stage, accountRead?.account),
      'access-log': accessStatus,
    },
  });
  return { evidence, accessLog };
}

function accountSource(read: AccountRead | undefined): SourceReport {
  return read ? { 'config:account': read.status } : {};
}

interface StageSnapshot {
  target: SearchTarget;
  stage: StageConfig;
  snapshot: ApiSnapshot;
}

/**
 * The stages whose access logs may hold the request: the one stage searched, or, for an API searched stage by
 * stage, each of them (their configuration read, from the cache when it can be). `all` has undefined for a stage
 * whose configuration could not be read: its access log's status is then unknown.
 */
async function stagesForAccessLog(
  run: Run,
  targets: readonly SearchTarget[],
  target: SearchTarget | undefined,
  snapshot: ApiSnapshot | undefined,
): Promise<{ known: StageSnapshot[]; all: Array<StageConfig | undefined> }> {
  if (target) {
    const known = snapshot?.stage ? [{ target, stage: snapshot.stage, snapshot }] : [];
    return { known, all: [snapshot?.stage] };
  }
  if (targets.length === 0 || targets.length > MAX_ACCESS_LOG_STAGES) return { known: [], all: [] };
  const snapshots = await Promise.all(
    targets.map((t) =>
      run.deps.gatherer.snapshot(t.access, t.restApiId, t.stage, run.signal).catch(() => undefined),
    ),
  );
  const known = targets.flatMap((t, i) => {
    const s = snapshots[i];
    return s?.stage ? [{ target: t, stage: s.stage, snapshot: s }] : [];
  });
  return { known, all: snapshots.map((s) => s?.stage) };
}

function loggingLooksBroken(
  snapshot: ApiSnapshot | undefined,
  report: SearchReport,
  target: SearchTarget,
): boolean {
  const level = loggingLevelOf(snapshot?.stage);
  return (
    report.missingLogGroups.includes(executionLogGroup(target.restApiId, target.stage)) ||
    level === 'OFF' ||
    level === undefined
  );
}

function toDiagnosis(run: Run, gathered: Gathered, search: SearchReport): Diagnosis {
  const { evidence, accessLog } = gathered;
  const verdict = classify(evidence);
  const { request, trace } = evidence;
  const accessReport = accessLog?.outcome.report;
  const partial = joinTexts(
    [
      search.partial,
      accessReport?.partial,
      run.signal.aborted ? msg('diagnosis.budget-ended') : undefined,
    ].filter((text): text is Text => text !== undefined),
  );
  return {
    verdict,
    request: {
      requestId: run.requestId,
      restApiId: request.restApiId,
      stage: request.stage,
      region: request.region,
      httpMethod: request.httpMethod,
      resourcePath: request.resourcePath,
      status: signals(evidence).status,
    },
    config: redactValue(evidence.config),
    search,
    ...(accessLog
      ? {
          accessLog: {
            logGroup:
              accessLog.record?.target.logGroup ?? accessLog.targets.map((t) => t.logGroup).join(', '),
            found: accessLog.record !== undefined || accessLog.unreadable !== undefined,
          },
        }
      : {}),
    unread: redactValue(unreadSources(evidence.sources, search)),
    ...(partial ? { partial: redactValue(partial) } : {}),
    trace: redactLines(trace.lines.map((line) => line.message)),
  };
}
