import { other } from '../../../src/classify/rules/other';
import { testRule } from '../../support/rule-tester';
import { evaluateRule } from '../../../src/classify/classify';
import type { Evidence } from '../../../src/evidence/types';
import { english } from '../../../src/render/localize';
import {
  API,
  ARN_PREFIX,
  COGNITO_METHOD,
  LAMBDA_URI,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
} from '../../support/evidence';

const ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const INTEGRATION_URI =
  'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:pets-api/invocations';
const INVALID_PERMISSIONS =
  'Execution failed due to configuration error: Invalid permissions on Lambda function';
const ALLOWED_RUN = authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
  principalId: 'u',
  policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
});

/** The integration part of a trace (domain.md §6.4 step 10 onwards). */
function integration(...tail: string[]): string[] {
  return cloudwatch(
    ID,
    `Starting execution for request: ${ID}`,
    'HTTP Method: GET, Resource Path: /pets',
    ...tail,
  );
}

testRule(other, {
  matches: [
    {
      name: "an HTML page with API Gateway's ForbiddenException header (a customised gateway response, or WAF's)",
      evidence: evidence({
        status: 403,
        errorType: 'ForbiddenException',
        body: '<!DOCTYPE html><html><body><h1>Request blocked</h1></body></html>',
      }),
      confidence: 'medium',
      summary: /with signs that API Gateway sent it/,
      checklist: [/customised gateway responses/, 'aws apigateway get-gateway-responses --rest-api-id'],
    },
    {
      name: 'an HTML page from a stage with a web ACL (a WAF custom response is often HTML)',
      evidence: evidence({
        status: 403,
        body: '<html><body>Access denied by the firewall</body></html>',
        config: {
          stage: { stageName: 'prod', webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/a/1' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'the backend answered 403 and API Gateway passed it through (after the authorizer allowed)',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        log: [
          ...ALLOWED_RUN,
          ...integration(
            `Endpoint request URI: ${INTEGRATION_URI}`,
            'Received response. Status: 403, Integration latency: 35 ms',
            'Method completed with status: 403',
          ),
        ],
      }),
      confidence: 'high',
      summary: /backend answered 403 and API Gateway passed it through/,
      title: 'Not an API Gateway authorization failure',
      explanation: /Changing authorizers or policies will not help/,
      evidence_lines: [/^Received response\. Status: 403/, 'Method completed with status: 403'],
      checklist: [/backend's own logs/],
    },
    {
      name: 'the backend answered 401 itself, passed through (trace)',
      evidence: evidence({
        status: 401,
        body: '{"detail":"Invalid authentication credentials"}',
        log: integration(
          `Endpoint request URI: ${INTEGRATION_URI}`,
          'Received response. Status: 401, Integration latency: 12 ms',
          'Method completed with status: 401',
        ),
      }),
      confidence: 'high',
      summary: /backend answered 401 and API Gateway passed it through/,
    },
    {
      name: "the access log's integration status is the 403 the client got, with no gateway error",
      evidence: evidence({
        status: 403,
        body: '{"message": "Access denied: admin group required"}',
        accessLog: { status: '403', integrationStatus: '403', errorMessage: '-', 'error.responseType': '-' },
      }),
      confidence: 'high',
      summary: /backend answered 403/,
      evidence_lines: [/Access log integration status: 403, no gateway error/],
    },
    {
      name: 'a snake_case integration status (a format of its own) of the 401 the client got',
      evidence: evidence({
        status: 401,
        body: '{"detail":"Invalid authentication credentials"}',
        accessLog: { status: 401, integration_status: 401, error_message: '-' },
      }),
      confidence: 'high',
    },
    {
      name: "the integration's Lambda permission is missing (ends in Method completed with status: 500)",
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: integration(
          `Endpoint request URI: ${INTEGRATION_URI}`,
          `Sending request to ${INTEGRATION_URI}`,
          INVALID_PERMISSIONS,
          'Method completed with status: 500',
        ),
        config: { restApi: { id: API } },
      }),
      confidence: 'high',
      summary: /may not invoke the integration's Lambda function \(not the authorizer\)/,
      evidence_lines: [INVALID_PERMISSIONS, 'Method completed with status: 500'],
      checklist: [`:${API}/*/*/*`, /--principal apigateway.amazonaws.com/],
    },
    {
      name: "the permission line after the method's execution started, its end not pasted",
      evidence: evidence({ log: integration(`Sending request to ${INTEGRATION_URI}`, INVALID_PERMISSIONS) }),
      confidence: 'high',
      summary: /integration's Lambda function/,
    },
    {
      name: 'the permission line alone, with nothing that places it (an authorizer writes the same): low',
      evidence: evidence({
        log: cloudwatch(ID, `Sending request to ${INTEGRATION_URI}`, INVALID_PERMISSIONS),
      }),
      confidence: 'low',
    },
    {
      name: "the integration's Lambda permission is missing, after a Lambda authorizer that ran and allowed",
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: [
          ...ALLOWED_RUN,
          ...integration(
            `Endpoint request URI: ${INTEGRATION_URI}`,
            INVALID_PERMISSIONS,
            'Method completed with status: 500',
          ),
        ],
      }),
      confidence: 'high',
      summary: /integration's Lambda function/,
    },
    {
      name: "a Cognito user-pool authorizer's 401 (the two-line trace and the Unauthorized answer)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        errorType: 'UnauthorizedException',
        log: cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`),
        config: COGNITO_METHOD,
      }),
      confidence: 'high',
      summary: /Cognito user-pool authorizer refused the token/,
      title: 'The Cognito user-pool authorizer refused the token',
      explanation: /No IAM or resource policy makes that refusal/,
      checklist: [/iss must be the user pool/, /providerARNs/, /authorizationScopes/],
    },
    ...(
      [
        ['one scope', ['orders/read'], /OAuth scopes \(orders\/read\): send an access token/],
        [
          'two scopes',
          ['orders/read', 'orders/write'],
          /\(orders\/read, orders\/write\).*an ID token is refused/,
        ],
      ] as const
    ).map(([what, authorizationScopes, step]) => ({
      name: `a Cognito 401 on a method that lists ${what}: the checklist names them, the confidence stays what the 401 gives`,
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        log: cloudwatch(ID, `Unauthorized request: ${ID}`),
        config: {
          ...COGNITO_METHOD,
          method: { ...COGNITO_METHOD.method, authorizationScopes: [...authorizationScopes] },
        },
      }),
      confidence: 'high' as const,
      summary: /Cognito user-pool authorizer refused the token/,
      checklist: [/iss must be the user pool/, /providerARNs/, step],
    })),
    {
      name: "a Cognito 401 on a method with scopes whose authorizer validates the token's aud: no access token can pass",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: {
          ...COGNITO_METHOD,
          authorizer: { ...COGNITO_METHOD.authorizer, identityValidationExpression: '^3fq0ab12cd34$' },
          method: { ...COGNITO_METHOD.method, authorizationScopes: ['orders/read'] },
        },
      }),
      confidence: 'high',
      checklist: [
        /token validation \(\^3fq0ab12cd34\$\) is matched against the token's aud/,
        /OAuth scopes \(orders\/read\)/,
      ],
    },
    {
      name: 'a Cognito 401 on a method known to list no scopes: the token and pool steps only',
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: { ...COGNITO_METHOD, method: { ...COGNITO_METHOD.method, authorizationScopes: [] } },
      }),
      confidence: 'high',
      checklist: [/iss must be the user pool/, /providerARNs/],
    },
    {
      name: 'an expired token on a method that lists scopes: refresh, and the new token must carry one',
      evidence: evidence({
        status: 401,
        body: '{"message":"The incoming token has expired"}',
        config: {
          ...COGNITO_METHOD,
          method: { ...COGNITO_METHOD.method, authorizationScopes: ['orders/read'] },
        },
      }),
      confidence: 'high',
      summary: /refused the token because it has expired/,
      checklist: [/REFRESH_TOKEN_AUTH/, /IdTokenValidity/, /OAuth scopes \(orders\/read\)/],
    },
    {
      name: 'the expired-token words passed through from a backend the trace shows answering',
      evidence: evidence({
        status: 401,
        body: '{"message":"The incoming token has expired"}',
        log: integration(
          `Endpoint request URI: ${INTEGRATION_URI}`,
          'Received response. Status: 401, Integration latency: 12 ms',
          'Method completed with status: 401',
        ),
      }),
      confidence: 'high',
      summary: /backend answered 401/,
    },
    ...['NONE', 'AWS_IAM'].map((authorizationType) => ({
      name: `the lone permission line on a method whose authorization is ${authorizationType}: the integration's Lambda`,
      evidence: evidence({
        status: 500,
        log: cloudwatch(ID, INVALID_PERMISSIONS),
        config: { method: { authorizationType } },
      }),
      confidence: 'high' as const,
      summary: /integration's Lambda function/,
    })),
    {
      name: 'the lone permission line answered "Internal server error": the integration failed, not the authorizer step',
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: cloudwatch(ID, INVALID_PERMISSIONS),
      }),
      confidence: 'high',
      summary: /integration's Lambda function/,
    },
    {
      name: "CloudFront's geographic restriction, its sentence relayed in a client's own JSON",
      evidence: evidence({
        status: 403,
        body: '{"error":"The Amazon CloudFront distribution is configured to block access from your country"}',
      }),
      confidence: 'high',
      summary: /CloudFront/,
    },
    {
      name: 'a backend 401 the client never saw as 401 (trace): authorization passed, the mapping answered 500',
      evidence: evidence({
        status: 500,
        log: integration(
          'Received response. Status: 401, Integration latency: 12 ms',
          'Method completed with status: 500',
        ),
      }),
      confidence: 'high',
      summary:
        /passed every authorization step and reached its integration, which answered; it failed after that \(500\)/,
    },
    {
      name: 'an output mapping to a method response that does not exist, after the integration answered 200',
      evidence: evidence({
        status: 500,
        log: integration(
          `Sending request to ${INTEGRATION_URI}`,
          'Received response. Status: 200, Integration latency: 449 ms',
          'Execution failed due to configuration error: Output mapping refers to an invalid method response: 200',
          'Method completed with status: 500',
        ),
      }),
      confidence: 'high',
      summary: /failed after that \(500\)/,
      checklist: [/put-method-response/, /test-invoke-method/],
    },
    {
      name: "a malformed Lambda proxy response, the integration's answer seen at data tracing (502)",
      evidence: evidence({
        status: 502,
        body: '{"message": "Internal server error"}',
        log: integration(
          'Endpoint response body before transformations: {"isbn":"978-0486298238"}',
          'Execution failed due to configuration error: Malformed Lambda proxy response',
          'Method completed with status: 502',
        ),
      }),
      confidence: 'high',
      summary: /failed after that \(502\)/,
    },
    ...['INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT', 'API_CONFIGURATION_ERROR', 'BAD_REQUEST_BODY'].map(
      (type) => ({
        name: `the access log's ${type}, a gateway response chosen only outside authorization`,
        evidence: evidence({
          status: type.startsWith('BAD_') ? 400 : 500,
          accessLog: { requestId: 'r1', status: 500, 'error.responseType': type },
        }),
        confidence: 'high' as const,
        summary: new RegExp(`its ${type} gateway response, which it chooses only outside authorization`),
      }),
    ),
    {
      name: "a Lambda function URL's own 403 (the function's address was called, not the API's)",
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        body: '{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}',
      }),
      confidence: 'high',
      summary: /Lambda function URL refused the request/,
      checklist: [/invoke URL/, /lambda:InvokeFunctionUrl/],
    },
    {
      name: "a GraphQL error document (AppSync's UnauthorizedException), which no REST API writes",
      evidence: evidence({
        status: 401,
        body: '{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call."}]}',
      }),
      confidence: 'high',
      summary: /AWS service answered with its own error \(UnauthorizedException\)/,
    },
    {
      name: "a Cognito user-pool authorizer's expired-token answer, nothing read of the method",
      evidence: evidence({ status: 401, body: '{"message":"The incoming token has expired"}' }),
      confidence: 'high',
      summary: /refused the token because it has expired/,
      title: 'The Cognito user-pool authorizer refused the token',
      checklist: [/REFRESH_TOKEN_AUTH/, /IdTokenValidity/],
    },
    {
      name: "S3's own SignatureDoesNotMatch, passed through an S3 integration (not API Gateway's SigV4 check)",
      evidence: evidence({
        status: 403,
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>',
      }),
      confidence: 'high',
      summary: /An AWS service answered with its own error \(SignatureDoesNotMatch\)/,
      checklist: [/execution role/, /mapping template/],
    },
    {
      name: "DynamoDB's AccessDeniedException (__type) for the integration's role",
      evidence: evidence({
        status: 400,
        body: '{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::111122223333:assumed-role/apigw-ddb/BackplaneAssumeRoleSession is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/orders"}',
      }),
      confidence: 'high',
      summary: /\(AccessDeniedException\)/,
    },
    {
      name: "the integration's URI is no valid endpoint (after the method's execution started)",
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: integration(
          'Execution failed due to configuration error: Invalid endpoint address',
          'Method completed with status: 500',
        ),
      }),
      confidence: 'high',
      summary: /cannot call the integration: its URI is no valid endpoint/,
      checklist: [/get-integration .*--http-method GET --query uri/],
    },
    {
      name: 'throttled: 429 Too Many Requests',
      evidence: evidence({
        status: 429,
        body: '{"message":"Too Many Requests"}',
        errorType: 'TooManyRequestsException',
      }),
      confidence: 'high',
      summary: /throttled \(429\)/,
      checklist: [/usage plan's throttle and quota/],
    },
    {
      name: 'a 429 whose x-amzn-ErrorType names a refusal (a WAF rule answering 429, say): less sure',
      evidence: evidence({ status: 429, errorType: 'ForbiddenException', body: '{"message":"Forbidden"}' }),
      confidence: 'medium',
      summary: /throttled \(429\)/,
    },
    {
      name: 'a usage-plan quota: 429 Limit Exceeded',
      evidence: evidence({
        status: 429,
        body: '{"message":"Limit Exceeded"}',
        errorType: 'LimitExceededException',
      }),
      confidence: 'high',
    },
    {
      name: 'CloudFront rejected the call with an HTML 403',
      evidence: evidence({
        status: 403,
        body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n</BODY></HTML>',
      }),
      confidence: 'high',
      summary: /CloudFront rejected the call/,
    },
    {
      name: "another server's HTML page (nginx's), not CloudFront's: in front of the API or behind it, not said which",
      evidence: evidence({
        status: 403,
        body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>',
      }),
      confidence: 'medium',
      summary:
        /^An HTML page answered \(signed nginx\).*a server in front of the API .* or the backend behind it/,
      checklist: [/signed nginx/, /call the stage's invoke URL directly/],
    },
    {
      name: 'an unsigned HTML page of another server',
      evidence: evidence({ status: 403, body: '<html><body><h1>Access denied</h1></body></html>' }),
      confidence: 'medium',
      summary: /^An HTML page answered, and API Gateway's own answers are JSON/,
      checklist: [/call the stage's invoke URL directly/],
    },
    {
      name: "CloudFront's error page pasted as text, not HTML",
      evidence: evidence({
        status: 403,
        body: "403 ERROR\nThe request could not be satisfied.\nBad request. We can't connect to the server for this app or website at this time.\nGenerated by cloudfront (CloudFront)",
      }),
      confidence: 'high',
    },
    {
      name: "the integration role API Gateway may not assume, told by a gateway response that is not an authorizer's",
      evidence: evidence({
        log: cloudwatch(
          ID,
          'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::111122223333:role/pets-integration-role',
          'Gateway response type: DEFAULT_5XX with status code: 500',
        ),
      }),
      confidence: 'high',
      summary:
        /cannot assume arn:aws:iam::111122223333:role\/pets-integration-role, the role its integration runs with/,
      checklist: ['aws iam get-role --role-name pets-integration-role'],
    },
    {
      name: "the console's Test tab (no authorizer step in a trace read whole) with Invalid permissions",
      evidence: evidence({
        log: [
          `Execution log for request ${ID}`,
          'Mon Apr 22 10:00:00 UTC 2019 : Sending request to https://lambda.us-east-1.amazonaws.com/x',
          `Mon Apr 22 10:00:00 UTC 2019 : ${INVALID_PERMISSIONS}`,
          'Mon Apr 22 10:00:00 UTC 2019 : Method response headers: {}',
          'Mon Apr 22 10:00:00 UTC 2019 : Method completed with status: 500',
        ],
      }),
      confidence: 'high',
      summary: /integration's Lambda function/,
    },
    {
      name: "CloudFront's default page for a web ACL's block ('Request blocked.'): the distribution's WAF first",
      evidence: evidence({
        status: 403,
        body: "<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1>\nRequest blocked.\nWe can't connect to the server for this app or website at this time.</BODY></HTML>",
      }),
      confidence: 'high',
      checklist: [
        /web ACL \(AWS WAF\) on the distribution/,
        'aws wafv2 list-web-acls --scope CLOUDFRONT --region us-east-1',
      ],
    },
  ],
  ignores: [
    {
      name: "an authorizer's refusal beside an integration's answer: two requests' lines mixed, not one that passed",
      evidence: evidence({
        status: 403,
        log: [
          'The client is not authorized to perform this operation.',
          'Received response. Status: 200, Integration latency: 7 ms',
          'Method completed with status: 403',
        ],
      }),
    },
    {
      name: 'the expired-token words with a 403 (not what a user-pool authorizer answers)',
      evidence: evidence({ status: 403, body: '{"message":"The incoming token has expired"}' }),
    },
    {
      name: "a 401 on a method read as Cognito's, whose trace shows an authorizer Lambda called (not Cognito's)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: COGNITO_METHOD,
        log: cloudwatch(
          ID,
          'Starting authorizer: auth01 for request: ' + ID,
          `Sending request to ${LAMBDA_URI}`,
          'Unauthorized',
        ),
      }),
    },
    {
      name: "a Cognito method's answer that is no 401 Unauthorized (a Forbidden, whatever the status says)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Forbidden"}',
        config: { method: { authorizationType: 'COGNITO_USER_POOLS' } },
      }),
    },
    {
      name: 'a 403 on a method with a Cognito user-pool authorizer (a resource policy, say)',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111122223333:abc/prod/GET/pets"}',
        config: { method: { authorizationType: 'COGNITO_USER_POOLS' } },
      }),
    },
    {
      name: 'the authorizer variant of "Invalid permissions" (ends in Authorizer error)',
      evidence: evidence({
        status: 500,
        body: '{"message":null}',
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          INVALID_PERMISSIONS,
          'Execution failed due to configuration error: Authorizer error',
        ),
      }),
    },
    {
      name: "the Lambda authorizer's explicit deny",
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      }),
    },
    {
      name: 'a successful call (Received response. Status: 200)',
      evidence: evidence({
        log: [
          ...ALLOWED_RUN,
          ...integration(
            'Received response. Status: 200, Integration latency: 35 ms',
            'Method completed with status: 200',
          ),
        ],
      }),
    },
    {
      name: 'an API-key Forbidden before the integration',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        log: cloudwatch(
          ID,
          `API Key ${'*'.repeat(34)}k3yEnd not authorized because method 'GET /pets' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/prod: API Stage is not in a Usage Plan`,
          'Method completed with status: 403',
        ),
      }),
    },
    {
      name: 'an access log whose integration status differs from what the client got',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        accessLog: { status: '403', integrationStatus: '200' },
      }),
    },
    {
      name: 'an access log with an integration 403 but a gateway error recorded for the request',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        accessLog: { status: '403', integrationStatus: '403', 'error.responseType': 'WAF_FILTERED' },
      }),
    },
    {
      name: 'a 500 {"message":null} from the authorizer',
      evidence: evidence({
        status: 500,
        body: '{"message":null}',
        errorType: 'AuthorizerConfigurationException',
      }),
    },
  ],
});

