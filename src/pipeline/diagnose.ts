import type { Evidence, RequestFacts, SearchReport } from '../evidence/types';
import type { Verdict } from '../classify/types';
import { assembleEvidence } from '../evidence/assemble';
import { parseLogEvents } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import { classify } from '../classify/classify';
import { signals } from '../classify/signals';
import { searchWindow, type TimeWindow } from '../config/duration';
import { validateRegion, validateRequestId, validateRestApiId, validateStage } from '../config/ids';
import type { ApiSnapshot } from '../gather/api-config';
import { evidenceWithConfig } from './evidence';

import { searchRequest, type SearchTarget } from '../locate/request-search';
import { readAccessLogRecord } from '../locate/access-log-record';
import { findCacheOrigin } from '../locate/cache-origin';
import { executionLogGroup, logGroupOfArn } from '../locate/log-groups';
import { loggingLevelOf } from '../classify/facts';
import { redactLines, redactValue } from '../redact';
import { budgetSignal, type PipelineDeps } from './context';
import { resolveTargets } from './targets';
import { locateApi } from '../config/app-config';
import { foundRequestTraceStatus, missingRequestSearchStatus } from './sources';

/**
 * `why403 diagnose`: locate the request in the execution logs, gather the configuration that decided it, classify.
 * The configuration read starts at once when the API and stage are known, in parallel with the log search.
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
  search: SearchReport;
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

export async function diagnose(rawQuery: DiagnoseQuery, deps: PipelineDeps): Promise<Diagnosis> {
  const query = validateQuery(rawQuery);
  const window = searchWindow({
    since: query.since,
    at: query.at,
    defaultSince: deps.config.search.since,
    now: deps.now(),
  });
  const signal = budgetSignal(deps);
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
  const evidence = outcome.found
    ? await evidenceOfFound(
        query.requestId,
        outcome.found.target,
        outcome.found.events,
        snapshot,
        window,
        outcome.report,
        deps,
        signal,
      )
    : await evidenceOfMissing(query, target, snapshot, outcome.report, deps, signal);
  const withGaps = {
    ...evidence,
    gaps: [
      ...evidence.gaps,
      ...outcome.gaps,
      ...(signal.aborted ? ['The time budget ran out: this answer is partial.'] : []),
    ],
  };
  return toDiagnosis(query.requestId, withGaps, outcome.report);
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
  requestId: string,
  target: SearchTarget,
  events: Array<{ message: string; timestamp: number }>,
  snapshot: ApiSnapshot | undefined,
  window: TimeWindow,
  report: SearchReport,
  deps: PipelineDeps,
  signal: AbortSignal,
): Promise<Evidence> {
  deps.onProgress?.(`Found request ${requestId} in ${target.logGroup}.`);
  const lines = parseLogEvents(
    events.filter((e) => e.message.includes(requestId)).sort((a, b) => a.timestamp - b.timestamp),
  );
  const trace = buildTrace(lines);
  const gaps = [...(snapshot?.gaps ?? [])];
  const around = trace.startedAt
    ? { start: trace.startedAt - 300_000, end: (trace.endedAt ?? trace.startedAt) + 300_000 }
    : window;
  const readAccessLog = async () => {
    if (!snapshot?.stage) return undefined;
    try {
      return await readAccessLogRecord(target.access, snapshot.stage, requestId, around, signal);
    } catch (error) {
      gaps.push(`Could not read the access log: ${(error as Error).message}.`);
      return undefined;
    }
  };
  // Whether the cache answered is known from the trace alone, so both follow-up reads run side by side.
  const withoutAccessLog = buildEvidence(requestId, target, lines, snapshot, undefined, gaps);
  const [accessLog, cacheOrigin] = await Promise.all([
    readAccessLog(),
    cacheOriginIfHit(withoutAccessLog, target, deps, signal, gaps),
  ]);
  const evidence = buildEvidence(requestId, target, lines, snapshot, accessLog, gaps);
  const sources = {
    ...evidence.sources,
    'execution-log': foundRequestTraceStatus(evidence.trace, report, snapshot?.stage),
  };
  return cacheOrigin ? { ...evidence, sources, cacheOrigin } : { ...evidence, sources };
}

function buildEvidence(
  requestId: string,
  target: SearchTarget,
  lines: ReturnType<typeof parseLogEvents>,
  snapshot: ApiSnapshot | undefined,
  accessLog: Record<string, unknown> | undefined,
  gaps: string[],
): Evidence {
  return evidenceWithConfig({
    lines,
    request: baseRequest(requestId, target, snapshot),
    snapshot,
    accessLog,
    gaps,
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

async function cacheOriginIfHit(
  evidence: Evidence,
  target: SearchTarget,
  deps: PipelineDeps,
  signal: AbortSignal,
  gaps: string[],
) {
  const s = signals(evidence);
  if (!evidence.trace.authorizer.started || s.authorizerInvoked || !s.ttl) return undefined;
  deps.onProgress?.(
    'The authorizer was not called for this request: looking for the request that filled its cache…',
  );
  try {
    return await findCacheOrigin(target.access, target.logGroup, evidence.trace, s.ttl, { signal });
  } catch (error) {
    gaps.push(
      `Could not look for the request that filled the authorizer cache: ${(error as Error).message}.`,
    );
    return undefined;
  }
}

async function evidenceOfMissing(
  query: DiagnoseQuery,
  target: SearchTarget | undefined,
  snapshot: ApiSnapshot | undefined,
  report: SearchReport,
  deps: PipelineDeps,
  signal: AbortSignal,
): Promise<Evidence> {
  const gaps = [...(snapshot?.gaps ?? [])];
  const config = snapshot ? { restApi: snapshot.restApi, stage: snapshot.stage } : {};
  const account =
    target && loggingLooksBroken(snapshot, report, target)
      ? await deps.gatherer.account(target.access, signal)
      : undefined;
  if (typeof account === 'string') gaps.push(account);
  return assembleEvidence({
    request: {
      requestId: query.requestId,
      restApiId: target?.restApiId ?? query.restApiId,
      stage: target?.stage ?? query.stage,
      region: target?.access.region,
    },
    config: { ...config, account: typeof account === 'object' ? account : undefined },
    search: report,
    sources: { 'execution-log': missingRequestSearchStatus(report, snapshot?.stage) },
    gaps,
  });
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

function toDiagnosis(requestId: string, evidence: Evidence, search: SearchReport): Diagnosis {
  const verdict = classify(evidence);
  const { request, trace } = evidence;
  return {
    verdict,
    request: {
      requestId,
      restApiId: request.restApiId,
      stage: request.stage,
      region: request.region,
      httpMethod: request.httpMethod,
      resourcePath: request.resourcePath,
      status: signals(evidence).status,
    },
    config: redactValue(evidence.config),
    search,
    trace: redactLines(trace.lines.map((line) => line.message)),
  };
}
