import { resourcePolicyExplicitDeny } from '../../../src/classify/rules/resource-policy-explicit-deny';
import { testRule } from '../../support/rule-tester';
import { API, ARN_PREFIX, REGION, TOKEN_AUTHORIZER, cloudwatch, evidence } from '../../support/evidence';

const ID = 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f';
const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;
const ANONYMOUS_EXPLICIT = `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny`;

/** An IP allow-list done right (domain.md §4.4): Allow everyone, then an explicit Deny for every other IP. */
const IP_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    {
      Sid: 'DenyOutsideCorp',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
    },
  ],
});

/** The same Deny listing 120 corporate ranges (the caller in none): too long to quote in a checklist step. */
const LONG_IP_POLICY = IP_POLICY.replace(
  '"10.0.0.0/8","192.0.2.0/24"',
  Array.from({ length: 120 }, (_, i) => `"10.${i}.0.0/16"`).join(','),
);

/** The same policy as GetRestApi returns it: the JSON string escaped once more, with `\/`. */
const IP_POLICY_FROM_GET_REST_API = String.raw`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111122223333:abc123defg\/*\"},{\"Sid\":\"DenyOutsideCorp\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111122223333:abc123defg\/*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0\/8\",\"192.0.2.0\/24\"]}}}]}`;

const OUTSIDE_CALLER = {
  requestId: ID,
  ip: '203.0.113.9',
  status: 403,
  'error.responseType': 'ACCESS_DENIED',
};

