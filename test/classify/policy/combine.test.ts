import {
  combineEvaluations,
  evaluatePolicy,
  type Decision,
  type PolicyEvaluation,
  type PolicySource,
} from '../../../src/classify/policy';
import { english } from '../../../src/render/localize';

const API = 'arn:aws:execute-api:us-east-1:111122223333:abc123';
const METHOD_ARN = `${API}/prod/GET/pets`;

type Side = 'Allow' | 'Neither' | 'Deny';

const STATEMENTS: Record<Side, unknown[]> = {
  Allow: [
    { Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API}/*` },
  ],
  Neither: [
    {
      Sid: 'OtherStage',
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: `${API}/dev/*`,
    },
  ],
  Deny: [
    { Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: `${API}/*` },
  ],
};

function evaluation(side: Side, source: PolicySource): PolicyEvaluation {
  return evaluatePolicy({ Statement: STATEMENTS[side] }, { methodArn: METHOD_ARN }, source);
}

describe('combineEvaluations: Table A (same account)', () => {
  it.each<[Side, Side, Decision, 'pre-check' | 'combined', PolicySource | undefined, string]>([
    [
      'Allow',
      'Allow',
      'allow',
      'combined',
      'authorizer',
      'The authorizer policy allows and the resource policy allows: allowed (Table A: Allow + Allow = Allow).',
    ],
    [
      'Allow',
      'Neither',
      'allow',
      'combined',
      'authorizer',
      'The authorizer policy allows and the resource policy is silent: allowed (Table A: Allow + Neither = Allow).',
    ],
    [
      'Allow',
      'Deny',
      'explicit-deny',
      'pre-check',
      'resource-policy',
      'The resource policy denies before the authorizer runs, so the authorizer result does not matter: explicit deny (Table A: any + Deny = Explicit deny).',
    ],
    [
      'Neither',
      'Allow',
      'allow',
      'combined',
      'resource-policy',
      'The authorizer policy is silent and the resource policy allows: allowed (Table A: Neither + Allow = Allow).',
    ],
    [
      'Neither',
      'Neither',
      'implicit-deny',
      'combined',
      undefined,
      'The authorizer policy is silent and the resource policy is silent: implicit deny (Table A: Neither + Neither = Implicit deny).',
    ],
    [
      'Neither',
      'Deny',
      'explicit-deny',
      'pre-check',
      'resource-policy',
      'The resource policy denies before the authorizer runs',
    ],
    [
      'Deny',
      'Allow',
      'explicit-deny',
      'combined',
      'authorizer',
      'The authorizer policy denies and the resource policy allows: explicit deny (Table A: Deny + Allow = Explicit deny).',
    ],
    [
      'Deny',
      'Neither',
      'explicit-deny',
      'combined',
      'authorizer',
      'The authorizer policy denies and the resource policy is silent: explicit deny (Table A: Deny + Neither = Explicit deny).',
    ],
    [
      'Deny',
      'Deny',
      'explicit-deny',
      'pre-check',
      'resource-policy',
      'The resource policy denies before the authorizer runs',
    ],
  ])('authorizer %s + resource policy %s', (auth, resource, decision, phase, decidedBy, reason) => {
    // Act
    const combined = combineEvaluations({
      authorizer: evaluation(auth, 'authorizer'),
      resourcePolicy: evaluation(resource, 'resource-policy'),
    });

    // Assess
    expect(combined).toMatchObject({ decision, phase, table: 'A' });
    expect(combined.decidedBy).toBe(decidedBy);
    expect(english.t(combined.reason).startsWith(reason)).toBe(true);
  });

  it('carries the deciding statement and both evaluations', () => {
    const authorizer = evaluation('Deny', 'authorizer');
    const resourcePolicy = evaluation('Allow', 'resource-policy');
    const combined = combineEvaluations({ authorizer, resourcePolicy });
    expect(combined.statement).toMatchObject({ index: 0, sid: 'DenyAll', source: 'authorizer' });
    expect(combined.authorizer).toBe(authorizer);
    expect(combined.resourcePolicy).toBe(resourcePolicy);
  });

  it('treats a missing resource policy as Neither', () => {
    const combined = combineEvaluations({ authorizer: evaluation('Allow', 'authorizer') });
    expect(combined.decision).toBe('allow');
    expect(english.t(combined.reason)).toBe(
      'The authorizer policy allows and there is no resource policy: allowed (Table A: Allow + Neither = Allow).',
    );
  });

  it('treats a missing authorizer policy as Neither', () => {
    const combined = combineEvaluations({ resourcePolicy: evaluation('Neither', 'resource-policy') });
    expect(combined.decision).toBe('implicit-deny');
    expect(english.t(combined.reason)).toBe(
      'There is no authorizer policy and the resource policy is silent: implicit deny (Table A: Neither + Neither = Implicit deny).',
    );
  });

  it('is an implicit deny with neither side given', () => {
    const combined = combineEvaluations({});
    expect(combined).toMatchObject({
      decision: 'implicit-deny',
      phase: 'combined',
      table: 'A',
      undetermined: [],
    });
  });
});

describe('combineEvaluations: Table B (cross-account)', () => {
  it.each<[Side, Side, Decision, PolicySource | undefined, string]>([
    ['Allow', 'Allow', 'allow', 'authorizer', 'Table B: Allow + Allow = Allow'],
    ['Allow', 'Neither', 'implicit-deny', 'resource-policy', 'Table B: Allow + Neither = Implicit deny'],
    ['Allow', 'Deny', 'explicit-deny', 'resource-policy', 'Table B: any + Deny = Explicit deny'],
    ['Neither', 'Allow', 'implicit-deny', 'authorizer', 'Table B: Neither + Allow = Implicit deny'],
    ['Neither', 'Neither', 'implicit-deny', undefined, 'Table B: Neither + Neither = Implicit deny'],
    ['Neither', 'Deny', 'explicit-deny', 'resource-policy', 'Table B: any + Deny = Explicit deny'],
    ['Deny', 'Allow', 'explicit-deny', 'authorizer', 'Table B: Deny + Allow = Explicit deny'],
    ['Deny', 'Neither', 'explicit-deny', 'authorizer', 'Table B: Deny + Neither = Explicit deny'],
    ['Deny', 'Deny', 'explicit-deny', 'resource-policy', 'Table B: any + Deny = Explicit deny'],
  ])('authorizer %s + resource policy %s', (auth, resource, decision, decidedBy, row) => {
    const combined = combineEvaluations({
      authorizer: evaluation(auth, 'authorizer'),
      resourcePolicy: evaluation(resource, 'resource-policy'),
      crossAccount: true,
    });
    expect(combined.decision).toBe(decision);
    expect(combined.table).toBe('B');
    expect(combined.decidedBy).toBe(decidedBy);
    expect(english.t(combined.reason)).toContain(row);
  });

  it('names the silent side in an Allow + Neither implicit deny', () => {
    const combined = combineEvaluations({
      authorizer: evaluation('Allow', 'authorizer'),
      resourcePolicy: evaluation('Neither', 'resource-policy'),
      crossAccount: true,
    });
    expect(english.t(combined.reason)).toBe(
      'The authorizer policy allows and the resource policy is silent: implicit deny (Table B: Allow + Neither = Implicit deny).',
    );
  });
});

describe('combineEvaluations: invalid and undetermined', () => {
  it.each<['authorizer' | 'resourcePolicy', PolicySource, RegExp]>([
    [
      'authorizer',
      'authorizer',
      /^The authorizer policy is invalid: .*, so the outcome cannot be determined\.$/,
    ],
    [
      'resourcePolicy',
      'resource-policy',
      /^The resource policy is invalid: .*, so the outcome cannot be determined\.$/,
    ],
  ])('is invalid when the %s is invalid', (field, source, reason) => {
    const invalid = evaluatePolicy(
      { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
      { methodArn: METHOD_ARN },
      source,
    );
    const other = evaluation('Allow', source === 'authorizer' ? 'resource-policy' : 'authorizer');
    const input =
      field === 'authorizer'
        ? { authorizer: invalid, resourcePolicy: other }
        : { authorizer: other, resourcePolicy: invalid };
    const combined = combineEvaluations(input);
    expect(combined.decision).toBe('invalid');
    expect(combined.decidedBy).toBe(source);
    expect(english.t(combined.reason)).toMatch(reason);
  });

  it('passes on the failed condition of the deciding side and merges undetermined keys', () => {
    // Prepare
    const authorizer = evaluatePolicy(
      {
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
          },
        ],
      },
      { methodArn: METHOD_ARN },
      'authorizer',
    );
    const resourcePolicy = evaluatePolicy(
      {
        Statement: [
          {
            Sid: 'DenyOutside',
            Effect: 'Deny',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: `${API}/*`,
            Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      },
      { methodArn: METHOD_ARN, conditionValues: { 'aws:SourceIp': '203.0.113.9' } },
      'resource-policy',
    );

    // Act
    const combined = combineEvaluations({ authorizer, resourcePolicy });

    // Assess
    expect(combined).toMatchObject({
      decision: 'explicit-deny',
      phase: 'pre-check',
      decidedBy: 'resource-policy',
      statement: { sid: 'DenyOutside' },
      failedCondition: { key: 'aws:SourceIp', actual: ['203.0.113.9'], result: 'match' },
      undetermined: ['aws:SourceVpc'],
    });
  });
});
