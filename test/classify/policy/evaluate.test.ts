import {
  evaluatePolicy,
  type Decision,
  type PolicySource,
  type RequestContext,
} from '../../../src/classify/policy';
import { english } from '../../../src/render/localize';

const API = 'arn:aws:execute-api:us-east-1:111122223333:abc123';
const METHOD_ARN = `${API}/prod/GET/pets/42`;
const ROOT_ARN = `${API}/prod/GET/`;
const ANON: RequestContext = { methodArn: METHOD_ARN };

function allow(extra: Record<string, unknown> = {}) {
  return { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*`, ...extra };
}

function deny(extra: Record<string, unknown> = {}) {
  return { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${API}/*`, ...extra };
}

function policy(...statements: unknown[]) {
  return { Version: '2012-10-17', Statement: statements };
}

describe('evaluatePolicy: Action', () => {
  it.each<[string, unknown, Decision]>([
    ['execute-api:Invoke', 'execute-api:Invoke', 'allow'],
    ['execute-api:*', 'execute-api:*', 'allow'],
    ['*', '*', 'allow'],
    ['execute-api:Inv*', 'execute-api:Inv*', 'allow'],
    ['lower-case action name', 'execute-api:invoke', 'allow'],
    ['execute-api:ManageConnections', 'execute-api:ManageConnections', 'implicit-deny'],
    ['an array containing Invoke', ['execute-api:ManageConnections', 'execute-api:Invoke'], 'allow'],
    ['an array without Invoke', ['execute-api:ManageConnections', 'apigateway:GET'], 'implicit-deny'],
  ])('%s', (_name, action, expected) => {
    const result = evaluatePolicy(policy(allow({ Action: action })), ANON, 'authorizer');
    expect(result.decision).toBe(expected);
    expect(result.statements[0].action).toBe(expected === 'allow');
  });

  it.each<[string, unknown, Decision]>([
    ['NotAction excluding another action', 'execute-api:ManageConnections', 'allow'],
    ['NotAction excluding Invoke', 'execute-api:Invoke', 'implicit-deny'],
    ['NotAction excluding everything of the service', 'execute-api:*', 'implicit-deny'],
  ])('%s', (_name, notAction, expected) => {
    const statement = { Effect: 'Allow', NotAction: notAction, Resource: '*' };
    expect(evaluatePolicy(policy(statement), ANON, 'authorizer').decision).toBe(expected);
  });

  it('explains an implicit deny caused by the action', () => {
    const result = evaluatePolicy(
      policy(allow({ Action: 'execute-api:ManageConnections' })),
      ANON,
      'authorizer',
    );
    expect(english.t(result.reason)).toBe(
      'No Allow statement of the authorizer policy covers execute-api:Invoke; statement #0 covers only execute-api:ManageConnections: implicit deny.',
    );
  });
});

