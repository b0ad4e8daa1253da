import type { CacheOrigin, CacheOriginMatch } from '../evidence/types';
import type { AuthorizerCall } from '../locate/cache-origin';
import { evaluatePolicy } from '../classify/policy';

/**
 * Which authorizer call filled the cache that answered this request. The cache key is the identity, so the filler
 * called the authorizer with the same identity within the TTL before the request, and the policy it returned does
 * not cover this method (a policy that covered it would have let the request through). Among the calls of the stage
 * in that window whose policy misses the method: the one with the same masked identity as the request's own
 * `Incoming identity` line, else the one whose principalId is the access log's `$context.authorizer.principalId`;
 * without either, the only such call when the whole window was read; otherwise the latest of several, said so.
 * Calls whose identity or principal differs from the request's are never it.
 */

export interface FillerKeys {
  requestId: string;
  identity?: string;
  principalId?: string;
  methodArn?: string;
}

export function chooseFiller(
  calls: readonly AuthorizerCall[],
  keys: FillerKeys,
  wholeWindowRead: boolean,
): CacheOrigin | undefined {
  const earlier = calls.filter((c) => c.requestId !== keys.requestId);
  const misses = keys.methodArn ? earlier.filter((c) => !covers(c, keys.methodArn as string)) : earlier;
  const sameIdentity = keys.identity ? misses.filter((c) => c.identity === keys.identity) : [];
  if (sameIdentity.length > 0) return origin(latest(sameIdentity), 'identity', misses.length);
  const samePrincipal = keys.principalId ? misses.filter((c) => c.principalId === keys.principalId) : [];
  if (samePrincipal.length > 0) return origin(latest(samePrincipal), 'principal-id', misses.length);
  const possible = misses.filter(
    (c) => (!keys.identity || c.identity === undefined) && (!keys.principalId || c.principalId === undefined),
  );
  if (possible.length === 0) return undefined;
  if (possible.length === 1 && wholeWindowRead) return origin(possible[0], 'only-candidate', 1);
  return origin(latest(possible), 'one-of-several', possible.length);
}

function covers(call: AuthorizerCall, methodArn: string): boolean {
  return evaluatePolicy(call.policyDocument, { methodArn }, 'authorizer').decision === 'allow';
}

function latest(calls: readonly AuthorizerCall[]): AuthorizerCall {
  return calls.reduce((a, b) => (b.time > a.time ? b : a));
}

function origin(call: AuthorizerCall, foundBy: CacheOriginMatch, candidates: number): CacheOrigin {
  return {
    requestId: call.requestId,
    time: call.time,
    ...(call.methodArn ? { methodArn: call.methodArn } : {}),
    resultBody: call.resultBody,
    policyDocument: call.policyDocument,
    ...(call.identity ? { identity: call.identity } : {}),
    foundBy,
    candidates,
  };
}
