import type {
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
import { keyedByFormat } from '../evidence/access-log';
import { buildTrace } from '../evidence/trace';
import { signals } from '../classify/signals';
import { searchWindow } from '../config/duration';
import { validateApiLocation, validateRequestId } from '../config/ids';
import { lambdaAuthorizers, type AccountRead, type ApiSnapshot } from '../gather/api-config';
import { locateEvidence, type EvidenceParts, type LocatedEvidence } from './evidence';
import { joinTexts, msg, type Text } from '../text';

import { searchRequest, type FoundRequest, type SearchTarget } from '../locate/request-search';
import type { AccessLogSearch } from '../locate/access-log-record';
import { executionLogGroup, logGroupOfArn } from '../locate/log-groups';
import { loggingLevelOf } from '../classify/facts';
import { redactLines, redactValue } from '../redact';
import { budgetSignal, type PipelineDeps } from './context';
import { checkAllowed, resolveTargets } from './targets';
import { locateApi } from '../config/app-config';
import {
  accessLogStatus,
  foundRequestTraceStatus,
  loggingAllOff,
  missingRequestSearchStatus,
  stageLogGaps,
  unreadSources,
  type StageLogGap,
} from './sources';
import { StageReads, stageKey, type StageRun } from './stage-reads';
import { startFollowUps, type FollowUps } from './follow-ups';
import { chooseFiller } from './cache-filler';
import { releaseDrift, withDrift, type DeployDrift } from './drift';
import {
  judgeReleases,
  releaseJudgement,
  servedRelease,
  servedSnapshot,
  type ReleaseJudgement,
} from './canary';
import type { ServedRelease } from '../gather/canary';

/**
 * `why403 diagnose`: locate the request in the execution logs, gather the configuration that decided it (what the
 * stage runs: its deployment), read its access-log record and, where the authorizer's part is in question, the
 * authorizer function's own log and the request that filled the authorizer cache; classify, and say what differs
 * between the working copy and what the stage runs (deploy drift). When the execution log is silent, the access
 * log is searched over the whole window: it is the only record of WAF blocks and of requests refused before
 * execution logging. Every source's status is kept, so the verdict knows what it did not see and the answer says so.
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
  /**
   * Which configuration the verdict judged: what the stage runs (its deployment, exported), or the working copy
   * when the deployment could not be read.
   */
  judged?: 'deployed' | 'live';
  /** What differs, for this request, between the working copy and what the stage runs: redeploy to apply it. */
  drift?: DeployDrift;
}

/** Validates what a person typed; throws InputError before any AWS call. */
export function validateQuery(query: DiagnoseQuery): DiagnoseQuery {
  return { ...validateApiLocation(query), requestId: validateRequestId(query.requestId) };
}

/** Beyond this many stages, a request missing from the execution logs is not looked for in every access log. */
const MAX_ACCESS_LOG_STAGES = 4;

interface Gathered {
  evidence: Evidence;
  accessLog?: AccessLogSearch;
  drift?: DeployDrift;
  judged?: 'deployed' | 'live';
  /** On a stage with a canary release: which release served the request. */
  release?: ReleaseJudgement;
  /** Searched stages whose execution log could not hold the request, and why (logging off, no group). */
  logGaps?: StageLogGap[];
}

/**
 * Round trips: with an API and a stage, the configuration (and the deployment) is read while the execution log is
 * searched, every slice of the window at once; the access log is searched as soon as GetStage names its group; the
 * function's log and the authorizer calls that may have filled the cache as soon as the trace and the authorizer
 * are known. With an API alone, what needs no stage is read while its stages are listed, then each stage's reads
 * run beside the search.
 */