describe('evaluatePolicy: Resource', () => {
  it.each<[string, Record<string, unknown>, string, Decision]>([
    ['Resource as a string', { Resource: `${API}/prod/GET/*` }, METHOD_ARN, 'allow'],
    [
      'Resource as an array, second entry matches',
      { Resource: [`${API}/dev/*`, `${API}/prod/*`] },
      METHOD_ARN,
      'allow',
    ],
    [
      'Resource as an array, nothing matches',
      { Resource: [`${API}/dev/*`, `${API}/test/*`] },
      METHOD_ARN,
      'implicit-deny',
    ],
    ['* at the root', { Resource: `${API}/prod/GET/*` }, ROOT_ARN, 'allow'],
    ['…/prod/*/pets vs …/pets/42', { Resource: `${API}/prod/*/pets` }, METHOD_ARN, 'implicit-deny'],
    ['stage null from a test invoke', { Resource: `${API}/null/*/*` }, METHOD_ARN, 'implicit-deny'],
    ['ESTestInvoke-stage', { Resource: `${API}/ESTestInvoke-stage/*/*` }, METHOD_ARN, 'implicit-deny'],
    ['verb case', { Resource: `${API}/prod/get/pets/42` }, METHOD_ARN, 'implicit-deny'],
    ['arn:aws:execute-api:*:*:*', { Resource: 'arn:aws:execute-api:*:*:*' }, METHOD_ARN, 'allow'],
    ['? wildcard', { Resource: `${API}/prod/GET/pets/4?` }, METHOD_ARN, 'allow'],
    ['shorthand execute-api:/*', { Resource: 'execute-api:/*' }, METHOD_ARN, 'allow'],
    ['shorthand execute-api:/prod/GET/*', { Resource: 'execute-api:/prod/GET/*' }, METHOD_ARN, 'allow'],
    ['shorthand for another verb', { Resource: 'execute-api:/prod/POST/*' }, METHOD_ARN, 'implicit-deny'],
    [
      'NotResource excluding another stage',
      { Resource: undefined, NotResource: `${API}/dev/*` },
      METHOD_ARN,
      'allow',
    ],
    [
      'NotResource excluding this stage',
      { Resource: undefined, NotResource: `${API}/prod/*` },
      METHOD_ARN,
      'implicit-deny',
    ],
  ])('%s', (_name, extra, methodArn, expected) => {
    const result = evaluatePolicy(policy(allow(extra)), { methodArn }, 'authorizer');
    expect(result.decision).toBe(expected);
  });

  it('reports the closest Resource and its first differing segment', () => {
    // Prepare
    const statement = allow({
      Sid: 'FromTestInvoke',
      Resource: ['arn:aws:execute-api:*:*:xyz789/*', `${API}/null/*/*`],
    });

    // Act
    const result = evaluatePolicy(policy(statement), ANON, 'authorizer');

    // Assess
    expect(result.decision).toBe('implicit-deny');
    expect(result.statement).toBeUndefined();
    expect(result.statements[0]).toMatchObject({
      action: true,
      resource: false,
      applies: 'no',
      difference: { segment: 'stage', expected: 'null', actual: 'prod' },
    });
    expect(english.t(result.reason)).toBe(
      `No statement of the authorizer policy covers ${METHOD_ARN}; the closest, statement #0 (Sid FromTestInvoke), does not because its Resource has stage "null" but the request used "prod": implicit deny.`,
    );
  });

  it('has no difference for a statement whose NotResource excluded the request', () => {
    const result = evaluatePolicy(
      policy(allow({ Resource: undefined, NotResource: '*' })),
      ANON,
      'authorizer',
    );
    expect(result.statements[0].difference).toBeUndefined();
    expect(english.t(result.reason)).toContain('its NotResource excludes the method ARN');
  });
});

