import { parseResponse } from '../../src/evidence/response';
import { readGatewayMessage } from '../../src/evidence/gateway-message';

describe('Client responses', () => {
  it.each([
    [
      'capital Message',
      '{"Message":"User is not authorized to access this resource"}',
      'User is not authorized to access this resource',
    ],
    ['pretty-printed lowercase', '{\n    "message": "Forbidden"\n}', 'Forbidden'],
    [
      'a bare fragment',
      '"message": "User is not authorized to access this resource"',
      'User is not authorized to access this resource',
    ],
    ['message null', '{"message":null}', null],
    ['as a console prints the object', '{message: null}', null],
    ['as a Python client prints the dict', "{'message': None}", null],
    ["a Python dict's text", "{'message': 'Forbidden'}", 'Forbidden'],
    ['a key that only ends in message is no message', '{errorMessage: null}', '{errorMessage: null}'],
    [
      'plain text',
      "Credential should be scoped to correct service: 'execute-api'",
      "Credential should be scoped to correct service: 'execute-api'",
    ],
  ])('%s', (_name, body, message) => {
    expect(parseResponse({ status: 403, body })?.message).toBe(message);
  });

  it.each([
    [
      "S3's XML error",
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    ],
    [
      "the query protocol's XML error (SQS)",
      '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource https://sqs.us-east-1.amazonaws.com/ is denied.</Message></Error></ErrorResponse>',
      'AccessDenied',
      'Access to the resource https://sqs.us-east-1.amazonaws.com/ is denied.',
    ],
    [
      "the JSON protocol's __type (DynamoDB)",
      '{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: dynamodb:GetItem"}',
      'AccessDeniedException',
      'User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: dynamodb:GetItem',
    ],
  ])("reads %s as another AWS service's answer", (_name, body, code, message) => {
    const response = parseResponse({ status: 403, body });
    expect(response).toMatchObject({ serviceError: code, message });
    expect(readGatewayMessage(response)).toEqual({ kind: 'service-error', code });
  });

  it.each([
    [403, 'signature'],
    [undefined, 'signature'],
    [400, 'service-error'],
  ])(
    'reads a __type SigV4 rejection at status %s as %s (API Gateway has answered so: aws/aws-sdk-js#792)',
    (status, kind) => {
      const body =
        '{"__type":"#SignatureDoesNotMatch","message":"Credential should be scoped to a valid region, not \'execute-api\'. "}';
      expect(readGatewayMessage(parseResponse({ status, body })).kind).toBe(kind);
    },
  );

  it("leaves API Gateway's own JSON answers alone", () => {
    expect(parseResponse({ status: 403, body: '{"message":"Forbidden"}' })?.serviceError).toBeUndefined();
    expect(parseResponse({ status: 403, body: 'Error: <Code>x</Code>' })?.serviceError).toBeUndefined();
  });

  it('recognises a CloudFront HTML page', () => {
    const response = parseResponse({
      status: 403,
      body: '<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1></BODY></HTML>',
    });
    expect(response?.html).toBe(true);
    expect(readGatewayMessage(response).kind).toBe('cloudfront');
  });

  it.each([
    [
      "nginx's page, signed below its rule",
      '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>',
      'nginx/1.18.0',
    ],
    [
      "Apache's page, its host left out",
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><hr>\n<address>Apache/2.4.41 (Ubuntu) Server at api.example.com Port 443</address>\n</body></html>',
      'Apache/2.4.41 (Ubuntu)',
    ],
    ['an unsigned page', '<html><body><h1>Access denied</h1></body></html>', undefined],
  ])('reads %s as an HTML page of another server than CloudFront', (_name, body, server) => {
    expect(readGatewayMessage(parseResponse({ status: 403, body }))).toEqual(
      server ? { kind: 'html', server } : { kind: 'html' },
    );
  });

  it('drops the coral suffix of x-amzn-ErrorType', () => {
    expect(
      parseResponse({
        errorType: 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/',
      })?.errorType,
    ).toBe('AccessDeniedException');
  });

  it('is undefined when nothing was given', () => {
    expect(parseResponse({ status: null, body: null, errorType: null })).toBeUndefined();
  });
});

