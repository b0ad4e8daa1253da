import { authorizerReturnedUnauthorized } from '../../../src/classify/rules/authorizer-returned-unauthorized';
import { testRule } from '../../support/rule-tester';
import {
  ARN_PREFIX,
  LAMBDA_URI,
  REGION,
  TOKEN_AUTHORIZER,
  authorizerReturned,
  authorizerRun,
  cloudwatch,
  evidence,
  functionLog,
  policy,
} from '../../support/evidence';

const ID = 'cf101403-6d1b-4c7e-9a2f-3b4c5d6e7f80';
const UNAUTHORIZED = '{"message":"Unauthorized"}';
const AUTHORIZER_INVOCATION = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const T0 = '2017-06-05T17:52:57.701Z';

/** Domain.md §7: the authorizer ran (lines 1–6 of §6.4), then `Unauthorized request: <id>` and a bare `Unauthorized`. */
function rejectedRun(wrap: (message: string) => string): string[] {
  return [
    'Extended Request Id: AbCdEfGhIjKlMnO=',
    `Starting authorizer: auth01 for request: ${ID}`,
    'Incoming identity: ***************************abc123',
    `Endpoint request URI: ${LAMBDA_URI}`,
    `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN_PREFIX}/prod/GET/pets","authorizationToken":"***"}`,
    `Sending request to ${LAMBDA_URI}`,
    `Unauthorized request: ${ID}`,
    'Unauthorized',
  ].map(wrap);
}

const AT = Date.parse('2026-11-30T08:00:00Z');
const LAMBDA_ID = '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b';

const NO_CALL_FIELDS = { 'authorizer.requestId': '-', 'authorizer.latency': '-' };
const ACCESS_LOG_ONLY = {
  'execution-log': { read: 'not-configured', reason: 'execution logging is off' },
  'access-log': { read: 'complete' },
} as const;

/** A 401 Unauthorized whose access-log record holds `fields` besides its request id and status. */
function answered401With(fields: Record<string, string>) {
  return evidence({
    status: 401,
    body: UNAUTHORIZED,
    accessLog: { requestId: ID, status: '401', ...fields },
  });
}

