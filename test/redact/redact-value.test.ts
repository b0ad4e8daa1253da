import { REDACTED, redactValue } from '../../src/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLWJ5dGVz';

describe('Function: redactValue', () => {
  it.each([
    'authorization',
    'Authorization',
    'cookie',
    'Set-Cookie',
    'x-api-key',
    'X-API-Key',
    'api_key',
    'apiKey',
    'token',
    'access_token',
    'id_token',
    'refresh_token',
    'authorizationToken',
    'password',
    'secret',
    'client_secret',
    'usageIdentifierKey',
    'X-Amz-Security-Token',
    'extension_secret',
    'dbPassword',
    'sessionToken',
    'identity.apiKey',
  ])('replaces the value under %j', (key) => {
    // Act
    const output = redactValue({ [key]: 'value-123', other: 'kept' });

    // Assess
    expect(output).toEqual({ [key]: REDACTED, other: 'kept' });
  });

  it.each([
    'principalId',
    'apiKeyId',
    'apiKeySource',
    'apiKeyRequired',
    'authorizationType',
    'identitySource',
    'type',
  ])('keeps the value under %j', (key) => {
    expect(redactValue({ [key]: 'method.request.header.Authorization' })).toEqual({
      [key]: 'method.request.header.Authorization',
    });
  });

  it('redacts nested values, strings in arrays, and keeps other types', () => {
    // Prepare
    const input = {
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      status: 403,
      cached: false,
      missing: null,
      events: [
        { message: `(c6af9ac6) Incoming identity: ${JWT}`, timestamp: 1_700_000_000_000 },
        { message: 'Method completed with status: 403', timestamp: 1_700_000_000_001 },
      ],
      request: {
        headers: { Authorization: `Bearer ${JWT}`, Host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' },
        multiValueHeaders: { Cookie: ['sid=1', 'theme=dark'] },
        body: 'password=hunter2&user=jane',
      },
      notes: [[`nested ${JWT}`]],
    };

    // Act
    const output = redactValue(input);

    // Assess
    expect(JSON.stringify(output)).not.toMatch(/eyJ|hunter2|sid=1|theme=dark/);
    expect(output).toEqual({
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      status: 403,
      cached: false,
      missing: null,
      events: [
        { message: '(c6af9ac6) Incoming identity: [REDACTED]', timestamp: 1_700_000_000_000 },
        { message: 'Method completed with status: 403', timestamp: 1_700_000_000_001 },
      ],
      request: {
        headers: { Authorization: REDACTED, Host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' },
        multiValueHeaders: { Cookie: REDACTED },
        body: 'password=[REDACTED]&user=jane',
      },
      notes: [['nested [REDACTED]']],
    });
  });

  it('masks every leaf of an authorizer output context and keeps the policy', () => {
    // Prepare
    const policyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: 'Deny',
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/*/*',
          Condition: {
            IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] },
            StringEquals: { 'aws:SourceVpce': 'vpce-0abc' },
          },
        },
      ],
    };
    const input = {
      principalId: 'user-42',
      policyDocument,
      context: { tenant: 'acme', admin: true, quota: 10, nested: { email: 'jane@example.com' }, empty: '' },
      usageIdentifierKey: 'Zx9Yw8Vu7Ts6Rq5Po4Nm',
    };

    // Act
    const output = redactValue(input);

    // Assess
    expect(output).toEqual({
      principalId: 'user-42',
      policyDocument,
      context: { tenant: REDACTED, admin: REDACTED, quota: REDACTED, nested: { email: REDACTED }, empty: '' },
      usageIdentifierKey: REDACTED,
    });
  });

  it('keeps empty credentials, because an empty header is evidence', () => {
    expect(redactValue({ authorization: '', token: null, password: undefined })).toEqual({
      authorization: '',
      token: null,
      password: undefined,
    });
  });

  it('returns a copy and leaves the input untouched', () => {
    // Prepare
    const input = { headers: { authorization: 'Bearer abc-123' }, list: ['password=pw'] };
    const before = structuredClone(input);

    // Act
    const output = redactValue(input);

    // Assess
    expect(input).toEqual(before);
    expect(output).not.toBe(input);
    expect(output.headers).not.toBe(input.headers);
    expect(output.list).not.toBe(input.list);
  });

  it('does not let a __proto__ key change the prototype of the copy', () => {
    // Prepare
    const input = JSON.parse('{"__proto__":{"polluted":"yes"},"token":"t-1"}') as Record<string, unknown>;

    // Act
    const output = redactValue(input);

    // Assess
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(output).toEqual(JSON.parse('{"__proto__":{"polluted":"yes"},"token":"[REDACTED]"}'));
  });

  it.each([
    ['plain string', `Bearer ${JWT}`, 'Bearer [REDACTED]'],
    ['number', 42, 42],
    ['null', null, null],
  ])('accepts a top-level %s', (_name, input, expected) => {
    expect(redactValue(input)).toEqual(expected);
  });
});