describe('evaluatePolicy: decisions', () => {
  it('allows with the first applying Allow and names it', () => {
    const result = evaluatePolicy(policy(allow({ Sid: 'AllowAll' })), ANON, 'authorizer');
    expect(result).toMatchObject({
      decision: 'allow',
      source: 'authorizer',
      statement: { index: 0, sid: 'AllowAll', effect: 'Allow', source: 'authorizer' },
      undetermined: [],
      notModelled: [],
    });
    expect(english.t(result.reason)).toBe(
      `Statement #0 (Sid AllowAll) of the authorizer policy allows execute-api:Invoke on ${METHOD_ARN}.`,
    );
  });

  it('lets an explicit Deny win over an Allow, whatever the order', () => {
    const result = evaluatePolicy(
      policy(allow(), deny({ Sid: 'NoPets', Resource: `${API}/*/*/pets/*` })),
      ANON,
      'authorizer',
    );
    expect(result.decision).toBe('explicit-deny');
    expect(result.statement).toMatchObject({ index: 1, sid: 'NoPets', effect: 'Deny' });
    expect(result.failedCondition).toBeUndefined();
    expect(english.t(result.reason)).toBe(
      `Statement #1 (Sid NoPets) of the authorizer policy denies execute-api:Invoke on ${METHOD_ARN}.`,
    );
  });

  it('ignores a Deny for another resource', () => {
    const result = evaluatePolicy(policy(deny({ Resource: `${API}/*/POST/*` }), allow()), ANON, 'authorizer');
    expect(result.decision).toBe('allow');
    expect(result.statement?.index).toBe(1);
  });

  it('is an implicit deny when only Deny statements exist and none applies', () => {
    const result = evaluatePolicy(policy(deny({ Resource: `${API}/dev/*` })), ANON, 'authorizer');
    expect(result.decision).toBe('implicit-deny');
    expect(english.t(result.reason)).toBe('The authorizer policy has no Allow statement: implicit deny.');
  });

  it('is an implicit deny for an empty Statement list', () => {
    const result = evaluatePolicy(policy(), ANON, 'authorizer');
    expect(result).toMatchObject({
      decision: 'implicit-deny',
      statements: [],
      undetermined: [],
      notModelled: [],
    });
    expect(english.t(result.reason)).toBe(
      'The authorizer policy has no statements, so it allows nothing: implicit deny.',
    );
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an invalid Effect',
      policy({ Effect: 'allow', Action: '*', Resource: '*' }),
      /statement #0: Effect must be/,
    ],
    ['unparseable text', '{"Version": ', /not valid JSON/],
    ['a missing policy', undefined, /no policy given/],
  ])('is invalid for %s', (_name, input, reason) => {
    const result = evaluatePolicy(input, ANON, 'resource-policy');
    expect(result.decision).toBe('invalid');
    expect(result.source).toBe('resource-policy');
    expect(english.t(result.reason)).toMatch(/^The resource policy is invalid: /);
    expect(english.t(result.reason)).toMatch(reason);
    expect(result.statements).toEqual([]);
  });

  it('accepts a single statement object', () => {
    const result = evaluatePolicy({ Statement: allow() }, ANON, 'authorizer');
    expect(result.decision).toBe('allow');
  });

  it.each([
    [
      'object policyDocument',
      { principalId: 'user-1', policyDocument: policy(allow()), context: { a: '1' } },
    ],
    ['string policyDocument', { principalId: 'user-1', policyDocument: JSON.stringify(policy(allow())) }],
    [
      'JSON text of the whole output',
      JSON.stringify({ principalId: 'user-1', policyDocument: policy(allow()) }),
    ],
  ])('evaluates a Lambda authorizer output (%s)', (_name, output) => {
    expect(evaluatePolicy(output, ANON, 'authorizer').decision).toBe('allow');
  });

  it('evaluates the cached-policy trap: a policy built from another method ARN', () => {
    const cached = {
      principalId: 'u',
      policyDocument: policy(allow({ Resource: `${API}/prod/GET/user_info` })),
    };
    const result = evaluatePolicy(cached, { methodArn: `${API}/prod/GET/orders` }, 'authorizer');
    expect(result.decision).toBe('implicit-deny');
    expect(result.statements[0].difference).toEqual({
      segment: 'path',
      expected: 'user_info',
      actual: 'orders',
    });
  });

  it('records each statement as compact JSON', () => {
    const result = evaluatePolicy(
      policy({
        Sid: 'A',
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: ['x', 'y'],
      }),
      ANON,
      'resource-policy',
    );
    expect(result.statements[0].statement.text).toBe(
      '{"Sid":"A","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["x","y"]}',
    );
  });
});