describe('Gateway messages', () => {
  const read = (body: string | null, errorType?: string, status = 403) =>
    readGatewayMessage(parseResponse({ status, body, errorType }));

  it.each([
    ['{"message":"Unauthorized"}', { kind: 'unauthorized' }],
    [
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      { kind: 'authorizer-deny', explicit: true },
    ],
    [
      '{"Message":"User is not authorized to access this resource"}',
      { kind: 'authorizer-deny', explicit: false },
    ],
    ['{"message":"Missing Authentication Token"}', { kind: 'missing-authentication-token' }],
    ['{"message":"Forbidden"}', { kind: 'forbidden' }],
    [
      "'...' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer: ...'.\"",
      { kind: 'incomplete-signature', bearer: true },
    ],
    [
      '{"message":"Authorization header requires \'Credential\' parameter. Authorization header requires \'Signature\' parameter. Authorization=Bearer eyJ"}',
      { kind: 'incomplete-signature', bearer: true },
    ],
    [
      '{"message":"Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z"}',
      { kind: 'signature' },
    ],
    ['{"message":"The security token included in the request is invalid."}', { kind: 'signature' }],
  ])('%s', (body, expected) => {
    expect(read(body)).toMatchObject(expected);
  });

  it.each<[string, boolean, string | undefined, string | undefined]>([
    [' with an explicit deny', true, undefined, undefined],
    [' with an explicit deny in a resource-based policy', true, 'resource', undefined],
    [' because no resource-based policy allows the execute-api:Invoke action', false, 'resource', undefined],
    // The caller's own bounds (IAM's access-denied format): fixed on the caller's side, as identity policies are.
    [
      ' with an explicit deny in a service control policy: arn:aws:organizations::1:policy/o-a/p-b',
      true,
      'identity',
      'service-control-policy',
    ],
    [' with an explicit deny in a permissions boundary', true, 'identity', 'permissions-boundary'],
    [' because no session policy allows the execute-api:Invoke action', false, 'identity', 'session-policy'],
    ['', false, undefined, undefined],
  ])('principal denial with suffix "%s"', (suffix, explicit, policyType, bound) => {
    const arn = 'arn:aws:execute-api:us-east-2:111122223333:fywvr4qneh/api/GET/sentiment/';
    const message = read(
      `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn}${suffix}"}`,
    );
    expect(message).toEqual({
      kind: 'principal-deny',
      principal: 'anonymous',
      resourceArn: arn,
      explicit,
      policyType,
      ...(bound ? { bound } : {}),
    });
  });

  it.each([
    [
      'an IAM principal and the identity-based suffix',
      'User: arn:aws:sts::111122223333:assumed-role/app/s is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111122223333:a/p/GET/x with an explicit deny in an identity-based policy',
      {
        principal: 'arn:aws:sts::111122223333:assumed-role/app/s',
        resourceArn: 'arn:aws:execute-api:us-east-1:111122223333:a/p/GET/x',
        explicit: true,
        policyType: 'identity',
      },
    ],
    [
      'a principal and a resource masked by the person who pasted them, spaces and all',
      'User: arn:aws:sts::<account>:assumed-role/<instance IAM role>/i-xxxxx is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:<region>:<account id>:<Api id>/Prod/POST/pay with an explicit deny',
      {
        principal: 'arn:aws:sts::<account>:assumed-role/<instance IAM role>/i-xxxxx',
        resourceArn: 'arn:aws:execute-api:<region>:<account id>:<Api id>/Prod/POST/pay',
        explicit: true,
        policyType: undefined,
      },
    ],
    [
      'a denial whose resource the person who pasted it cut out ("execute-api:Invoke ...")',
      'User: arn:aws:sts::111122223333:assumed-role/gw/s-...\nis not authorized to perform: execute-api:Invoke ...\nwith an explicit deny in a resource-based policy',
      {
        principal: 'arn:aws:sts::111122223333:assumed-role/gw/s-...',
        resourceArn: undefined,
        explicit: true,
        policyType: 'resource',
      },
    ],
    [
      'a denial pasted without its "User: " (the principal an ARN)',
      'arn:aws:sts::xxxxx:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:xxxx:********:xxxx/prod/GET/test',
      {
        principal: 'arn:aws:sts::xxxxx:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials',
        resourceArn: 'arn:aws:execute-api:xxxx:********:xxxx/prod/GET/test',
        explicit: false,
        policyType: undefined,
      },
    ],
    [
      'a denial of anonymous pasted without its "User: "',
      '"anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:111122223333:a/p/GET/x"',
      {
        principal: 'anonymous',
        resourceArn: 'arn:aws:execute-api:us-east-1:111122223333:a/p/GET/x',
        explicit: false,
        policyType: undefined,
      },
    ],
  ])('reads %s', (_what, message, expected) => {
    expect(read(JSON.stringify({ Message: message }))).toEqual({ kind: 'principal-deny', ...expected });
  });

  it('reads a lone "<" as part of the principal, and gives up on a hostile run of placeholders at once', () => {
    expect(
      read(
        '{"Message":"User: arn:aws:iam::<acct:user/x is not authorized to perform: execute-api:Invoke on resource: arn:a"}',
      ),
    ).toMatchObject({ kind: 'principal-deny', principal: 'arn:aws:iam::<acct:user/x' });
    // Each <a> could be read as a placeholder or as three characters: 2^64 ways, if the pattern allowed both.
    const hostile = `User: ${'<a>'.repeat(64)} is not authorized to perform: execute-api:Invoke on resource: ${'<a>'.repeat(64)} x y`;
    expect(read(JSON.stringify({ Message: hostile })).kind).toBe('principal-deny');
  });

  it('takes only an ARN or anonymous for a principal without "User: ", and reads a long run of ARNs at once', () => {
    expect(read('{"Message":"The Lambda is not authorized to perform: execute-api:Invoke"}').kind).toBe(
      'other',
    );
    const hostile = `${'arn:x '.repeat(20_000)}is not authorized`;
    expect(read(JSON.stringify({ Message: hostile })).kind).toBe('other');
  });

  it('falls back to x-amzn-ErrorType when the body was customised', () => {
    expect(read('{"message":"Missing or invalid token"}', 'MissingAuthenticationTokenException')).toEqual({
      kind: 'missing-authentication-token',
    });
    expect(read(null, 'AuthorizerConfigurationException', 500)).toEqual({ kind: 'authorizer-configuration' });
  });

  it('reads {"message":null} on a 500 as the authorizer-configuration answer', () => {
    expect(read('{"message":null}', undefined, 500)).toEqual({ kind: 'authorizer-configuration' });
  });
});
