export const iamAuthFailure = {
  'iam-auth-failure.title': 'IAM (SigV4) authorization failed',
  'iam-auth-failure.explanation':
    'The method uses AWS_IAM authorization. The caller must sign the request with SigV4 for the service ' +
    '"execute-api" in the API\'s region, with valid (and, for temporary credentials, complete) credentials, and its ' +
    "identity policy must allow execute-api:Invoke on the method ARN. Across accounts, the API's resource policy must " +
    'also allow the caller.',
  'iam-auth-failure.summary.signature': "The request's SigV4 signature was rejected: {detail}",
  'iam-auth-failure.summary.denied': '{principal} is not allowed to call execute-api:Invoke on {resource}.',
  'iam-auth-failure.summary.denied-explicit':
    '{principal} is not allowed to call execute-api:Invoke on {resource} (an explicit Deny).',
  'iam-auth-failure.summary.bearer':
    'An AWS_IAM method received a bearer token instead of a SigV4 signature.',
  'iam-auth-failure.summary.access-denied':
    "API Gateway denied access (ACCESS_DENIED), and nothing read says which check refused: the caller's IAM permissions may not allow execute-api:Invoke on this method.",
  'iam-auth-failure.summary.unsigned': 'An AWS_IAM method received an unsigned request.',
  'iam-auth-failure.settle.authorization':
    "The method's authorization type (GetResources?embed=methods): AWS_IAM points to the caller's IAM permissions.",
  'iam-auth-failure.settle.simulate':
    "The caller's IAM policies (simulate with aws iam simulate-principal-policy).",
  'iam-auth-failure.fix.scp':
    "The denial names a service control policy of the caller's AWS Organization: it caps the account whatever the caller's roles allow. Find the SCP statement that denies (or does not allow) execute-api:Invoke, and change it or exempt this call, in the organization's management account:",
  'iam-auth-failure.fix.boundary':
    "The denial names the caller's permissions boundary: it caps what the role or user may do whatever its policies allow. Allow execute-api:Invoke on the method ARN in that boundary too:",
  'iam-auth-failure.fix.session-policy':
    'The denial names a session policy: the policy passed when the credentials were made (AssumeRole, GetFederationToken, an identity-pool or SSO session) caps them. Allow execute-api:Invoke on the method ARN there, or make the session without it.',
  'iam-auth-failure.fix.allow': "Allow execute-api:Invoke on the method ARN in the caller's identity policy:",
  'iam-auth-failure.fix.cross-account':
    "Calling from another account: also add a resource-policy Allow for the caller's role or account, then redeploy.",
  'iam-auth-failure.fix.sign-region':
    'Sign for service "execute-api" in {region}; fix clock skew (signatures expire after 5 minutes); refresh temporary credentials and send their session token.',
  'iam-auth-failure.fix.sign':
    'Sign for service "execute-api" in the API\'s region; fix clock skew (signatures expire after 5 minutes); refresh temporary credentials and send their session token.',
} as const;
