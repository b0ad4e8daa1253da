export const authorizerPolicyNotCoveringResource = {
  'authorizer-policy-not-covering-resource.title': "The authorizer's policy does not cover the method called",
  'authorizer-policy-not-covering-resource.explanation':
    'The authorizer ran for this request and returned an Allow policy, but none of its Resource ARNs matches the ' +
    'method ARN of the call (wrong stage, verb, path, API id or case), so nothing allows the call and API Gateway ' +
    'answers 403 "User is not authorized to access this resource". A resource policy that allows the caller would ' +
    'have let it through; here none did.',
  'authorizer-policy-not-covering-resource.summary.difference':
    'The authorizer ran and returned an Allow that does not cover {method}: its {segment} is "{expected}" where the request has "{actual}".',
  'authorizer-policy-not-covering-resource.summary.nothing-matches':
    'The authorizer ran and returned a policy that allows nothing matching {method}.',
  'authorizer-policy-not-covering-resource.summary.access-denied':
    "API Gateway denied access (ACCESS_DENIED), and nothing read says which check refused: the Lambda authorizer's policy may not allow this method.",
  'authorizer-policy-not-covering-resource.summary.bare-403':
    "A 403 of which nothing was read, on a method with a Lambda authorizer: the authorizer's policy may not allow this method.",
  'authorizer-policy-not-covering-resource.summary.implicit':
    "The authorizer's policy did not allow this method (no explicit Deny: nothing matched).",
  'authorizer-policy-not-covering-resource.evidence.caching-off':
    'Authorizer caching is off (TTL 0), so the authorizer ran for this very request.',
  'authorizer-policy-not-covering-resource.settle.result-body':
    'Turn on INFO execution logging with data tracing on the stage and reproduce: an "Authorizer result body" line ' +
    'for this request id means the authorizer ran and its policy did not cover the method; its absence means a cached policy was reused.',
  'authorizer-policy-not-covering-resource.fix.compare-arn':
    'Set the Resource values the authorizer returns side by side with the method ARN {methodArn} and find the first part that differs.',
  'authorizer-policy-not-covering-resource.fix.compare':
    'Set the Resource values the authorizer returns side by side with the method ARN it receives (event.methodArn) and find the first part that differs.',
  'authorizer-policy-not-covering-resource.fix.wide-resource':
    'Return a Resource that covers the whole API, built by splitting event.methodArn rather than hard-coding the stage: {resource}',
  'authorizer-policy-not-covering-resource.fix.wildcard':
    'Remember that "*" in a Resource also matches "/", so ".../prod/*/*" covers every verb and path of the stage.',
  'authorizer-policy-not-covering-resource.fix.flush-why': 'once the authorizer returns the wider Resource',
} as const;
