import { REDACTED, redactLines, redactText } from '../../src/redact';
import { CORPUS_CLEAN_LINES, SPACEFINDER_TOKEN_PARTS, SPACEFINDER_TRACE } from './fixtures';

interface MaskCase {
  name: string;
  input: string;
  secrets: readonly string[];
  kept: readonly string[];
}

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZW1haWwiOiJhQGIuYyJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const STS_TOKEN =
  'IQoJb3JpZ2luX2VjEMj//////////wEaCXVzLWVhc3QtMSJHMEUCIQDx7kq0ZSeCzQ8Z9r2Yh1p3NfW0u4mV6yT8bR5cA2dE3gIgFh';
const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets';

const maskCases: MaskCase[] = [
  // Authorization schemes and tokens
  {
    name: 'Bearer JWT in free text',
    input: `curl https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets -H "Authorization: Bearer ${JWT}"`,
    secrets: [JWT, JWT.slice(-12)],
    kept: ['Authorization: Bearer [REDACTED]"', 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets'],
  },
  {
    name: 'opaque Bearer token in prose',
    input: 'the client sends Bearer 9f8e7d6c5b4a39281706 and gets a 403',
    secrets: ['9f8e7d6c5b4a39281706'],
    kept: ['Bearer [REDACTED] and gets a 403'],
  },
  {
    name: 'Basic credentials',
    input: 'Authorization header was Basic dXNlcjpodW50ZXIy, expected a JWT',
    secrets: ['dXNlcjpodW50ZXIy'],
    kept: ['Basic [REDACTED], expected a JWT'],
  },
  {
    name: 'JWT without any context',
    input: `token copied from the browser: ${JWT}`,
    secrets: [JWT.split('.')[0] as string, JWT.split('.')[1] as string, JWT.split('.')[2] as string],
    kept: ['token copied from the browser: [REDACTED]'],
  },
  {
    name: 'JWT cut off by a copy (lone eyJ run)',
    input: 'identity token was eyJraWQiOiJpK29xRmhHKzJcL and then the paste ended',
    secrets: ['eyJraWQiOiJpK29xRmhHKzJcL'],
    kept: ['and then the paste ended'],
  },
  // Header-style pairs
  {
    name: 'Endpoint request headers map with a raw security token',
    input: `(5a1e7c9f-2b3d-4e5f-8a9b-0c1d2e3f4a5b) Endpoint request headers: {x-amzn-lambda-integration-tag=5a1e7c9f-2b3d-4e5f-8a9b-0c1d2e3f4a5b, Authorization=AWS4-HMAC-SHA256 Credential=ASIAZ3EXAMPLEKEY0001/20190905/us-east-1/lambda/aws4_request, SignedHeaders=accept;host;x-amz-date, Signature=${SIGNATURE}, X-Amz-Date=20190905T045639Z, x-amzn-apigateway-api-id=a1b2c3d4e5, X-Amz-Source-Arn=${METHOD_ARN}, Accept=application/json, User-Agent=AmazonAPIGateway_a1b2c3d4e5, X-Amz-Security-Token=${STS_TOKEN} [TRUNCATED]`,
    secrets: ['ASIAZ3EXAMPLEKEY0001', SIGNATURE, STS_TOKEN.slice(0, 40), STS_TOKEN.slice(-20)],
    kept: [
      '(5a1e7c9f-2b3d-4e5f-8a9b-0c1d2e3f4a5b) Endpoint request headers: {x-amzn-lambda-integration-tag=5a1e7c9f',
      'Credential=[REDACTED]/20190905/us-east-1/lambda/aws4_request',
      'SignedHeaders=accept;host;x-amz-date',
      'X-Amz-Date=20190905T045639Z, x-amzn-apigateway-api-id=a1b2c3d4e5',
      `X-Amz-Source-Arn=${METHOD_ARN}, Accept=application/json`,
      'X-Amz-Security-Token=[REDACTED] [TRUNCATED]',
    ],
  },
  {
    name: 'Method request headers map with raw Authorization, Cookie and x-api-key',
    input:
      '(0d3c3c1f-1a2b-4c5d-9e8f-7a6b5c4d3e2f) Method request headers: {Authorization=Bearer sk_live_4f3e2d1c, Cookie=session=abc123; theme=dark, x-api-key=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F, Host=a1b2c3d4e5.execute-api.us-east-1.amazonaws.com, X-Forwarded-For=203.0.113.7}',
    secrets: ['sk_live_4f3e2d1c', 'session=abc123', 'theme=dark', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F'],
    kept: [
      '{Authorization=Bearer [REDACTED], Cookie=[REDACTED], x-api-key=[REDACTED], Host=a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      'X-Forwarded-For=203.0.113.7}',
    ],
  },
  {
    name: 'HTTP header lines',
    input:
      'GET /prod/pets HTTP/1.1\nHost: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\nAuthorization: tok_1a2b3c4d5e6f\nCookie: sid=s%3Aabcdef.ghijkl\nX-Amz-Security-Token: ' +
      STS_TOKEN +
      '\nx-api-key: qwertyuiopasdfghjkl0123456789\nAccept: */*',
    secrets: [
      'tok_1a2b3c4d5e6f',
      'sid=s%3Aabcdef.ghijkl',
      STS_TOKEN.slice(0, 30),
      'qwertyuiopasdfghjkl0123456789',
    ],
    kept: [
      'GET /prod/pets HTTP/1.1\nHost: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com\nAuthorization: [REDACTED]\nCookie: [REDACTED]',
      'x-api-key: [REDACTED]\nAccept: */*',
    ],
  },
  {
    name: 'remapped Authorization header of an HTTP integration',
    input: 'x-amzn-Remapped-Authorization: tok_9z8y7x6w5v',
    secrets: ['tok_9z8y7x6w5v'],
    kept: ['x-amzn-Remapped-Authorization: [REDACTED]'],
  },
  {
    name: 'Set-Cookie header with an expiry date',
    input: 'set-cookie: id=a3fWa9xY; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly',
    secrets: ['a3fWa9xY'],
    kept: ['set-cookie: [REDACTED]'],
  },
  {
    name: 'JSON header pairs, including escaped JSON from a log export',
    input:
      '{"message":"(4f1c) Method request headers: {\\"Authorization\\":\\"Bearer opaque-7781\\",\\"X-Api-Key\\":\\"key-99887766\\"}","logStreamName":"4f1c2d3e"}',
    secrets: ['opaque-7781', 'key-99887766'],
    kept: [
      '\\"Authorization\\":\\"Bearer [REDACTED]\\"',
      '\\"X-Api-Key\\":\\"[REDACTED]\\"',
      '"logStreamName":"4f1c2d3e"',
    ],
  },
  {
    name: 'Node inspect style object',
    input:
      "headers: { authorization: 'Bearer 0a1b2c3d4e5f', 'x-api-key': 'k-1234567890', host: 'example.com' }",
    secrets: ['0a1b2c3d4e5f', 'k-1234567890'],
    kept: ["authorization: 'Bearer [REDACTED]'", "'x-api-key': '[REDACTED]'", "host: 'example.com'"],
  },
  // SigV4 material
  {
    name: 'SigV4 Authorization header',
    input: `Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20230101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
    secrets: ['AKIAIOSFODNN7EXAMPLE', SIGNATURE],
    kept: [
      'Authorization: AWS4-HMAC-SHA256 Credential=[REDACTED]/20230101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=[REDACTED]',
    ],
  },
  {
    name: 'presigned URL',
    input: `https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/pets?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQWERTYUIOPASDFGH%2F20230101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(STS_TOKEN)}&X-Amz-Signature=${SIGNATURE}`,
    secrets: ['ASIAQWERTYUIOPASDFGH', SIGNATURE, 'IQoJb3JpZ2luX2VjEMj'],
    kept: [
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      'X-Amz-Credential=[REDACTED]%2F20230101%2Fus-east-1%2Fexecute-api%2Faws4_request',
      'X-Amz-Security-Token=[REDACTED]&X-Amz-Signature=[REDACTED]',
    ],
  },
  {
    name: 'AWS credentials file and exported variables',
    input:
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nexport AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDHqa0AP1Ctdw9fKa8yLBAfG0a\nregion = eu-west-1',
    secrets: [
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'FwoGZXIvYXdzEBYaDHqa0AP1Ctdw9fKa8yLBAfG0a',
    ],
    kept: [
      '[default]\naws_access_key_id = [REDACTED]\naws_secret_access_key = [REDACTED]',
      'region = eu-west-1',
    ],
  },
  {
    name: 'STS credentials JSON',
    input:
      '{"Credentials":{"AccessKeyId":"ASIAXYZXYZXYZXYZXYZ1","SecretAccessKey":"9drTJvcXLB89EXAMPLELB8923FB892xMFI","SessionToken":"AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE","Expiration":"2023-01-01T12:00:00Z"},"AssumedRoleUser":{"Arn":"arn:aws:sts::123456789012:assumed-role/why403-reader/session"}}',
    secrets: ['ASIAXYZXYZXYZXYZXYZ1', '9drTJvcXLB89EXAMPLELB8923FB892xMFI', 'AQoXdzELDDY'],
    kept: [
      '"Expiration":"2023-01-01T12:00:00Z"',
      'arn:aws:sts::123456789012:assumed-role/why403-reader/session',
    ],
  },
  // Incoming identity
  {
    name: 'Incoming identity: raw JWT from a console test (spacefinder)',
    input: SPACEFINDER_TRACE[2],
    secrets: SPACEFINDER_TOKEN_PARTS,
    kept: ['Sun May 07 05:37:15 UTC 2017 : Incoming identity: [REDACTED]'],
  },
  {
    name: 'Incoming identity: raw opaque token keeps its scheme',
    input: '(9cef3834-4a17-11e7-935f-35dfc4618b7d) Incoming identity: Bearer allow-1234',
    secrets: ['allow-1234'],
    kept: ['(9cef3834-4a17-11e7-935f-35dfc4618b7d) Incoming identity: Bearer [REDACTED]'],
  },
  {
    name: 'Incoming identity map: raw values masked, AWS-masked values and keys kept',
    input:
      'Incoming identity: {method.request.header.Hash=********aaaaaa, method.request.querystring.tenant=acme-prod-77, method.request.header.X-Session=s3ss10n-v4lu3}',
    secrets: ['acme-prod-77', 's3ss10n-v4lu3'],
    kept: [
      'Incoming identity: {method.request.header.Hash=********aaaaaa, method.request.querystring.tenant=[REDACTED], method.request.header.X-Session=[REDACTED]}',
    ],
  },
  {
    name: 'Incoming identity in a trace flattened onto one line',
    input:
      'Sun May 07 05:37:15 UTC 2017 : Incoming identity: opaque_token_123 Sun May 07 05:37:15 UTC 2017 : Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:989972760655:function:auth/invocations',
    secrets: ['opaque_token_123'],
    kept: [
      'Incoming identity: [REDACTED] Sun May 07 05:37:15 UTC 2017 : Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:989972760655:function:auth/invocations',
    ],
  },
  // Authorizer request bodies
  {
    name: 'TOKEN authorizer request body (spacefinder, token on its own line, truncated)',
    input: SPACEFINDER_TRACE[4],
    secrets: SPACEFINDER_TOKEN_PARTS,
    kept: [
      'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":\n"[REDACTED]","methodArn":"arn:aws:execute-ap [TRUNCATED]',
    ],
  },
  {
    name: 'TOKEN authorizer request body with an opaque token',
    input: `Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"allow","methodArn":"${METHOD_ARN}"}`,
    secrets: ['"allow"'],
    kept: [`{"type":"TOKEN","authorizationToken":"[REDACTED]","methodArn":"${METHOD_ARN}"}`],
  },
  {
    name: 'REQUEST authorizer request body',
    input: `Endpoint request body after transformations: {"type":"REQUEST","methodArn":"${METHOD_ARN}","resource":"/pets","path":"/pets","httpMethod":"GET","headers":{"Accept":"*/*","Authorization":"Bearer opaque-abc-123","X-Auth-Token":"xat-5566","Host":"a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"},"multiValueHeaders":{"Authorization":["Bearer opaque-abc-123"],"Cookie":["sid=77aa88bb"]},"queryStringParameters":{"code":"oauth-code-42","page":"2","access_token":"at-9911"},"multiValueQueryStringParameters":{"code":["oauth-code-42"],"page":["2"]},"pathParameters":{},"stageVariables":{},"requestContext":{"resourceId":"abc123","stage":"prod","requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","identity":{"apiKey":"ak-live-000111","apiKeyId":"a1b2c3","sourceIp":"203.0.113.7","vpceId":"vpce-0abc1234def567890"}}}`,
    secrets: ['opaque-abc-123', 'xat-5566', 'sid=77aa88bb', 'oauth-code-42', 'at-9911', 'ak-live-000111'],
    kept: [
      `"methodArn":"${METHOD_ARN}"`,
      '"Authorization":"Bearer [REDACTED]"',
      '"Authorization":["Bearer [REDACTED]"],"Cookie":["[REDACTED]"]',
      '"queryStringParameters":{"code":"[REDACTED]","page":"2","access_token":"[REDACTED]"}',
      '"multiValueQueryStringParameters":{"code":["[REDACTED]"],"page":["2"]}',
      '"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"',
      '"apiKey":"[REDACTED]","apiKeyId":"a1b2c3","sourceIp":"203.0.113.7","vpceId":"vpce-0abc1234def567890"',
    ],
  },
  {
    name: 'Method request query string map',
    input:
      '(c6af9ac6-7b61-11e6-9a41-93e8deadbeef) Method request query string: {code=oauth-code-42, page=2, sig=abcdef0123}',
    secrets: ['oauth-code-42', 'abcdef0123'],
    kept: ['Method request query string: {code=[REDACTED], page=2, sig=[REDACTED]}'],
  },
  // API keys
  {
    name: 'API key in a usage-plan line',
    input:
      "(c6af9ac6-7b61-11e6-9a41-93e8deadbeef) API Key 3hRxZxKp9F0cQmZ2v8aB1cD4eF5gH6iJ7kL8mN9o not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: API Stage is not in a Usage Plan",
    secrets: ['3hRxZxKp9F0cQmZ2v8aB1cD4eF5gH6iJ7kL8mN9o'],
    kept: [
      "API Key [REDACTED] not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: API Stage is not in a Usage Plan",
    ],
  },
  {
    name: 'API key in a Verifying Usage Plan line',
    input:
      'Verifying Usage Plan for request: c6af9ac6-7b61-11e6-9a41-93e8deadbeef. API Key: 3hRxZxKp9F0cQmZ2v8aB API Stage: zsuvlqr7nb/prod',
    secrets: ['3hRxZxKp9F0cQmZ2v8aB'],
    kept: ['c6af9ac6-7b61-11e6-9a41-93e8deadbeef. API Key: [REDACTED] API Stage: zsuvlqr7nb/prod'],
  },
  // URLs, private keys, generic pairs
  {
    name: 'query-string secrets in a URL',
    input:
      'GET https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/callback?code=AUTHCODE123&state=xyz&token=tkn-777&access_token=at-888&api_key=ak-999&sig=sg-000&page=3#frag',
    secrets: ['AUTHCODE123', 'tkn-777', 'at-888', 'ak-999', 'sg-000'],
    kept: [
      '/prod/callback?code=[REDACTED]&state=xyz&token=[REDACTED]&access_token=[REDACTED]&api_key=[REDACTED]&sig=[REDACTED]&page=3#frag',
    ],
  },
  {
    name: 'private key (PEM)',
    input:
      'key used by the authorizer:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----\nrotated on 2023-01-01',
    secrets: ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0'],
    kept: [
      'key used by the authorizer:\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n[REDACTED]\n-----END RSA PRIVATE KEY-----\nrotated on 2023-01-01',
    ],
  },
  {
    name: 'private key inside a JSON string',
    input:
      '{"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n","kid":"k1"}',
    secrets: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
    kept: ['"kid":"k1"'],
  },
  {
    name: 'generic password= and secret= pairs',
    input: 'db connect failed: host=10.0.0.5 user=app password=hunter2 client_secret=cs-55aa66bb timeout=30',
    secrets: ['hunter2', 'cs-55aa66bb'],
    kept: ['host=10.0.0.5 user=app password=[REDACTED] client_secret=[REDACTED] timeout=30'],
  },
  {
    name: 'IncompleteSignatureException body quoting the bearer token',
    input:
      "'opaque-tkn-0001' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer opaque-tkn-0001'.",
    secrets: ['opaque-tkn-0001'],
    kept: [
      "'[REDACTED]' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer [REDACTED]'.",
    ],
  },
  {
    name: 'IAM-authorized route called with a custom token',
    input:
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=allow-me-42",
    secrets: ['allow-me-42'],
    kept: ["Authorization header requires 'Credential' parameter.", 'Authorization=[REDACTED]'],
  },
  {
    name: 'authorizer output inside a log line',
    input:
      '(a4188e34-1f2a-4b3c-9d8e-7f6a5b4c3d2e) Authorizer result body before parsing: {"principalId":"user|a1b2","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*/*"}]},"context":{"tenantId":"acme-42","email":"jane@example.com","extension_secret":"xs-0099"}}',
    secrets: ['acme-42', 'jane@example.com', 'xs-0099'],
    kept: [
      '"principalId":"user|a1b2"',
      '"Effect":"Deny","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*/*"',
      '"context":{"tenantId":"[REDACTED]","email":"[REDACTED]","extension_secret":"[REDACTED]"}',
    ],
  },
];

const unchangedLines: readonly string[] = [
  'Method completed with status: 403',
  'Sun May 07 05:37:15 UTC 2017 : Method completed with status: 403',
  METHOD_ARN,
  'arn:aws:execute-api:us-east-1:989972760655:qyt4c7jmsd/null/*/*',
  'Starting authorizer: 2egbc3 for request: test-request',
  'The client is not authorized to perform this operation.',
  'Using valid authorizer policy for principal: user',
  'Successfully completed authorizer execution',
  'X-ray Tracing ID : Root=1-5a2bc1b4-4f4e6b2c7e3a1d0f9b8c7a6e',
  '2023-10-27T14:40:57.744+01:00 | (a4188e34-1f2a-4b3c-9d8e-7f6a5b4c3d2e) Extended Request Id: N7SvJHWQDoEEXeA=',
  'API-Gateway-Execution-Logs_fywvr4qneh/api 3f1b2c4d5e6f7a8b9c0d1e2f3a4b5c6d 2019-01-01T00:00:00.000Z (c6af9ac6-7b61-11e6-9a41-93e8deadbeef) HTTP Method: GET, Resource Path: /sentiment',
  'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer:live/invocations',
  'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::123456789012:role/apigw-authorizer-invoke',
  'Verifying Usage Plan for request: c6af9ac6-7b61-11e6-9a41-93e8deadbeef. API Key: **********************************abcdef API Stage: fywvr4qneh/prod',
  "API Key **********************************abcdef authorized because method 'GET /pets' requires API Key. Request will not contribute to throttle or quota limits",
  'Incoming identity: ********abc123',
  'Incoming identity: {method.request.header.Authorization=********abc123, method.request.header.Hash=********aaaaaa}',
  'Incoming identity: ',
  'Endpoint request headers: {Authorization=****************************************************************2a3d12, X-Amz-Date=20190905T045639Z, x-amzn-apigateway-api-id=fywvr4qneh}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0abc"},"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}}]}',
  '{"requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","extendedRequestId":"N7SvJHWQDoEEXeA=","status":"403","responseType":"MISSING_AUTHENTICATION_TOKEN","error":"Missing Authentication Token","apiKeyId":"a1b2c3","authorizerPrincipalId":"user-1"}',
  'identitySource: method.request.header.Authorization, method.request.querystring.token',
  'The authorizer expects a Bearer token and Basic authentication is disabled',
  '"identityValidationExpression":"^Bearer [-0-9a-zA-Z\\\\._]*$"',
  'identityValidationExpression: ^Bearer .+$',
  '{"requestId":"$context.requestId","apiKey":"$context.identity.apiKey","authorizerError":"$context.authorizer.error"}',
  '"authorizationType":"CUSTOM","authorizerId":"2egbc3","apiKeyRequired":true',
  'x-amzn-ErrorType: MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazonaws.gateway/',
  'x-amzn-ErrorType: ExpiredTokenException',
  'curl -H "Authorization: <token>" https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/',
  'Stream 2019/09/05/[$LATEST]3f1b2c4d5e6f7a8b9c0d1e2f3a4b5c6d, CloudFront id Ux0BVseGSaXz4xZ3bN2ZB7m6_p4tVqk3cGhpPxwKgS1wv2HmQPc9pA==',
  ...CORPUS_CLEAN_LINES,
];

describe('Function: redactText', () => {
  it.each(maskCases)('masks $name', ({ input, secrets, kept }) => {
    // Act
    const output = redactText(input);

    // Assess
    expect(output).toContain(REDACTED);
    for (const secret of secrets) expect(output).not.toContain(secret);
    for (const part of kept) expect(output).toContain(part);
  });

  it.each(unchangedLines.map((line) => [line]))('leaves %j unchanged', (line) => {
    expect(redactText(line)).toBe(line);
  });

  it.each([...maskCases.map((c) => c.input), ...unchangedLines].map((input) => [input]))(
    'is idempotent on %j',
    (input) => {
      const once = redactText(input);
      expect(redactText(once)).toBe(once);
    },
  );

  it('redacts the spacefinder test-invoke trace and keeps its diagnosis', () => {
    // Act
    const output = redactLines(SPACEFINDER_TRACE).join('\n');

    // Assess
    for (const part of SPACEFINDER_TOKEN_PARTS) expect(output).not.toContain(part);
    expect(output).toContain('Starting authorizer: 2egbc3 for request: test-request');
    expect(output).toContain(
      '"Effect":"Deny","Resource":["arn:aws:execute-api:us-east-1:989972760655:qyt4c7jmsd/null/*/*"]',
    );
    expect(output).toContain('function:spacefinder-api-development-authorizer-Custom/invocations');
  });

  it('keeps line breaks, so output lines match input lines', () => {
    // Prepare
    const input = `Authorization: Bearer\n${JWT}\nnext line`;

    // Act
    const output = redactText(input);

    // Assess
    expect(output.split('\n')).toHaveLength(3);
    expect(output).not.toContain(JWT);
  });

  it('returns lines without anything suspicious unchanged', () => {
    // Prepare
    const clean = Array.from({ length: 200 }, (_, i) => `(${i}) Method completed with status: 403`);

    // Act
    const output = clean.map((line) => redactText(line));

    // Assess
    expect(output).toEqual(clean);
  });
});

describe('Function: redactLines', () => {
  it('returns one output line per input line', () => {
    // Prepare
    const lines = ['Incoming identity: abc-token-1', 'first\nsecond', '', 'password=pw-1 done'];

    // Act
    const output = redactLines(lines);

    // Assess
    expect(output).toEqual([
      'Incoming identity: [REDACTED]',
      'first\nsecond',
      '',
      'password=[REDACTED] done',
    ]);
  });

  it('sees an authorizer output pretty-printed over several lines', () => {
    // Prepare
    const lines = [
      'Authorizer result body before parsing: {',
      '  "principalId": "user-1",',
      '  "context": {',
      '    "email": "jane@example.com",',
      '    "tier": 3',
      '  }',
      '}',
      'Using valid authorizer policy for principal: user-1',
    ];

    // Act
    const output = redactLines(lines);

    // Assess
    expect(output).toEqual([
      'Authorizer result body before parsing: {',
      '  "principalId": "user-1",',
      '  "context": {',
      '    "email": "[REDACTED]",',
      '    "tier": "[REDACTED]"',
      '  }',
      '}',
      'Using valid authorizer policy for principal: user-1',
    ]);
  });
});