describe('evaluatePolicy: conditions', () => {
  const officeOnly = policy(
    allow({ Principal: '*' }),
    deny({
      Sid: 'DenyOutsideOffice',
      Principal: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    }),
  );

  it('names index, Sid, key, operator, caller value and expected values in an explicit deny', () => {
    // Act
    const result = evaluatePolicy(
      officeOnly,
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '203.0.113.9' } },
      'resource-policy',
    );

    // Assess
    expect(result.decision).toBe('explicit-deny');
    expect(result.statement).toMatchObject({ index: 1, sid: 'DenyOutsideOffice', source: 'resource-policy' });
    expect(result.failedCondition).toEqual({
      operator: 'NotIpAddress',
      key: 'aws:SourceIp',
      expected: ['10.0.0.0/8'],
      actual: ['203.0.113.9'],
      result: 'match',
    });
    expect(english.t(result.reason)).toBe(
      'Statement #1 (Sid DenyOutsideOffice) of the resource policy denies: aws:SourceIp 203.0.113.9 is not in 10.0.0.0/8 (NotIpAddress).',
    );
  });

  it('allows an office IP through the same policy', () => {
    const result = evaluatePolicy(
      officeOnly,
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '10.20.30.40' } },
      'resource-policy',
    );
    expect(result.decision).toBe('allow');
    expect(result.statements[1].applies).toBe('no');
  });

  it('names the Allow whose condition failed in an implicit deny', () => {
    const statement = allow({
      Sid: 'OfficeOnly',
      Principal: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    });
    const result = evaluatePolicy(
      policy(statement),
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '203.0.113.9' } },
      'resource-policy',
    );
    expect(result).toMatchObject({
      decision: 'implicit-deny',
      statement: { index: 0, sid: 'OfficeOnly', effect: 'Allow' },
      failedCondition: { key: 'aws:SourceIp', result: 'no-match' },
      undetermined: [],
    });
    expect(english.t(result.reason)).toBe(
      'Statement #0 (Sid OfficeOnly) of the resource policy would allow, but aws:SourceIp 203.0.113.9 is not in 10.0.0.0/8 (IpAddress): implicit deny.',
    );
  });

  it('evaluates the double-escaped GetRestApi policy end to end', () => {
    // Prepare
    const wire = String.raw`{"policy":"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"arn:aws:execute-api:us-east-1:111122223333:abc123\\/*\\\",\\\"Condition\\\":{\\\"IpAddress\\\":{\\\"aws:SourceIp\\\":\\\"10.0.0.0\\/8\\\"}}}]}"}`;
    const { policy: text } = JSON.parse(wire) as { policy: string };

    // Act
    const inside = evaluatePolicy(
      text,
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '10.1.1.1' } },
      'resource-policy',
    );
    const outside = evaluatePolicy(
      text,
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '11.1.1.1' } },
      'resource-policy',
    );

    // Assess
    expect(inside.decision).toBe('allow');
    expect(outside.decision).toBe('implicit-deny');
    expect(outside.failedCondition).toMatchObject({ expected: ['10.0.0.0/8'], actual: ['11.1.1.1'] });
  });

  it.each<[string, Record<string, unknown>, Record<string, string | null>, Decision]>([
    [
      'private API: StringNotEquals aws:SourceVpce from another endpoint',
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } },
      { 'aws:SourceVpce': 'vpce-9999' },
      'explicit-deny',
    ],
    [
      'private API: StringNotEquals aws:SourceVpce from the allowed endpoint',
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } },
      { 'aws:SourceVpce': 'vpce-1a2b' },
      'allow',
    ],
    [
      'private API: StringNotEquals aws:SourceVpce with no endpoint at all',
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } },
      { 'aws:SourceVpce': null },
      'explicit-deny',
    ],
    [
      'StringNotEquals aws:SourceVpc from another VPC',
      { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } },
      { 'aws:SourceVpc': 'vpc-2' },
      'explicit-deny',
    ],
    [
      'StringNotEqualsIfExists with no VPC (public caller)',
      { StringNotEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } },
      { 'aws:SourceVpc': null },
      'explicit-deny',
    ],
    [
      'StringEqualsIfExists Deny with the key absent',
      { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-bad' } },
      { 'aws:SourceVpc': null },
      'explicit-deny',
    ],
    [
      'StringEquals Deny with the key absent',
      { StringEquals: { 'aws:SourceVpc': 'vpc-bad' } },
      { 'aws:SourceVpc': null },
      'allow',
    ],
    [
      'case-insensitive condition key',
      { StringNotEquals: { 'AWS:SOURCEVPCE': 'vpce-1a2b' } },
      { 'aws:sourcevpce': 'vpce-1a2b' },
      'allow',
    ],
  ])('Deny with %s', (_name, condition, values, expected) => {
    const result = evaluatePolicy(
      policy(allow({ Principal: '*' }), deny({ Principal: '*', Condition: condition })),
      { methodArn: METHOD_ARN, conditionValues: values },
      'resource-policy',
    );
    expect(result.decision).toBe(expected);
  });

  it('allows through StringLike on aws:PrincipalOrgID', () => {
    const statement = allow({
      Principal: '*',
      Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-abc*' } },
    });
    const values = { 'aws:PrincipalOrgID': 'o-abc123' };
    const result = evaluatePolicy(
      policy(statement),
      { methodArn: METHOD_ARN, conditionValues: values },
      'resource-policy',
    );
    expect(result.decision).toBe('allow');
  });
});

