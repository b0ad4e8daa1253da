import type { AwsAccess } from '../aws/clients';
import { LogGroupMissingError } from '../aws/errors';
import type { AuthorizerLogFacts, Evidence, SourceStatus } from '../evidence/types';
import { authorizerFunctionArn, parseFunctionArn } from '../evidence/lambda-arn';
import { signals } from '../classify/signals';
import { isAuthorizerImplicitDeny } from '../classify/rules/helpers';
import { locateApi } from '../config/app-config';
import { failureStatus } from '../gather/api-config';
import { readAuthorizerCalls, type AuthorizerCall } from '../locate/cache-origin';
import { functionLogGroup, readFunctionLog } from '../locate/function-log';
import type { SearchTarget } from '../locate/request-search';
import type { StageRun } from './stage-reads';
import { msg, type Text } from '../text';

/**
 * The reads a first look at the evidence calls for, started as soon as that look is possible: the authorizer
 * function's own log around the request (did it run, crash, time out, reject the token?) whenever the authorizer's
 * part in the answer is in question, and, for a request the cache answered, the authorizer calls of the stage within
 * the TTL before it (one of them filled the cache). Each records how it went as a source.
 */

export interface FunctionLogOutcome {
  facts?: AuthorizerLogFacts;
  status: SourceStatus;
  /** Why the log was not read, for the answer's gaps. */
  gap?: Text;
}

export interface FillerCallsOutcome {
  calls: AuthorizerCall[];
  status: SourceStatus;
}

export interface FollowUps {
  functionLog?: Promise<FunctionLogOutcome>;
  fillerCalls?: Promise<FillerCallsOutcome>;
}

/** Gateway responses that come before or beside the authorizer: its log cannot change them. */
const NOT_THE_AUTHORIZER = new Set([
  'WAF_FILTERED',
  'INVALID_API_KEY',
  'MISSING_AUTHENTICATION_TOKEN',
  'THROTTLED',
  'QUOTA_EXCEEDED',
  'INVALID_SIGNATURE',
  'EXPIRED_TOKEN',
  'REQUEST_TOO_LARGE',
]);

/**
 * Starts the follow-up reads this evidence calls for that are not started yet. `executionLog` is the group that
 * held the request's trace (the cache filler is looked for there), when it did.
 */
export function startFollowUps(
  run: StageRun,
  target: SearchTarget,
  evidence: Evidence,
  started: FollowUps,
  executionLog?: string,
): FollowUps {
  const next = { ...started };
  const time = evidence.request.time;
  if (!next.functionLog && time !== undefined && functionLogNeeded(evidence)) {
    const arn = authorizerFunctionArn(evidence.trace, evidence.config);
    const elsewhere = arn ? otherAccount(arn, evidence) : undefined;
    if (elsewhere) next.functionLog = Promise.resolve(elsewhere);
    // A stage variable the stage does not define: no function's name is known.
    else if (arn?.includes('${')) next.functionLog = Promise.resolve({ status: { read: 'not-attempted' } });
    else if (arn) next.functionLog = functionLogOf(run, target, arn, time);
  }
  const ttl = signals(evidence).ttl ?? 0;
  if (!next.fillerCalls && executionLog && time !== undefined && ttl > 0 && cacheAnsweredLikely(evidence)) {
    run.deps.onProgress?.(msg('progress.cache-filler'));
    next.fillerCalls = fillerCallsOf(run, target, executionLog, {
      window: { start: time - ttl * 1000, end: time },
      authorizerId: evidence.config.authorizer?.id ?? evidence.trace.authorizer.started?.authorizerId,
    });
  }
  return next;
}

/**
 * A function in another account than the API's logs there: a group of the same name in the API's account is
 * another function's, and its silence would prove nothing. Not read, and the answer says where the log is.
 */
