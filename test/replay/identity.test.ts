import { inspect } from 'node:util';
import {
  identitySourcesOf,
  parseIdentitySource,
  resolveIdentity,
  testInvokeInput,
} from '../../src/replay/identity';
import { SealedIdentity, isSealedIdentity } from '../../src/replay/sealed';
import { scrubber } from '../../src/replay/scrub';
import { english } from '../../src/render/localize';
import { InputError } from '../../src/errors';
import { inputError } from '../support/failures';

const TOKEN = 'Bearer s3cr3t-Token.Value';

describe('SealedIdentity', () => {
  it.each<[string, (identity: SealedIdentity) => string]>([
    ['JSON', (identity) => JSON.stringify({ job: { identity } })],
    ['util.inspect', (identity) => inspect({ identity }, { depth: 5 })],
    ['a template string', (identity) => `${identity}`],
    ['String()', (identity) => String(identity)],
    ['Object.entries', (identity) => JSON.stringify(Object.entries(identity))],
  ])('never shows its values through %s', (_how, show) => {
    for (const identity of [SealedIdentity.single(TOKEN), SealedIdentity.named({ Authorization: TOKEN })]) {
      const shown = show(identity);
      expect(shown).not.toContain('s3cr3t');
    }
  });

  it('after a JSON round trip it is no identity at all', () => {
    const travelled: unknown = JSON.parse(
      JSON.stringify({ identity: SealedIdentity.single(TOKEN) }),
    ).identity;
    expect(travelled).toBe('[identity withheld]');
    expect(isSealedIdentity(travelled)).toBe(false);
    expect(isSealedIdentity(SealedIdentity.single(TOKEN))).toBe(true);
  });

  it.each<[string, string, string | Record<string, string>]>([
    ['a token and a newline', `${TOKEN}\n`, TOKEN],
    ['a token with a byte-order mark and CRLF', `\uFEFF${TOKEN}\r\n`, TOKEN],
    [
      'a JSON object',
      '{"X-Tenant": "acme", "method.request.querystring.token": "q1"}',
      { 'X-Tenant': 'acme', 'method.request.querystring.token': 'q1' },
    ],
  ])('reads %s', (_name, text, expected) => {
    const identity = SealedIdentity.parse(text);
    if (typeof expected === 'string') expect(identity.revealSingle()).toBe(expected);
    else
      expect(Object.fromEntries(identity.names.map((name) => [name, identity.reveal(name)]))).toEqual(
        expected,
      );
  });

  it.each<[string, string, string]>([
    ['nothing', ' \n', 'The identity file is empty.'],
    ['two lines', 'Bearer a\nBearer b', 'The identity has more than one line.'],
    ['broken JSON', '{"a": ', 'The identity starts with a brace but is not a JSON object of strings.'],
    [
      'a value that is not text',
      '{"Authorization": 42}',
      'The identity source Authorization has no text value.',
    ],
    ['an empty object', '{}', 'The identity file is empty.'],
    [
      'a megabyte',
      'x'.repeat(20_000),
      'The identity is longer than 16384 characters: that is not a header value.',
    ],
  ])('refuses %s, without quoting it', (_name, text, problem) => {
    const error = inputError(() => SealedIdentity.parse(text));
    expect(english.t(error.problem)).toBe(problem);
  });
});

describe('identity sources', () => {
  it.each<[string, ReturnType<typeof parseIdentitySource>]>([
    [
      'method.request.header.Authorization',
      { expression: 'method.request.header.Authorization', kind: 'header', name: 'Authorization' },
    ],
    [
      ' method.request.querystring.token ',
      { expression: 'method.request.querystring.token', kind: 'querystring', name: 'token' },
    ],
    [
      'method.request.multivaluequerystring.ids',
      { expression: 'method.request.multivaluequerystring.ids', kind: 'multivaluequerystring', name: 'ids' },
    ],
    [
      'stageVariables.audience',
      { expression: 'stageVariables.audience', kind: 'stageVariable', name: 'audience' },
    ],
    ['context.sourceIp', { expression: 'context.sourceIp', kind: 'context', name: 'sourceIp' }],
    ['method.request.path.id', undefined],
    ['$request.header.Authorization', undefined],
  ])('%s', (expression, expected) => {
    expect(parseIdentitySource(expression)).toEqual(expected);
  });

  it('splits a REQUEST authorizer’s list, and refuses a kind it cannot supply', () => {
    expect(
      identitySourcesOf({
        id: 'a',
        identitySource: 'method.request.header.X-Tenant, stageVariables.env',
      }).map((source) => source.kind),
    ).toEqual(['header', 'stageVariable']);
    expect(identitySourcesOf({ id: 'a' })).toEqual([]);
    const error = inputError(() => identitySourcesOf({ id: 'a', identitySource: 'method.request.path.id' }));
    expect(english.t(error.problem)).toBe(
      'Authorizer a reads an identity source of a kind why403 cannot supply: method.request.path.id.',
    );
  });
});