describe('evaluatePolicy: unknown values (undetermined)', () => {
  const denyOutside = deny({
    Sid: 'DenyOutside',
    Principal: '*',
    Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  });
  const allowVpce = allow({
    Sid: 'AllowVpce',
    Principal: '*',
    Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } },
  });

  it('assumes an unknown Deny condition matches', () => {
    const result = evaluatePolicy(policy(allow({ Principal: '*' }), denyOutside), ANON, 'resource-policy');
    expect(result).toMatchObject({
      decision: 'explicit-deny',
      statement: { index: 1, sid: 'DenyOutside' },
      failedCondition: { key: 'aws:SourceIp', actual: undefined, result: 'unknown' },
      undetermined: ['aws:SourceIp'],
    });
    expect(result.statements[1].applies).toBe('unknown');
    expect(english.t(result.reason)).toBe(
      'Statement #1 (Sid DenyOutside) of the resource policy may deny: aws:SourceIp is unknown (NotIpAddress 10.0.0.0/8), so the deny is assumed to apply.',
    );
  });

  it('assumes an unknown Allow condition does not match', () => {
    const result = evaluatePolicy(policy(allowVpce), ANON, 'resource-policy');
    expect(result).toMatchObject({
      decision: 'implicit-deny',
      statement: { index: 0, sid: 'AllowVpce' },
      failedCondition: { key: 'aws:SourceVpce', result: 'unknown' },
      undetermined: ['aws:SourceVpce'],
    });
    expect(english.t(result.reason)).toBe(
      'Statement #0 (Sid AllowVpce) of the resource policy might allow, but aws:SourceVpce is unknown (StringEquals vpce-1): implicit deny assumed.',
    );
  });

  it('lists the keys of both an unknown Deny and an unknown Allow when neither is settled', () => {
    const result = evaluatePolicy(policy(allowVpce, denyOutside), ANON, 'resource-policy');
    expect(result.decision).toBe('explicit-deny');
    expect(result.undetermined).toEqual(['aws:SourceIp', 'aws:SourceVpce']);
  });

  it('leaves out Allow keys when another Allow already applies', () => {
    const result = evaluatePolicy(
      policy(allow({ Principal: '*' }), allowVpce, denyOutside),
      ANON,
      'resource-policy',
    );
    expect(result.undetermined).toEqual(['aws:SourceIp']);
  });

  it('is settled when a known value fails the statement despite another unknown key', () => {
    const statement = deny({
      Principal: '*',
      Condition: {
        NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
        StringEquals: { 'aws:SourceVpce': 'vpce-1' },
      },
    });
    const result = evaluatePolicy(
      policy(allow({ Principal: '*' }), statement),
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceVpce': 'vpce-2' } },
      'resource-policy',
    );
    expect(result.decision).toBe('allow');
    expect(result.undetermined).toEqual([]);
  });

  it('has nothing undetermined once a Deny applies for certain', () => {
    const result = evaluatePolicy(policy(allowVpce, deny({ Principal: '*' })), ANON, 'resource-policy');
    expect(result.decision).toBe('explicit-deny');
    expect(result.undetermined).toEqual([]);
  });

  it('treats a known-absent key as settled, not undetermined', () => {
    const result = evaluatePolicy(
      policy(allowVpce),
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceVpce': null } },
      'resource-policy',
    );
    expect(result.decision).toBe('implicit-deny');
    expect(result.undetermined).toEqual([]);
    expect(english.t(result.reason)).toContain('aws:SourceVpce is absent (StringEquals vpce-1)');
  });
});