function otherAccount(functionArn: string, evidence: Evidence): FunctionLogOutcome | undefined {
  const fn = parseFunctionArn(functionArn);
  const apiAccount = evidence.request.accountId ?? parseExecuteApiArn(evidence.request.methodArn)?.accountId;
  if (!fn || !apiAccount || fn.accountId === apiAccount) return undefined;
  return {
    status: { read: 'not-attempted' },
    gap: msg('diagnosis.gap.function-other-account', {
      accountId: fn.accountId,
      logGroup: functionLogGroup(functionArn) ?? functionArn,
    }),
  };
}

function parseExecuteApiArn(arn: string | undefined): { accountId: string } | undefined {
  const accountId = arn ? /^arn:[\w-]+:execute-api:[\w-]+:(\d{12}):/.exec(arn)?.[1] : undefined;
  return accountId ? { accountId } : undefined;
}

/** The authorizer is a Lambda, and what it did for this request is not already plain from the trace. */
function functionLogNeeded(evidence: Evidence): boolean {
  const type = evidence.config.authorizer?.type ?? evidence.trace.authorizer.requestType;
  if (type !== 'TOKEN' && type !== 'REQUEST') return false;
  const s = signals(evidence);
  if (s.responseType && NOT_THE_AUTHORIZER.has(s.responseType)) return false;
  const { trace } = evidence;
  if (trace.apiKeyRejected || trace.principalDenial) return false;
  const result = trace.authorizer.result;
  const ranCleanly =
    result?.policyDocument !== undefined &&
    !result.runtimeError &&
    trace.configurationErrors.length === 0 &&
    s.status !== 500;
  return !ranCleanly;
}

/** The authorizer step began (or only an authorizer answers this way) and nothing shows its Lambda was called. */
function cacheAnsweredLikely(evidence: Evidence): boolean {
  const s = signals(evidence);
  if (s.authorizerInvoked || s.status === 401 || s.status === 500 || evidence.trace.testConsole) return false;
  if (s.message.kind === 'authorizer-deny' && s.message.explicit) return false;
  return Boolean(evidence.trace.authorizer.started) || isAuthorizerImplicitDeny(evidence);
}

async function functionLogOf(
  run: StageRun,
  target: SearchTarget,
  functionArn: string,
  time: number,
): Promise<FunctionLogOutcome> {
  const logGroup = functionLogGroup(functionArn);
  if (!logGroup) return { status: { read: 'not-attempted' } };
  run.deps.onProgress?.(msg('progress.function-log', { logGroup }));
  try {
    const access = await accessFor(run, target, parseFunctionArn(functionArn)?.region);
    const read = await readFunctionLog(access, logGroup, time, {
      pageBudget: run.deps.config.search.pageBudget,
      signal: run.signal,
    });
    return { facts: read.facts, status: readStatus(read.partial) };
  } catch (error) {
    return { status: readFailure(error, logGroup) };
  }
}

async function fillerCallsOf(
  run: StageRun,
  target: SearchTarget,
  logGroup: string,
  options: { window: { start: number; end: number }; authorizerId?: string },
): Promise<FillerCallsOutcome> {
  try {
    const read = await readAuthorizerCalls(target.access, logGroup, options.window, {
      authorizerId: options.authorizerId,
      pageBudget: run.deps.config.search.pageBudget,
      signal: run.signal,
    });
    return { calls: read.calls, status: readStatus(read.partial) };
  } catch (error) {
    return { calls: [], status: readFailure(error, logGroup) };
  }
}

/** The function's log lives in the function's region, which is nearly always the API's. */
async function accessFor(
  run: StageRun,
  target: SearchTarget,
  region: string | undefined,
): Promise<AwsAccess> {
  if (!region || region === target.access.region) return target.access;
  return run.deps.aws.forTarget({ ...locateApi(run.deps.config, target.restApiId, region), region });
}

/** A read that ended: complete, or partial for the reason it stopped early. */
function readStatus(partial: Text | undefined): SourceStatus {
  return partial === undefined ? { read: 'complete' } : { read: 'partial', reason: partial };
}

function readFailure(error: unknown, logGroup: string): SourceStatus {
  if (error instanceof LogGroupMissingError) return { read: 'missing', resource: logGroup };
  return failureStatus(error);
}