testRule(authorizerReturnedUnauthorized, {
  matches: [
    {
      name: "the result body is the 'Unauthorized' error the Lambda threw (status unknown)",
      evidence: evidence({
        log: authorizerReturned(ID, '{"errorMessage":"Unauthorized","errorType":"Error"}'),
      }),
      confidence: 'high',
    },
    {
      name: 'the same, while the client got 403: contradicted',
      evidence: evidence({
        status: 403,
        log: authorizerReturned(ID, '{"errorMessage":"Unauthorized","errorType":"Error"}'),
      }),
      confidence: 'medium',
    },
    {
      name: 'a 401 after the Lambda returned something else (null): contradicted',
      evidence: evidence({
        status: 401,
        log: authorizerReturned(ID, 'null'),
      }),
      confidence: 'medium',
    },
    {
      name: 'the same without its "Starting authorizer" line: "Incoming identity" still places the Lambda call in the authorizer step',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(
          ID,
          'Extended Request Id: Ns6aIkZTGtHHahD=',
          'Incoming identity: ********aaaaaa',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          `Unauthorized request: ${ID}`,
          'Unauthorized',
        ),
      }),
      confidence: 'high',
    },
    {
      name: 'an exported trace: the Lambda was invoked, then "Unauthorized request" and a bare "Unauthorized"',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: rejectedRun((message) => `${T0} (${ID}) ${message}`),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
      summary: /ran for this request and rejected the token with "Unauthorized"/,
      evidence_lines: [
        `Endpoint request URI: ${LAMBDA_URI}`,
        /^Unauthorized$/,
        `Unauthorized request: ${ID}`,
      ],
      checklist: [
        `aws logs filter-log-events --log-group-name /aws/lambda/authorizer --start-time ${Date.parse(T0) - 60_000} --end-time ${Date.parse(T0) + 60_000} --region ${REGION}`,
      ],
    },
    {
      name: 'the same trace as CloudWatch shows it, without the client response',
      evidence: evidence({ log: rejectedRun((message) => `(${ID}) ${message}`) }),
      confidence: 'high',
    },
    {
      name: "the console's Test tab: the Lambda was called and the run ends in a bare Unauthorized",
      evidence: evidence({
        log: [
          'Execution log for request test-request',
          'Thu Sep 05 04:56:39 UTC 2019 : Starting authorizer: auth01 for request: test-request',
          'Thu Sep 05 04:56:39 UTC 2019 : Incoming identity: ***************************abc123',
          `Thu Sep 05 04:56:39 UTC 2019 : Endpoint request URI: ${LAMBDA_URI}`,
          `Thu Sep 05 04:56:39 UTC 2019 : Sending request to ${LAMBDA_URI}`,
          'Thu Sep 05 04:56:40 UTC 2019 : Unauthorized',
        ],
      }),
      confidence: 'high',
    },
    {
      name: 'the access log names the authorizer invocation for a 401',
      evidence: answered401With({
        'error.responseType': 'UNAUTHORIZED',
        'authorizer.integrationStatus': '200',
        'authorizer.requestId': AUTHORIZER_INVOCATION,
        'authorizer.error': 'Unauthorized',
      }),
      confidence: 'high',
      evidence_lines: [`Authorizer invocation id: ${AUTHORIZER_INVOCATION}`],
    },
    {
      name: "the access log shows the call and a 401, but not whose 401 (a backend's after an Allow reads the same)",
      evidence: answered401With({
        'authorizer.integrationStatus': '200',
        'authorizer.requestId': AUTHORIZER_INVOCATION,
      }),
      confidence: 'medium',
    },
    {
      name: 'the client view alone (pretty-printed 401): the authorizer may have said Unauthorized',
      evidence: evidence({ status: 401, body: '{\n  "message": "Unauthorized"\n}' }),
      confidence: 'low',
      summary: /may have run and rejected the token/,
      checklist: [/--log-group-name \/aws\/lambda\/<authorizer-function-name>/],
    },
    {
      name: "the function's own log shows this request's invocation throwing Unauthorized",
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: LAMBDA_ID,
            start: AT + 30,
            end: AT + 80,
            coldStart: false,
            timedOut: false,
            unauthorized: true,
          },
        ]),
      }),
      confidence: 'high',
      evidence_lines: [`invocation ${LAMBDA_ID} failing with "Unauthorized"`],
    },
    {
      name: 'an access-log record alone whose format does not log the authorizer fields: low (it may have)',
      evidence: evidence({
        accessLog: { requestId: ID, status: '401', 'error.responseType': 'UNAUTHORIZED' },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'low',
    },
    {
      name: 'the same with the call fields logged as "-": low, the call was not recorded',
      evidence: evidence({
        accessLog: { requestId: ID, status: '401', 'error.responseType': 'UNAUTHORIZED', ...NO_CALL_FIELDS },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'low',
    },
    {
      name: "the function's log shows an Unauthorized invocation at the time, but the access log records no call: medium",
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        accessLog: { requestId: ID, status: '401', ...NO_CALL_FIELDS },
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: LAMBDA_ID,
            start: AT + 30,
            end: AT + 80,
            coldStart: false,
            timedOut: false,
            unauthorized: true,
          },
        ]),
      }),
      confidence: 'medium',
    },
  ],
  ignores: [
    {
      name: "the access log names the principal the authorizer's policy gave: the 401 came later",
      evidence: answered401With({
        'authorizer.integrationStatus': '200',
        'authorizer.principalId': 'user-4711',
      }),
    },
    {
      name: "the access log names the integration's status: the request got past the authorizer",
      evidence: answered401With({
        'authorizer.requestId': AUTHORIZER_INVOCATION,
        'integration.status': '401',
      }),
    },
    {
      name: 'the Lambda was called and the step completed, then the request went on and ended 401 (a later step answered)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(
          ID,
          `Starting authorizer: a1b2c3 for request: ${ID}`,
          `Sending request to ${LAMBDA_URI}`,
          'Successfully completed authorizer execution',
          `Starting execution for request: ${ID}`,
          'Method completed with status: 401',
        ),
      }),
    },
    {
      name: 'a 401 on a method with a Cognito user-pool authorizer (no Lambda to say Unauthorized)',
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: { method: { authorizationType: 'COGNITO_USER_POOLS' } },
      }),
    },
    {
      name: 'the identity-missing two-line trace (no Lambda call)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`),
      }),
    },
    {
      name: 'the Lambda returned a Deny policy (a 403, not a 401)',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        log: authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
          principalId: 'u',
          policyDocument: policy('Deny', `${ARN_PREFIX}/*`),
        }),
      }),
    },
    {
      name: 'the Lambda returned a policy that parsed, even though the access log says UNAUTHORIZED',
      evidence: evidence({
        log: authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
        }),
        accessLog: { requestId: ID, status: 401, 'error.responseType': 'UNAUTHORIZED' },
      }),
    },
    {
      name: 'a 500 from a crashing authorizer',
      evidence: evidence({
        status: 500,
        body: '{"message":null}',
        errorType: 'AuthorizerConfigurationException',
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          'Authorizer result body before parsing: {"errorType":"Error","errorMessage":"jwt expired"}',
          'Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable',
          'AuthorizerConfigurationException',
        ),
      }),
    },
    {
      name: 'a 403 implicit deny',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
      }),
    },
  ],
});