/**
 * The scopes part of a Cognito refusal, by what is known of the method's scopes: named when listed, the generic
 * step when not known, no step when it lists none; what settles it (the token's claims) only when scopes are set.
 */
describe('a Cognito refusal and the OAuth scopes of its method', () => {
  const cognito401 = (method: Record<string, unknown> | undefined) =>
    evidence({
      status: 401,
      body: '{"message":"Unauthorized"}',
      config: { ...COGNITO_METHOD, method: { ...COGNITO_METHOD.method, ...method } },
    });
  const expired = (method: Record<string, unknown> | undefined) =>
    evidence({
      status: 401,
      body: '{"message":"The incoming token has expired"}',
      config: { ...COGNITO_METHOD, method: { ...COGNITO_METHOD.method, ...method } },
    });

  it.each([
    [
      'scopes listed',
      cognito401({ authorizationScopes: ['orders/read', 'email'] }),
      3,
      'orders/read, email',
      true,
    ],
    [
      'scopes as a bundle writes them (one text)',
      cognito401({ authorizationScopes: 'orders/read email' }),
      3,
      'orders/read, email',
      true,
    ],
    ['scopes not known', cognito401(undefined), 3, 'If the method lists', false],
    [
      'a list of nothing readable: not known',
      cognito401({ authorizationScopes: [3, ''] }),
      3,
      'If the method lists',
      false,
    ],
    ['known to list none', cognito401({ authorizationScopes: [] }), 2, undefined, false],
    [
      'an aud validation without scopes: ID tokens carry aud, nothing to say',
      evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: {
          ...COGNITO_METHOD,
          authorizer: { ...COGNITO_METHOD.authorizer, identityValidationExpression: '^3fq0ab12cd34$' },
          method: { ...COGNITO_METHOD.method, authorizationScopes: [] },
        },
      }),
      2,
      undefined,
      false,
    ],
    ['expired, scopes listed', expired({ authorizationScopes: ['orders/read'] }), 3, 'orders/read', false],
    ['expired, scopes not known', expired(undefined), 2, undefined, false],
    ['expired, known to list none', expired({ authorizationScopes: [] }), 2, undefined, false],
  ] as const)('%s', (_name, given, steps, scopeStep, settled) => {
    const finding = evaluateRule(other, given as Evidence);
    expect(finding?.confidence).toBe('high');
    const checklist = (finding?.checklist ?? []).map((step) => english.t(step.text));
    expect(checklist).toHaveLength(steps);
    const scoped = checklist.filter((step) => /OAuth scopes/.test(step));
    if (scopeStep === undefined) expect(scoped).toEqual([]);
    else expect(scoped).toEqual([expect.stringContaining(scopeStep)]);
    const settle = (finding?.settle ?? []).map(english.t);
    if (settled) {
      expect(settle).toEqual([
        expect.stringMatching(/token_use "id".*none of orders\/read, email in its scope claim/),
      ]);
    } else expect(settle).toEqual([]);
  });
});
