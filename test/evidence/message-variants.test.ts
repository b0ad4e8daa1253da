import { classify } from '../../src/classify/classify';
import { evidenceFromBundle, type EvidenceBundle } from '../../src/evidence/bundle';
import type { CauseId } from '../../src/evidence/types';

/**
 * The wordings API Gateway really writes, each confirmed by the public source named beside it, fed through the whole
 * classifier as a bundle would be. `settles: false` marks a variant that does not decide the cause alone (domain.md
 * §6.1, §8): its verdict must then never be high. Bodies are given as the source printed them (or, where a source
 * printed a template, with the template's placeholders filled in with look-alike values).
 */
interface Variant {
  name: string;
  source: string;
  bundle: EvidenceBundle;
  causes: readonly CauseId[];
  settles: boolean;
}

const ARN = 'arn:aws:execute-api:us-west-2:111122223333:vd2gh6uqw3/api/GET/';
const IAM_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
const KC_403 = 'https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden';
const KC_AUTHORIZER = 'https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer';
const RESOURCE_POLICY_CAUSES: readonly CauseId[] = [
  'resource-policy-implicit-deny',
  'resource-policy-explicit-deny',
  'private-api-vpce-deny',
];
const CACHE_OR_COVERAGE: readonly CauseId[] = [
  'authorizer-policy-not-covering-resource',
  'authorizer-cached-policy-mismatch',
];
const IDENTITY_401: readonly CauseId[] = [
  'identity-source-missing',
  'identity-validation-regex-mismatch',
  'authorizer-returned-unauthorized',
];
const FORBIDDEN_CAUSES: readonly CauseId[] = [
  'api-key-missing-or-invalid',
  'waf-block',
  'private-api-vpce-deny',
];
const ROUTE_OR_IAM: readonly CauseId[] = ['missing-authentication-token', 'iam-auth-failure'];

function answer(status: number, body: string, errorType?: string): EvidenceBundle {
  return { status, response_body: body, error_type_header: errorType ?? null };
}

