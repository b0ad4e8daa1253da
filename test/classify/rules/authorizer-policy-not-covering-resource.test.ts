import { authorizerPolicyNotCoveringResource } from '../../../src/classify/rules/authorizer-policy-not-covering-resource';
import { testRule } from '../../support/rule-tester';
import {
  ACCOUNT,
  API,
  ARN_PREFIX,
  LAMBDA_URI,
  TOKEN_AUTHORIZER,
  accessDeniedAfterAuthorizer,
  authorizerCompleted,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
} from '../../support/evidence';

const ID = '9cef3834-5b2a-4d2b-9a43-0e1c7d2f1a11';
const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;
const NOT_AUTHORIZED = 'The client is not authorized to perform this operation.';
const IMPLICIT = '{"Message":"User is not authorized to access this resource"}';

/** A denied authorizer run: the run itself, then the terminal line of domain.md §6.4 step 10. */
function deniedRun(methodArn: string, result: unknown): string[] {
  return [...authorizerRun(ID, methodArn, result), ...cloudwatch(ID, NOT_AUTHORIZED)];
}

/** This request's authorizer started and its Lambda called, then the lines given. */
function calledAuthorizer(...lines: string[]): string[] {
  return cloudwatch(
    ID,
    `Starting authorizer: auth01 for request: ${ID}`,
    `Endpoint request URI: ${LAMBDA_URI}`,
    ...lines,
  );
}

function resourcePolicy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

