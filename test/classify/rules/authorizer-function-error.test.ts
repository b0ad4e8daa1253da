import { authorizerFunctionError } from '../../../src/classify/rules/authorizer-function-error';
import { testRule } from '../../support/rule-tester';
import {
  API,
  ARN_PREFIX,
  LAMBDA_URI,
  TOKEN_AUTHORIZER,
  authorizerReturned,
  authorizerRun,
  authorizerUriInvalid,
  cloudwatch,
  evidence,
  functionLog,
  policy,
} from '../../support/evidence';

const ID = 'a4188e34-1c2d-4e3f-8a5b-6c7d8e9f0a1b';
const NULL_500 = '{"message":null}';
const WSC_LAMBDA =
  'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:770646514888:function:Authorize-Registrations-Lambda/invocations';

/** The verbatim crash excerpt of the corpus (console Test tab, result body cut at 1024 bytes). */
const IMPORT_MODULE_ERROR = [
  `Thu Jun 08 15:09:49 UTC 2023 : Sending request to ${WSC_LAMBDA}`,
  String.raw`Thu Jun 08 15:09:51 UTC 2023 : Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module '../../scaffold/okta'\nRequire stack:\n- /var/task/modules/authorize_lambda_function/index.js\n- /var/runtime/UserFunction.js\n- /var/runtime/Runtime.js\n- /var/runtime/index.js","trace":["Runtime.ImportModuleError: Error: Cannot find module '../../scaffold/okta'","Require stack:","- /var/task/modules/authorize_lambda_function/index.js","- /var/runtime/UserFunction.js","- /var/runtime/Runtime.js","- /var/runtime/index.js"," at _loadUserApp (/var/runtime/UserFunction.js:225:13)"," at Object.module.exports.load (/var/runtime/UserFunction.js:300:17)"," at Object.<anonymous> (/var/runtime/index.js:43:34)"," at Module._compile (internal/modules/cjs/loader.js:1114:14)"," at Object.Module._extensions..js (internal/modules/cjs/loader.js:1143:10)"," at Module.load (internal/modules/cjs/loader.js:979:32)"," at Function.Module._load (internal/modules/cjs/loader.js:819:12)"," a [TRUNCATED]`,
  'Thu Jun 08 15:09:51 UTC 2023 : Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable',
  'Thu Jun 08 15:09:51 UTC 2023 : AuthorizerConfigurationException',
];

/** An INFO trace whose Lambda answered `result`, then API Gateway's complaint about it. */
function badOutput(result: string, detail: string): string[] {
  return cloudwatch(
    ID,
    `Starting authorizer: auth01 for request: ${ID}`,
    `Endpoint request URI: ${LAMBDA_URI}`,
    `Sending request to ${LAMBDA_URI}`,
    `Authorizer result body before parsing: ${result}`,
    `Execution failed due to configuration error: ${detail}`,
    'AuthorizerConfigurationException',
  );
}

const AT = Date.parse('2026-11-30T08:00:00Z');
const LAMBDA_ID = '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b';

