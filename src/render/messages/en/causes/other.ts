export const other = {
  'other.title': 'Not an API Gateway authorization failure',
  'other.explanation':
    "The request failed for a reason outside API Gateway's authorization steps: the backend itself answered 403, " +
    'the integration (not the authorizer) lacks permission, the client was throttled, or CloudFront rejected the ' +
    'call at the edge. Changing authorizers or policies will not help.',
  'other.title.cognito': 'The Cognito user-pool authorizer refused the token',
  'other.explanation.cognito':
    'A COGNITO_USER_POOLS authorizer checks the token itself, without a Lambda function: the token must be in the ' +
    'identity source, signed by one of the user pools the authorizer names, unexpired, and, when the method lists OAuth ' +
    'scopes, an access token carrying one of them. A token that fails any check is answered 401 Unauthorized. No IAM ' +
    'or resource policy makes that refusal, so changing policies will not help: the token, or the pools the ' +
    'authorizer names, must change.',
  'other.summary.backend':
    'The backend answered {status} and API Gateway passed it through: the authorization steps of API Gateway allowed the call.',
  'other.summary.integration-permission':
    "API Gateway may not invoke the integration's Lambda function (not the authorizer): 500 Internal server error.",
  'other.summary.integration-role':
    'API Gateway cannot assume {role}, the role its integration runs with (not the authorizer): 500 Internal server error.',
  'other.summary.integration-uri':
    "API Gateway cannot call the integration: its URI is no valid endpoint ('Invalid endpoint address'): 500 Internal server error.",
  'other.summary.throttled':
    'The request was throttled (429): a usage-plan quota or a stage, method or account rate limit, not an authorization failure.',
  'other.summary.edge':
    'CloudFront rejected the call before it reached API Gateway (its own error page or message, not an API Gateway answer).',
  'other.summary.html':
    "An HTML page answered{server, select, none {} other { (signed {server})}}, and API Gateway's own answers are JSON: most likely a server in front of the API (a CDN, load balancer or proxy) or the backend behind it (through a proxy integration) wrote the page. Nothing read tells which, and a gateway response customised to HTML would look the same.",
  'other.summary.html-gateway':
    "An HTML page answered, with signs that API Gateway sent it (an x-amzn-ErrorType header, a web ACL on the stage, or the access log's error or WAF fields): a gateway response customised to HTML, or the custom response of the stage's web ACL (AWS WAF). Only the page's own words were read, not API Gateway's.",
  'other.summary.service-error':
    "An AWS service answered with its own error ({code}), not API Gateway: the request passed API Gateway's authorization and reached an AWS service integration (S3, SQS, DynamoDB…) that refused it — or the URL called that service directly.",
  'other.summary.cognito':
    "The method's Cognito user-pool authorizer refused the token (401): it was missing, expired, issued by another user pool or app client, or an ID token where the method asks for OAuth scopes. No Lambda authorizer is involved.",
  'other.fix.backend':
    "Look at the backend's own logs and authorization (the integration's response body is in the execution log with data tracing).",
  'other.fix.integration-permission':
    'Add a resource-based permission on the integration function for apigateway.amazonaws.com with a SourceArn covering the method.',
  'other.fix.integration-role':
    "Let API Gateway assume {role}: its trust policy must allow apigateway.amazonaws.com to call sts:AssumeRole (or remove the integration's credentials if the function's own permission is enough).",
  'other.fix.integration-uri':
    "Read the integration's URI: an HTTP one needs a resolvable https:// host; a Lambda one is arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations, in the function's own region. Then redeploy the stage.",
  'other.fix.throttled':
    "Check the usage plan's throttle and quota, the stage's method throttling, and the account's API Gateway rate limit.",
  'other.fix.service-role':
    "Check the integration's execution role (its credentials): it needs the service action on that resource (s3:GetObject, sqs:SendMessage, dynamodb:GetItem…), and a KMS key or bucket policy may refuse it too.",
  'other.fix.service-request':
    'Check the request the integration builds (URI, path override, mapping template, Content-Type): a signature, expired-token or validation error of the service comes from what API Gateway forwards, not from the caller.',
  'other.fix.cognito-token':
    'Check that the request carries the token in {source}, unexpired (exp), and decode it: its iss must be the user pool the authorizer names, its aud (ID token) or client_id (access token) an app client of that pool.',
  'other.fix.cognito-pool':
    "Compare the authorizer's user pools (aws apigateway get-authorizer … --query providerARNs) with the pool that issued the token.",
  'other.summary.after-integration':
    "The request passed every authorization step and reached its integration, which answered; it failed after that ({status}): the integration's answer, or how API Gateway maps it, is the problem, not access.",
  'other.fix.after-integration-line':
    'Read the line after the integration\'s answer: "Output mapping refers to an invalid method response: <status>" needs a method response for that status (aws apigateway put-method-response) or an integration response whose selection pattern maps the answer to an existing one; "Malformed Lambda proxy response" needs the function to return {"statusCode": …, "headers": {…}, "body": "<string>"}.',
  'other.fix.after-integration-mapping':
    "Run the method from the console's Test tab (aws apigateway test-invoke-method) to see the integration's answer and each mapping step, then redeploy the stage after the fix.",
  'other.summary.gateway-response':
    'API Gateway answered with its {type} gateway response, which it chooses only outside authorization: the request was let through, or never needed to be, and failed at its integration, its request validation or its size or content type.',
  'other.fix.gateway-response':
    "Fix the step {type} names: INTEGRATION_FAILURE or INTEGRATION_TIMEOUT, the backend failed or took longer than the integration timeout (29 s unless raised); API_CONFIGURATION_ERROR, the integration's endpoint address or its response mapping (no template matched); BAD_REQUEST_BODY or BAD_REQUEST_PARAMETERS, the method's request validator; REQUEST_TOO_LARGE or UNSUPPORTED_MEDIA_TYPE, the request itself.",
  'other.summary.function-url':
    "A Lambda function URL refused the request (403), not API Gateway: the address called is the function's own (…lambda-url.<region>.on.aws), so no stage, authorizer or resource policy of a REST API was involved.",
  'other.fix.function-url-address':
    'Check the address the client calls: to go through the REST API, call its invoke URL (https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…) or its custom domain instead of the function URL.',
  'other.fix.function-url-auth':
    'If the function URL is meant to be called: with AuthType AWS_IAM the caller needs lambda:InvokeFunctionUrl (aws lambda get-function-url-config --function-name <function>) and must sign for service lambda; with NONE, its resource policy must allow lambda:InvokeFunctionUrl for everyone.',
  'other.summary.cognito-expired':
    'A Cognito user-pool authorizer refused the token because it has expired (401, "The incoming token has expired"): the client sent an ID or access token past its exp. No Lambda authorizer is involved.',
  'other.fix.cognito-refresh':
    "Have the client refresh its tokens before they expire and retry with the new one: the refresh token (InitiateAuth with REFRESH_TOKEN_AUTH, or the SDK's session refresh) gives a fresh ID and access token; a client that keeps a token past its lifetime meets this 401.",
  'other.fix.cognito-lifetime':
    "Check how long the app client's tokens live: aws cognito-idp describe-user-pool-client --user-pool-id <pool> --client-id <client> --query 'UserPoolClient.[IdTokenValidity,AccessTokenValidity,TokenValidityUnits]' (one hour unless set).",
  'other.fix.cognito-scopes':
    'If the method lists OAuth scopes (authorizationScopes), send an access token that carries one of them; an ID token is then refused.',
  'other.fix.cognito-scopes-listed':
    'The method lists OAuth scopes ({scopes}): send an access token whose scope claim carries at least one of them; an ID token is refused on this method, however fresh. An access token from InitiateAuth carries custom scopes only when a pre token generation trigger adds them; the OAuth 2.0 token endpoint gives those the app client is allowed.',
  'other.fix.cognito-regex-with-scopes':
    "The authorizer's token validation ({regex}) is matched against the token's aud claim, which an access token does not have, and the method's OAuth scopes require an access token: no token can pass both. Remove the authorizer's token validation (or the method's scopes), then redeploy the stage.",
  'other.settle.cognito-scopes':
    'Decode the token the client sent (its payload; no need to verify it): token_use "id" is an ID token, refused on a method that lists scopes; token_use "access" with none of {scopes} in its scope claim is refused too; with one of them, look at exp and iss instead (expired, or issued by another user pool).',
  'other.fix.edge-waf':
    "The page says 'Request blocked.': that is CloudFront's page when a web ACL (AWS WAF) on the distribution in front of the API blocks the call. Find the rule that matched in that web ACL's sampled requests or logs (CloudFront web ACLs are in us-east-1).",
  'other.fix.html-origin':
    "Find which server wrote the page: call the stage's invoke URL directly (https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…), past any CDN, load balancer or proxy in front of it. The same page again means the backend wrote it and API Gateway passed it on (the execution log at INFO with data tracing shows it as the integration's answer); API Gateway's JSON answer instead means a server in front refused the call, and its logs say why.",
  'other.fix.html-server':
    "The page is signed {server}: read that server's logs and rules, in front of the API or behind it (a web application firewall module such as ModSecurity answers with such a page).",
  'other.fix.html-gateway':
    "Find the template that is this page: among the API's customised gateway responses (ACCESS_DENIED, UNAUTHORIZED, WAF_FILTERED, DEFAULT_4XX…), or in the stage's web ACL custom responses; the response type it belongs to names the check that refused. The execution log at INFO, or the access log's $context.error.responseType, says it directly.",
  'other.fix.edge':
    'Check the URL and Host header (edge-optimized APIs and custom domains), the HTTP method, and any CloudFront distribution in front of the API.',
} as const;
