import { resourcePolicyImplicitDeny } from '../../../src/classify/rules/resource-policy-implicit-deny';
import { testRule } from '../../support/rule-tester';
import {
  ACCOUNT,
  API,
  ARN_PREFIX,
  REGION,
  TOKEN_AUTHORIZER,
  authorizerRun,
  cloudwatch,
  endpointAllowPolicy,
  evidence,
  policy,
} from '../../support/evidence';

const ID = 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70';
const METHOD_ARN = `${ARN_PREFIX}/api/GET/sentiment/`;
const ANONYMOUS = `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}`;

/** An IP allow-list with no explicit Deny: fine for NONE methods, silent for everyone else. */
const ALLOW_LIST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowOfficeIps',
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: `${ARN_PREFIX}/*`,
      Condition: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.0.0.0/8'] } },
    },
  ],
});

/** The same policy as GetRestApi returns it: the JSON string escaped once more, with `\/`. */
const ALLOW_LIST_FROM_GET_REST_API = String.raw`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowOfficeIps\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111122223333:abc123defg\/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0\/24\",\"10.0.0.0\/8\"]}}}]}`;

const REGIONAL = { types: ['REGIONAL'] };
const CALLER = { requestId: ID, ip: '198.51.100.7', status: 403, 'error.responseType': 'ACCESS_DENIED' };
const NONE_METHOD = {
  httpMethod: 'GET',
  resourcePath: '/sentiment',
  authorizationType: 'NONE',
  apiKeyRequired: false,
};

const ALLOWED_VPCE = 'vpce-0a1b2c3d4e5f60718';
const OTHER_VPCE = 'vpce-0fedcba9876543210';
const PRIVATE = { types: ['PRIVATE'], vpcEndpointIds: [ALLOWED_VPCE] };

