import { isAlreadyMasked, isSensitiveKey, isSensitiveQueryKey } from '../../src/redact';

describe('Function: isSensitiveKey', () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'x-amzn-Remapped-Authorization',
    'Cookie',
    'set_cookie',
    'x-api-key',
    'apikey',
    'usageIdentifierKey',
    'authorizationToken',
    'X-Amz-Security-Token',
    'aws_secret_access_key',
    'client_secret',
    'dbPassword',
    'passwd',
    'method.request.header.Authorization',
    'auth',
  ])('treats %j as sensitive', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each([
    'principalId',
    'apiKeyId',
    'apiKeyRequired',
    'apiKeySource',
    'authorizationType',
    'authorizerId',
    'identitySource',
    'x-amzn-ErrorType',
    'MissingAuthenticationTokenException',
    'code',
    'key',
    'requestId',
  ])('treats %j as not sensitive', (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });
});

describe('Function: isSensitiveQueryKey', () => {
  it.each([
    ['code', true],
    ['sig', true],
    ['X-Amz-Signature', true],
    ['key', true],
    ['access_token', true],
    ['page', false],
    ['state', false],
  ])('%j → %s', (key, expected) => {
    expect(isSensitiveQueryKey(key)).toBe(expected);
  });
});

describe('Function: isAlreadyMasked', () => {
  it.each([
    ['********abc123', true],
    ['**********************************abcdef', true],
    ['...', true],
    ['<token>', true],
    ['[REDACTED]', true],
    ['', true],
    ['*abcdefgh', false],
    ['abc123', false],
  ])('%j → %s', (value, expected) => {
    expect(isAlreadyMasked(value)).toBe(expected);
  });
});
