export const resourcePolicyImplicitDeny = {
  'resource-policy-implicit-deny.title': "The API's resource policy does not allow the caller",
  'resource-policy-implicit-deny.explanation':
    'No statement of the resource policy allows this caller (an IP allow-list, VPC endpoint or account the caller is ' +
    'not in), and the method has nothing else that allows it: methods without authorization, with a Cognito ' +
    'authorizer, or called cross-account with IAM need an explicit Allow in the resource policy.',
  'resource-policy-implicit-deny.summary.condition':
    "The resource policy's Allow, {statement}, does not match this caller: {key} {actual} is not in {expected}.",
  'resource-policy-implicit-deny.summary.access-denied':
    'API Gateway denied access (ACCESS_DENIED), and nothing read says which check refused: the resource policy may allow nothing for this caller.',
  'resource-policy-implicit-deny.summary.generic':
    'Nothing in the resource policy allows this caller ("User: anonymous is not authorized …" without an explicit deny).',
  'resource-policy-implicit-deny.settle.endpoint-type':
    "Whether the API's endpoint type is PRIVATE (then the VPC endpoint is the likely gap).",
  'resource-policy-implicit-deny.settle.caller':
    "The caller's source IP or VPC endpoint (access-log fields $context.identity.sourceIp / vpceId) to evaluate against the policy.",
  'resource-policy-implicit-deny.settle.lambda-authorizer':
    'This method uses a Lambda authorizer, whose Allow overrides a silent resource policy: check which authorizer the deployed stage really uses (redeploy drift).',
  'resource-policy-implicit-deny.fix.allow-ip':
    'Add an Allow statement that matches this caller (source IP {sourceIp}, or its VPC endpoint, principal or account).',
  'resource-policy-implicit-deny.fix.allow':
    'Add an Allow statement that matches the caller (IP range, VPC endpoint, principal or account).',
  'resource-policy-implicit-deny.fix.explicit-deny':
    'If the intent is "only these IPs", keep the Allow and add an explicit Deny with NotIpAddress on aws:SourceIp, ' +
    'so the restriction also binds when a Lambda authorizer allows the call.',
} as const;
