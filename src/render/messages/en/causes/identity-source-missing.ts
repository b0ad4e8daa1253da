export const identitySourceMissing = {
  'identity-source-missing.title': "The request lacked the authorizer's identity source",
  'identity-source-missing.explanation':
    'Before calling a Lambda authorizer, API Gateway checks that every configured identity source (the token header ' +
    'for TOKEN authorizers; each header, query string or stage variable listed for REQUEST authorizers) is present and ' +
    'non-empty. If one is missing it answers 401 Unauthorized at once and never calls the Lambda, so the authorizer ' +
    'log shows nothing. Common triggers: a header name that differs from the configuration, a client that omits it, or ' +
    'a CORS preflight OPTIONS request on a method that has the authorizer.',
  'identity-source-missing.summary.source':
    'API Gateway answered 401 without calling the authorizer: the request did not carry {source} (or it was empty).',
  'identity-source-missing.summary.generic':
    "API Gateway answered 401 without calling the authorizer: the request most likely lacked the authorizer's identity source.",
  'identity-source-missing.evidence.not-invoked':
    'The whole trace holds no Lambda invocation line: API Gateway rejected the request before calling the authorizer.',
  'identity-source-missing.settle.lambda-ran':
    'Whether the authorizer Lambda ran for this request (its log group, or an "Authorizer result body" line in the whole trace): if it did, the authorizer itself said Unauthorized.',
  'identity-source-missing.settle.regex':
    "The authorizer's type and identityValidationExpression: a TOKEN authorizer's regex rejects with the same 401.",
  'identity-source-missing.settle.header':
    'Whether the failing request carried the identity-source header (non-empty) — check the client, not the token value.',
  'identity-source-missing.fix.carry':
    'Check that the request carries every configured identity source ({source}), non-empty. Reproduce with the header set:',
  'identity-source-missing.fix.client':
    'Fix the client, or fix the identity source to the header the clients really send.',
  'identity-source-missing.fix.options':
    'Keep OPTIONS methods (CORS preflight) without an authorizer: browsers never send credentials on preflight.',
} as const;