describe('evaluatePolicy: a method ARN whose account or region was guessed', () => {
  // The request's account and region stood in for by the authorizer function's (111122223333, us-east-1).
  const guessed: RequestContext = { methodArn: METHOD_ARN, guessedSegments: ['region', 'account'] };
  const other = 'arn:aws:execute-api:us-east-1:444455556666:abc123';

  it.each<[string, Record<string, unknown>, Decision, 'yes' | 'no' | 'unknown']>([
    [
      'an Allow naming another account may cover the real one',
      allow({ Resource: `${other}/*` }),
      'implicit-deny',
      'unknown',
    ],
    ['an Allow naming the guessed account may not', allow(), 'implicit-deny', 'unknown'],
    [
      'an Allow with * for both covers whatever they are',
      allow({ Resource: 'arn:aws:execute-api:*:*:abc123/*' }),
      'allow',
      'yes',
    ],
    [
      'an Allow that runs on across them covers too',
      allow({ Resource: 'arn:aws:execute-api:*' }),
      'allow',
      'yes',
    ],
    ['a shorthand Resource names neither', allow({ Resource: 'execute-api:/prod/GET/*' }), 'allow', 'yes'],
    [
      'an Allow that misses elsewhere (stage) misses whatever they are',
      allow({ Resource: `${other}/dev/*` }),
      'implicit-deny',
      'no',
    ],
    // A Deny that may apply is assumed to (the most restrictive answer), and the decision is left unsettled.
    ['a Deny naming the guessed account may not apply', deny(), 'explicit-deny', 'unknown'],
    ['a Deny naming another account may apply', deny({ Resource: `${other}/*` }), 'explicit-deny', 'unknown'],
  ])('%s', (_name, statement, decision, applies) => {
    const result = evaluatePolicy(policy(statement), guessed, 'authorizer');
    expect(result.decision).toBe(decision);
    expect(result.statements[0].applies).toBe(applies);
    expect(result.statements[0].difference?.segment).not.toBe('account');
  });

  it('says which guessed segment the answer rests on, and names no difference in it', () => {
    const result = evaluatePolicy(policy(allow({ Resource: `${other}/*` })), guessed, 'authorizer');
    expect(result.statements[0].difference).toBeUndefined();
    expect(english.t(result.reason)).toBe(
      'Statement #0 of the authorizer policy might allow, but its Resource names the account "444455556666" and ' +
        'the request\'s account was not seen (the authorizer function\'s, "111122223333", stood in for it): implicit deny assumed.',
    );
  });

  it('answers as before when the account and region were seen', () => {
    const result = evaluatePolicy(policy(allow({ Resource: `${other}/*` })), ANON, 'authorizer');
    expect(result.statements[0]).toMatchObject({
      applies: 'no',
      difference: { segment: 'account', expected: '444455556666', actual: '111122223333' },
    });
  });
});

describe('evaluatePolicy: not modelled', () => {
  it('reports a set operator and takes the restrictive outcome', () => {
    const statement = allow({
      Principal: '*',
      Condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'team*' } },
    });
    const result = evaluatePolicy(policy(statement), ANON, 'resource-policy');
    expect(result.decision).toBe('implicit-deny');
    expect(result.notModelled.map(english.t)).toEqual([
      'statement #0 uses ForAnyValue:StringLike (not modelled)',
    ]);
    expect(result.undetermined).toEqual([]);
    expect(english.t(result.reason)).toContain('ForAnyValue:StringLike on aws:TagKeys is not modelled');
  });

  it('does not report a not-modelled condition of a statement that does not apply anyway', () => {
    const statement = allow({
      Principal: '*',
      Resource: `${API}/dev/*`,
      Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '60' } },
    });
    expect(evaluatePolicy(policy(statement), ANON, 'resource-policy').notModelled).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'NotPrincipal',
      { NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } },
      'statement #0 uses NotPrincipal (not modelled)',
    ],
    [
      'a Service principal',
      { Principal: { Service: 'lambda.amazonaws.com' } },
      'statement #0 uses a Service principal (not modelled)',
    ],
    [
      'a Federated principal',
      { Principal: { Federated: 'cognito-identity.amazonaws.com' } },
      'statement #0 uses a Federated principal (not modelled)',
    ],
  ])('marks %s as unknown', (_name, extra, note) => {
    const result = evaluatePolicy(policy(deny(extra)), ANON, 'resource-policy');
    expect(result.statements[0].principal).toBe('unknown');
    expect(result.decision).toBe('explicit-deny');
    expect(result.notModelled.map(english.t)).toEqual([note]);
    expect(english.t(result.reason)).toMatch(
      /^Statement #0 of the resource policy may deny: it uses .+, which is not modelled/,
    );
  });
});

