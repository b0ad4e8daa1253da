import {
  combineConditionResults,
  describeCondition,
  evaluateConditions,
  type ConditionCheck,
  type ConditionResult,
  type ConditionValues,
  type PolicyStatement,
} from '../../../src/classify/policy';
import { english } from '../../../src/render/localize';

type Block = NonNullable<PolicyStatement['Condition']>;

function resultOf(block: Block, values: ConditionValues): ConditionResult {
  const checks = evaluateConditions(block, values);
  expect(checks).toHaveLength(1);
  return checks[0].result;
}

describe('evaluateConditions: IP operators', () => {
  it.each<[string, Block, ConditionValues, ConditionResult]>([
    [
      'IPv4 inside a CIDR',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '10.1.2.3' },
      'match',
    ],
    [
      'IPv4 outside a CIDR',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '203.0.113.9' },
      'no-match',
    ],
    [
      'single IP equal',
      { IpAddress: { 'aws:SourceIp': '203.0.113.9' } },
      { 'aws:SourceIp': '203.0.113.9' },
      'match',
    ],
    [
      'single IP other',
      { IpAddress: { 'aws:SourceIp': '203.0.113.9' } },
      { 'aws:SourceIp': '203.0.113.10' },
      'no-match',
    ],
    ['/32', { IpAddress: { 'aws:SourceIp': '203.0.113.9/32' } }, { 'aws:SourceIp': '203.0.113.9' }, 'match'],
    [
      'any of several CIDRs',
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
      { 'aws:SourceIp': '192.168.4.4' },
      'match',
    ],
    [
      'IPv6 inside',
      { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
      { 'aws:SourceIp': '2001:db8:1::5' },
      'match',
    ],
    [
      'IPv6 outside',
      { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
      { 'aws:SourceIp': '2001:db9::5' },
      'no-match',
    ],
    [
      'IPv4 caller vs IPv6 range',
      { IpAddress: { 'aws:SourceIp': '::/0' } },
      { 'aws:SourceIp': '10.1.2.3' },
      'no-match',
    ],
    [
      'IPv6 caller vs IPv4 range',
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      { 'aws:SourceIp': '2001:db8::1' },
      'no-match',
    ],
    [
      'NotIpAddress outside',
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '203.0.113.9' },
      'match',
    ],
    [
      'NotIpAddress inside',
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '10.9.9.9' },
      'no-match',
    ],
    [
      'NotIpAddress must match none of the values',
      { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } },
      { 'aws:SourceIp': '203.0.113.9' },
      'no-match',
    ],
    [
      'NotIpAddress with IPv6 caller and IPv4 ranges',
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '2001:db8::1' },
      'match',
    ],
    [
      'an unreadable caller IP is unknown',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': 'x' },
      'unknown',
    ],
    [
      'an invalid range never matches',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/99' } },
      { 'aws:SourceIp': '10.0.0.1' },
      'no-match',
    ],
  ])('%s', (_name, block, values, expected) => {
    expect(resultOf(block, values)).toBe(expected);
  });
});