export async function diagnose(rawQuery: DiagnoseQuery, deps: PipelineDeps): Promise<Diagnosis> {
  const query = validateQuery(rawQuery);
  checkAllowed(query);
  const window = searchWindow({
    since: query.since,
    at: query.at,
    defaultSince: deps.config.search.since,
    now: deps.now(),
  });
  const signal = budgetSignal(deps);
  const run: StageRun = { requestId: query.requestId, window, deps, signal };
  const reads = new StageReads(run);
  const early = query.restApiId ? await startEarly(query, query.restApiId, deps, reads, signal) : undefined;
  const { targets, unlisted } = await resolveTargets(query, deps, signal);
  await early?.prefetched;
  if (targets.length <= MAX_ACCESS_LOG_STAGES) for (const target of targets) reads.start(target);
  const outcome = await searchRequest(query.requestId, targets, window, {
    pageBudget: deps.config.search.pageBudget,
    signal,
    onProgress: deps.onProgress,
    now: deps.now,
  });
  if (outcome.found) {
    const found = await evidenceOfFound(run, reads, outcome.found, outcome.report);
    return toDiagnosis(run, found, outcome.report);
  }
  const report = withUnlisted(outcome.report, [...unlisted, ...accessLogsSkipped(targets)]);
  return toDiagnosis(run, await evidenceOfMissing(run, reads, query, targets, report), report);
}

/** A search that did not find the request covered only the stages that could be listed: it is partial. */
function withUnlisted(report: SearchReport, unlisted: readonly Text[]): SearchReport {
  if (unlisted.length === 0) return report;
  const partial = joinTexts(
    [...(report.partial === undefined ? [] : [report.partial]), ...unlisted],
    'search.partial.joined',
  );
  return partial === undefined ? report : { ...report, partial };
}

/** Beyond MAX_ACCESS_LOG_STAGES stages no access log is searched: the answer says so, and how to search one. */
function accessLogsSkipped(targets: readonly SearchTarget[]): Text[] {
  return targets.length > MAX_ACCESS_LOG_STAGES
    ? [msg('search.partial.access-logs-skipped', { count: targets.length, max: MAX_ACCESS_LOG_STAGES })]
    : [];
}

/** What can start before the stages are known: everything of a given stage, or what an API needs no stage for. */
async function startEarly(
  query: DiagnoseQuery,
  restApiId: string,
  deps: PipelineDeps,
  reads: StageReads,
  signal: AbortSignal,
): Promise<{ prefetched?: Promise<void> }> {
  const access = await deps.aws.forTarget(locateApi(deps.config, restApiId, query.region));
  if (!query.stage) return { prefetched: deps.gatherer.prefetch(access, restApiId, signal) };
  reads.start({ access, restApiId, stage: query.stage, logGroup: executionLogGroup(restApiId, query.stage) });
  return {};
}

async function evidenceOfFound(
  run: StageRun,
  reads: StageReads,
  found: FoundRequest,
  report: SearchReport,
): Promise<Gathered> {
  const { requestId, deps } = run;
  const { target } = found;
  deps.onProgress?.(msg('progress.found', { requestId, logGroup: target.logGroup }));
  const lines = parseLogEvents(
    found.events.filter((e) => e.message.includes(requestId)).sort((a, b) => a.timestamp - b.timestamp),
  );
  const trace = buildTrace(lines);
  if (trace.startedAt !== undefined) reads.traceFound(trace.startedAt, trace.endedAt ?? trace.startedAt);
  reads.stopAccessLogsExcept(target);
  const snapshot = await reads.snapshot(target);
  const account = await apiAccountOf(target, snapshot, trace.authorizer.functionArn, run.signal);
  const base: EvidenceParts = {
    lines,
    request: baseRequest(requestId, target, account.accountId),
    snapshot,
    accountUnread: account.unread,
  };
  const traceStatus = foundRequestTraceStatus(trace, found.complete, snapshot.stage);
  // What the trace and the configuration already tell starts the follow-up reads beside the access-log search.
  const first = locateEvidence({ ...base, sources: { 'execution-log': traceStatus } });
  let followUps = startFollowUps(run, target, first.evidence, {}, target.logGroup);
  const accessLog = snapshot.stage ? await reads.accessLog(target) : undefined;
  const record = recordFields(accessLog?.record, snapshot);
  const served = await servedRelease(reads, target, snapshot, {
    record,
    group: target.logGroup,
    around: trace.startedAt,
  });
  const viewed = servedSnapshot(snapshot, served);
  const sources: SourceReport = {
    'execution-log': traceStatus,
    'access-log': accessLogStatus([snapshot.stage], accessLog),
  };
  const withAccessLog = { ...base, snapshot: viewed, accessLog: record, search: report, sources };
  const second = locateEvidence(withAccessLog);
  // The canary's authorizer may be another function: what was started for the stage's own is read again.
  followUps = startFollowUps(
    run,
    target,
    second.evidence,
    viewed === snapshot ? followUps : {},
    target.logGroup,
  );
  const located = await withFollowUps(withAccessLog, second, followUps);
  const judged = await releaseOf(snapshot, served, located, target, async () => {
    const parts = { ...withAccessLog, snapshot: servedSnapshot(snapshot, 'canary') };
    return (await withFollowUps(parts, locateEvidence(parts), followUps)).evidence;
  });
  return { ...judged, accessLog };
}