describe('evaluatePolicy: Principal (resource policies)', () => {
  const ACCOUNT = '111122223333';
  const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ops/alice`;

  it.each<[string, unknown, string | undefined, boolean]>([
    ['"*" and anonymous', '*', undefined, true],
    ['{"AWS":"*"} and anonymous', { AWS: '*' }, 'anonymous', true],
    ['{"AWS":"*"} and an IAM user', { AWS: '*' }, `arn:aws:iam::${ACCOUNT}:user/bob`, true],
    ['account id and a user of that account', { AWS: ACCOUNT }, `arn:aws:iam::${ACCOUNT}:user/bob`, true],
    [
      'account id and a user of another account',
      { AWS: ACCOUNT },
      'arn:aws:iam::444455556666:user/bob',
      false,
    ],
    ['account root and an assumed-role session', { AWS: `arn:aws:iam::${ACCOUNT}:root` }, ROLE_SESSION, true],
    ['account root and anonymous', { AWS: `arn:aws:iam::${ACCOUNT}:root` }, 'anonymous', false],
    ['role ARN and its session', { AWS: `arn:aws:iam::${ACCOUNT}:role/ops` }, ROLE_SESSION, true],
    [
      'role ARN with a path and its session',
      { AWS: `arn:aws:iam::${ACCOUNT}:role/teams/ops` },
      ROLE_SESSION,
      true,
    ],
    [
      'role ARN and a session of another role',
      { AWS: `arn:aws:iam::${ACCOUNT}:role/dev` },
      ROLE_SESSION,
      false,
    ],
    [
      'role ARN and a session in another account',
      { AWS: 'arn:aws:iam::444455556666:role/ops' },
      ROLE_SESSION,
      false,
    ],
    [
      'user ARN exact',
      { AWS: [`arn:aws:iam::${ACCOUNT}:user/bob`] },
      `arn:aws:iam::${ACCOUNT}:user/bob`,
      true,
    ],
    [
      'user ARN and another user',
      { AWS: [`arn:aws:iam::${ACCOUNT}:user/bob`] },
      `arn:aws:iam::${ACCOUNT}:user/eve`,
      false,
    ],
    [
      'list with a matching second entry',
      { AWS: ['444455556666', ACCOUNT] },
      `arn:aws:iam::${ACCOUNT}:user/bob`,
      true,
    ],
    ['specific principal and anonymous', { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, undefined, false],
  ])('%s', (_name, principal, caller, expected) => {
    const ctx: RequestContext = caller === undefined ? ANON : { methodArn: METHOD_ARN, principal: caller };
    const result = evaluatePolicy(policy(allow({ Principal: principal })), ctx, 'resource-policy');
    expect(result.statements[0].principal).toBe(expected);
    expect(result.decision).toBe(expected ? 'allow' : 'implicit-deny');
  });

  it('treats a resource-policy statement without Principal as matching, without a note', () => {
    const result = evaluatePolicy(policy(allow()), ANON, 'resource-policy');
    expect(result.statements[0].principal).toBe(true);
    expect(result.notModelled.map(english.t)).toEqual([]);
  });

  it.each<PolicySource>(['authorizer'])('ignores Principal for the %s source', (source) => {
    const result = evaluatePolicy(policy(allow({ Principal: { AWS: '444455556666' } })), ANON, source);
    expect(result.statements[0].principal).toBe(true);
    expect(result.decision).toBe('allow');
  });

  it('explains a principal mismatch', () => {
    const result = evaluatePolicy(
      policy(allow({ Sid: 'Partners', Principal: { AWS: ACCOUNT } })),
      ANON,
      'resource-policy',
    );
    expect(result.statement).toMatchObject({ index: 0, sid: 'Partners' });
    expect(english.t(result.reason)).toBe(
      'Statement #0 (Sid Partners) of the resource policy allows only principal {"AWS":"111122223333"}, not anonymous: implicit deny.',
    );
  });
});
