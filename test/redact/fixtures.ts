// Verbatim lines from /work/shared/corpus/cases.json (and the response headers recorded in its context notes).
// The `_shortcut_` pieces inside the token are the source author's shortening of a real Cognito id token.

export const SPACEFINDER_TRACE = [
  'Execution log for request test-request',
  'Sun May 07 05:37:15 UTC 2017 : Starting authorizer: 2egbc3 for request: test-request',
  'Sun May 07 05:37:15 UTC 2017 : Incoming identity: eyJraWQiOiJpK29xRmhHKzJcL_shortcut_iLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI2NTI3YTU1Z_shortcut_WwiOiJ2aWN0b3JzZmJhQGdtYWlsLmNvbSJ9.FZDcSmBpNS_shortcut_DKiuYgim7UgIfUA0Dn1h8smg',
  'Sun May 07 05:37:15 UTC 2017 : Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:989972760655:function:spacefinder-api-development-authorizer-Custom/invocations',
  'Sun May 07 05:37:15 UTC 2017 : Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":\n"eyJraWQiOiJpK29xRmhHKzJcL_shortcut_iLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI2NTI3YTU1Z_shortcut_WwiOiJ2aWN0b3JzZmJhQGdtYWlsLmNvbSJ9.FZDcSmBpN_shortcut_DKiuYgim7UgIfUA0Dn1h8smg","methodArn":"arn:aws:execute-ap [TRUNCATED]',
  'Sun May 07 05:37:15 UTC 2017 : Authorizer result body before parsing: {"principalId":"","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":["arn:aws:execute-api:us-east-1:989972760655:qyt4c7jmsd/null/*/*"]}]}}',
  'Sun May 07 05:37:15 UTC 2017 : Using valid authorizer policy for principal: ',
  'Sun May 07 05:37:15 UTC 2017 : Successfully completed authorizer execution',
] as const;

/** Pieces of the spacefinder token: each must be gone after redaction. */
export const SPACEFINDER_TOKEN_PARTS = [
  'eyJraWQiOiJpK29xRmhHKzJcL',
  'iLCJhbGciOiJSUzI1NiJ9',
  'eyJzdWIiOiI2NTI3YTU1Z',
  'WwiOiJ2aWN0b3JzZmJhQGdtYWlsLmNvbSJ9',
  'DKiuYgim7UgIfUA0Dn1h8smg',
] as const;

export const KC_AUTHORIZER_OUTPUT_CUT =
  'Authorizer result body before parsing:\n{\n"principalId": "user",\n"policyDocument": {\n"Version": "2012-10-17",\n"S';

export const WSC_AUTHORIZER_CRASH =
  'Thu Jun 08 15:09:51 UTC 2023 : Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'../../scaffold/okta\'\\nRequire stack:\\n- /var/task/modules/authorize_lambda_function/index.js\\n- /var/runtime/UserFunction.js\\n- /var/runtime/Runtime.js\\n- /var/runtime/index.js","trace":["Runtime.ImportModuleError: Error: Cannot find module \'../../scaffold/okta\'","Require stack:","- /var/task/modules/authorize_lambda_function/index.js","- /var/runtime/UserFunction.js","- /var/runtime/Runtime.js","- /var/runtime/index.js"," at _loadUserApp (/var/runtime/UserFunction.js:225:13)"," at Object.module.exports.load (/var/runtime/UserFunction.js:300:17)"," at Object.<anonymous> (/var/runtime/index.js:43:34)"," at Module._compile (internal/modules/cjs/loader.js:1114:14)"," at Object.Module._extensions..js (internal/modules/cjs/loader.js:1143:10)"," at Module.load (internal/modules/cjs/loader.js:979:32)"," at Function.Module._load (internal/modules/cjs/loader.js:819:12)"," a [TRUNCATED]';

/** Corpus lines with nothing to mask: redaction must return them byte for byte. */
export const CORPUS_CLEAN_LINES = [
  '  Wed Jun 07 17:58:56 UTC 2023 : Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::770646514888:role/lambda_execution_role_Authorize-Registrations-Lambda',
  'Wed Jun 07 17:58:56 UTC 2023 : Execution failed due to configuration error: Authorizer error',
  'Wed Jun 07 17:58:56 UTC 2023 : AuthorizerConfigurationException',
  'Thu Jun 08 15:09:49 UTC 2023 : Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:770646514888:function:Authorize-Registrations-Lambda/invocations',
  WSC_AUTHORIZER_CRASH,
  'Thu Jun 08 15:09:51 UTC 2023 : Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable',
  'Wed Sep 14 21:16:33 UTC 2016 : Authorizer result body before parsing: null',
  'Wed Sep 14 21:16:33 UTC 2016 : Execution failed due to configuration error: Could not parse policy',
  "API Key ... not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: No Usage Plan found for key and API Stage",
  'Sending request to https://lambda.<region>.amazonaws.com/2015-03-31/functions/<lambda-authorizer-arn>/invocations',
  KC_AUTHORIZER_OUTPUT_CUT,
  'Extended Request Id: MY92nHDwwwIdGxzR=',
  'Unauthorized request: <request-id>',
  'Sending request to https://lambda.region.amazonaws.com/2015-03-31/functions/arn:aws:lambda:region:############:function:example-function/invocations',
  'Execution failed due to configuration error: Invalid permissions on Lambda function',
  ...SPACEFINDER_TRACE.filter((line) => !/Incoming identity|authorizationToken/.test(line)),
  // response bodies
  '{"Message":"User is not authorized to access this resource with an explicit deny"}',
  '{\n    "Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-2:********1977:fywvr4qneh/api/GET/sentiment/"\n}',
  '{\n    "message": "Missing Authentication Token"\n}',
  'User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:************:.../api/.../...',
  "'...' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer: ...'.\"",
  "Credential should be scoped to correct service: 'execute-api'",
  '{"message":null}',
  // response headers
  'x-amzn-requestid: 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
  'x-amzn-errortype: AccessDeniedException',
  'x-amz-apigw-id: N7SvJHWQDoEEXeA=',
  'x-amzn-trace-id: Root=1-654797fa-6ae95da234f15ba6587fb36d',
  'via: 1.1 4b0861a8035fd11b1a90183c566020e2.cloudfront.net (CloudFront)',
  'x-amz-cf-id: gA-hS_7NeRjCtmKPc2P76uGyxaDNmWpE8iUZQMsxMHBoWm2W4uTPqw==',
] as const;
