import { parsePolicy, type PolicyDocument } from '../../../src/classify/policy';
import { english } from '../../../src/render/localize';

const RESOURCE = 'arn:aws:execute-api:us-east-1:111122223333:abc123/*';

/** GetRestApi response body exactly as it arrives on the wire (policy double-escaped, `\/` in ARN and CIDR). */
const GET_REST_API_WIRE = String.raw`{"id":"abc123","name":"pets","policy":"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"arn:aws:execute-api:us-east-1:111122223333:abc123\\/*\\\",\\\"Condition\\\":{\\\"IpAddress\\\":{\\\"aws:SourceIp\\\":\\\"10.0.0.0\\/8\\\"}}}]}"}`;

const WIRE_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: ['execute-api:Invoke'],
      Resource: [RESOURCE],
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    },
  ],
};

function expectPolicy(input: unknown): PolicyDocument {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(`expected a policy, got: ${english.t(result.reason)}`);
  return result.policy;
}

function expectReason(input: unknown): string {
  const result = parsePolicy(input);
  if (result.ok) throw new Error('expected a parse failure');
  return english.t(result.reason);
}

describe('parsePolicy: input forms', () => {
  it('decodes the double-escaped policy string GetRestApi returns', () => {
    // Prepare
    const body = JSON.parse(GET_REST_API_WIRE) as { policy: string };
    expect(body.policy.startsWith('{\\"Version\\"')).toBe(true);

    // Act
    const policy = expectPolicy(body.policy);

    // Assess
    expect(policy).toEqual(WIRE_POLICY);
  });

  it('accepts plain JSON text', () => {
    expect(expectPolicy(JSON.stringify(WIRE_POLICY))).toEqual(WIRE_POLICY);
  });

  it('accepts JSON text that was encoded as a JSON string once more', () => {
    expect(expectPolicy(JSON.stringify(JSON.stringify(WIRE_POLICY)))).toEqual(WIRE_POLICY);
  });

  it('accepts an object', () => {
    expect(expectPolicy(WIRE_POLICY)).toEqual(WIRE_POLICY);
  });

  it('takes policyDocument out of a Lambda authorizer output', () => {
    const output = {
      principalId: 'user-123',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${RESOURCE}` }],
      },
      context: { tenant: 't1' },
    };
    expect(expectPolicy(output)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: [RESOURCE] }],
    });
  });

  it('parses a string-valued policyDocument in an authorizer output', () => {
    const output = {
      principalId: 'user-123',
      policyDocument: JSON.stringify({ Statement: { Action: '*', Effect: 'Deny', Resource: '*' } }),
    };
    expect(expectPolicy(output)).toEqual({ Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'] }] });
  });

  it('parses an authorizer output given as JSON text', () => {
    const text = JSON.stringify({ principalId: 'u', policyDocument: WIRE_POLICY });
    expect(expectPolicy(text)).toEqual(WIRE_POLICY);
  });
});

describe('parsePolicy: normalisation', () => {
  it('wraps a single statement object in an array', () => {
    const policy = expectPolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    expect(policy.Statement).toEqual([{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }]);
  });

  it('keeps arrays of actions and resources', () => {
    const policy = expectPolicy({
      Statement: [
        {
          Effect: 'Allow',
          Action: ['execute-api:Invoke', 'execute-api:ManageConnections'],
          Resource: ['a', 'b'],
        },
      ],
    });
    expect(policy.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['execute-api:Invoke', 'execute-api:ManageConnections'],
      Resource: ['a', 'b'],
    });
  });

  it('keeps NotAction, NotResource, Sid, Principal, NotPrincipal and Condition as given', () => {
    const statement = {
      Sid: 'DenyOthers',
      Effect: 'Deny',
      NotAction: 'execute-api:ManageConnections',
      NotResource: [RESOURCE],
      NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      Condition: {
        StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] },
        Bool: { 'aws:SecureTransport': false },
      },
    };
    expect(expectPolicy({ Statement: [statement] }).Statement[0]).toEqual({
      Sid: 'DenyOthers',
      Effect: 'Deny',
      NotAction: ['execute-api:ManageConnections'],
      NotResource: [RESOURCE],
      NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      Condition: {
        StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] },
        Bool: { 'aws:SecureTransport': false },
      },
    });
  });

  it('accepts an empty Statement array', () => {
    expect(expectPolicy({ Version: '2012-10-17', Statement: [] })).toEqual({
      Version: '2012-10-17',
      Statement: [],
    });
  });
});

describe('parsePolicy: invalid input', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'lower-case effect',
      { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] },
      /statement #0: Effect/,
    ],
    [
      'missing effect in the second statement',
      {
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Sid: 'S2', Action: '*', Resource: '*' },
        ],
      },
      /statement #1 \(Sid S2\): Effect must be "Allow" or "Deny", got nothing/,
    ],
    [
      'no resource',
      { Statement: [{ Effect: 'Allow', Action: '*' }] },
      /statement #0 has neither Resource nor NotResource/,
    ],
    [
      'no action',
      { Statement: [{ Effect: 'Allow', Resource: '*' }] },
      /statement #0 has neither Action nor NotAction/,
    ],
    [
      'Resource and NotResource together',
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' }] },
      /both Resource and NotResource/,
    ],
    [
      'numeric action',
      { Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }] },
      /Action must be a string/,
    ],
    [
      'malformed condition',
      {
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: '10.0.0.0/8' } }],
      },
      /Condition must map operators/,
    ],
    ['no Statement', { Version: '2012-10-17' }, /no Statement element/],
    ['Statement is a string', { Statement: 'Allow everything' }, /Statement must be an object/],
    ['a statement is not an object', { Statement: ['x'] }, /statement #0 is not an object/],
    ['not JSON', 'this is not json', /not valid JSON/],
    ['undefined', undefined, /no policy given/],
    ['a number', 42, /must be a JSON object/],
    ['an array', [], /must be a JSON object/],
    ['authorizer output without a document', { principalId: 'u', policyDocument: null }, /no policyDocument/],
  ])('rejects %s', (_name, input, reason) => {
    expect(expectReason(input)).toMatch(reason);
  });
});
