export const authorizerExplicitDeny = {
  'authorizer-explicit-deny.title': 'The Lambda authorizer returned an explicit Deny',
  'authorizer-explicit-deny.explanation':
    'The authorizer ran and returned a policy with a Deny statement that covers the method being called. An explicit ' +
    'Deny always wins, so API Gateway answered 403 no matter what else allows the call. With caching on, the same ' +
    'Deny is reused for every request with the same token until the cache entry expires.',
  'authorizer-explicit-deny.summary.statement':
    "The authorizer's policy denies {methodArn}: {statement} is a Deny that covers it.",
  'authorizer-explicit-deny.summary.deny-seen':
    'The authorizer returned a policy with a Deny statement for this request.',
  'authorizer-explicit-deny.summary.cached':
    'The authorizer policy applied to this request (from its cache: the Lambda was not called) holds an explicit Deny.',
  'authorizer-explicit-deny.summary.answer':
    'API Gateway says the authorizer\'s policy explicitly denies this request ("… with an explicit deny").',
  'authorizer-explicit-deny.evidence.test-console':
    'This trace comes from the console\'s Test tab: the method ARN was synthetic (stage "{stage}") and the cache was not used.',
  'authorizer-explicit-deny.settle.final-status':
    'The final status of this request (a 403 confirms the Deny applied; 200 means another statement allowed it).',
  'authorizer-explicit-deny.fix.read-log':
    "Read the authorizer function's own log for why it chose Deny (expired or invalid token, a role or group rule).",
  'authorizer-explicit-deny.fix.valid-token':
    'If the Deny is intended, the client needs a valid token. For a bad or expired token prefer failing with the ' +
    'error "Unauthorized" (401), so clients can tell "log in again" from "forbidden".',
  'authorizer-explicit-deny.fix.narrow':
    'If the Deny is broader than meant (for example Resource "*" or ".../*/*" for one rule), narrow its Resource to ' +
    'the methods the rule is about.',
  'authorizer-explicit-deny.fix.flush-why':
    'after the fix (otherwise the cached Deny stays for up to {ttl} s)',
} as const;