/**
 * The evidence and drift of the release that served the request, and which one that was; when that is not known,
 * the evidence as the canary would have met it too (`alternative`).
 */
async function releaseOf(
  snapshot: ApiSnapshot,
  served: ServedRelease,
  located: LocatedEvidence,
  target: SearchTarget,
  alternative: () => Promise<Evidence>,
): Promise<Pick<Gathered, 'evidence' | 'drift' | 'judged' | 'release'>> {
  const { drift, gap } = releaseDrift(
    snapshot,
    located.keys,
    {
      restApiId: target.restApiId,
      stage: target.stage,
      region: target.access.region,
    },
    served,
  );
  const other = served === 'unknown' && snapshot.canary ? await alternative() : undefined;
  const release = releaseJudgement(snapshot, served, {
    stage: target.stage,
    group: target.logGroup,
    ...(other ? { alternative: () => other } : {}),
  });
  const evidence =
    gap === undefined ? located.evidence : { ...located.evidence, gaps: [...located.evidence.gaps, gap] };
  return {
    evidence,
    ...(drift ? { drift } : {}),
    ...(located.judged ? { judged: located.judged } : {}),
    ...(release ? { release } : {}),
  };
}

/** The evidence with what the follow-up reads found: the function's log, the request that filled the cache. */
async function withFollowUps(
  parts: EvidenceParts,
  located: LocatedEvidence,
  followUps: FollowUps,
): Promise<LocatedEvidence> {
  const [functionLog, fillerCalls] = await Promise.all([followUps.functionLog, followUps.fillerCalls]);
  if (!functionLog && !fillerCalls) return located;
  const { evidence } = located;
  const cacheOrigin = fillerCalls
    ? chooseFiller(
        fillerCalls.calls,
        {
          requestId: evidence.request.requestId ?? '',
          identity: evidence.trace.authorizer.incomingIdentity?.message,
          principalId: evidence.accessLog?.principalId,
          methodArn: evidence.request.methodArn,
        },
        fillerCalls.status.read === 'complete',
      )
    : undefined;
  return locateEvidence({
    ...parts,
    ...(functionLog?.facts ? { authorizerLog: functionLog.facts } : {}),
    ...(cacheOrigin ? { cacheOrigin } : {}),
    gaps: [...(parts.gaps ?? []), ...(functionLog?.gap === undefined ? [] : [functionLog.gap])],
    sources: {
      ...parts.sources,
      ...(functionLog ? { 'authorizer-log': functionLog.status } : {}),
      ...(fillerCalls ? { 'cache-filler': fillerCalls.status } : {}),
    },
  });
}

function baseRequest(
  requestId: string,
  target: SearchTarget,
  accountId: string | undefined,
): Partial<RequestFacts> {
  return {
    requestId,
    restApiId: target.restApiId,
    stage: target.stage,
    region: target.access.region,
    accountId,
  };
}

/** The account in an ARN of the stage's settings (its access-log group, its web ACL): the API's. */
function accountNamedBy(snapshot: ApiSnapshot | undefined): string | undefined {
  const stage = snapshot?.stage;
  return (
    logGroupOfArn(stage?.accessLogSettings?.destinationArn)?.accountId ??
    /^arn:[\w-]+:wafv2?:[\w-]*:(\d{12}):/.exec(stage?.webAclArn ?? '')?.[1]
  );
}

/**
 * The API's account. Without it, the authorizer function's account is taken for the API's: wrong for a function
 * shared from another account (its log would be looked for in the API's account, and the invoke permission's
 * SourceArn would name the function's account). So when a Lambda authorizer may be in question and the stage's
 * settings name no account, the account the access reads is asked for (see aws/account.ts).
 */
