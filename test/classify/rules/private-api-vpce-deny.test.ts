import { privateApiVpceDeny } from '../../../src/classify/rules/private-api-vpce-deny';
import { testRule } from '../../support/rule-tester';
import { API, ARN_PREFIX, REGION, cloudwatch, endpointAllowPolicy, evidence } from '../../support/evidence';

const ID = '8e9f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b';
const METHOD_ARN = `${ARN_PREFIX}/v1/POST/clients/one/orders`;
const ALLOWED_VPCE = 'vpce-0a1b2c3d4e5f60718';
const CALLER_VPCE = 'vpce-0fedcba9876543210';
const FORBIDDEN = '{"message":"Forbidden"}';
const PRIVATE = { types: ['PRIVATE'], vpcEndpointIds: [ALLOWED_VPCE] };
const ANONYMOUS = `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}`;

/** The private-API policy of the AWS guide: Allow all, Deny every other VPC endpoint. */
const VPCE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    {
      Sid: 'DenyOtherEndpoints',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': ALLOWED_VPCE } },
    },
  ],
});

/** The same policy as GetRestApi returns it: the JSON string escaped once more, with `\/`. */
const VPCE_POLICY_FROM_GET_REST_API = String.raw`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111122223333:abc123defg\/*\"},{\"Sid\":\"DenyOtherEndpoints\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111122223333:abc123defg\/*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d4e5f60718\"}}}]}`;

const FROM_OTHER_VPCE = { requestId: ID, status: 403, vpceId: CALLER_VPCE, ip: '10.1.2.3', stage: 'v1' };

