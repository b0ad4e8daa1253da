import type { Evidence } from '../evidence/types';
import type { AuthorizerInvocation } from '../evidence/lambda-log';
import { readCompletely } from '../evidence/sources';

/**
 * What the authorizer function's own log says about this request: the invocation that served it, or that none
 * did. API Gateway calls the authorizer as the request arrives, so an invocation belongs to the request when the
 * access log names its Lambda request id, or when it is the only one that started within a moment of the request.
 */

/** Request times from a trace are exact to the millisecond; from an access log, to the second. */
const BEFORE_MS = 1_500;
const AFTER_MS = 3_000;

function nearRequest(evidence: Evidence): AuthorizerInvocation[] {
  const time = evidence.request.time;
  const log = evidence.authorizerLog;
  if (time === undefined || !log) return [];
  return log.invocations.filter((i) => i.start >= time - BEFORE_MS && i.start <= time + AFTER_MS);
}

/** The invocation the access log names as this request's authorizer call. */
export function invocationById(evidence: Evidence): AuthorizerInvocation | undefined {
  const id = evidence.accessLog?.authorizerRequestId;
  return id ? evidence.authorizerLog?.invocations.find((i) => i.lambdaRequestId === id) : undefined;
}

/**
 * The invocation that served this request: the one the access log names, else the only one that started within a
 * moment of it. Timing alone can pick another client's concurrent call, so rules that act on it also check that
 * its outcome agrees with the request's answer.
 */
export function matchedInvocation(evidence: Evidence): AuthorizerInvocation | undefined {
  if (!evidence.authorizerLog) return undefined;
  if (evidence.accessLog?.authorizerRequestId) return invocationById(evidence);
  const near = nearRequest(evidence);
  return near.length === 1 ? near[0] : undefined;
}

/**
 * The function's log, read completely around the request time, shows no invocation then: the Lambda did not run
 * for this request (a cache hit, or API Gateway could not call it).
 */
export function functionLogSilent(evidence: Evidence): boolean {
  const log = evidence.authorizerLog;
  const time = evidence.request.time;
  if (!log || time === undefined || !readCompletely(evidence, 'authorizer-log')) return false;
  if (log.window.start > time - BEFORE_MS || log.window.end < time + AFTER_MS) return false;
  return nearRequest(evidence).length === 0;
}