async function apiAccountOf(
  target: SearchTarget,
  snapshot: ApiSnapshot | undefined,
  tracedFunction: string | undefined,
  signal: AbortSignal,
): Promise<{ accountId?: string; unread: boolean }> {
  const named = accountNamedBy(snapshot);
  if (named) return { accountId: named, unread: false };
  const lambda = tracedFunction !== undefined || lambdaAuthorizers(snapshot?.authorizers).length > 0;
  const lookup = lambda ? target.access.account : undefined;
  if (!lookup) return { unread: false };
  const accountId = await lookup(signal);
  return { accountId, unread: accountId === undefined };
}

/**
 * The request is in no execution log searched: its access-log record decides when there is one (WAF, refused
 * before execution logging); otherwise the not-found evidence says what was searched and how completely.
 */
async function evidenceOfMissing(
  run: StageRun,
  reads: StageReads,
  query: DiagnoseQuery,
  targets: readonly SearchTarget[],
  report: SearchReport,
): Promise<Gathered> {
  const target = targets.length === 1 ? targets[0] : undefined;
  // One stage: a failed configuration read (a wrong API id) is the answer. Several: each is read if it can be.
  const snapshot = target ? await reads.snapshot(target) : undefined;
  const searched = target ? [target] : targets.length <= MAX_ACCESS_LOG_STAGES ? targets : [];
  const { stages, accessLog, accessStatus } = await accessLogsOf(reads, searched);
  if (accessLog?.record)
    return evidenceOfRecord(run, reads, { targets, stages, report, accessLog, accessStatus });
  const known = new Map(stages.map((s) => [stageKey(s.target), s.snapshot?.stage]));
  if (target) known.set(stageKey(target), snapshot?.stage);
  const settings = await stageSettings(run, targets, report, known);
  const accounts = await accountsOf(run, settings, report, target && { target, snapshot });
  const single = accountFor(accounts, targets);
  const logGaps = stageLogGaps(
    report,
    settings.map(({ target: t, stage }) => ({
      target: logTarget(t),
      stage,
      account: accounts.get(t.access.key)?.account,
    })),
  );
  const evidence = assembleEvidence({
    request: {
      requestId: query.requestId,
      restApiId: target?.restApiId ?? query.restApiId,
      stage: target?.stage ?? query.stage,
      region: target?.access.region,
    },
    config: {
      ...(snapshot ? { restApi: snapshot.restApi, stage: snapshot.stage } : {}),
      account: single?.account,
    },
    search: report,
    sources: {
      ...snapshot?.sources,
      ...accountSource(single),
      'execution-log': missingRequestSearchStatus(
        report,
        snapshot?.stage,
        target ? single?.account : undefined,
        logGaps,
      ),
      'access-log': accessStatus,
    },
  });
  return { evidence, accessLog, logGaps };
}

interface StageSettings {
  target: SearchTarget;
  stage?: StageConfig;
}

/**
 * The settings of each stage the answer must explain: the one stage searched, and every stage whose group does not
 * exist. Most are already read (the access-log searches read them; with an API alone, GetStages did); the rest are
 * read now, from the same cache. One that cannot be read is left unknown.
 */
async function stageSettings(
  run: StageRun,
  targets: readonly SearchTarget[],
  report: SearchReport,
  known: ReadonlyMap<string, StageConfig | undefined>,
): Promise<StageSettings[]> {
  const needed = targets.filter((t) => targets.length === 1 || report.missingLogGroups.includes(t.logGroup));
  return Promise.all(
    needed.map(async (target) => {
      const key = stageKey(target);
      const stage = known.has(key) ? known.get(key) : await readStage(run, target);
      return { target, ...(stage ? { stage } : {}) };
    }),
  );
}

/** A stage's settings from the API's GetStages (read, and cached, when its stages were listed), else GetStage. */
async function readStage(run: StageRun, target: SearchTarget): Promise<StageConfig | undefined> {
  const { gatherer } = run.deps;
  const listed = await gatherer
    .stages(target.access, target.restApiId, run.signal)
    .then((stages) => stages.find((stage) => stage.stageName === target.stage))
    .catch(() => undefined);
  return (
    listed ?? gatherer.stage(target.access, target.restApiId, target.stage, run.signal).catch(() => undefined)
  );
}

