import type { AwsAccess } from '../aws/clients';
import type { CacheOrigin, Trace } from '../evidence/types';
import { parseLogEvents, requestIdOfLine } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import { quotedTerm } from './log-groups';

/**
 * For a request the authorizer cache answered (no Lambda call), finds the earlier request with the same masked
 * identity, inside the TTL, whose authorizer call filled the cache, and the policy it returned. That turns "not
 * authorized" into "a policy cached for GET /orders/17 was reused for GET /orders/18".
 */
export async function findCacheOrigin(
  access: AwsAccess,
  logGroup: string,
  trace: Trace,
  ttlSeconds: number,
  options: { maxCandidates?: number; signal?: AbortSignal } = {},
): Promise<CacheOrigin | undefined> {
  const identity = trace.authorizer.incomingIdentity?.message;
  const requestTime = trace.startedAt;
  if (!identity || requestTime === undefined || identity.length > 300 || /["\\\n]/.test(identity))
    return undefined;
  const window = { start: requestTime - ttlSeconds * 1000, end: requestTime };
  const sameIdentity = await access.logs.filterEvents({
    logGroup,
    pattern: quotedTerm(identity),
    ...window,
    pageBudget: 5,
    signal: options.signal,
  });
  const candidates = [...sameIdentity.events]
    .sort((a, b) => b.timestamp - a.timestamp)
    .map((event) => ({ id: requestIdOfLine(event.message), time: event.timestamp }))
    .filter((c): c is { id: string; time: number } => c.id !== undefined && c.id !== trace.requestId)
    .filter((c, i, all) => all.findIndex((other) => other.id === c.id) === i)
    .slice(0, options.maxCandidates ?? 3);
  for (const candidate of candidates) {
    const events = await access.logs.filterEvents({
      logGroup,
      pattern: quotedTerm(candidate.id),
      start: candidate.time - 60_000,
      end: candidate.time + 60_000,
      pageBudget: 3,
      signal: options.signal,
    });
    const origin = buildTrace(parseLogEvents(events.events));

    const result = origin.authorizer.result;
    if (result && origin.authorizer.invocationLines.length > 0) {
      return {
        requestId: candidate.id,
        time: candidate.time,
        methodArn: origin.authorizer.methodArn,
        resultBody: result.raw,
        policyDocument: result.policyDocument,
        identity,
      };
    }
  }
  return undefined;
}