testRule(privateApiVpceDeny, {
  matches: [
    {
      name: 'an anonymous denial of a private API whose Allow needs both an IP range and the endpoint, neither known',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: 'execute-api:/*',
                  Condition: {
                    StringEquals: { 'aws:SourceVpce': ALLOWED_VPCE },
                    IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
                  },
                },
              ],
            }),
          },
        },
      }),
      // The IP condition may be the one that failed.
      confidence: 'medium',
    },
    {
      name: 'an anonymous denial of a private API whose Allow needs only the endpoint, the endpoint not known',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: endpointAllowPolicy(ALLOWED_VPCE, 'execute-api:/*'),
          },
        },
      }),
      // The denial is told and the endpoint is the only value the policy's decision waits on.
      confidence: 'high',
    },
    {
      name: "the access log's INVALID_SIGNATURE for a method without authorization, the endpoint type unknown: low",
      evidence: evidence({
        accessLog: { requestId: ID, status: '403', 'error.responseType': 'INVALID_SIGNATURE' },
        config: { method: { authorizationType: 'NONE' } },
      }),
      confidence: 'low',
      summary: /custom endpoint policy reads the Authorization header/,
    },
    {
      name: 'the answer names the VPC endpoint policy: no statement of it allows the call',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS} because no VPC endpoint policy allows the execute-api:Invoke action"}`,
        accessLog: FROM_OTHER_VPCE,
      }),
      confidence: 'high',
      summary: /VPC endpoint's policy refused the call: no statement in it allows/,
      checklist: [/aws:VpcSourceIp/],
    },
    {
      name: 'only the end of that answer, pasted, and an explicit Deny in the endpoint policy',
      evidence: evidence({ body: 'with an explicit deny in a VPC endpoint policy' }),
      confidence: 'high',
      summary: /with an explicit Deny/,
    },
    {
      name: "a private API's StringNotEquals aws:SourceVpce Deny matches the calling endpoint",
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS} with an explicit deny"}`,
        errorType: 'AccessDeniedException',
        accessLog: FROM_OTHER_VPCE,
        config: { restApi: { id: API, endpointConfiguration: PRIVATE, policy: VPCE_POLICY } },
      }),
      confidence: 'high',
      summary: new RegExp(
        `does not admit ${CALLER_VPCE} \\(StringNotEquals aws:SourceVpce ${ALLOWED_VPCE}\\)`,
      ),
      evidence_lines: [
        `Endpoint type: PRIVATE (VPC endpoints: ${ALLOWED_VPCE})`,
        `Caller's VPC endpoint: ${CALLER_VPCE}`,
      ],
      checklist: [
        `Allow the calling VPC endpoint (${CALLER_VPCE})`,
        `get-rest-api --rest-api-id ${API} --query policy`,
        `https://${API}-${CALLER_VPCE}.execute-api.${REGION}.vpce.amazonaws.com/v1/`,
        `create-deployment --rest-api-id ${API} --stage-name v1`,
      ],
    },
    {
      name: 'the VPCE policy in the double-escaped form GetRestApi returns',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS} with an explicit deny"}`,
        accessLog: FROM_OTHER_VPCE,
        config: {
          restApi: { id: API, endpointConfiguration: PRIVATE, policy: VPCE_POLICY_FROM_GET_REST_API },
        },
      }),
      confidence: 'high',
      summary: new RegExp(`does not admit ${CALLER_VPCE}`),
    },
    {
      name: 'an Allow-only private-API policy that lists another endpoint (implicit deny, no suffix)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: FROM_OTHER_VPCE,
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: endpointAllowPolicy(ALLOWED_VPCE, `${ARN_PREFIX}/*`),
          },
        },
      }),
      confidence: 'high',
      summary: new RegExp(`does not admit ${CALLER_VPCE} \\(StringEquals aws:SourceVpce ${ALLOWED_VPCE}\\)`),
    },
    {
      name: 'a private API and the resource-policy denial as an execution-log line, its policy not read: medium',
      evidence: evidence({
        log: cloudwatch(ID, 'Extended Request Id: Zm9vYmFyYmF6cXV4=', `${ANONYMOUS} with an explicit deny`),
        config: { restApi: { id: API, endpointConfiguration: PRIVATE } },
      }),
      confidence: 'medium',
      summary: /does not admit the VPC endpoint \(or network\) the call came from/,
    },
    {
      name: "a private API's answer without a suffix, its policy not read (a path it does not allow reads the same)",
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        config: { restApi: { id: API, endpointConfiguration: PRIVATE } },
      }),
      confidence: 'medium',
    },
    {
      name: 'a public API called from a VPC whose execute-api endpoint has private DNS on',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        request: { vpceId: CALLER_VPCE },
        config: { restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } } },
      }),
      confidence: 'high',
      summary: new RegExp(`public API was called from inside a VPC \\(${CALLER_VPCE}\\)`),
      checklist: [/custom domain name/],
    },
    {
      name: 'a private API answering Forbidden with nothing logged (wrong hostname, no x-apigw-api-id)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: { restApi: { id: API, endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [] } } },
      }),
      confidence: 'medium',
      evidence_lines: ['Endpoint type: PRIVATE (VPC endpoints: none associated)'],
      checklist: [/x-apigw-api-id/],
    },
    {
      name: 'the verbatim masked "User: anonymous" text alone (endpoint type unknown)',
      evidence: evidence({
        status: 403,
        body: 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:************:.../api/.../...',
      }),
      confidence: 'low',
    },
    {
      name: 'a Forbidden with no trace and nothing known about the API',
      evidence: evidence({ status: 403, body: FORBIDDEN }),
      confidence: 'low',
    },
    {
      name: 'a signature error for a method without authorization: a custom VPC endpoint policy read the Authorization header',
      evidence: evidence({
        status: 403,
        errorType: 'IncompleteSignatureException',
        accessLog: FROM_OTHER_VPCE,
        config: {
          restApi: { id: API, endpointConfiguration: PRIVATE },
          method: { authorizationType: 'NONE' },
        },
      }),
      confidence: 'medium',
      summary: /reads the Authorization header as a SigV4 signature/,
      checklist: [
        `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${CALLER_VPCE}`,
        /header other than Authorization/,
      ],
    },
  ],
  ignores: [
    {
      name: 'a private API whose policy admits the calling endpoint, on another path only',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: { ...FROM_OTHER_VPCE, vpceId: ALLOWED_VPCE },
        config: {
          restApi: {
            id: API,
            endpointConfiguration: PRIVATE,
            policy: endpointAllowPolicy(ALLOWED_VPCE, `${ARN_PREFIX}/v1/POST/clients/two/*`),
          },
          method: { authorizationType: 'NONE' },
        },
      }),
    },
    {
      name: 'a public (REGIONAL) API with an IP allow-list miss',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS}"}`,
        accessLog: { requestId: ID, ip: '198.51.100.7' },
        config: {
          restApi: {
            id: API,
            endpointConfiguration: { types: ['REGIONAL'] },
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: 'execute-api:/*',
                  Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
                },
              ],
            }),
          },
        },
      }),
    },
    {
      name: 'a private API whose Forbidden comes with an API-key rejection in the log',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        log: cloudwatch(
          ID,
          `API Key ${'*'.repeat(34)}k3yEnd not authorized because method 'GET /pets' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/v1: API Stage is not in a Usage Plan`,
          'Method completed with status: 403',
        ),
        config: { restApi: { id: API, endpointConfiguration: PRIVATE } },
      }),
    },
    {
      name: 'a Forbidden explained by a WAF_FILTERED access log',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: {
          requestId: ID,
          status: 403,
          'error.responseType': 'WAF_FILTERED',
          wafResponseCode: 'WAF_BLOCK',
          webaclArn:
            'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        },
      }),
    },
    {
      name: 'a Forbidden explained by an INVALID_API_KEY access log',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: {
          requestId: ID,
          status: 403,
          'error.responseType': 'INVALID_API_KEY',
          'identity.apiKeyId': 'a1b2c3d4e5',
        },
      }),
    },
    {
      name: "the Lambda authorizer's explicit deny on a private API",
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        config: { restApi: { id: API, endpointConfiguration: PRIVATE } },
      }),
    },
    {
      name: 'a public API called from outside any VPC (no vpceId)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: { restApi: { id: API, endpointConfiguration: { types: ['EDGE'] } } },
      }),
    },
    {
      name: 'a signature error for a private API method with a Lambda authorizer (the endpoint policy does not read the header then)',
      evidence: evidence({
        status: 403,
        errorType: 'IncompleteSignatureException',
        config: {
          restApi: { id: API, endpointConfiguration: PRIVATE },
          method: { authorizationType: 'CUSTOM', authorizerId: 'auth01' },
        },
      }),
    },
  ],
});
