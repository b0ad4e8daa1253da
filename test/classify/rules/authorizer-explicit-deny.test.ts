import { authorizerExplicitDeny } from '../../../src/classify/rules/authorizer-explicit-deny';
import { testRule } from '../../support/rule-tester';
import {
  ARN_PREFIX,
  TOKEN_AUTHORIZER,
  accessDeniedAfterAuthorizer,
  authorizerCompleted,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
} from '../../support/evidence';

const ID = '11111111-2222-4333-8444-555555555555';
const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;
const DENIED = '{"Message":"User is not authorized to access this resource with an explicit deny"}';

testRule(authorizerExplicitDeny, {
  matches: [
    {
      name: 'the explicit-deny words answered 502 (a backend quoting an API it called): contradicted',
      evidence: evidence({ status: 502, body: DENIED }),
      confidence: 'medium',
    },
    {
      name: "a returned Deny whose aws:SourceIp condition cannot be resolved (the caller's IP unknown): it may deny",
      evidence: evidence({
        status: 403,
        log: authorizerRun(ID, METHOD_ARN, {
          principalId: 'user-123',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN_PREFIX}/prod/*/*` },
              {
                Action: 'execute-api:Invoke',
                Effect: 'Deny',
                Resource: `${ARN_PREFIX}/prod/*/*`,
                Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
              },
            ],
          },
        }),
      }),
      confidence: 'medium',
    },
    {
      name: "only the access log's ACCESS_DENIED for a request whose authorizer ran (a candidate, its policy unseen)",
      evidence: evidence({
        accessLog: accessDeniedAfterAuthorizer(ID),
      }),
      confidence: 'low',
    },
    {
      name: 'the explicit-deny answer read with an access log naming another response (UNAUTHORIZED): contradicted',
      evidence: evidence({
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        accessLog: { requestId: 'r1', status: '401', 'error.responseType': 'UNAUTHORIZED' },
      }),
      confidence: 'medium',
    },
    {
      name: 'a 403 right after the authorizer completed, its policy unseen (a candidate beside a policy not covering)',
      evidence: evidence({
        status: 403,
        log: authorizerCompleted(ID),
      }),
      confidence: 'low',
    },
    {
      name: 'the returned policy denies the method ARN the authorizer saw',
      evidence: evidence({
        log: [
          ...authorizerRun(ID, METHOD_ARN, {
            principalId: 'u',
            policyDocument: policy('Deny', `${ARN_PREFIX}/prod/*/*`),
          }),
          ...cloudwatch(ID, 'The client is not authorized to perform this operation.'),
        ],
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
      summary: /statement #0 is a Deny/,
      evidence_lines: ['Authorizer result body before parsing', 'The client is not authorized'],
      checklist: [
        'flush-stage-authorizers-cache --rest-api-id abc123defg --stage-name prod',
        '/aws/lambda/authorizer',
      ],
    },
    {
      name: 'the response alone says "with an explicit deny" (capital Message)',
      evidence: evidence({ status: 403, body: DENIED, errorType: 'AccessDeniedException' }),
      confidence: 'high',
      summary: /explicitly denies/,
    },
    {
      name: 'the newer "in an identity-based policy" suffix',
      evidence: evidence({
        status: 403,
        body: '{"message":"User is not authorized to access this resource with an explicit deny in an identity-based policy"}',
      }),
      confidence: 'high',
    },
    {
      name: 'a test-console trace whose returned Deny covers every method of the synthetic stage "null"',
      evidence: evidence({
        log: [
          'Sun May 07 05:37:15 UTC 2017 : Starting authorizer: 2egbc3 for request: test-request',
          `Sun May 07 05:37:15 UTC 2017 : Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-ap [TRUNCATED]`,
          `Sun May 07 05:37:15 UTC 2017 : Authorizer result body before parsing: {"principalId":"","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":["${ARN_PREFIX}/null/*/*"]}]}}`,
          'Sun May 07 05:37:15 UTC 2017 : Using valid authorizer policy for principal: ',
          'Sun May 07 05:37:15 UTC 2017 : Successfully completed authorizer execution',
        ],
      }),
      confidence: 'high',
      evidence_lines: [/console's Test tab.*stage "null"/],
    },
    {
      name: 'a test-console trace whose returned Deny names one real stage: it may not cover the synthetic test ARN',
      evidence: evidence({
        log: [
          'Sun May 07 05:37:15 UTC 2017 : Starting authorizer: 2egbc3 for request: test-request',
          `Sun May 07 05:37:15 UTC 2017 : Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-ap [TRUNCATED]`,
          `Sun May 07 05:37:15 UTC 2017 : Authorizer result body before parsing: {"principalId":"","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":["${ARN_PREFIX}/prod/*/*"]}]}}`,
          'Sun May 07 05:37:15 UTC 2017 : Successfully completed authorizer execution',
        ],
      }),
      confidence: 'medium',
    },
    {
      name: 'a pretty-printed, cut-off result body with the explicit-deny response',
      evidence: evidence({
        status: 403,
        body: '{\n"message": "User is not authorized to access this resource with an explicit deny"\n}',
        log: [
          'Sending request to https://lambda.<region>.amazonaws.com/2015-03-31/functions/<arn>/invocations',
          'Authorizer result body before parsing:\n{\n"principalId": "user",\n"policyDocument": {\n"Version": "2012-10-17",\n"S',
        ],
      }),
      confidence: 'high',
    },
  ],
  ignores: [
    {
      name: 'a 403 after the authorizer completed and the request went on (an API-key check followed)',
      evidence: evidence({
        status: 403,
        log: [
          ...authorizerCompleted(ID),
          ...cloudwatch(ID, `Verifying Usage Plan for request: ${ID}. API Key:  API Stage: abc/prod`),
        ],
      }),
    },
    {
      name: 'the returned policy allows the method',
      evidence: evidence({
        log: authorizerRun(ID, METHOD_ARN, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
        }),
      }),
    },
    {
      name: 'a Deny for another method while an Allow covers this one',
      evidence: evidence({
        log: authorizerRun(ID, METHOD_ARN, {
          principalId: 'u',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN_PREFIX}/prod/GET/*` },
              { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${ARN_PREFIX}/prod/DELETE/*` },
            ],
          },
        }),
      }),
    },
    {
      name: 'the implicit-deny message (no "explicit deny")',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
      }),
    },
    {
      name: 'a resource-policy explicit deny (User: anonymous …)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny"}`,
      }),
    },
  ],
});