/**
 * The account's API Gateway settings (GetAccount: its CloudWatch role), read once per account and region when
 * logging looks broken: one stage searched whose group is missing or whose logging is off, or a stage with logging
 * on whose group does not exist.
 */
async function accountsOf(
  run: StageRun,
  settings: readonly StageSettings[],
  report: SearchReport,
  single: { target: SearchTarget; snapshot?: ApiSnapshot } | undefined,
): Promise<Map<string, AccountRead>> {
  const needing = single
    ? loggingLooksBroken(single.snapshot, report, single.target)
      ? [single.target]
      : []
    : settings.flatMap(({ target, stage }) =>
        stage && !loggingAllOff(stage) && report.missingLogGroups.includes(target.logGroup) ? [target] : [],
      );
  const byAccess = new Map(needing.map((t) => [t.access.key, t.access]));
  const reads = await Promise.all(
    [...byAccess].map(
      async ([key, access]) => [key, await run.deps.gatherer.account(access, run.signal)] as const,
    ),
  );
  return new Map(reads);
}

/** The account read that holds for every stage searched, when they are all in one account and region. */
function accountFor(
  accounts: ReadonlyMap<string, AccountRead>,
  targets: readonly SearchTarget[],
): AccountRead | undefined {
  const keys = new Set(targets.map((t) => t.access.key));
  return keys.size === 1 ? accounts.get([...keys][0]) : undefined;
}

function logTarget(target: SearchTarget) {
  return {
    restApiId: target.restApiId,
    stage: target.stage,
    logGroup: target.logGroup,
    region: target.access.region,
  };
}

/** Each stage's configuration and access-log search, and what the searches found and covered together. */
async function accessLogsOf(reads: StageReads, searched: readonly SearchTarget[]) {
  const stages = await Promise.all(
    searched.map(async (target) => {
      const [snapshot, search] = await Promise.all([
        reads.snapshot(target).catch(() => undefined),
        reads.accessLog(target).catch(() => undefined),
      ]);
      return { target, snapshot, search };
    }),
  );
  const accessLog = mergeSearches(stages.flatMap((s) => (s.search ? [s.search] : [])));
  const accessStatus = accessLogStatus(
    stages.map((s) => s.snapshot?.stage),
    accessLog,
  );
  return { stages, accessLog, accessStatus };
}

/** The access log holds the request's only record: it, the configuration, and the function's log decide. */
async function evidenceOfRecord(
  run: StageRun,
  reads: StageReads,
  found: {
    targets: readonly SearchTarget[];
    stages: ReadonlyArray<{ target: SearchTarget; snapshot?: ApiSnapshot }>;
    report: SearchReport;
    accessLog: AccessLogSearch;
    accessStatus: SourceStatus;
  },
): Promise<Gathered> {
  const record = found.accessLog.record as NonNullable<AccessLogSearch['record']>;
  const holder = record.target;
  const same = (t: SearchTarget) => t.restApiId === holder.restApiId && t.stage === holder.stage;
  const held = found.stages.find((s) => same(s.target));
  const executionTarget = found.targets.find(same) ?? holder;
  run.deps.onProgress?.(
    msg('progress.found-in-access-log', { requestId: run.requestId, logGroup: holder.logGroup }),
  );
  const snapshot = held?.snapshot;
  const fields = recordFields(record, snapshot);
  // A canary request's record is in the access-log group's `/Canary` twin too.
  const served = snapshot
    ? await servedRelease(reads, holder, snapshot, {
        record: fields,
        group: holder.logGroup,
        around: record.time,
      })
    : 'production';
  const known = new Map(found.stages.map((s) => [stageKey(s.target), s.snapshot?.stage]));
  const settings = await stageSettings(run, found.targets, found.report, known);
  const logGaps = stageLogGaps(
    found.report,
    settings.map(({ target, stage }) => ({ target: logTarget(target), stage })),
  );
  const account = await apiAccountOf(executionTarget, snapshot, undefined, run.signal);
  const parts: EvidenceParts = {
    lines: [],
    request: baseRequest(run.requestId, executionTarget, account.accountId),
    accountUnread: account.unread,
    snapshot: snapshot && servedSnapshot(snapshot, served),
    accessLog: fields,
    search: found.report,
    sources: {
      'execution-log': missingRequestSearchStatus(found.report, snapshot?.stage, undefined, logGaps),
      'access-log': found.accessStatus,
    },
  };
  const first = locateEvidence(parts);
  // The record's own time is to the second at best; CloudWatch received it as the request ended.
  const timed: EvidenceParts =
    first.evidence.request.time === undefined
      ? { ...parts, request: { ...parts.request, time: record.time } }
      : parts;
  const located = first.evidence.request.time === undefined ? locateEvidence(timed) : first;
  const followUps = startFollowUps(run, executionTarget, located.evidence, {});
  const final = await withFollowUps(timed, located, followUps);
  if (!snapshot) return { evidence: final.evidence, accessLog: found.accessLog, logGaps };
  const judged = await releaseOf(snapshot, served, final, holder, async () => {
    const canary = { ...timed, snapshot: servedSnapshot(snapshot, 'canary') };
    return (await withFollowUps(canary, locateEvidence(canary), followUps)).evidence;
  });
  return { ...judged, accessLog: found.accessLog, logGaps };
}

