import { missingAuthenticationToken } from '../../../src/classify/rules/missing-authentication-token';
import { testRule } from '../../support/rule-tester';
import { API, REGION, cloudwatch, evidence } from '../../support/evidence';

const MISSING = '{"message":"Missing Authentication Token"}';

testRule(missingAuthenticationToken, {
  matches: [
    {
      name: "only the trace's 'Unauthorized request' line, no authorizer step, answered 403 (a candidate)",
      evidence: evidence({
        status: 403,
        log: cloudwatch(
          'ab12cd34-0000-4000-8000-000000000001',
          'Extended Request Id: MY92nHDwwwIdGxzR=',
          'Unauthorized request: ab12cd34-0000-4000-8000-000000000001',
        ),
      }),
      confidence: 'low',
    },
    {
      name: 'the pretty-printed "Missing Authentication Token" alone (unknown path on a non-IAM API)',
      evidence: evidence({ status: 403, body: '{\n    "message": "Missing Authentication Token"\n}' }),
      confidence: 'medium',
      summary: /no resource and method for this path in the deployed stage/,
    },
    {
      name: 'the access log confirms MISSING_AUTHENTICATION_TOKEN',
      evidence: evidence({
        status: 403,
        body: MISSING,
        errorType: 'MissingAuthenticationTokenException',
        accessLog: {
          requestId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
          status: 403,
          'error.responseType': 'MISSING_AUTHENTICATION_TOKEN',
          path: '/prod/pet',
          stage: 'prod',
        },
        config: { restApi: { id: API } },
        request: { region: REGION },
      }),
      confidence: 'medium',
      evidence_lines: [
        'Access log responseType: MISSING_AUTHENTICATION_TOKEN',
        `Response: Missing Authentication Token`,
      ],
      checklist: [
        `https://${API}.execute-api.${REGION}.amazonaws.com/prod/<path>`,
        `aws apigateway get-resources --rest-api-id ${API} --embed methods --region ${REGION}`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
        'get-base-path-mappings',
      ],
    },
    {
      name: 'a custom gateway response body, recognised by the access log',
      evidence: evidence({
        status: 403,
        body: '{"message": "Missing or invalid token"}',
        accessLog: { requestId: 'r1', status: 403, responseType: 'MISSING_AUTHENTICATION_TOKEN' },
      }),
      confidence: 'medium',
    },
    {
      name: 'the method is known not to use IAM (authorization NONE)',
      evidence: evidence({
        status: 403,
        body: MISSING,
        config: { method: { authorizationType: 'NONE' } },
      }),
      confidence: 'high',
    },
    {
      name: 'an undeployed method called with a Bearer header (older key=value wording)',
      evidence: evidence({
        status: 403,
        body: `'...' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer: ...'."`,
      }),
      confidence: 'medium',
      summary: /bearer token was then read as a broken SigV4 header/,
    },
    {
      name: 'the newer "Invalid key=value pair … hashed with SHA-256" wording on a Lambda-authorizer API',
      evidence: evidence({
        status: 403,
        body: '{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): \'Zm9vYmFyYmF6\'."}',
        errorType: 'IncompleteSignatureException',
        config: { method: { authorizationType: 'CUSTOM', authorizerId: 'auth01' } },
      }),
      confidence: 'high',
    },
    {
      name: 'the bearer variant for a method without authorization of a PRIVATE API (a VPC endpoint policy answers the same)',
      evidence: evidence({
        status: 403,
        errorType: 'IncompleteSignatureException',
        config: {
          restApi: { endpointConfiguration: { types: ['PRIVATE'] } },
          method: { authorizationType: 'NONE' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'the bearer variant for a method without authorization of a REGIONAL API',
      evidence: evidence({
        status: 403,
        errorType: 'IncompleteSignatureException',
        config: {
          restApi: { endpointConfiguration: { types: ['REGIONAL'] } },
          method: { authorizationType: 'NONE' },
        },
      }),
      confidence: 'high',
    },
  ],
  ignores: [
    {
      name: 'an AWS_IAM method: the call was unsigned (iam-auth-failure)',
      evidence: evidence({
        status: 403,
        body: MISSING,
        errorType: 'MissingAuthenticationTokenException',
        config: { method: { httpMethod: 'GET', resourcePath: '/pets', authorizationType: 'AWS_IAM' } },
      }),
    },
    {
      name: 'a bearer token on an AWS_IAM method',
      evidence: evidence({
        status: 403,
        body: `{"message":"'abc' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc'."}`,
        config: { method: { authorizationType: 'AWS_IAM' } },
      }),
    },
    {
      name: 'a SigV4 signature mismatch',
      evidence: evidence({
        status: 403,
        body: '{"message":"The request signature we calculated does not match the signature you provided."}',
        errorType: 'InvalidSignatureException',
      }),
    },
    {
      name: 'API-key Forbidden',
      evidence: evidence({ status: 403, body: '{"message":"Forbidden"}', errorType: 'ForbiddenException' }),
    },
    {
      name: 'a 401 Unauthorized',
      evidence: evidence({ status: 401, body: '{"message":"Unauthorized"}' }),
    },
  ],
});