testRule(authorizerFunctionError, {
  matches: [
    {
      name: "an unusable output (null) while the client got 403: contradicted (the trace may be another request's)",
      evidence: evidence({
        status: 403,
        log: authorizerReturned(ID, 'null'),
      }),
      confidence: 'medium',
    },
    {
      name: 'the function failed to load (Runtime.ImportModuleError, truncated result body, console Test tab)',
      evidence: evidence({ log: IMPORT_MODULE_ERROR }),
      confidence: 'high',
      summary:
        /failed with Runtime\.ImportModuleError: Error: Cannot find module '\.\.\/\.\.\/scaffold\/okta'\.$/,
      evidence_lines: [/Unrecognized field "errorType"/, 'AuthorizerConfigurationException'],
      checklist: [
        '--log-group-name /aws/lambda/Authorize-Registrations-Lambda',
        /Fix the crash or the packaging/,
      ],
    },
    {
      name: 'the 2016-era null result: "Could not parse policy"',
      evidence: evidence({
        log: [
          'Wed Sep 14 21:16:33 UTC 2016 : Authorizer result body before parsing: null',
          'Wed Sep 14 21:16:33 UTC 2016 : Execution failed due to configuration error: Could not parse policy',
          'Wed Sep 14 21:16:33 UTC 2016 : AuthorizerConfigurationException',
        ],
      }),
      confidence: 'high',
      summary: /returned null instead of \{principalId, policyDocument\}/,
    },
    {
      name: 'an HTTP-style {statusCode: 401} result instead of a policy',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        log: badOutput(
          '{"statusCode":401,"body":"{\\"message\\":\\"token expired\\"}"}',
          'Invalid JSON in response: Unrecognized field "statusCode" , not marked as ignorable',
        ),
        config: { authorizer: TOKEN_AUTHORIZER, restApi: { id: API } },
      }),
      confidence: 'high',
      summary: /HTTP-style response \(\{statusCode: …\}\)/,
      evidence_lines: [`Response: ${NULL_500}`, 'x-amzn-ErrorType: AuthorizerConfigurationException'],
      checklist: [`test-invoke-authorizer --rest-api-id ${API} --authorizer-id auth01`],
    },
    {
      name: 'a context with a nested object',
      evidence: evidence({
        log: badOutput(
          JSON.stringify({
            principalId: 'user-123',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
            context: { tenant: 't1', roles: ['admin'] },
          }),
          'Invalid JSON in response',
        ),
      }),
      confidence: 'high',
      summary: /context with nested objects or arrays/,
    },
    {
      name: 'a result without policyDocument',
      evidence: evidence({
        log: badOutput('{"principalId":"user-123","context":{"tenant":"t1"}}', 'Could not parse policy'),
      }),
      confidence: 'high',
      summary: /has no policyDocument/,
    },
    {
      name: 'ERROR-level logging: only the configuration-error line survives',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        log: cloudwatch(
          ID,
          'Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorMessage" , not marked as ignorable',
        ),
      }),
      confidence: 'high',
      summary: /could not parse the authorizer's output: Invalid JSON in response/,
    },
    {
      name: 'the Lambda was called and the call failed ("Authorizer error") with no permission message',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Authorizer error',
          'AuthorizerConfigurationException',
        ),
      }),
      confidence: 'high',
      summary: /The authorizer call failed: Authorizer error/,
    },
    {
      name: 'the same, but a configuration-error line before it was cut short where the permission line begins',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          `Endpoint request URI: ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Invalid perm [TRUNCATED]',
          'Execution failed due to configuration error: Authorizer error',
          'AuthorizerConfigurationException',
        ),
      }),
      confidence: 'low',
    },
    {
      name: '500 {"message":null} and an access log that shows the Lambda was invoked',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        accessLog: {
          requestId: ID,
          status: 500,
          'error.responseType': 'AUTHORIZER_CONFIGURATION_ERROR',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '3f1a2b4c-0d5e-4f60-8a7b-9c0d1e2f3a4b',
        },
      }),
      confidence: 'medium',
    },
    {
      name: "500 AuthorizerConfigurationException and the call's request lines pasted without what followed: a call refused for want of permission writes them too (low)",
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Authorizer error',
        ),
      }),
      confidence: 'low',
    },
    {
      name: 'the client view alone: 500 {"message":null} with AuthorizerConfigurationException',
      evidence: evidence({ status: 500, body: NULL_500, errorType: 'AuthorizerConfigurationException' }),
      confidence: 'low',
      summary: /could not use the authorizer's answer/,
    },
    {
      name: 'an access log with AUTHORIZER_FAILURE only',
      evidence: evidence({ accessLog: { requestId: ID, status: 500, responseType: 'AUTHORIZER_FAILURE' } }),
      confidence: 'low',
    },
    {
      name: 'a lone AuthorizerConfigurationException line',
      evidence: evidence({ log: cloudwatch(ID, 'AuthorizerConfigurationException') }),
      confidence: 'low',
    },
    {
      name: "the function's own log shows this request's invocation crashing (a cold start that could not load a module)",
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: LAMBDA_ID,
            start: AT + 40,
            end: AT + 200,
            coldStart: true,
            timedOut: false,
            unauthorized: false,
            error: {
              type: 'Runtime.ImportModuleError',
              message: "Error: Cannot find module 'jsonwebtoken'",
              stack: ['at _loadUserApp (file:///var/runtime/index.mjs:1087:17)'],
            },
          },
        ]),
      }),
      confidence: 'high',
      summary:
        /failed with Runtime\.ImportModuleError: Error: Cannot find module 'jsonwebtoken' \(its own log/,
      evidence_lines: [`invocation ${LAMBDA_ID}`, /cold start/, /_loadUserApp/],
    },
    {
      name: "the function's own log shows this request's invocation timing out",
      evidence: evidence({
        status: 500,
        body: NULL_500,
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: LAMBDA_ID,
            start: AT + 10,
            end: AT + 3010,
            coldStart: false,
            timedOut: true,
            unauthorized: false,
          },
        ]),
      }),
      confidence: 'high',
      summary: /timed out/,
    },
    {
      name: '"Unable to parse given policy", cut off by the person who pasted it',
      evidence: evidence({
        log: [' Execution failed due to configuration error: Unable to parse given polic'],
      }),
      confidence: 'high',
      summary: /could not parse the authorizer's output: Unable to parse given polic/,
    },
  ],
  ignores: [
    {
      name: "the Lambda threw 'Unauthorized' on purpose (its error object in the result body): a 401, not a failure",
      evidence: evidence({
        log: authorizerReturned(ID, '{"errorMessage":"Unauthorized","errorType":"Error"}'),
      }),
    },
    {
      name: 'an authorizer URI that is no valid endpoint: the function never ran',
      evidence: evidence({
        status: 500,
        log: authorizerUriInvalid(ID),
      }),
    },
    {
      name: "a 500 while the function's own log shows no invocation at all: it never ran (a permission problem)",
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        request: { time: AT },
        ...functionLog(AT, []),
      }),
    },
    {
      name: 'invoke permission missing: "Invalid permissions on Lambda function" then "Authorizer error"',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
        ),
      }),
    },
    {
      name: 'API Gateway cannot assume the authorizer role',
      evidence: evidence({
        log: [
          '  Wed Jun 07 17:58:56 UTC 2023 : Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::770646514888:role/lambda_execution_role_Authorize-Registrations-Lambda',
          'Wed Jun 07 17:58:56 UTC 2023 : Execution failed due to configuration error: Authorizer error',
          'Wed Jun 07 17:58:56 UTC 2023 : AuthorizerConfigurationException',
        ],
      }),
    },
    {
      name: "the integration's Lambda permission (ends in Method completed with status: 500)",
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting execution for request: ${ID}`,
          'HTTP Method: GET, Resource Path: /pets',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Method completed with status: 500',
        ),
      }),
    },
    {
      name: 'a Lambda proxy integration answering malformed JSON (502, after the authorizer allowed)',
      evidence: evidence({
        status: 502,
        body: '{"message": "Internal server error"}',
        log: [
          ...authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
          }),
          ...cloudwatch(
            ID,
            `Starting execution for request: ${ID}`,
            'HTTP Method: GET, Resource Path: /pets',
            'Execution failed due to configuration error: Malformed Lambda proxy response',
            'Method completed with status: 502',
          ),
        ],
      }),
    },
    {
      name: 'the authorizer said Unauthorized (401)',
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        errorType: 'UnauthorizedException',
      }),
    },
    {
      name: 'a well-formed Allow policy',
      evidence: evidence({
        log: authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
          principalId: 'u',
          policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
          context: { tenant: 't1', admin: false, quota: 5 },
        }),
      }),
    },
  ],
});