/** The access-log record's fields, keyed by the `$context` variables the stage's format puts in them. */
function recordFields(
  record: AccessLogSearch['record'],
  snapshot: ApiSnapshot | undefined,
): Record<string, unknown> | undefined {
  return record && keyedByFormat(record.fields, snapshot?.stage?.accessLogSettings?.format);
}

/** Several stages' access-log searches as one: the record where one was found, else what all of them covered. */
function mergeSearches(searches: readonly AccessLogSearch[]): AccessLogSearch | undefined {
  if (searches.length <= 1) return searches[0];
  const decisive = searches.find((s) => s.record) ?? searches.find((s) => s.unreadable);
  if (decisive) return decisive;
  const reports = searches.map((s) => s.outcome.report);
  const denied = reports.flatMap((r) => r.deniedLogGroups ?? []);
  const partial = joinTexts(
    reports.flatMap((r) => (r.partial === undefined ? [] : [r.partial])),
    'search.partial.joined',
  );
  return {
    targets: searches.flatMap((s) => s.targets),
    outcome: {
      report: {
        found: false,
        logGroups: reports.flatMap((r) => r.logGroups),
        missingLogGroups: reports.flatMap((r) => r.missingLogGroups),
        ...(denied.length > 0 ? { deniedLogGroups: denied } : {}),
        window: reports[0].window,
        ...(partial !== undefined ? { partial } : {}),
      },
    },
  };
}

function accountSource(read: AccountRead | undefined): SourceReport {
  return read ? { 'config:account': read.status } : {};
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

function toDiagnosis(run: StageRun, gathered: Gathered, search: SearchReport): Diagnosis {
  const { evidence, accessLog, drift } = gathered;
  const verdict: Verdict = withDrift(
    judgeReleases(withDeploymentGap(evidence, gathered.judged), gathered.release),
    drift,
  );
  const { request, trace } = evidence;
  const accessReport = accessLog?.outcome.report;
  const partial = joinTexts(
    [
      search.partial,
      accessReport?.partial,
      run.signal.aborted ? msg('diagnosis.budget-ended') : undefined,
    ].filter((text): text is Text => text !== undefined),
    'search.partial.joined',
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
    unread: redactValue(unreadSources(evidence.sources, search, gathered.logGaps)),
    ...(partial ? { partial: redactValue(partial) } : {}),
    trace: redactLines(trace.lines.map((line) => line.message)),
    ...(gathered.judged ? { judged: gathered.judged } : {}),
    ...(drift ? { drift: redactValue(drift) } : {}),
  };
}

/** When the deployment could not be read, the verdict says that it judged the working copy instead. */
function withDeploymentGap(evidence: Evidence, judged: 'deployed' | 'live' | undefined): Evidence {
  const status = evidence.sources['config:deployment'];
  if (judged !== 'live' || !status || status.read === 'complete') return evidence;
  return { ...evidence, gaps: [...evidence.gaps, msg('diagnosis.gap.judged-live')] };
}
