export const authorizerCachedPolicyMismatch = {
  'authorizer-cached-policy-mismatch.title': 'A cached authorizer policy for another method was reused',
  'authorizer-cached-policy-mismatch.explanation':
    'Authorizer results are cached by token (or by the identity sources), not by method or path. The authorizer ' +
    'returned a policy that allows only the method of the first call (typically Resource: event.methodArn); within the ' +
    'cache TTL, a call with the same token to another method or path reuses that policy without calling the Lambda, ' +
    'and it does not cover the new method: 403 "User is not authorized to access this resource". Which call fails ' +
    'depends on which call filled the cache, so it looks intermittent.',
  'authorizer-cached-policy-mismatch.summary.found-for':
    'A policy cached for {cachedFor} by request {requestId} was reused for {method}, which it does not cover.',
  'authorizer-cached-policy-mismatch.summary.found':
    'A policy cached by request {requestId} was reused for {method}, which it does not cover.',
  'authorizer-cached-policy-mismatch.summary.hit':
    'The authorizer was not called for this request (a cache hit), and the cached policy does not cover {method}.',
  'authorizer-cached-policy-mismatch.summary.likely':
    'The authorizer was not called for this request (a cache hit); {count} earlier calls within the TTL returned policies that do not cover {method}, most recently request {requestId}: one of them filled the cache.',
  'authorizer-cached-policy-mismatch.summary.possible':
    'A policy cached from an earlier call with the same token may not cover this method.',
  'authorizer-cached-policy-mismatch.evidence.origin': 'Cached result from request {requestId}: {body}',
  'authorizer-cached-policy-mismatch.evidence.found-by.identity':
    'Found by its identity: the same Incoming identity as this request, within the TTL before it.',
  'authorizer-cached-policy-mismatch.evidence.found-by.principal-id':
    "Found by its principal: the principalId it returned is the access log's $context.authorizer.principalId for this request, within the TTL before it.",
  'authorizer-cached-policy-mismatch.evidence.found-by.only-candidate':
    "The only authorizer call of this stage within the TTL before this request whose policy does not cover this method (the stage's whole execution log for that span was read).",
  'authorizer-cached-policy-mismatch.evidence.found-by.one-of-several':
    "The latest of {count} authorizer calls within the TTL whose policy does not cover this method; which one filled this request's cache entry cannot be told.",
  'authorizer-cached-policy-mismatch.policy-label': 'Policy cached from request {requestId}',
  'authorizer-cached-policy-mismatch.settle.ttl':
    "Check the authorizer's result-cache TTL (0 rules out a cached policy) and turn on INFO execution logging with data tracing.",
  'authorizer-cached-policy-mismatch.settle.function-log':
    "Look for an invocation of the authorizer function at the request's time in its own log group: none means the cached policy was used.",
  'authorizer-cached-policy-mismatch.settle.filler':
    'Find the earlier request with the same identity within the TTL and compare the Resource its authorizer returned with this method ARN.',
  'authorizer-cached-policy-mismatch.settle.which-filler':
    "Add $context.authorizer.principalId to the stage's access-log format (or turn on INFO execution logging, which prints each request's masked identity): either tells which earlier call filled the cache.",
  'authorizer-cached-policy-mismatch.fix.wide-resource':
    'Have the authorizer return a Resource that covers every method the token may call, e.g. {resource} instead of event.methodArn.',
  'authorizer-cached-policy-mismatch.fix.ttl-off':
    'Or turn the result cache off (TTL {ttl} s → 0); every request then calls the Lambda.',
  'authorizer-cached-policy-mismatch.fix.request-identity':
    'Or, for a REQUEST authorizer, add the method and path to the identity sources so the cache key differs per ' +
    'route (which context variables API Gateway accepts as identity sources is not documented: test it first).',
  'authorizer-cached-policy-mismatch.fix.flush-why':
    'so no stale policy survives (otherwise wait up to {ttl} s)',
} as const;