testRule(resourcePolicyExplicitDeny, {
  matches: [
    {
      name: "config only, the caller's IP not logged: the NotIpAddress Deny may apply, no more",
      evidence: evidence({
        accessLog: {
          requestId: ID,
          status: 403,
          httpMethod: 'GET',
          resourcePath: '/pets',
          path: '/prod/pets',
          stage: 'prod',
        },
        request: { region: REGION, accountId: '111122223333' },
        config: { restApi: { id: API, policy: IP_POLICY } },
      }),
      confidence: 'medium',
      summary: /may deny: aws:SourceIp is unknown/,
    },
    {
      name: "the policy denies the caller's IP but the answer is a plain Forbidden (WAF, or another policy deployed)",
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        accessLog: {
          ...OUTSIDE_CALLER,
          'error.responseType': undefined,
          httpMethod: 'GET',
          resourcePath: '/pets',
          path: '/prod/pets',
          stage: 'prod',
        },
        request: { region: REGION, accountId: '111122223333' },
        config: { restApi: { id: API, policy: IP_POLICY } },
      }),
      confidence: 'medium',
    },
    {
      name: 'an anonymous explicit deny of an API of unknown endpoint type, its Deny on an unknown IP: may apply',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        config: { restApi: { id: API, policy: IP_POLICY } },
      }),
      confidence: 'medium',
    },
    {
      name: 'the policy read denies the caller, but the answer has no "with an explicit deny" (another policy deployed?)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}"}`,
        accessLog: OUTSIDE_CALLER,
        config: {
          restApi: { id: API, policy: IP_POLICY, endpointConfiguration: { types: ['REGIONAL'] } },
          method: { httpMethod: 'GET', resourcePath: '/pets', authorizationType: 'NONE' },
          stage: { stageName: 'prod' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: "the resource policy's NotIpAddress Deny matches the caller's IP from the access log",
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        errorType: 'AccessDeniedException',
        accessLog: OUTSIDE_CALLER,
        config: { authorizer: TOKEN_AUTHORIZER, restApi: { id: API, policy: IP_POLICY } },
      }),
      confidence: 'high',
      summary:
        /statement #1 \(Sid DenyOutsideCorp\) denies this call \(NotIpAddress aws:SourceIp matched 203\.0\.113\.9\)/,
      evidence_lines: [
        `Response: ${ANONYMOUS_EXPLICIT}`,
        /aws:SourceIp 203\.0\.113\.9 is not in any of 10\.0\.0\.0\/8, 192\.0\.2\.0\/24/,
      ],
      checklist: [
        /Read the deciding statement: .*"Sid":"DenyOutsideCorp".*"NotIpAddress":\{"aws:SourceIp"/,
        `create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`,
      ],
    },
    {
      name: 'a Deny listing 120 ranges: the checklist names its statement and gives the command, not 4 KB of JSON',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        accessLog: OUTSIDE_CALLER,
        config: { authorizer: TOKEN_AUTHORIZER, restApi: { id: API, policy: LONG_IP_POLICY } },
      }),
      confidence: 'high',
      checklist: [
        /^Read statement #1 \(Sid DenyOutsideCorp\) of the resource policy, the one that decides \([\d,]+ characters, too long to quote here\):\naws apigateway get-rest-api --rest-api-id abc123defg/,
      ],
    },
    {
      name: 'the same deny on a stage with a canary release: the fix deploys to the canary, then promotes it',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        accessLog: OUTSIDE_CALLER,
        config: {
          restApi: { id: API, policy: IP_POLICY },
          stage: {
            stageName: 'prod',
            deploymentId: 'dep1',
            canarySettings: { deploymentId: 'dep2', percentTraffic: 5 },
          },
        },
      }),
      confidence: 'high',
      checklist: [
        `create-deployment --rest-api-id ${API} --stage-name prod --canary-settings '{"percentTraffic":5}' --region ${REGION}\n` +
          `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations op=copy,path=/deploymentId,from=/canarySettings/deploymentId op=replace,path=/canarySettings/percentTraffic,value=0.0 --region ${REGION}`,
        /every deployment goes to the canary \(5% of requests\)/,
      ],
    },
    {
      name: 'the policy in the double-escaped form GetRestApi returns',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        accessLog: OUTSIDE_CALLER,
        config: { restApi: { id: API, policy: IP_POLICY_FROM_GET_REST_API } },
      }),
      confidence: 'high',
      summary: /\(Sid DenyOutsideCorp\).*NotIpAddress aws:SourceIp matched 203\.0\.113\.9/,
      checklist: ['DenyOutsideCorp'],
    },
    {
      name: 'config only: a customised gateway response hid the message, the policy and the access log decide',
      evidence: evidence({
        accessLog: {
          ...OUTSIDE_CALLER,
          httpMethod: 'GET',
          resourcePath: '/pets',
          path: '/prod/pets',
          stage: 'prod',
        },
        request: { region: REGION, accountId: '111122223333' },
        config: { restApi: { id: API, policy: IP_POLICY } },
      }),
      confidence: 'high',
      summary: /DenyOutsideCorp/,
    },
    {
      name: "the Knowledge Center's joined trace line (Extended Request Id …=ExplicitDenyException User: anonymous …)",
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Extended Request Id: MY92nHDwwwIdGxzR=ExplicitDenyException ${ANONYMOUS_EXPLICIT}: ${ID}`,
        ),
        config: { restApi: { id: API, endpointConfiguration: { types: ['EDGE'] } } },
      }),
      confidence: 'high',
      summary: /resource policy has a Deny statement that matches this caller/,
      evidence_lines: [/^ExplicitDenyException User: anonymous/],
      checklist: [`get-rest-api --rest-api-id ${API} --query policy --output text --region ${REGION}`],
    },
    {
      name: 'the same denial printed as two separate lines',
      evidence: evidence({
        log: cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', ANONYMOUS_EXPLICIT),
      }),
      // The endpoint type is unknown: a private API's VPC-endpoint Deny prints the same line.
      confidence: 'medium',
    },
    {
      name: "the Knowledge Center's template body with a placeholder ARN",
      evidence: evidence({
        status: 403,
        body: '{\n"message": "User: anonymous is not authorized to perform: execute-api:Invoke on resource: <api-resource-arn> with an explicit deny"\n}',
      }),
      confidence: 'medium',
      checklist: [/get-rest-api --rest-api-id <rest-api-id>/],
    },
    {
      name: 'the newer "in a resource-based policy" suffix for an IAM caller',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:sts::444455556666:assumed-role/partner-app/session-1 is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in a resource-based policy"}`,
        errorType: 'AccessDeniedException',
      }),
      confidence: 'medium',
    },
    {
      name: 'the same suffix on an API known to be public',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:sts::444455556666:assumed-role/partner-app/session-1 is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in a resource-based policy"}`,
        errorType: 'AccessDeniedException',
        config: { restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } } },
      }),
      confidence: 'high',
    },
    {
      name: 'a Deny naming the calling IAM principal, evaluated against the deployed policy',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:sts::444455556666:assumed-role/partner-app/session-1 is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny"}`,
        config: {
          method: { httpMethod: 'GET', resourcePath: '/pets', authorizationType: 'AWS_IAM' },
          restApi: {
            id: API,
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: `${ARN_PREFIX}/*`,
                },
                {
                  Sid: 'BlockPartnerAccount',
                  Effect: 'Deny',
                  Principal: { AWS: 'arn:aws:iam::444455556666:root' },
                  Action: 'execute-api:Invoke',
                  Resource: `${ARN_PREFIX}/prod/*/*`,
                },
              ],
            }),
          },
        },
      }),
      confidence: 'high',
      summary: /statement #1 \(Sid BlockPartnerAccount\)/,
      checklist: [/"Principal":\{"AWS":"arn:aws:iam::444455556666:root"\}/],
    },
    {
      name: 'an IAM caller with a bare "with an explicit deny": could be the identity policy instead',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny"}`,
      }),
      confidence: 'medium',
    },
    {
      name: 'a trace read whole that ends "The client is not authorized" with no authorizer line (a captured IP block)',
      evidence: evidence({
        log: cloudwatch(
          '412e45a2-9321-4077-8b0b-f044a4364918',
          'Extended Request Id: Tn8xAbCdEfGhIjK=',
          'The client is not authorized to perform this operation.',
        ),
      }),
      confidence: 'low',
    },
  ],
  ignores: [
    {
      name: 'a denial line in the execution log that names an identity-based policy',
      evidence: evidence({
        status: 403,
        log: cloudwatch(
          ID,
          `User: arn:aws:iam::111122223333:user/bob is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in an identity-based policy`,
        ),
      }),
    },
    {
      name: 'an answer that names the VPC endpoint policy',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT} in a VPC endpoint policy"}`,
      }),
    },
    {
      name: 'a private API whose Deny is on aws:SourceVpce (private-api-vpce-deny)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"${ANONYMOUS_EXPLICIT}"}`,
        accessLog: { requestId: ID, vpceId: 'vpce-0fedcba9876543210', ip: '10.1.2.3' },
        config: {
          restApi: {
            id: API,
            endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] },
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: 'execute-api:/*',
                  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } },
                },
              ],
            }),
          },
        },
      }),
    },
    {
      name: 'the authorizer\'s explicit deny (no "User:" prefix)',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      }),
    },
    {
      name: 'the implicit-deny "User: anonymous …" message without a suffix',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}"}`,
      }),
    },
    {
      name: 'the newer "because no resource-based policy allows" suffix (an implicit deny)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} because no resource-based policy allows the execute-api:Invoke action"}`,
      }),
    },
    {
      name: 'an explicit deny "in an identity-based policy" (the IAM caller\'s own policy)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: arn:aws:iam::111122223333:user/ci-bot is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in an identity-based policy"}`,
      }),
    },
    {
      name: "the caller's IP is inside the allowed range, so the NotIpAddress Deny does not apply",
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
        accessLog: { requestId: ID, ip: '10.20.30.40' },
        request: { methodArn: METHOD_ARN },
        config: { restApi: { id: API, policy: IP_POLICY } },
      }),
    },
    {
      name: 'an Allow-only IP list with a Lambda authorizer: phase 1 ignores Allow statements',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
        accessLog: { requestId: ID, ip: '203.0.113.9' },
        request: { methodArn: METHOD_ARN },
        config: {
          authorizer: TOKEN_AUTHORIZER,
          restApi: {
            id: API,
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: 'execute-api:/*',
                  Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
                },
              ],
            }),
          },
        },
      }),
    },
    {
      name: 'the same line after an authorizer ran (its policy did not cover the method)',
      evidence: evidence({
        log: cloudwatch(
          '412e45a2-9321-4077-8b0b-f044a4364918',
          'Extended Request Id: Tn8xAbCdEfGhIjK=',
          'Starting authorizer: 8xkq2m for request: 412e45a2-9321-4077-8b0b-f044a4364918',
          'The client is not authorized to perform this operation.',
        ),
      }),
    },
    {
      name: 'the same line after the identity was read (an authorizer step whose start was not copied)',
      evidence: evidence({
        log: cloudwatch(
          '412e45a2-9321-4077-8b0b-f044a4364918',
          'Extended Request Id: Tn8xAbCdEfGhIjK=',
          'Incoming identity: ****Xy9pQ2',
          'The client is not authorized to perform this operation.',
        ),
      }),
    },
    {
      name: 'the same line among lines of a request past its authorization (usage plan, execution)',
      evidence: evidence({
        log: cloudwatch(
          '412e45a2-9321-4077-8b0b-f044a4364918',
          'Extended Request Id: Tn8xAbCdEfGhIjK=',
          'Starting execution for request: 412e45a2-9321-4077-8b0b-f044a4364918',
          'The client is not authorized to perform this operation.',
          'Method completed with status: 403',
        ),
      }),
    },
  ],
});
