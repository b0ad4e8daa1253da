import { why403, scratchDir } from '../support/cli';

const ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/pets/42';
const RESOURCE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    {
      Sid: 'DenyOutsideVpn',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    },
  ],
};
/** The `policy` field exactly as GetRestApi returns it on the wire: a string that is itself escaped JSON. */
const WIRE_POLICY = JSON.stringify(JSON.stringify(RESOURCE_POLICY)).slice(1, -1).replace(/\//g, '\\/');

describe('CLI: why403 policy-check', () => {
  const dir = scratchDir({
    'allow-stage.json': JSON.stringify({
      principalId: 'u',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: 'arn:aws:execute-api:us-east-1:111122223333:abc123/prod/*/*',
          },
        ],
      },
    }),
    'allow-other.json': JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/pets',
      },
    }),
    'resource-policy.txt': WIRE_POLICY,
    'get-rest-api.json': JSON.stringify({ id: 'abc123', policy: WIRE_POLICY }),
    'not-json.json': '{"Version": ',
    'bad-effect.json': JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }],
    }),
  });
  const check = (...args: string[]) =>
    why403(['policy-check', '--method-arn', ARN, ...args, '--json'], { cwd: dir });

  it('allows when the authorizer policy covers the ARN', async () => {
    const run = await check('--policy', 'allow-stage.json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      decision: 'allow',
      statement: { index: 0, effect: 'Allow' },
    });
  });

  it('names the first differing segment for an implicit deny', async () => {
    const json = JSON.parse((await check('--policy', 'allow-other.json')).stdout);
    expect(json.decision).toBe('implicit-deny');
    expect(json.statement).toBeNull();
    expect(json.statements[0].difference).toMatchObject({ segment: 'path' });
  });

  it('evaluates the double-escaped resource policy with the caller IP and names the Sid and key', async () => {
    const json = JSON.parse(
      (await check('--resource-policy', 'resource-policy.txt', '--source-ip', '203.0.113.9')).stdout,
    );
    expect(json).toMatchObject({ decision: 'explicit-deny', statement: { index: 1, sid: 'DenyOutsideVpn' } });
    expect(json.failedCondition).toMatchObject({ key: 'aws:SourceIp', operator: 'NotIpAddress' });
    expect(json.reason).toMatch(/DenyOutsideVpn/);
  });

  it('reads the whole GetRestApi output too', async () => {
    const json = JSON.parse(
      (await check('--resource-policy', 'get-rest-api.json', '--source-ip', '10.1.2.3')).stdout,
    );
    expect(json.decision).toBe('allow');
  });

  it('says which unknown key the answer depends on', async () => {
    const json = JSON.parse((await check('--resource-policy', 'resource-policy.txt')).stdout);
    expect(json.undetermined).toContain('aws:SourceIp');
  });

  it('combines both with Table A: authorizer Allow + resource-policy Deny = explicit deny (pre-check)', async () => {
    const json = JSON.parse(
      (
        await check(
          '--policy',
          'allow-stage.json',
          '--resource-policy',
          'resource-policy.txt',
          '--source-ip',
          '203.0.113.9',
        )
      ).stdout,
    );
    expect(json).toMatchObject({
      decision: 'explicit-deny',
      phase: 'pre-check',
      table: 'A',
      decidedBy: 'resource-policy',
    });
  });

  it('combines with Table B across accounts: Neither + Allow = implicit deny', async () => {
    const json = JSON.parse(
      (
        await check(
          '--policy',
          'allow-other.json',
          '--resource-policy',
          'resource-policy.txt',
          '--source-ip',
          '10.1.2.3',
          '--cross-account',
        )
      ).stdout,
    );
    expect(json).toMatchObject({ decision: 'implicit-deny', table: 'B' });
  });

  it('reports a structurally invalid policy as decision "invalid"', async () => {
    const json = JSON.parse((await check('--policy', 'bad-effect.json')).stdout);
    expect(json.decision).toBe('invalid');
    expect(json.reason).toMatch(/Effect/);
  });

  it('prints a readable answer without --json', async () => {
    const run = await why403(
      [
        'policy-check',
        '--method-arn',
        ARN,
        '--resource-policy',
        'resource-policy.txt',
        '--source-ip',
        '203.0.113.9',
      ],
      { cwd: dir },
    );
    expect(run.stdout).toMatch(/^EXPLICIT-DENY: .*DenyOutsideVpn/);
  });

  it.each([
    [
      ['--method-arn', 'arn:aws:s3:::bucket', '--policy', 'allow-stage.json'],
      /malformed method ARN "arn:aws:s3:::bucket" — use arn:aws:execute-api/,
    ],
    [['--method-arn', ARN], /nothing to evaluate — give --policy FILE/],
    [['--method-arn', ARN, '--policy', 'not-json.json'], /not-json.json is not valid JSON/],
    [['--method-arn', ARN, '--policy', 'nope.json'], /cannot read nope.json: no such file/],
    [
      ['--method-arn', ARN, '--resource-policy', 'resource-policy.txt', '--source-ip', '999.1.1.1'],
      /"999.1.1.1" is not an IP address/,
    ],
    [['--policy', 'allow-stage.json'], /required option '--method-arn <arn>' not specified/],
  ])('bad input %j: exit 2 and one line', async (args, message) => {
    const run = await why403(['policy-check', ...(args as string[])], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
