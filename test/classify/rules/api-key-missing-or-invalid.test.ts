import { apiKeyMissingOrInvalid } from '../../../src/classify/rules/api-key-missing-or-invalid';
import { testRule } from '../../support/rule-tester';
import { API, cloudwatch, evidence } from '../../support/evidence';

const ID = '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e';
const FORBIDDEN = '{"message":"Forbidden"}';
const MASKED_KEY = `${'*'.repeat(34)}k3yEnd`;
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const KEY_METHOD = {
  httpMethod: 'GET',
  resourcePath: '/pets',
  authorizationType: 'NONE',
  apiKeyRequired: true,
};

testRule(apiKeyMissingOrInvalid, {
  matches: [
    {
      name: "the access log's INVALID_API_KEY read with another cause's answer (Unauthorized): contradicted",
      evidence: evidence({
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: 'r1', status: '403', 'error.responseType': 'INVALID_API_KEY' },
      }),
      confidence: 'medium',
    },
    {
      name: 'the key exists but its usage plan does not list this API stage (CloudWatch trace)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        log: cloudwatch(
          ID,
          `Verifying Usage Plan for request: ${ID}. API Key: ${MASKED_KEY} API Stage: ${API}/prod`,
          `API Key ${MASKED_KEY} not authorized because method 'GET /pets' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/prod: API Stage is not in a Usage Plan`,
          'Method completed with status: 403',
        ),
      }),
      confidence: 'high',
      summary: new RegExp(
        `not in a usage plan for ${API}/prod \\(method GET /pets requires a key\\): API Stage is not in a Usage Plan`,
      ),
      evidence_lines: [/^API Key \*+k3yEnd not authorized because method 'GET \/pets'/],
      checklist: [
        `update-usage-plan --usage-plan-id <usage-plan-id> --patch-operations op=add,path=/apiStages,value=${API}:prod`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
        /x-api-key/,
      ],
    },
    {
      name: 'the verbatim notes line: "No Usage Plan found for key and API Stage"',
      evidence: evidence({
        log: [
          "API Key ... not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: No Usage Plan found for key and API Stage",
        ],
      }),
      confidence: 'high',
      summary: /zsuvlqr7nb\/prod.*No Usage Plan found for key and API Stage/,
      checklist: ['value=zsuvlqr7nb:prod'],
    },
    {
      name: 'a 2016 export without the (id) prefix',
      evidence: evidence({
        log: [
          `2016-10-01T10:55:36.315Z Verifying Usage Plan for request: ${ID}. API Key: ${MASKED_KEY} API Stage: ${API}/dev`,
          `2016-10-01T10:55:36.318Z API Key ${MASKED_KEY} not authorized because method 'POST /orders' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/dev: API Stage is not in a Usage Plan`,
        ],
      }),
      confidence: 'high',
      summary: /POST \/orders/,
    },
    {
      name: 'an access log with INVALID_API_KEY and the key id',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: {
          requestId: ID,
          status: 403,
          'error.responseType': 'INVALID_API_KEY',
          'identity.apiKeyId': 'a1b2c3d4e5',
          stage: 'prod',
        },
        config: { restApi: { id: API, apiKeySource: 'HEADER' } },
      }),
      confidence: 'high',
      evidence_lines: ['Access log responseType: INVALID_API_KEY', 'API key source: HEADER'],
      checklist: [`value=${API}:prod`],
    },
    {
      name: "Forbidden, in the stage's access log, on a method with apiKeyRequired and no web ACL on the stage",
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        accessLog: { requestId: ID, status: 403 },
        config: {
          method: KEY_METHOD,
          stage: { stageName: 'prod' },
          restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } },
        },
      }),
      confidence: 'high',
      evidence_lines: ['Method setting: apiKeyRequired = true'],
    },
    {
      name: "the same Forbidden without the header, in an access-log format that logs no gateway error nor the integration's status (a backend's own 403 Forbidden reads the same)",
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: { requestId: ID, ip: '203.0.113.9', httpMethod: 'GET', status: 403, protocol: 'HTTP/1.1' },
        config: {
          method: KEY_METHOD,
          stage: { stageName: 'prod' },
          restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } },
        },
      }),
      confidence: 'medium',
    },
    {
      name: "the same Forbidden without the header, its record logging the integration's status empty (never called)",
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: { requestId: ID, status: 403, integration: { status: '-' } },
        config: {
          method: KEY_METHOD,
          stage: { stageName: 'prod' },
          restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } },
        },
      }),
      confidence: 'high',
    },
    {
      name: "Forbidden with an AccessDeniedException header (a customised denial, or a Lambda function URL's): contradicted",
      evidence: evidence({
        status: 403,
        body: '{"Message":"Forbidden"}',
        errorType: 'AccessDeniedException',
        config: { method: KEY_METHOD },
      }),
      confidence: 'low',
    },
    {
      name: "the API Key … not authorized line read with a 200 answer (the trace may be another request's): contradicted",
      evidence: evidence({
        status: 200,
        log: cloudwatch(
          ID,
          "API Key **********************************abcdef not authorized because method 'GET /pets' requires API Key and API Key is not associated with a Usage Plan for API Stage abc123defg/prod: No Usage Plan found for key and API Stage",
        ),
      }),
      confidence: 'medium',
    },
    {
      name: 'the same Forbidden with no record that it reached the stage (a custom domain or a VPC endpoint answers it too)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        config: {
          method: KEY_METHOD,
          stage: { stageName: 'prod' },
          restApi: { id: API, endpointConfiguration: { types: ['REGIONAL'] } },
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'the key source is AUTHORIZER: the authorizer must return usageIdentifierKey',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: { method: KEY_METHOD, restApi: { id: API, apiKeySource: 'AUTHORIZER' } },
      }),
      // The stage was not read: a web ACL is not ruled out.
      confidence: 'medium',
      summary: /authorizer did not supply a valid one \(usageIdentifierKey\)/,
      checklist: [/return the key value as usageIdentifierKey/],
    },
    {
      name: 'Forbidden on a key-required method of a stage that also has a web ACL',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: { method: KEY_METHOD, stage: { stageName: 'prod', webAclArn: WEB_ACL } },
      }),
      confidence: 'medium',
    },
    {
      name: 'Forbidden from a key-required method whose API endpoint type is not known (a private API routes the same way)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        config: { method: KEY_METHOD, stage: { stageName: 'prod' }, restApi: { id: API } },
      }),
      confidence: 'medium',
    },
    {
      name: 'the pretty-printed Forbidden alone: most often a missing x-api-key (WAF and a private API answer the same)',
      evidence: evidence({ status: 403, body: '{\n    "message": "Forbidden"\n}' }),
      confidence: 'medium',
      summary: /did not carry a valid one/,
    },
    {
      name: 'the reason of a refused key pasted without the start of its line ("No Usage Plan found for key and API Stage")',
      evidence: evidence({ status: 403, log: ['No Usage Plan found for key and API Stage'] }),
      confidence: 'high',
    },
  ],
  ignores: [
    {
      name: 'a WAF_FILTERED access log with the same Forbidden body',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        accessLog: {
          requestId: ID,
          status: 403,
          'error.responseType': 'WAF_FILTERED',
          wafResponseCode: 'WAF_BLOCK',
          webaclArn: WEB_ACL,
        },
      }),
    },
    {
      name: 'apiKeyRequired is false on the method',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: { method: { ...KEY_METHOD, apiKeyRequired: false } },
      }),
    },
    {
      name: 'a PRIVATE API answering Forbidden (wrong endpoint, routing variant)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: {
          restApi: {
            id: API,
            endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] },
          },
        },
      }),
    },
    {
      name: 'the key was accepted and the backend answered 403 Forbidden itself',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        log: cloudwatch(
          ID,
          `Verifying Usage Plan for request: ${ID}. API Key: ${MASKED_KEY} API Stage: ${API}/prod`,
          `API Key ${MASKED_KEY} authorized because method 'GET /pets' requires API Key. Request will not contribute to throttle or quota limits`,
          `Starting execution for request: ${ID}`,
          'HTTP Method: GET, Resource Path: /pets',
          'Received response. Status: 403, Integration latency: 18 ms',
          'Method completed with status: 403',
        ),
      }),
    },
    {
      name: 'Missing Authentication Token',
      evidence: evidence({ status: 403, body: '{"message":"Missing Authentication Token"}' }),
    },
    {
      name: 'a 401 Unauthorized on a key-required method',
      evidence: evidence({ status: 401, body: '{"message":"Unauthorized"}', config: { method: KEY_METHOD } }),
    },
  ],
});
