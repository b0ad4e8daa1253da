import { wafBlock } from '../../../src/classify/rules/waf-block';
import { testRule } from '../../support/rule-tester';
import { API, ARN_PREFIX, authorizerRun, cloudwatch, evidence, policy } from '../../support/evidence';

const ID = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const FORBIDDEN = '{"message":"Forbidden"}';
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

testRule(wafBlock, {
  matches: [
    {
      name: "the access log's WAF_FILTERED with an HTML body (the web ACL's custom response)",
      evidence: evidence({
        status: 403,
        body: '<!DOCTYPE html><html><body><h1>Blocked</h1></body></html>',
        accessLog: { requestId: ID, status: 403, 'error.responseType': 'WAF_FILTERED' },
      }),
      confidence: 'high',
    },
    {
      name: "the access log's WAF_FILTERED read with another cause's answer (Missing Authentication Token): contradicted",
      evidence: evidence({
        body: '{"message":"Missing Authentication Token"}',
        accessLog: { requestId: 'r1', status: '403', 'error.responseType': 'WAF_FILTERED' },
      }),
      confidence: 'medium',
    },
    {
      name: 'the access log says WAF_FILTERED with WAF_BLOCK and names the web ACL',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        accessLog: {
          requestId: ID,
          status: '403',
          'error.responseType': 'WAF_FILTERED',
          'waf.status': '403',
          wafResponseCode: 'WAF_BLOCK',
          webaclArn: WEB_ACL,
          httpMethod: 'POST',
          resourcePath: '/models',
        },
      }),
      confidence: 'high',
      summary: /access log shows WAF blocked this request/,
      evidence_lines: ['Access log responseType: WAF_FILTERED', `Web ACL: ${WEB_ACL}`],
      checklist: [`aws wafv2 get-sampled-requests --web-acl-arn ${WEB_ACL}`, /SizeRestrictions_BODY/],
    },
    {
      name: 'an access-log format that only records wafResponseCode WAF_BLOCK',
      evidence: evidence({ accessLog: { requestId: ID, status: 403, wafResponseCode: 'WAF_BLOCK' } }),
      confidence: 'high',
    },
    {
      name: 'the web ACL answered with its own custom response (not Forbidden), the access log still says WAF_FILTERED',
      evidence: evidence({
        status: 403,
        body: '{"error":"request blocked by policy"}',
        accessLog: { requestId: ID, status: 403, responseType: 'WAF_FILTERED', webaclArn: WEB_ACL },
      }),
      confidence: 'high',
    },
    {
      name: 'Forbidden, no execution log, a web ACL on the stage and no API key required',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        errorType: 'ForbiddenException',
        config: {
          stage: { stageName: 'prod', webAclArn: WEB_ACL },
          method: {
            httpMethod: 'POST',
            resourcePath: '/models',
            authorizationType: 'COGNITO_USER_POOLS',
            apiKeyRequired: false,
          },
          restApi: { id: API },
        },
      }),
      confidence: 'medium',
      summary: /web ACL is attached to the stage/,
      evidence_lines: [`Web ACL: ${WEB_ACL}`],
      checklist: [`--web-acl-arn ${WEB_ACL}`],
    },
    {
      name: 'a Forbidden with no execution log and no stage configuration',
      evidence: evidence({ status: 403, body: '{\n    "message": "Forbidden"\n}' }),
      confidence: 'low',
      summary: /would explain a Forbidden that leaves no execution log/,
      checklist: ['--web-acl-arn <web-acl-arn>'],
    },
  ],
  ignores: [
    {
      name: 'an API-key rejection in the execution log',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        log: cloudwatch(
          ID,
          `API Key ${'*'.repeat(34)}k3yEnd not authorized because method 'POST /models' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/prod: No Usage Plan found for key and API Stage`,
          'Method completed with status: 403',
        ),
        config: { stage: { stageName: 'prod', webAclArn: WEB_ACL } },
      }),
    },
    {
      name: 'the access log says INVALID_API_KEY',
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
      name: 'the stage has no web ACL (GetStage without webAclArn)',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        config: {
          stage: {
            stageName: 'prod',
            methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
          },
        },
      }),
    },
    {
      name: 'WAF allowed the request and the backend answered 403',
      evidence: evidence({
        status: 403,
        body: FORBIDDEN,
        accessLog: { requestId: ID, status: 403, wafResponseCode: 'WAF_ALLOW', webaclArn: WEB_ACL },
        log: [
          ...authorizerRun(ID, `${ARN_PREFIX}/prod/POST/models`, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
          }),
          ...cloudwatch(
            ID,
            `Starting execution for request: ${ID}`,
            'HTTP Method: POST, Resource Path: /models',
            'Received response. Status: 403, Integration latency: 21 ms',
            'Method completed with status: 403',
          ),
        ],
      }),
    },
    {
      name: 'a resource-policy denial (User: anonymous …)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN_PREFIX}/prod/POST/models with an explicit deny"}`,
        config: { stage: { stageName: 'prod', webAclArn: WEB_ACL } },
      }),
    },
    {
      name: 'a 401 Unauthorized on a stage with a web ACL',
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        config: { stage: { stageName: 'prod', webAclArn: WEB_ACL } },
      }),
    },
  ],
});