describe('resolveIdentity', () => {
  const token = identitySourcesOf({ id: 't', identitySource: 'method.request.header.Authorization' });
  const request = identitySourcesOf({
    id: 'r',
    identitySource: 'method.request.header.X-Tenant, method.request.querystring.token',
  });

  it('one value for one source', () => {
    expect(resolveIdentity(SealedIdentity.single(TOKEN), token)).toEqual([
      { source: token[0], value: TOKEN },
    ]);
  });

  it('values by expression, by bare name, and header names in any case; more expressions are sent too', () => {
    const resolved = resolveIdentity(
      SealedIdentity.named({
        'x-tenant': 'acme',
        'method.request.querystring.token': 'q1',
        'method.request.header.X-Trace': 't-1',
      }),
      request,
    );
    expect(resolved.map((r) => [r.source.expression, r.value])).toEqual([
      ['method.request.header.X-Tenant', 'acme'],
      ['method.request.querystring.token', 'q1'],
      ['method.request.header.X-Trace', 't-1'],
    ]);
  });

  it.each<[string, SealedIdentity, ReturnType<typeof identitySourcesOf>, string]>([
    [
      'one value for two sources',
      SealedIdentity.single(TOKEN),
      request,
      'The authorizer reads 2 identity sources (method.request.header.X-Tenant, method.request.querystring.token): give a value for each by name.',
    ],
    [
      'one value for no source',
      SealedIdentity.single(TOKEN),
      [],
      'The authorizer lists no identity source, so one value cannot be placed: give the headers or query strings it reads by name.',
    ],
    [
      'a source left out',
      SealedIdentity.named({ 'X-Tenant': 'acme' }),
      request,
      'No value for the identity source method.request.querystring.token.',
    ],
    [
      'a name that fits nothing',
      SealedIdentity.named({ Authorisation: TOKEN }),
      token,
      'Authorisation is none of the authorizer’s identity sources (method.request.header.Authorization) nor an identity-source expression.',
    ],
  ])('refuses %s', (_name, identity, sources, problem) => {
    const error = inputError(() => resolveIdentity(identity, sources));
    expect(error).toBeInstanceOf(InputError);
    expect(english.t(error.problem)).toBe(problem);
    expect(error.message).not.toContain('s3cr3t');
  });
});

describe('testInvokeInput', () => {
  it('puts every kind where TestInvokeAuthorizer takes it, on the request’s own path and stage variables', () => {
    const sources = identitySourcesOf({
      id: 'r',
      identitySource:
        'method.request.header.Authorization, method.request.querystring.token, method.request.multivaluequerystring.ids, stageVariables.audience, context.tenant',
    });
    const values = ['Bearer a b', 'q 1&2', 'i1', 'aud', 'acme'].map((value, i) => ({
      source: sources[i],
      value,
    }));

    expect(
      testInvokeInput(values, { path: '/orders/18', stageVariables: { env: 'prod', audience: 'old' } }),
    ).toEqual({
      headers: { Authorization: 'Bearer a b' },
      multiValueHeaders: { Authorization: ['Bearer a b'] },
      pathWithQueryString: '/orders/18?token=q+1%262&ids=i1',
      stageVariables: { env: 'prod', audience: 'aud' },
      additionalContext: { tenant: 'acme' },
    });
  });

  it('a header alone: the path as it is, no stage variables or context', () => {
    const [source] = identitySourcesOf({ id: 't', identitySource: 'method.request.header.Authorization' });
    expect(testInvokeInput([{ source, value: TOKEN }], { path: '/' })).toEqual({
      headers: { Authorization: TOKEN },
      multiValueHeaders: { Authorization: [TOKEN] },
      pathWithQueryString: '/',
    });
  });
});

describe('scrubber', () => {
  it.each<[string, string, string]>([
    ['as typed', `identity ${TOKEN} seen`, 'identity [REDACTED] seen'],
    ['without its scheme', 'token=s3cr3t-Token.Value;', 'token=[REDACTED];'],
    ['JSON-escaped', JSON.stringify({ a: 'x"y\\z' }), '{"a":"[REDACTED]"}'],
    ['URL-encoded', 'q=x%22y%5Cz', 'q=[REDACTED]'],
  ])('takes the value out %s', (_how, text, expected) => {
    expect(scrubber([TOKEN, 'x"y\\z'])(text)).toBe(expected);
  });

  it('a short value only where it stands alone', () => {
    expect(scrubber(['t1'])('t1 and t10 and at1 and (t1)')).toBe(
      '[REDACTED] and t10 and at1 and ([REDACTED])',
    );
  });
});