describe('evaluateConditions: string, ARN and Bool operators', () => {
  it.each<[string, Block, ConditionValues, ConditionResult]>([
    [
      'StringEquals on aws:SourceVpce',
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } },
      { 'aws:SourceVpce': 'vpce-1a2b' },
      'match',
    ],
    [
      'StringEquals is case-sensitive',
      { StringEquals: { 'aws:SourceVpce': 'vpce-1A2B' } },
      { 'aws:SourceVpce': 'vpce-1a2b' },
      'no-match',
    ],
    [
      'StringEquals with several values',
      { StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } },
      { 'aws:SourceVpc': 'vpc-2' },
      'match',
    ],
    [
      'StringNotEquals on aws:SourceVpc, other VPC',
      { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
      { 'aws:SourceVpc': 'vpc-9' },
      'match',
    ],
    [
      'StringNotEquals on aws:SourceVpc, same VPC',
      { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
      { 'aws:SourceVpc': 'vpc-1' },
      'no-match',
    ],
    [
      'StringNotEquals must match none of the values',
      { StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } },
      { 'aws:SourceVpce': 'vpce-2' },
      'no-match',
    ],
    [
      'StringEqualsIgnoreCase',
      { StringEqualsIgnoreCase: { 'aws:UserAgent': 'CURL' } },
      { 'aws:UserAgent': 'curl' },
      'match',
    ],
    [
      'StringNotEqualsIgnoreCase',
      { StringNotEqualsIgnoreCase: { 'aws:UserAgent': 'CURL' } },
      { 'aws:UserAgent': 'curl' },
      'no-match',
    ],
    [
      'StringLike on aws:PrincipalOrgID',
      { StringLike: { 'aws:PrincipalOrgID': 'o-abc*' } },
      { 'aws:PrincipalOrgID': 'o-abc123' },
      'match',
    ],
    [
      'StringLike miss',
      { StringLike: { 'aws:PrincipalOrgID': 'o-abc*' } },
      { 'aws:PrincipalOrgID': 'o-xyz' },
      'no-match',
    ],
    [
      'StringLike with ?',
      { StringLike: { 'aws:PrincipalOrgID': 'o-???' } },
      { 'aws:PrincipalOrgID': 'o-abc' },
      'match',
    ],
    [
      'StringNotLike',
      { StringNotLike: { 'aws:PrincipalOrgID': 'o-abc*' } },
      { 'aws:PrincipalOrgID': 'o-xyz' },
      'match',
    ],
    [
      'ArnLike',
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
      { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ops' },
      'match',
    ],
    [
      'ArnEquals with a wildcard',
      { ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::*:role/ops' } },
      { 'aws:SourceArn': 'arn:aws:iam::111122223333:role/ops' },
      'match',
    ],
    [
      'ArnNotEquals',
      { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ops' } },
      { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' },
      'match',
    ],
    [
      'ArnNotLike',
      { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:*' } },
      { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' },
      'no-match',
    ],
    ['Bool true', { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' }, 'match'],
    [
      'Bool given as a JSON boolean',
      { Bool: { 'aws:SecureTransport': false } },
      { 'aws:SecureTransport': 'false' },
      'match',
    ],
    [
      'Bool mismatch',
      { Bool: { 'aws:SecureTransport': 'true' } },
      { 'aws:SecureTransport': 'false' },
      'no-match',
    ],
    [
      'multi-valued context key, any value',
      { StringEquals: { 'aws:SourceVpc': 'vpc-2' } },
      { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] },
      'match',
    ],
  ])('%s', (_name, block, values, expected) => {
    expect(resultOf(block, values)).toBe(expected);
  });
});

describe('evaluateConditions: absent, unknown and IfExists', () => {
  it.each<[string, Block, ConditionValues, ConditionResult]>([
    [
      'StringEquals, key known absent',
      { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': null },
      'no-match',
    ],
    [
      'StringNotEquals, key known absent',
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': null },
      'match',
    ],
    [
      'StringNotLike, key known absent',
      { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } },
      { 'aws:SourceVpce': null },
      'match',
    ],
    [
      'IpAddress, key known absent',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': null },
      'no-match',
    ],
    [
      'NotIpAddress, key known absent',
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': null },
      'match',
    ],
    [
      'ArnNotEquals, key known absent',
      { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::b' } },
      { 'aws:SourceArn': null },
      'match',
    ],
    [
      'Bool, key known absent',
      { Bool: { 'aws:SecureTransport': 'true' } },
      { 'aws:SecureTransport': null },
      'no-match',
    ],
    [
      'StringEqualsIfExists, key known absent',
      { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': null },
      'match',
    ],
    [
      'IpAddressIfExists, key known absent',
      { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': null },
      'match',
    ],
    [
      'StringEqualsIfExists, key present and different',
      { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': 'vpce-2' },
      'no-match',
    ],
    [
      'StringEqualsIfExists, key present and equal',
      { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': 'vpce-1' },
      'match',
    ],
    [
      'an empty array counts as absent',
      { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': [] },
      'no-match',
    ],
    ['Null true, key absent', { Null: { 'aws:SourceVpce': 'true' } }, { 'aws:SourceVpce': null }, 'match'],
    [
      'Null true, key present',
      { Null: { 'aws:SourceVpce': 'true' } },
      { 'aws:SourceVpce': 'vpce-1' },
      'no-match',
    ],
    [
      'Null false, key present',
      { Null: { 'aws:SourceVpce': 'false' } },
      { 'aws:SourceVpce': 'vpce-1' },
      'match',
    ],
    ['Null false, key absent', { Null: { 'aws:SourceVpce': false } }, { 'aws:SourceVpce': null }, 'no-match'],
    ['Null, key unknown', { Null: { 'aws:SourceVpce': 'true' } }, {}, 'unknown'],
    ['IpAddress, key missing from the map', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, 'unknown'],
    [
      'IpAddress, key explicitly undefined',
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': undefined },
      'unknown',
    ],
    ['NotIpAddress, key unknown', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, 'unknown'],
    ['IfExists, key unknown', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, {}, 'unknown'],
  ])('%s', (_name, block, values, expected) => {
    expect(resultOf(block, values)).toBe(expected);
  });
});

describe('evaluateConditions: key names', () => {
  it.each([
    [
      'policy lower, context mixed',
      { IpAddress: { 'aws:sourceip': '10.0.0.0/8' } },
      { 'aws:SourceIp': '10.1.1.1' },
    ],
    [
      'policy upper, context lower',
      { IpAddress: { 'AWS:SOURCEIP': '10.0.0.0/8' } },
      { 'aws:sourceip': '10.1.1.1' },
    ],
  ])('are case-insensitive: %s', (_name, block: Block, values: ConditionValues) => {
    const [check] = evaluateConditions(block, values);
    expect(check.result).toBe('match');
    expect(check.key).toBe(Object.keys(Object.values(block)[0])[0]);
  });

  it('keeps string values case-sensitive even when keys are not', () => {
    expect(resultOf({ StringEquals: { 'AWS:SOURCEVPCE': 'VPCE-1' } }, { 'aws:sourcevpce': 'vpce-1' })).toBe(
      'no-match',
    );
  });
});

describe('evaluateConditions: not modelled', () => {
  it.each<[string, Block]>([
    ['ForAnyValue:StringLike', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } }],
    ['ForAllValues:StringEquals', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } }],
    ['NumericLessThan', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }],
    ['DateGreaterThan', { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }],
    ['BinaryEquals', { BinaryEquals: { 'aws:Key': 'QmluYXJ5' } }],
    ['a policy variable', { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } }],
    ['a misspelt operator', { stringequals: { 'aws:SourceVpce': 'vpce-1' } }],
  ])('%s', (_name, block) => {
    const values = {
      'aws:TagKeys': 'a',
      'aws:MultiFactorAuthAge': '1',
      'aws:CurrentTime': 'x',
      'aws:Key': 'x',
    };
    expect(resultOf(block, { ...values, 'aws:PrincipalTag/team': 'a', 'aws:SourceVpce': 'vpce-1' })).toBe(
      'not-modelled',
    );
  });
});

describe('evaluateConditions: shape', () => {
  it('returns one check per operator and key, with expected values as strings and the actual value', () => {
    // Prepare
    const block: Block = {
      IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] },
      StringEquals: { 'aws:SourceVpce': 'vpce-1', 'aws:SourceVpc': 'vpc-1' },
      Bool: { 'aws:SecureTransport': true },
    };
    const values: ConditionValues = {
      'aws:SourceIp': '10.0.0.1',
      'aws:SourceVpce': null,
      'aws:SecureTransport': 'true',
    };

    // Act
    const checks = evaluateConditions(block, values);

    // Assess
    expect(checks).toEqual<ConditionCheck[]>([
      {
        operator: 'IpAddress',
        key: 'aws:SourceIp',
        expected: ['10.0.0.0/8'],
        actual: ['10.0.0.1'],
        result: 'match',
      },
      {
        operator: 'StringEquals',
        key: 'aws:SourceVpce',
        expected: ['vpce-1'],
        actual: null,
        result: 'no-match',
      },
      {
        operator: 'StringEquals',
        key: 'aws:SourceVpc',
        expected: ['vpc-1'],
        actual: undefined,
        result: 'unknown',
      },
      { operator: 'Bool', key: 'aws:SecureTransport', expected: ['true'], actual: ['true'], result: 'match' },
    ]);
  });

  it('returns no checks without a Condition block', () => {
    expect(evaluateConditions(undefined, {})).toEqual([]);
  });
});

describe('combineConditionResults', () => {
  function check(result: ConditionResult): ConditionCheck {
    return { operator: 'StringEquals', key: 'k', expected: ['v'], actual: ['v'], result };
  }

  it.each<[ConditionResult[], string]>([
    [[], 'match'],
    [['match', 'match'], 'match'],
    [['match', 'no-match'], 'no-match'],
    [['unknown', 'no-match'], 'no-match'],
    [['unknown', 'match'], 'unknown'],
    [['not-modelled', 'match'], 'unknown'],
  ])('%j → %s', (results, expected) => {
    expect(combineConditionResults(results.map(check))).toBe(expected);
  });
});

describe('describeCondition', () => {
  it.each<[Block, ConditionValues, string]>([
    [
      { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '203.0.113.9' },
      'aws:SourceIp 203.0.113.9 is not in 10.0.0.0/8 (NotIpAddress)',
    ],
    [
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '10.0.0.9' },
      'aws:SourceIp 10.0.0.9 is in 10.0.0.0/8 (IpAddress)',
    ],
    [
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
      { 'aws:SourceIp': '203.0.113.9' },
      'aws:SourceIp 203.0.113.9 is not in any of 10.0.0.0/8, 192.168.0.0/16 (IpAddress)',
    ],
    [
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': 'vpce-1' },
      'aws:SourceVpce vpce-1 equals vpce-1 (StringNotEquals)',
    ],
    [
      { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': null },
      'aws:SourceVpce is absent (StringEquals vpce-1)',
    ],
    [{ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, 'aws:SourceIp is unknown (IpAddress 10.0.0.0/8)'],
    [
      { Null: { 'aws:SourceVpce': 'true' } },
      { 'aws:SourceVpce': 'vpce-1' },
      'aws:SourceVpce is present (vpce-1) (Null true)',
    ],
    [
      { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } },
      {},
      'ForAnyValue:StringLike on aws:TagKeys is not modelled',
    ],
  ])('%j with %j', (block, values, expected) => {
    const [check] = evaluateConditions(block, values);
    expect(english.t(describeCondition(check))).toBe(expected);
  });
});
