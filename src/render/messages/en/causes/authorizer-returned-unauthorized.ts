export const authorizerReturnedUnauthorized = {
  'authorizer-returned-unauthorized.title': 'The authorizer rejected the token (Unauthorized)',
  'authorizer-returned-unauthorized.explanation':
    'The Lambda authorizer ran and failed with the exact error "Unauthorized", which is how an authorizer says the ' +
    'token is not acceptable (expired, wrong issuer or audience, bad signature). API Gateway turns it into 401. ' +
    "The reason is in the authorizer function's own log, not in API Gateway's.",
  'authorizer-returned-unauthorized.summary.ran':
    'The authorizer Lambda ran for this request and rejected the token with "Unauthorized".',
  'authorizer-returned-unauthorized.summary.may':
    'The authorizer may have run and rejected the token with "Unauthorized" (the client sees the same 401 either way).',
  'authorizer-returned-unauthorized.evidence.function-log':
    'The authorizer function\'s own log ({logGroup}) shows invocation {id} failing with "Unauthorized".',
  'authorizer-returned-unauthorized.settle.function-log':
    'Whether the authorizer function logged an invocation at the request time (yes → the function itself answered Unauthorized; no → the identity source was missing or failed the regex).',
  'authorizer-returned-unauthorized.fix.read-log':
    "Read the authorizer function's log at the request time for its reason (expired token, wrong issuer or audience, signature or JWKS failure).",
  'authorizer-returned-unauthorized.fix.token':
    "Fix the client's token, or the authorizer's validation settings (issuer, audience, keys).",
} as const;
