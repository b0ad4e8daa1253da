export const other = {
  'other.title': 'Not an API Gateway authorization failure',
  'other.explanation':
    "The request failed for a reason outside API Gateway's authorization steps: the backend itself answered 403, " +
    'the integration (not the authorizer) lacks permission, the client was throttled, or CloudFront rejected the ' +
    'call at the edge. Changing authorizers or policies will not help.',
  'other.summary.backend':
    'The backend answered {status} and API Gateway passed it through: the authorization steps of API Gateway allowed the call.',
  'other.summary.integration-permission':
    "API Gateway may not invoke the integration's Lambda function (not the authorizer): 500 Internal server error.",
  'other.summary.integration-role':
    'API Gateway cannot assume {role}, the role its integration runs with (not the authorizer): 500 Internal server error.',
  'other.summary.throttled':
    'The request was throttled (429): a usage-plan quota or a stage, method or account rate limit, not an authorization failure.',
  'other.summary.edge': 'CloudFront rejected the call with an HTML page before it reached API Gateway.',
  'other.fix.backend':
    "Look at the backend's own logs and authorization (the integration's response body is in the execution log with data tracing).",
  'other.fix.integration-permission':
    'Add a resource-based permission on the integration function for apigateway.amazonaws.com with a SourceArn covering the method.',
  'other.fix.integration-role':
    "Let API Gateway assume {role}: its trust policy must allow apigateway.amazonaws.com to call sts:AssumeRole (or remove the integration's credentials if the function's own permission is enough).",
  'other.fix.throttled':
    "Check the usage plan's throttle and quota, the stage's method throttling, and the account's API Gateway rate limit.",
  'other.fix.edge':
    'Check the URL and Host header (edge-optimized APIs and custom domains), the HTTP method, and any CloudFront distribution in front of the API.',
} as const;