const ANSWERS: Variant[] = [
  // Lambda authorizer's policy.
  {
    name: 'authorizer explicit deny, capital Message',
    source: KC_403,
    bundle: answer(
      403,
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      'AccessDeniedException',
    ),
    causes: ['authorizer-explicit-deny'],
    settles: true,
  },
  {
    name: 'authorizer explicit deny, KC 2020 unquoted errorMessage',
    source: `${KC_AUTHORIZER} (2020-05-14 revision)`,
    bundle: answer(
      403,
      '{\n    errorMessage: User is not authorized to access this resource with an explicit deny\n}',
    ),
    causes: ['authorizer-explicit-deny'],
    settles: true,
  },
  {
    name: 'authorizer implicit deny, lowercase message',
    source: `${KC_AUTHORIZER} (2022-08-26 revision)`,
    bundle: answer(
      403,
      '{\n    "message": "User is not authorized to access this resource"\n}',
      'AccessDeniedException',
    ),
    causes: CACHE_OR_COVERAGE,
    settles: false,
  },
  // Resource policy and IAM (`User: … is not authorized to perform: execute-api:Invoke …`).
  {
    name: 'anonymous, no suffix, masked account (captured)',
    source: 'https://github.com/ASFHyP3/hyp3/issues/2283',
    bundle: answer(
      403,
      '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/"}',
    ),
    causes: RESOURCE_POLICY_CAUSES,
    settles: false,
  },
  {
    name: 'anonymous, KC template without a space after resource:',
    source: KC_403,
    bundle: answer(
      403,
      `{"message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource:${ARN}"}`,
      'AccessDeniedException',
    ),
    causes: RESOURCE_POLICY_CAUSES,
    settles: false,
  },
  {
    name: 'anonymous, ARN cut off by the poster (captured)',
    source: 'https://github.com/aws-samples/aws-cross-account-private-api-demo/issues/1',
    bundle: answer(
      403,
      '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:ap-southeast-2:********',
    ),
    causes: RESOURCE_POLICY_CAUSES,
    settles: false,
  },
  {
    name: 'anonymous, hand-copied without the colon after Message (captured)',
    source: 'https://github.com/serverless/serverless/issues/11808',
    bundle: answer(
      403,
      '{\n  "Message" "User: annonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:******:<idOfGateway>/test/GET/helloworld\n}',
    ),
    causes: RESOURCE_POLICY_CAUSES,
    settles: false,
  },
  {
    name: 'anonymous, explicit deny',
    source: KC_AUTHORIZER,
    bundle: answer(
      403,
      `{"message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny"}`,
      'AccessDeniedException',
    ),
    causes: ['resource-policy-explicit-deny', 'private-api-vpce-deny'],
    settles: false,
  },
  {
    name: 'anonymous, explicit deny in a resource-based policy',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny in a resource-based policy"}`,
      'AccessDeniedException',
    ),
    causes: ['resource-policy-explicit-deny', 'private-api-vpce-deny'],
    settles: false,
  },
  {
    name: 'anonymous, because no resource-based policy allows',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} because no resource-based policy allows the execute-api:Invoke action"}`,
      'AccessDeniedException',
    ),
    causes: ['resource-policy-implicit-deny', 'private-api-vpce-deny'],
    settles: false,
  },
  {
    name: 'IAM user, because no identity-based policy allows',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: arn:aws:iam::111122223333:user/deployer is not authorized to perform: execute-api:Invoke on resource: ${ARN} because no identity-based policy allows the execute-api:Invoke action"}`,
      'AccessDeniedException',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'assumed role, explicit deny in an identity-based policy',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: arn:aws:sts::111122223333:assumed-role/app/session is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny in an identity-based policy"}`,
      'AccessDeniedException',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'assumed role, explicit deny in a service control policy naming the policy',
    source: `${IAM_DOC} (policy ARN appended since January 2026)`,
    bundle: answer(
      403,
      `{"Message":"User: arn:aws:sts::111122223333:assumed-role/app/session is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny in a service control policy: arn:aws:organizations::444455556666:policy/o-abcdefghij/service_control_policy/p-abcd1234"}`,
      'AccessDeniedException',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'IAM user, explicit deny in a permissions boundary',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: arn:aws:iam::111122223333:user/deployer is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny in a permissions boundary"}`,
      'AccessDeniedException',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'Cognito identity-pool role, pasted without User: (captured)',
    source: 'https://github.com/aws-amplify/amplify-js/issues/1643',
    bundle: answer(
      403,
      'arn:aws:sts::xxxxx:assumed-role/Cognito_test_cctvAuth_Role/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:xxxx:********:xxxx/prod/GET/test',
    ),
    causes: ['iam-auth-failure'],
    settles: false,
  },
  {
    name: 'explicit deny in a VPC endpoint policy',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny in a VPC endpoint policy"}`,
      'AccessDeniedException',
    ),
    causes: ['private-api-vpce-deny'],
    settles: true,
  },
  {
    name: 'because no VPC endpoint policy allows',
    source: IAM_DOC,
    bundle: answer(
      403,
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} because no VPC endpoint policy allows the execute-api:Invoke action"}`,
      'AccessDeniedException',
    ),
    causes: ['private-api-vpce-deny'],
    settles: true,
  },
  // SigV4 (AWS_IAM methods).
  {
    name: 'invalid security token',
    source: KC_403,
    bundle: answer(
      403,
      '{"message":"The security token included in the request is invalid."}',
      'AccessDeniedException',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'signature expired, wrapped by the generated Android client (captured)',
    source: 'https://github.com/aws-amplify/aws-sdk-android/issues/253',
    bundle: answer(
      403,
      'com.amazonaws.mobileconnectors.apigateway.ApiClientException: {"message":"Signature expired: 20170212T175938Z is now earlier than 20170215T145534Z (20170215T150034Z - 5 min.)"}\n (Service: TimeFirstClient; Status Code: 403; Error Code: null; Request ID: 8073bbc5-f38f-11e6-a616-b9eddabf1a00)',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'signature mismatch with its canonical string, escaped line breaks (captured)',
    source: 'https://github.com/mhart/aws4/issues/33',
    bundle: answer(
      403,
      '{\n    "message": "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\\n\\nThe Canonical String for this request should have been\\n\'POST\\n/LocationQuery_stage\\n\\nhost:a5g085p7md.execute-api.us-east-1.amazonaws.com\\nx-amz-date:20200211T205529Z\\n\\nhost;x-amz-date\\n23d10faba2ba9758d06ae91c4508d73b8501462c8792390f1da605cc12a2d787\'\\n"\n}',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'signature mismatch inside a Java SDK exception string (captured)',
    source: 'https://github.com/rpgreen/apigateway-generic-java-sdk/issues/11',
    bundle: answer(
      403,
      'ca.ryangreen.apigateway.generic.GenericApiGatewayException: {"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."} (Service: execute-api; Status Code: 403; Error Code: InvalidSignatureException; ',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: "credential scoped to 'execute-api' instead of a region, with __type (captured)",
    source: 'https://github.com/aws/aws-sdk-js/issues/792',
    bundle: answer(
      403,
      '{"__type":"#SignatureDoesNotMatch","error":{"message":"[*Deprecated*: Use the outer message field] Credential should be scoped to a valid region, not \'execute-api\'. "},"message":"Credential should be scoped to a valid region, not \'execute-api\'. "}',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  {
    name: 'signature expired, header with its internal suffix',
    source: KC_403,
    bundle: answer(
      403,
      '{"message":"Signature expired: 20201027T123008Z is now earlier than 20201027T125507Z (20201027T130007Z - 5 min.)"}',
      'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    ),
    causes: ['iam-auth-failure'],
    settles: true,
  },
  // Route misses and non-SigV4 Authorization headers.
  {
    name: 'missing authentication token, CRLF pretty-printed',
    source: KC_403,
    bundle: answer(
      403,
      '{\r\n  "message": "Missing Authentication Token"\r\n}',
      'MissingAuthenticationTokenException',
    ),
    causes: ROUTE_OR_IAM,
    settles: false,
  },
  {
    name: 'bearer token read as SigV4 (captured)',
    source: 'https://github.com/serverless/serverless/issues/3205',
    bundle: answer(
      403,
      '{\n  "message": "\'sometoken\' not a valid key=value pair (missing equal-sign) in Authorization header: \'Bearer sometoken\'."\n}',
    ),
    causes: ROUTE_OR_IAM,
    settles: false,
  },
  {
    name: 'Authorization header requires Credential (captured, Python dict repr)',
    source: 'https://github.com/aws/chalice/issues/828',
    bundle: answer(
      403,
      "{'message': \"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.4f1JhoEZYj16T9Cfe\"}",
    ),
    causes: ROUTE_OR_IAM,
    settles: false,
  },
  // Forbidden and Unauthorized.
  {
    name: 'Forbidden, ForbiddenException',
    source: KC_403,
    bundle: answer(403, '{"message":"Forbidden"}', 'ForbiddenException'),
    causes: FORBIDDEN_CAUSES,
    settles: false,
  },
  {
    name: 'Forbidden as a JSON string inside a JSON envelope',
    source:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html',
    bundle: answer(403, '{"statusCode":403,"body":"{\\"message\\":\\"Forbidden\\"}"}', 'ForbiddenException'),
    causes: FORBIDDEN_CAUSES,
    settles: false,
  },
  {
    name: 'Unauthorized, 401',
    source: 'https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer',
    bundle: answer(401, '{"message":"Unauthorized"}', 'UnauthorizedException'),
    causes: IDENTITY_401,
    settles: false,
  },
  {
    name: 'Unauthorized, KC 2020 unquoted errorMessage',
    source: `${KC_AUTHORIZER} (2020-05-14 revision)`,
    bundle: answer(401, '{\n    errorMessage: Unauthorized\n}'),
    causes: IDENTITY_401,
    settles: false,
  },
  {
    name: 'message null, 500',
    source: 'https://loige.co/debugging-custom-apigateway-authorizers/',
    bundle: answer(500, '{"message":null}', 'AuthorizerConfigurationException'),
    causes: ['authorizer-function-error', 'authorizer-invoke-permission'],
    settles: false,
  },
];

describe('Real variants of API Gateway answers', () => {
  it.each(ANSWERS.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    expect(variant.source).toMatch(/^https:\/\//);
    const verdict = classify(evidenceFromBundle(variant.bundle));
    expect(variant.causes).toContain(verdict.cause);
    if (!variant.settles) expect(verdict.confidence).not.toBe('high');
  });
});

const ID = '25bdd356-8fc7-11e6-93c4-e3cf41861839';
const ZAPPA_390 = 'https://github.com/Miserlou/Zappa/issues/390';
const API_KEY_REJECTED =
  "API Key **********************************gE96dR not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage i01t0vftre/staging: API Stage is not in a Usage Plan";
const KC_401_TRACE = ['Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`];
const DENY_RESULT =
  'Authorizer result body before parsing: {"principalId":"user","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/*/GET/"}]},"context":{"reason":"';

function traced(status: number, body: string | null, lines: string[], errorType?: string): EvidenceBundle {
  return { status, response_body: body, error_type_header: errorType ?? null, execution_log: lines };
}

const LOG_LINES: Variant[] = [
  {
    name: "API key not in a usage plan, zappa tail's wrapper (captured)",
    source: ZAPPA_390,
    bundle: traced(403, '{"message":"Forbidden"}', [
      `[2b4492] [2016-10-11 15:26:57] Verifying Usage Plan for request: ${ID}. API Key: **********************************gE96dR API Stage: i01t0vftre/staging`,
      `[2b4492] [2016-10-11 15:26:57] ${API_KEY_REJECTED}`,
      '[2b4492] [2016-10-11 15:26:57] Method completed with status: 403',
    ]),
    causes: ['api-key-missing-or-invalid'],
    settles: true,
  },
  {
    name: 'API key not in a usage plan, CloudWatch (request-id) prefix, line broken by a paste',
    source: `${ZAPPA_390}; wrapper: https://repost.aws/knowledge-center/api-gateway-logs`,
    bundle: traced(403, null, [
      `(${ID}) Verifying Usage Plan for request: ${ID}. API Key: **********************************gE96dR API Stage: i01t0vftre/staging`,
      `(${ID}) ${API_KEY_REJECTED.replace(' for API Stage ', ' for API Stage\r\n ')}`,
      `(${ID}) Method completed with status: 403`,
    ]),
    causes: ['api-key-missing-or-invalid'],
    settles: true,
  },
  {
    name: 'API key rejection reason alone, without its request id',
    source: ZAPPA_390,
    bundle: traced(403, '{"message":"Forbidden"}', [API_KEY_REJECTED]),
    causes: ['api-key-missing-or-invalid'],
    settles: true,
  },
  {
    name: 'identity missing or regex, KC two lines with the (request-id) prefix',
    source: 'https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer',
    bundle: traced(
      401,
      '{"message":"Unauthorized"}',
      KC_401_TRACE.map((line) => `(${ID}) ${line}`),
    ),
    causes: ['identity-source-missing', 'identity-validation-regex-mismatch'],
    settles: false,
  },
  {
    name: 'identity missing or regex, KC two lines as printed (no prefix)',
    source: KC_AUTHORIZER,
    bundle: traced(401, '{"message":"Unauthorized"}', KC_401_TRACE),
    causes: ['identity-source-missing', 'identity-validation-regex-mismatch'],
    settles: false,
  },
  {
    name: 'identity missing or regex, KC joined into one line',
    source: KC_AUTHORIZER,
    bundle: traced(401, null, [KC_401_TRACE.join('')]),
    causes: ['identity-source-missing', 'identity-validation-regex-mismatch'],
    settles: false,
  },
  {
    name: 'authorizer returned null, console test-invoke timestamps (captured)',
    source: 'https://github.com/ExpanseLLC/lambda_authorizer/issues/1',
    bundle: traced(500, null, [
      'Wed Sep 14 21:16:33 UTC 2016 : Authorizer result body before parsing: null',
      'Wed Sep 14 21:16:33 UTC 2016 : Execution failed due to configuration error: Could not parse policy',
      'Wed Sep 14 21:16:33 UTC 2016 : AuthorizerConfigurationException',
    ]),
    causes: ['authorizer-function-error'],
    settles: true,
  },
  {
    name: 'authorizer Deny in a result body cut by [TRUNCATED]',
    source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html',
    bundle: traced(
      403,
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      [
        `(${ID}) Starting authorizer: pylynn for request: ${ID}`,
        `(${ID}) Sending request to https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:auth/invocations`,
        `(${ID}) ${DENY_RESULT}${'x'.repeat(700)} [TRUNCATED]`,
        `(${ID}) Using valid authorizer policy for principal: ****user`,
        `(${ID}) Successfully completed authorizer execution`,
      ],
      'AccessDeniedException',
    ),
    causes: ['authorizer-explicit-deny'],
    settles: true,
  },
];

describe('Real variants of execution-log lines', () => {
  it.each(LOG_LINES.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    expect(variant.source).toMatch(/^https:\/\//);
    const verdict = classify(evidenceFromBundle(variant.bundle));
    expect(variant.causes).toContain(verdict.cause);
    if (!variant.settles) expect(verdict.confidence).not.toBe('high');
  });
});

const ACCESS_LOG_VARIABLES =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html';

function logged(record: Record<string, unknown>): EvidenceBundle {
  return { access_log: record };
}

const ACCESS_LOG_RECORDS: Variant[] = [
  {
    name: 'WAF block, flat names chosen by the owner',
    source: ACCESS_LOG_VARIABLES,
    bundle: logged({
      requestId: ID,
      status: '403',
      errorResponseType: 'WAF_FILTERED',
      wafResponseCode: 'WAF_BLOCK',
    }),
    causes: ['waf-block'],
    settles: true,
  },
  {
    name: 'API key, nested error object, the status as a number',
    source: ACCESS_LOG_VARIABLES,
    bundle: logged({
      requestId: ID,
      status: 403,
      error: { responseType: 'INVALID_API_KEY', message: 'Forbidden' },
    }),
    causes: ['api-key-missing-or-invalid'],
    settles: true,
  },
  {
    name: 'route miss, keys named by their $context variables',
    source: ACCESS_LOG_VARIABLES,
    bundle: logged({
      '$context.requestId': ID,
      '$context.status': '403',
      '$context.error.responseType': 'MISSING_AUTHENTICATION_TOKEN',
      '$context.error.message': 'Missing Authentication Token',
    }),
    causes: ROUTE_OR_IAM,
    settles: false,
  },
  {
    name: 'authorizer deny, message and response type only in the access log',
    source: ACCESS_LOG_VARIABLES,
    bundle: logged({
      requestId: ID,
      status: '403',
      'error.responseType': 'ACCESS_DENIED',
      'error.message': 'User is not authorized to access this resource with an explicit deny',
    }),
    causes: ['authorizer-explicit-deny'],
    settles: true,
  },
  {
    name: 'expired signature, unset variables written as -',
    source: ACCESS_LOG_VARIABLES,
    bundle: logged({
      requestId: ID,
      status: '403',
      responseType: 'EXPIRED_TOKEN',
      'authorizer.requestId': '-',
      userArn: '-',
    }),
    causes: ['iam-auth-failure'],
    settles: true,
  },
];

describe('Real variants of access-log records', () => {
  it.each(ACCESS_LOG_RECORDS.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const verdict = classify(evidenceFromBundle(variant.bundle));
    expect(variant.causes).toContain(verdict.cause);
    if (!variant.settles) expect(verdict.confidence).not.toBe('high');
  });
});