testRule(resourcePolicyImplicitDeny, {
  matches: [
    {
      name: "the same with the caller's IP logged outside the list, but a plain Forbidden answer: contradicted",
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        accessLog: {
          requestId: ID,
          ip: '198.51.100.7',
          status: 403,
          httpMethod: 'GET',
          path: '/api/sentiment/',
          stage: 'api',
        },
        request: { region: REGION, accountId: ACCOUNT },
        config: {
          restApi: { id: API, policy: ALLOW_LIST, endpointConfiguration: REGIONAL },
          method: NONE_METHOD,
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'a PRIVATE API whose policy was not read: the same text is more often its endpoint condition (low)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        config: { restApi: { id: API, endpointConfiguration: PRIVATE } },
      }),
      confidence: 'low',
    },
    {
      name: 'a PRIVATE API whose policy admits the calling endpoint, on another path only',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: { ...CALLER, vpceId: ALLOWED_VPCE },
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: endpointAllowPolicy(ALLOWED_VPCE, `${ARN_PREFIX}/*/GET/orders/*`),
          },
          method: NONE_METHOD,
        },
      }),
      confidence: 'high',
    },
    {
      name: "a denial line in the execution log, an anonymous caller's, without a suffix (read as the answer is; endpoint type unknown: low)",
      evidence: evidence({
        status: 403,
        log: cloudwatch(ID, ANONYMOUS, 'Method completed with status: 403'),
      }),
      confidence: 'low',
    },
    {
      name: 'the same denial line on an API known to be public (REGIONAL), its policy not read',
      evidence: evidence({
        status: 403,
        log: cloudwatch(ID, ANONYMOUS, 'Method completed with status: 403'),
        config: { restApi: { id: API, endpointConfiguration: REGIONAL } },
      }),
      confidence: 'medium',
    },
    {
      name: 'an IP allow-list miss on a method without authorization (public API, policy evaluated)',
      evidence: evidence({
        status: 403,
        body: `{\n    "Message":"${ANONYMOUS}"\n}`,
        accessLog: CALLER,
        config: {
          method: NONE_METHOD,
          restApi: { id: API, endpointConfiguration: REGIONAL, policy: ALLOW_LIST },
        },
      }),
      confidence: 'high',
      summary:
        /Allow, statement #0 \(Sid AllowOfficeIps\), does not match this caller: aws:SourceIp 198\.51\.100\.7 is not in 192\.0\.2\.0\/24, 10\.0\.0\.0\/8/,
      evidence_lines: [`Response: ${ANONYMOUS}`, 'Method authorization: NONE'],
      checklist: [
        'source IP 198.51.100.7',
        `get-rest-api --rest-api-id ${API} --query policy --output text --region ${REGION}`,
        `create-deployment --rest-api-id ${API} --stage-name api --region ${REGION}`,
      ],
    },
    {
      name: 'the allow-list in the double-escaped form GetRestApi returns',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: CALLER,
        config: {
          method: NONE_METHOD,
          restApi: { id: API, endpointConfiguration: REGIONAL, policy: ALLOW_LIST_FROM_GET_REST_API },
        },
      }),
      confidence: 'high',
      summary: /AllowOfficeIps.*198\.51\.100\.7 is not in 192\.0\.2\.0\/24/,
    },
    {
      name: 'a Cognito-authorized method with a resource policy that names another account only',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        config: {
          method: { authorizationType: 'COGNITO_USER_POOLS' },
          restApi: {
            id: API,
            endpointConfiguration: REGIONAL,
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
                  Action: 'execute-api:Invoke',
                  Resource: `${ARN_PREFIX}/*`,
                },
              ],
            }),
          },
        },
      }),
      confidence: 'high',
    },
    {
      name: 'a customised gateway response hid the message; the NONE method, the access log and the policy decide',
      evidence: evidence({
        accessLog: {
          ...CALLER,
          httpMethod: 'GET',
          resourcePath: '/sentiment/',
          path: '/api/sentiment/',
          stage: 'api',
        },
        request: { region: REGION, accountId: '111122223333' },
        config: { method: NONE_METHOD, restApi: { id: API, policy: ALLOW_LIST } },
      }),
      confidence: 'high',
      summary: /AllowOfficeIps/,
    },
    {
      name: 'the verbatim masked-account response alone: a public IP allow-list miss, or a private API refusing its endpoint (low)',
      evidence: evidence({
        status: 403,
        body: '{\n    "Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-2:********1977:fywvr4qneh/api/GET/sentiment/"\n}',
      }),
      confidence: 'low',
      summary: /Nothing in the resource policy allows this caller/,
    },
    {
      name: 'the newer "because no resource-based policy allows the execute-api:Invoke action" suffix, endpoint type unknown (a private API refusing its endpoint says the same): low',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS} because no resource-based policy allows the execute-api:Invoke action"}`,
        errorType: 'AccessDeniedException',
      }),
      confidence: 'low',
    },
    {
      name: "the Knowledge Center's template body with a placeholder ARN, endpoint type unknown: low",
      evidence: evidence({
        status: 403,
        body: '{\n"message": "User: anonymous is not authorized to perform: execute-api:Invoke on resource: <api-resource-arn>"\n}',
      }),
      confidence: 'low',
    },
    {
      name: 'an IAM caller from another account with no resource-policy Allow (Table B), nothing else known',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:sts::444455556666:assumed-role/partner-app/session-1 is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}"}`,
      }),
      confidence: 'low',
    },
    {
      name: 'AccessDeniedException with a customised body, nothing else read: one of the ACCESS_DENIED causes, low',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        body: '{"errors":[{"message":"Access to requested resource is denied.","code":"Unauthorized"}]}',
      }),
      confidence: 'low',
      summary:
        /API Gateway denied access \(ACCESS_DENIED\), and nothing read says which check refused: the resource policy/,
      evidence_lines: [
        'Response: Access to requested resource is denied.',
        'x-amzn-ErrorType: AccessDeniedException',
      ],
    },
    {
      name: "the access log's ACCESS_DENIED alone, on a method without authorization",
      evidence: evidence({
        accessLog: { requestId: 'r1', status: 403, 'error.responseType': 'ACCESS_DENIED' },
        config: { method: { authorizationType: 'NONE' } },
      }),
      confidence: 'low',
    },
  ],
  ignores: [
    ...['CUSTOM', 'AWS_IAM'].map((authorizationType) => ({
      name: `AccessDeniedException, nothing else read, on a method whose authorization is ${authorizationType}`,
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        config: { method: { authorizationType } },
      }),
    })),
    {
      name: "a 403 on a NONE method, the caller's IP not logged: the IP allow-list might have allowed it",
      evidence: evidence({
        status: 403,
        accessLog: { requestId: ID, status: 403, httpMethod: 'GET', path: '/api/sentiment/', stage: 'api' },
        request: { region: REGION, accountId: ACCOUNT },
        config: {
          restApi: { id: API, policy: ALLOW_LIST, endpointConfiguration: REGIONAL },
          method: NONE_METHOD,
        },
      }),
    },
    {
      name: 'an anonymous denial that names the VPC endpoint policy',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS} because no VPC endpoint policy allows the execute-api:Invoke action"}`,
      }),
    },
    {
      name: 'the explicit-deny suffix (resource-policy-explicit-deny)',
      evidence: evidence({ status: 403, body: `{"Message":"${ANONYMOUS} with an explicit deny"}` }),
    },
    {
      name: "a PRIVATE API's policy refusing the calling VPC endpoint: private-api-vpce-deny's",
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: { ...CALLER, vpceId: OTHER_VPCE },
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: endpointAllowPolicy(ALLOWED_VPCE, `${ARN_PREFIX}/*`),
          },
          method: NONE_METHOD,
        },
      }),
    },
    {
      name: 'an IAM caller whose own identity policy is the problem ("in an identity-based policy")',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in an identity-based policy"}`,
      }),
    },
    {
      name: "the deployed policy allows the caller's IP",
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: { ...CALLER, ip: '10.4.5.6' },
        config: {
          method: NONE_METHOD,
          restApi: { id: API, endpointConfiguration: REGIONAL, policy: ALLOW_LIST },
        },
      }),
    },
    {
      name: 'a Lambda-authorizer method whose authorizer missed the method while the resource policy is silent',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
        log: [
          ...authorizerRun(ID, METHOD_ARN, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/dev/*/*`),
          }),
          ...cloudwatch(ID, 'The client is not authorized to perform this operation.'),
        ],
        accessLog: CALLER,
        config: {
          authorizer: TOKEN_AUTHORIZER,
          method: { authorizationType: 'CUSTOM', authorizerId: 'auth01' },
          restApi: { id: API, endpointConfiguration: REGIONAL, policy: ALLOW_LIST },
        },
      }),
    },
    {
      name: 'config only: a silent policy on a CUSTOM method, where an authorizer Allow would suffice (Table A)',
      evidence: evidence({
        accessLog: {
          ...CALLER,
          httpMethod: 'GET',
          resourcePath: '/sentiment/',
          path: '/api/sentiment/',
          stage: 'api',
        },
        request: { region: REGION, accountId: '111122223333' },
        config: {
          method: { authorizationType: 'CUSTOM', authorizerId: 'auth01' },
          restApi: { id: API, policy: ALLOW_LIST },
        },
      }),
    },
    {
      name: 'API-key Forbidden',
      evidence: evidence({ status: 403, body: '{"message":"Forbidden"}', errorType: 'ForbiddenException' }),
    },
  ],
});
