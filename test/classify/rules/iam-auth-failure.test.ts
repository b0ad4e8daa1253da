import { iamAuthFailure } from '../../../src/classify/rules/iam-auth-failure';
import { testRule } from '../../support/rule-tester';
import { ARN_PREFIX, cloudwatch, evidence } from '../../support/evidence';

const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;
const CALLER = 'arn:aws:sts::111122223333:assumed-role/app-role/i-0abc123def4567890';
const IAM_METHOD = {
  config: { method: { httpMethod: 'GET', resourcePath: '/pets', authorizationType: 'AWS_IAM' } },
};

function principalDenied(principal: string, suffix = ''): string {
  return `{"Message":"User: ${principal} is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN}${suffix}"}`;
}

testRule(iamAuthFailure, {
  matches: [
    {
      name: "the security token's message answered 500 (a backend's own AWS SDK call, or a remap): contradicted",
      evidence: evidence({
        status: 500,
        body: '{"message":"The security token included in the request is invalid."}',
      }),
      confidence: 'medium',
    },
    {
      name: 'a signature error answered 400 (another AWS service answers bad signatures so; API Gateway with 403)',
      evidence: evidence({
        status: 400,
        body: '{"message":"Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z"}',
      }),
      confidence: 'medium',
    },
    {
      name: "the access log's INVALID_SIGNATURE read with another cause's answer (Unauthorized): contradicted",
      evidence: evidence({
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: 'r1', status: '403', 'error.responseType': 'INVALID_SIGNATURE' },
      }),
      confidence: 'medium',
    },
    {
      name: "only the access log's MISSING_AUTHENTICATION_TOKEN, for a method known to be AWS_IAM (an unsigned call)",
      evidence: evidence({
        accessLog: { requestId: 'r1', status: '403', 'error.responseType': 'MISSING_AUTHENTICATION_TOKEN' },
        ...IAM_METHOD,
      }),
      confidence: 'high',
    },
    {
      name: 'a signature error on a method known to use a Lambda authorizer (API Gateway checks no signature there)',
      evidence: evidence({
        status: 403,
        body: '{"message":"The request signature we calculated does not match the signature you provided."}',
        config: { method: { authorizationType: 'CUSTOM', authorizerId: 'a1' } },
      }),
      confidence: 'medium',
    },
    {
      name: "a signature error on a private API whose method's authorization is unknown (an endpoint policy may read it)",
      evidence: evidence({
        status: 403,
        body: '{"message":"Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z"}',
        config: { restApi: { id: 'abc', endpointConfiguration: { types: ['PRIVATE'] } } },
      }),
      confidence: 'medium',
    },
    {
      name: 'a denial line in the execution log that names an identity-based policy (read as the answer is)',
      evidence: evidence({
        status: 403,
        log: cloudwatch(
          'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
          `User: ${CALLER} is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny in an identity-based policy`,
          'Method completed with status: 403',
        ),
      }),
      confidence: 'high',
      evidence_lines: [/with an explicit deny in an identity-based policy/],
    },
    {
      name: 'an assumed role without execute-api:Invoke on an AWS_IAM method',
      evidence: evidence({
        status: 403,
        body: principalDenied(CALLER),
        errorType: 'AccessDeniedException',
        accessLog: {
          requestId: 'r1',
          status: 403,
          'error.responseType': 'ACCESS_DENIED',
          'identity.userArn': CALLER,
        },
        ...IAM_METHOD,
      }),
      confidence: 'high',
      summary: new RegExp(
        `assumed-role/app-role/i-0abc123def4567890 is not allowed to call execute-api:Invoke on ${METHOD_ARN.replace(/\//g, '\\/')}\\.$`,
      ),
      evidence_lines: [
        'Method authorization: AWS_IAM',
        `Caller: ${CALLER}`,
        'x-amzn-ErrorType: AccessDeniedException',
      ],
      checklist: [
        `{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"${METHOD_ARN}"}`,
        /execute-api.*us-east-1/,
      ],
    },
    {
      name: 'the newer "with an explicit deny in an identity-based policy" suffix, no configuration',
      evidence: evidence({
        status: 403,
        body: principalDenied(
          'arn:aws:iam::111122223333:user/ci-bot',
          ' with an explicit deny in an identity-based policy',
        ),
        errorType: 'AccessDeniedException',
      }),
      confidence: 'high',
      summary: /ci-bot is not allowed .* \(an explicit Deny\)/,
    },
    ...[
      [
        'a service control policy',
        CALLER,
        ' with an explicit deny in a service control policy',
        'aws organizations list-policies-for-target --target-id 111122223333 --filter SERVICE_CONTROL_POLICY',
      ],
      [
        "an assumed role's permissions boundary",
        CALLER,
        ' because no permissions boundary allows the execute-api:Invoke action',
        'aws iam get-role --role-name app-role --query Role.PermissionsBoundary',
      ],
      [
        "a user's permissions boundary",
        'arn:aws:iam::111122223333:user/ci/ci-bot',
        ' because no permissions boundary allows the execute-api:Invoke action',
        'aws iam get-user --user-name ci-bot --query User.PermissionsBoundary',
      ],
      [
        'a session policy',
        CALLER,
        ' because no session policy allows the execute-api:Invoke action',
        /policy passed when the credentials were made/,
      ],
    ].map(([what, principal, suffix, step]) => ({
      name: `a denial naming ${String(what)}: where to change it comes first`,
      evidence: evidence({
        status: 403,
        body: principalDenied(String(principal), String(suffix)),
        errorType: 'AccessDeniedException',
      }),
      confidence: 'high' as const,
      checklist: [step, /Allow execute-api:Invoke/],
    })),
    {
      name: 'an IAM user denied, method type unknown (could still be a resource-policy Deny)',
      evidence: evidence({ status: 403, body: principalDenied('arn:aws:iam::111122223333:user/ci-bot') }),
      confidence: 'medium',
    },
    {
      name: 'Signature expired',
      evidence: evidence({
        status: 403,
        body: '{"message":"Signature expired: 20240312T101500Z is now earlier than 20240312T102001Z (20240312T102501Z - 5 min.)"}',
        errorType: 'InvalidSignatureException',
      }),
      confidence: 'high',
      summary: /SigV4 signature was rejected: Signature expired/,
    },
    {
      name: 'the signature does not match (wrong secret or canonical request)',
      evidence: evidence({
        status: 403,
        body: '{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}',
        errorType: 'InvalidSignatureException',
      }),
      confidence: 'high',
    },
    {
      name: 'credentials scoped to the wrong service (plain-text body from the corpus)',
      evidence: evidence({
        status: 403,
        body: "Credential should be scoped to correct service: 'execute-api'",
      }),
      confidence: 'high',
      summary: /Credential should be scoped to correct service: 'execute-api'/,
    },
    {
      name: 'the security token included in the request is invalid',
      evidence: evidence({
        status: 403,
        body: '{"message":"The security token included in the request is invalid."}',
        errorType: 'AccessDeniedException',
      }),
      confidence: 'high',
    },
    {
      name: 'an access log with EXPIRED_TOKEN only',
      evidence: evidence({
        accessLog: { requestId: 'r1', status: 403, 'error.responseType': 'EXPIRED_TOKEN' },
      }),
      confidence: 'high',
    },
    {
      name: 'an unsigned call to an AWS_IAM method ("Missing Authentication Token")',
      evidence: evidence({
        status: 403,
        body: '{"message":"Missing Authentication Token"}',
        errorType: 'MissingAuthenticationTokenException',
        ...IAM_METHOD,
      }),
      confidence: 'high',
      summary: /unsigned request/,
    },
    {
      name: 'a bearer token sent to an AWS_IAM method (IncompleteSignatureException)',
      evidence: evidence({
        status: 403,
        body: `{"message":"'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'."}`,
        errorType: 'IncompleteSignatureException',
        ...IAM_METHOD,
      }),
      confidence: 'high',
      summary: /bearer token instead of a SigV4 signature/,
    },
    {
      name: 'the key=value-pair message with the method type unknown',
      evidence: evidence({
        status: 403,
        body: '{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): \'Zm9vYmFy\'."}',
        errorType: 'IncompleteSignatureException',
      }),
      confidence: 'low',
    },
    {
      name: 'an assumed-role denial pasted broken over lines, with a stray "}',
      evidence: evidence({
        status: 403,
        body: 'User: arn:aws:sts::*********:assumed-role/app-AppRole-********/i-******* \nis not authorized to perform: execute-api:Invoke \non resource: arn:aws:execute-api:eu-west-1:************:********/DEV/GET/invoices"}',
      }),
      confidence: 'medium',
    },
    {
      name: 'an IAM caller explicitly denied on an AWS_IAM method, resource policy unread (its Deny reads the same)',
      evidence: evidence({
        status: 403,
        body: principalDenied(CALLER, ' with an explicit deny'),
        ...IAM_METHOD,
      }),
      confidence: 'medium',
    },
    {
      name: 'an IAM caller explicitly denied on an AWS_IAM method of an API without a resource policy',
      evidence: evidence({
        status: 403,
        body: principalDenied(CALLER, ' with an explicit deny'),
        config: { ...IAM_METHOD.config, restApi: { id: 'abc123defg', name: 'pets' } },
      }),
      confidence: 'high',
    },
    {
      name: 'an IAM caller denied by a placeholder-masked message on an AWS_IAM method',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User: arn:aws:sts::<account>:assumed-role/<instance IAM role>/i-x is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:<region>:<account>:<Api id>/Prod/POST/pay"}',
        ...IAM_METHOD,
      }),
      confidence: 'high',
      summary: /<instance IAM role>\/i-x is not allowed/,
    },
    {
      name: 'AccessDeniedException without its words, on an AWS_IAM method: low, and the words would settle it',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        config: { method: { authorizationType: 'AWS_IAM' } },
      }),
      confidence: 'low',
      summary:
        /nothing read says which check refused: the caller's IAM permissions may not allow execute-api:Invoke/,
    },
  ],
  ignores: [
    {
      name: 'AccessDeniedException without its words, on a method with a Lambda authorizer',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        config: { method: { authorizationType: 'CUSTOM' } },
      }),
    },
    {
      name: 'AccessDeniedException beside a trace: the trace, not the header alone, decides',
      evidence: evidence({
        status: 403,
        errorType: 'AccessDeniedException',
        log: ['(r1) Extended Request Id: abc=', '(r1) Method completed with status: 403'],
      }),
    },
    {
      name: "the access log's INVALID_SIGNATURE for a method without authorization of an API that may be private",
      evidence: evidence({
        accessLog: { requestId: 'r1', status: '403', 'error.responseType': 'INVALID_SIGNATURE' },
        config: { method: { authorizationType: 'NONE' } },
      }),
    },
    {
      name: "S3's own SignatureDoesNotMatch in its XML error document (an S3 integration, not API Gateway's check)",
      evidence: evidence({
        status: 403,
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>',
      }),
    },
    {
      name: 'an IAM caller denied "in a resource-based policy" (resource-policy-explicit-deny)',
      evidence: evidence({
        status: 403,
        body: principalDenied(CALLER, ' with an explicit deny in a resource-based policy'),
      }),
    },
    {
      name: 'an anonymous caller denied by the resource policy',
      evidence: evidence({ status: 403, body: principalDenied('anonymous', ' with an explicit deny') }),
    },
    {
      name: 'Missing Authentication Token on a method without IAM (a route miss)',
      evidence: evidence({
        status: 403,
        body: '{"message":"Missing Authentication Token"}',
        config: { method: { authorizationType: 'NONE' } },
      }),
    },
    {
      name: 'Missing Authentication Token with nothing known about the method',
      evidence: evidence({ status: 403, body: '{"message":"Missing Authentication Token"}' }),
    },
    {
      name: 'a bearer token on an undeployed route of a Lambda-authorizer API',
      evidence: evidence({
        status: 403,
        body: `{"message":"'...' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer: ...'."}`,
        config: { method: { authorizationType: 'CUSTOM', authorizerId: 'auth01' } },
      }),
    },
    {
      name: "the Lambda authorizer's explicit deny",
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        ...IAM_METHOD,
      }),
    },
    {
      name: 'an API-key Forbidden on an AWS_IAM method',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        errorType: 'ForbiddenException',
        ...IAM_METHOD,
      }),
    },
    {
      name: 'a signature error for a method without authorization of a PRIVATE API (its VPC endpoint policy read the header)',
      evidence: evidence({
        status: 403,
        body: '{"message":"The request signature we calculated does not match the signature you provided."}',
        errorType: 'InvalidSignatureException',
        config: {
          restApi: { endpointConfiguration: { types: ['PRIVATE'] } },
          method: { authorizationType: 'NONE' },
        },
      }),
    },
  ],
});
