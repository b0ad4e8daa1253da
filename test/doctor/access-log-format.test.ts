import { analyseFormat, recommendedFormat, REQUIRED_VARIABLES } from '../../src/doctor/access-log-format';
import { parseAccessLogRecord } from '../../src/locate/access-log-record';
import { readAccessLog } from '../../src/evidence/access-log';

const ALL = ['core', 'authorizer', 'waf'] as const;
const COMPLETE_JSON = recommendedFormat([...ALL]);

/** What API Gateway would write for a format: every variable replaced by a value. */
function substitute(format: string, value = 'X'): string {
  return format.replace(/\$context\.[A-Za-z0-9_.]+/g, value);
}

describe('analyseFormat', () => {
  it.each<[string, string, readonly ('core' | 'authorizer' | 'waf')[], string, string[]]>([
    [
      'JSON without the authorizer and WAF fields',
      '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType"}',
      ALL,
      'json',
      [
        'authorizer.error',
        'authorizer.status',
        'authorizer.principalId',
        'authorizer.requestId',
        'authorizer.integrationStatus',
        'waf.error',
        'waf.status',
        'wafResponseCode',
      ],
    ],
    [
      'JSON with a number left unquoted',
      '{"requestId":"$context.requestId","status":$context.status}',
      ['core'],
      'json',
      ['error.responseType'],
    ],
    [
      'CLF, the console default',
      '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId',
      ['core', 'waf'],
      'text',
      ['error.responseType', 'waf.error', 'waf.status', 'wafResponseCode'],
    ],
    ['CSV', '$context.requestId,$context.status', ['core'], 'text', ['error.responseType']],
    [
      'JSON cut short',
      '{"requestId":"$context.requestId"',
      ['core'],
      'invalid-json',
      ['status', 'error.responseType'],
    ],
    ['empty', '', ['core'], 'text', ['requestId', 'status', 'error.responseType']],
    ['complete', COMPLETE_JSON, ALL, 'json', []],
  ])('%s', (_name, format, groups, kind, missing) => {
    const analysis = analyseFormat(format, groups);

    expect(analysis.kind).toBe(kind);
    expect(analysis.missing.map((m) => m.variable)).toEqual(missing);
  });

  it('adds the missing keys to a JSON format and keeps every existing field', () => {
    const format =
      '{"requestId":"$context.requestId","status":$context.status,"ip":"$context.identity.sourceIp"}';

    const { suggested } = analyseFormat(format, [...ALL]);

    expect(suggested.startsWith('{"requestId":"$context.requestId","status":$context.status,')).toBe(true);
    expect(analyseFormat(suggested, [...ALL]).missing).toEqual([]);
    expect(JSON.parse(substitute(suggested, '1'))).toMatchObject({ requestId: '1', status: 1, ip: '1' });
  });

  it('does not reuse a key the owner already took for something else', () => {
    const format = '{"status":"$context.status","responseType":"$context.integrationStatus"}';

    const { suggested } = analyseFormat(format, ['core']);

    expect(JSON.parse(suggested)).toMatchObject({
      responseType: '$context.integrationStatus',
      responseType2: '$context.error.responseType',
      requestId: '$context.requestId',
    });
  });

  it.each([
    ['space-separated', '$context.requestId $context.status', ' '],
    ['comma-separated', '$context.requestId,$context.status', ','],
  ])('appends the missing variables to a %s format with its separator', (_name, format, separator) => {
    const { suggested } = analyseFormat(format, ['core']);

    expect(suggested).toBe(`${format}${separator}$context.error.responseType`);
  });

  it('replaces a broken JSON format by a complete one', () => {
    const { suggested } = analyseFormat('{"requestId":"$context.requestId",', ['core']);

    expect(analyseFormat(suggested, ['core']).missing).toEqual([]);
    expect(() => JSON.parse(suggested)).not.toThrow();
  });

  it("suggests keys that why403's own access-log reader understands", () => {
    const record = Object.fromEntries(REQUIRED_VARIABLES.map((v, i) => [v.key, `v${i}`]));
    const parsed = parseAccessLogRecord(COMPLETE_JSON, JSON.stringify(record));

    const facts = readAccessLog(parsed);

    expect(facts).toMatchObject({
      requestId: 'v0',
      responseType: 'v2',
      authorizerError: 'v3',
      authorizerStatus: 'v4',
      principalId: 'v5',
      authorizerRequestId: 'v6',
      authorizerIntegrationStatus: 'v7',
      wafStatus: 'v9',
      wafResponseCode: 'v10',
    });
  });
});
