import { identitySourceMissing } from '../../../src/classify/rules/identity-source-missing';
import { testRule } from '../../support/rule-tester';
import {
  API,
  COGNITO_METHOD,
  LAMBDA_URI,
  REGION,
  TOKEN_AUTHORIZER,
  cloudwatch,
  evidence,
  functionLog,
} from '../../support/evidence';

const ID = 'e9ab5f97-9a5a-4f34-94d7-87df74a235de';
const UNAUTHORIZED = '{"message":"Unauthorized"}';

const REQUEST_AUTHORIZER = {
  id: 'req042',
  name: 'tenant-authorizer',
  type: 'REQUEST',
  authorizerUri: TOKEN_AUTHORIZER.authorizerUri,
  identitySource: 'method.request.header.Auth, method.request.querystring.tenant',
  authorizerResultTtlInSeconds: 300,
};

/** The two-line trace of the Knowledge Center and a 2026 capture (domain.md §7): never lines 4–7. */
const TWO_LINES = cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`);

const AT = Date.parse('2026-11-30T08:00:00Z');

testRule(identitySourceMissing, {
  matches: [
    {
      name: 'the two-line trace before a Cognito user-pool authorizer (an expired or foreign token reads the same)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: TWO_LINES,
        config: COGNITO_METHOD,
      }),
      confidence: 'medium',
    },
    {
      name: 'the two-line trace and a REQUEST authorizer (no regex possible)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: TWO_LINES,
        config: { authorizer: REQUEST_AUTHORIZER, restApi: { id: API }, stage: { stageName: 'prod' } },
        request: { region: REGION },
      }),
      confidence: 'high',
      summary:
        /401 without calling the authorizer: the request did not carry method\.request\.header\.Auth, method\.request\.querystring\.tenant/,
      evidence_lines: [
        `Unauthorized request: ${ID}`,
        /holds no Lambda invocation line/,
        /^Identity source: method\.request\.header\.Auth/,
      ],
      checklist: [
        `curl -i -H 'Auth: <token>' https://${API}.execute-api.${REGION}.amazonaws.com/prod/<path>`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
        /OPTIONS methods/,
      ],
    },
    {
      name: 'the two-line trace and a TOKEN authorizer without a validation regex',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
      checklist: ["-H 'Authorization: <token>'"],
    },
    {
      name: "the Knowledge Center's joined one-line form (Extended Request Id: …=Unauthorized request: …), answered 401",
      evidence: evidence({
        status: 401,
        log: cloudwatch(ID, `Extended Request Id: MY92nHDwwwIdGxzR=Unauthorized request: ${ID}`),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
    },
    {
      name: 'the same line with the status unknown (a route that does not exist is logged so too): medium',
      evidence: evidence({
        log: cloudwatch(ID, `Extended Request Id: MY92nHDwwwIdGxzR=Unauthorized request: ${ID}`),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'medium',
    },
    {
      name: 'the verbatim Knowledge Center lines, no configuration (a regex cannot be ruled out)',
      evidence: evidence({
        log: ['Extended Request Id: MY92nHDwwwIdGxzR=', 'Unauthorized request: <request-id>'],
      }),
      confidence: 'medium',
      summary: /most likely lacked the authorizer's identity source/,
    },
    {
      name: 'the two-line trace, but the TOKEN authorizer has a regex that could also have rejected the token',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: {
          authorizer: { ...TOKEN_AUTHORIZER, identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'client response only, REQUEST authorizer configured (curl without the Authorization header)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        config: {
          authorizer: { ...REQUEST_AUTHORIZER, identitySource: 'method.request.header.Authorization' },
        },
      }),
      confidence: 'medium',
      summary: /did not carry method\.request\.header\.Authorization/,
    },
    {
      name: 'an access log with UNAUTHORIZED and empty authorizer fields, TOKEN authorizer without regex',
      evidence: evidence({
        accessLog: {
          requestId: ID,
          status: '401',
          'error.responseType': 'UNAUTHORIZED',
          'authorizer.integrationStatus': '-',
          'authorizer.requestId': '-',
          'authorizer.error': 'Unauthorized',
        },
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'medium',
    },
    {
      name: 'the pretty-printed 401 alone',
      evidence: evidence({
        status: 401,
        body: '{\n    "message": "Unauthorized"\n}',
        errorType: 'UnauthorizedException',
      }),
      confidence: 'low',
      checklist: [/curl -i -H 'Authorization: <token>' https:\/\/<rest-api-id>\.execute-api\.<region>/],
    },
    {
      name: "a 401 for a REQUEST authorizer whose function's log is silent at the request time",
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        config: { authorizer: REQUEST_AUTHORIZER },
        request: { time: AT },
        ...functionLog(AT, []),
      }),
      confidence: 'high',
    },
  ],
  ignores: [
    {
      name: "a 401 whose access log names the principal an authorizer's policy gave (no identity was missing)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: ID, status: '401', 'authorizer.principalId': 'user-4711' },
      }),
    },
    {
      name: "a 401 whose access log names the integration's status (the backend's 401)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: ID, status: '401', 'integration.status': '401' },
      }),
    },
    {
      name: "the two-line trace answered 403 (how a missing route's trace reads)",
      evidence: evidence({ status: 403, log: TWO_LINES, config: { authorizer: REQUEST_AUTHORIZER } }),
    },
    {
      name: 'the Lambda ran and rejected the token itself (authorizer-returned-unauthorized)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          `Unauthorized request: ${ID}`,
          'Unauthorized',
        ),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'the access log shows an authorizer invocation for this 401',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        accessLog: {
          requestId: ID,
          status: 401,
          'error.responseType': 'UNAUTHORIZED',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
        },
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'a 403 implicit deny',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
      }),
    },
    {
      name: 'a 500 authorizer configuration error',
      evidence: evidence({
        status: 500,
        body: '{"message":null}',
        errorType: 'AuthorizerConfigurationException',
      }),
    },
    {
      name: 'Missing Authentication Token (a route miss, not an identity source)',
      evidence: evidence({ status: 403, body: '{"message":"Missing Authentication Token"}' }),
    },
  ],
});