testRule(authorizerPolicyNotCoveringResource, {
  matches: [
    {
      name: "only the access log's ACCESS_DENIED for a request whose authorizer ran (a candidate, its policy unseen)",
      evidence: evidence({
        accessLog: accessDeniedAfterAuthorizer(ID),
      }),
      confidence: 'low',
    },
    {
      name: 'a 403 right after the authorizer completed, its policy unseen (a candidate beside an explicit Deny)',
      evidence: evidence({
        status: 403,
        log: authorizerCompleted(ID),
      }),
      confidence: 'low',
    },
    {
      name: 'the authorizer ran and allowed the "dev" stage while the request went to "prod"',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        errorType: 'AccessDeniedException',
        log: deniedRun(METHOD_ARN, {
          principalId: 'user-123',
          policyDocument: policy('Allow', `${ARN_PREFIX}/dev/*/*`),
        }),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
      summary: /stage is "dev" where the request has "prod"/,
      evidence_lines: ['Authorizer result body before parsing', NOT_AUTHORIZED],
      checklist: [
        `arn:aws:execute-api:us-east-1:${ACCOUNT}:${API}/prod/*/*`,
        `flush-stage-authorizers-cache --rest-api-id ${API} --stage-name prod --region us-east-1`,
      ],
    },
    {
      name: 'a stage "null" copied from a console test invoke into the returned Resource',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, {
          principalId: '',
          policyDocument: policy('Allow', [`${ARN_PREFIX}/null/*/*`]),
        }),
      }),
      confidence: 'high',
      summary: /stage is "null" where the request has "prod"/,
    },
    {
      name: 'the policy allows GET /pets but the call was POST /pets',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: deniedRun(`${ARN_PREFIX}/prod/POST/pets`, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/GET/pets`),
        }),
      }),
      confidence: 'high',
      summary: /verb is "GET" where the request has "POST"/,
    },
    {
      name: 'an ANY /{proxy+} method: the Lambda ran and allowed only the path it was built for',
      evidence: evidence({
        log: deniedRun(`${ARN_PREFIX}/prod/GET/orders/42`, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/GET/user_info`),
        }),
      }),
      confidence: 'high',
      summary: /path is "user_info" where the request has "orders\/42"/,
    },
    {
      name: 'the Resource differs only in case (get vs GET)',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/get/pets`),
        }),
      }),
      confidence: 'high',
      summary: /verb is "get" where the request has "GET"/,
    },
    {
      name: 'the returned policy has an empty Statement list',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, {
          principalId: 'u',
          policyDocument: { Version: '2012-10-17', Statement: [] },
        }),
      }),
      confidence: 'high',
      summary: /allows nothing matching/,
    },
    {
      name: 'the Allow names the wrong action (lambda:InvokeFunction instead of execute-api:Invoke)',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, {
          principalId: 'u',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: `${ARN_PREFIX}/prod/*/*` },
            ],
          },
        }),
      }),
      confidence: 'high',
    },
    {
      name: 'a resource policy exists but is silent for this caller (Table A: Neither + Neither)',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/dev/*/*`),
        }),
        accessLog: { requestId: ID, ip: '198.51.100.7', status: 403, responseType: 'ACCESS_DENIED' },
        config: {
          authorizer: TOKEN_AUTHORIZER,
          restApi: {
            id: API,
            policy: resourcePolicy([
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 'execute-api:Invoke',
                Resource: `${ARN_PREFIX}/*`,
                Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
              },
            ]),
          },
        },
      }),
      confidence: 'high',
    },
    {
      name: 'the Lambda ran but the method ARN was cut off at 1024 bytes, so the policy cannot be checked',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: calledAuthorizer(
          `Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"${'x'.repeat(900)}","methodArn":"arn:aws:execute-ap [TRUNCATED]`,
          `Sending request to ${LAMBDA_URI}`,
          `Authorizer result body before parsing: {"principalId":"user-123","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN_PREFIX}/dev/GET/pets"}]}}`,
          'Using valid authorizer policy for principal: ****r-123',
          'Successfully completed authorizer execution',
          NOT_AUTHORIZED,
        ),
      }),
      confidence: 'medium',
      evidence_lines: [NOT_AUTHORIZED],
    },
    {
      name: "the method ARN unseen and rebuilt with the authorizer function's account, which the Allow does not name (it may be the API's)",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: calledAuthorizer(
          `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:444455556666:${API}/prod/GET/pets"}]}}`,
          'Successfully completed authorizer execution',
          NOT_AUTHORIZED,
        ),
        accessLog: { requestId: ID, status: 403, httpMethod: 'GET', resourcePath: '/pets' },
        config: {
          authorizer: TOKEN_AUTHORIZER,
          restApi: { id: API },
          stage: { stageName: 'prod' },
          method: {
            httpMethod: 'GET',
            resourcePath: '/pets',
            authorizationType: 'CUSTOM',
            authorizerId: 'auth01',
          },
        },
      }),
      confidence: 'medium',
      summary: /^(?!.*account)/,
    },
    {
      name: 'the access log shows the authorizer Lambda was invoked, and the response is the implicit-deny message',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        errorType: 'AccessDeniedException',
        accessLog: {
          requestId: ID,
          status: '403',
          'error.responseType': 'ACCESS_DENIED',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '3f1a2b4c-0d5e-4f60-8a7b-9c0d1e2f3a4b',
        },
      }),
      confidence: 'medium',
      summary: /did not allow this method/,
    },
    {
      name: 'only the implicit-deny message, but TTL 0 means the authorizer ran for this very request',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        config: { authorizer: { ...TOKEN_AUTHORIZER, authorizerResultTtlInSeconds: 0 } },
      }),
      confidence: 'high',
      evidence_lines: [/TTL 0/],
    },
    {
      name: 'only the pretty-printed implicit-deny response, nothing else known',
      evidence: evidence({
        status: 403,
        body: '{\n    "message": "User is not authorized to access this resource"\n}',
        errorType: 'AccessDeniedException',
      }),
      confidence: 'low',
    },
    {
      name: 'a masked log-tail excerpt: the authorizer completed with a policy, then the implicit deny',
      evidence: evidence({
        status: 403,
        body: '{\n    "Message": "User is not authorized to access this resource"\n}',
        log: [
          'API-Gateway-Execution-Logs_**********/dev ******************************** 2018-10-23T16:56:01.286Z (************************************) Successfully completed authorizer execution',
          'API-Gateway-Execution-Logs_**********/dev ******************************** 2018-10-23T16:56:01.287Z (************************************) The client is not authorized to perform this operation.',
        ],
      }),
      confidence: 'medium',
    },
    {
      name: 'AccessDeniedException without its words, on a method with a Lambda authorizer: low',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        config: { method: { authorizationType: 'CUSTOM' } },
      }),
      confidence: 'low',
      summary:
        /nothing read says which check refused: the Lambda authorizer's policy may not allow this method/,
    },
    {
      name: 'a 403 of which nothing was read, on a method with a Lambda authorizer: low',
      evidence: evidence({ status: 403, config: { method: { authorizationType: 'CUSTOM' } } }),
      confidence: 'low',
      summary: /A 403 of which nothing was read, on a method with a Lambda authorizer/,
    },
  ],
  ignores: [
    {
      name: 'a 403 of which nothing was read, its method unknown (any refusal answers so)',
      evidence: evidence({ status: 403 }),
    },
    {
      name: 'a 403 of which nothing was read, on a method that requires an API key',
      evidence: evidence({
        status: 403,
        config: { method: { authorizationType: 'CUSTOM', apiKeyRequired: true } },
      }),
    },
    {
      name: 'AccessDeniedException without its words, on an AWS_IAM method',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        config: { method: { authorizationType: 'AWS_IAM' } },
      }),
    },
    {
      name: 'a cache hit: the authorizer started but the Lambda was not invoked for this request',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: cloudwatch(
          ID,
          'Extended Request Id: AbCdEfGhIjKlMnO=',
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          NOT_AUTHORIZED,
        ),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'the returned Allow covers the method ARN',
      evidence: evidence({
        log: authorizerRun(ID, METHOD_ARN, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
        }),
      }),
    },
    {
      name: 'the authorizer misses the method but the resource policy allows the caller (Table A: Neither + Allow)',
      evidence: evidence({
        log: authorizerRun(ID, METHOD_ARN, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/dev/*/*`),
        }),
        config: {
          restApi: {
            id: API,
            policy: resourcePolicy([
              { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
            ]),
          },
        },
      }),
    },
    {
      name: 'the authorizer returned an explicit Deny for the method',
      evidence: evidence({
        log: deniedRun(METHOD_ARN, { principalId: 'u', policyDocument: policy('Deny', `${ARN_PREFIX}/*`) }),
      }),
    },
    {
      name: 'a cut-off result body that shows a Deny',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"${ARN_PREFIX}/prod/*/*"},{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-e [TRUNCATED]`,
          NOT_AUTHORIZED,
        ),
      }),
    },
    {
      name: 'the explicit-deny response',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      }),
    },
    {
      name: 'a resource-policy denial (User: anonymous …)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}"}`,
      }),
    },
    {
      name: 'a 401 Unauthorized',
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        errorType: 'UnauthorizedException',
      }),
    },
    {
      name: 'the authorizer allowed and the backend answered 403 itself',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        log: [
          ...authorizerRun(ID, METHOD_ARN, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
          }),
          ...cloudwatch(
            ID,
            `Starting execution for request: ${ID}`,
            'HTTP Method: GET, Resource Path: /pets',
            'Received response. Status: 403, Integration latency: 12 ms',
            'Method completed with status: 403',
          ),
        ],
      }),
    },
  ],
});
