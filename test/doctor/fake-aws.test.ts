import { AwsAccessDeniedError, AwsNotFoundError, AwsUnavailableError } from '../../src/aws/errors';
import { createIdentityReader } from '../../src/aws/iam';
import { createLambdaPolicyReader } from '../../src/aws/lambda-policy';
import { DEFAULT_RETRY_POLICY } from '../../src/aws/retry';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../src/sandbox/fake-aws';
import type { IdentityWorld } from '../../src/sandbox/fake-aws/identity-world';

/**
 * The simulated AWS's STS, IAM and Lambda endpoints, driven by the real SDK clients through doctor's adapters: the
 * fake must answer in the wire formats the SDK parses (awsQuery XML for STS and IAM, REST JSON for Lambda).
 */

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/why403-bot`;
const FAST_RETRIES = { ...DEFAULT_RETRY_POLICY, sleep: async () => undefined };
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:auth`;
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction' },
  ],
};

const world: IdentityWorld & Parameters<typeof startFakeAws>[0] = {
  region: REGION,
  accountId: ACCOUNT,
  logGroups: {},
  restApis: {},
  account: {},
  caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/s1` },
  principals: {
    [ROLE]: {
      policies: [
        {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'logs:FilterLogEvents',
              Resource: 'arn:aws:logs:*:*:log-group:API-Gateway-Execution-Logs_*',
            },
            { Effect: 'Deny', Action: 'logs:*', Resource: 'arn:aws:logs:*:*:log-group:secret*' },
          ],
        },
      ],
    },
  },
  functions: { [FUNCTION]: { policy: POLICY }, [`${FUNCTION}:live`]: {} },
};

async function withFake<T>(options: FakeAwsOptions, run: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await startFakeAws(world, options);
  try {
    return await run(fake);
  } finally {
    await fake.close();
  }
}

function settings(fake: FakeAws) {
  return {
    region: REGION,
    endpoint: fake.url,
    credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
    requestHandler: { requestTimeout: 2000, connectionTimeout: 1000, throwOnRequestTimeout: true },
    maxAttempts: 1,
  };
}

describe('the simulated STS and IAM', () => {
  it('answers GetCallerIdentity with the world caller', async () => {
    const identity = await withFake({}, (fake) => createIdentityReader(settings(fake)).callerIdentity());

    expect(identity).toEqual({ account: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/s1` });
  });

  it('simulates the principal per action and resource, a Deny winning', async () => {
    const results = await withFake({}, (fake) =>
      createIdentityReader(settings(fake)).simulate(
        ROLE,
        ['logs:FilterLogEvents', 'logs:StartQuery'],
        [
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/prod`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:secret-group`,
        ],
      ),
    );

    expect(results).toEqual([
      {
        action: 'logs:FilterLogEvents',
        decision: 'explicitDeny',
        refused: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:secret-group`],
      },
      {
        action: 'logs:StartQuery',
        decision: 'explicitDeny',
        refused: [
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:API-Gateway-Execution-Logs_a1b2c3d4e5/prod`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:secret-group`,
        ],
      },
    ]);
  });

  it.each<[string, FakeAwsOptions, string, new (...args: never[]) => Error]>([
    ['an unknown principal', {}, `arn:aws:iam::${ACCOUNT}:role/nobody`, AwsNotFoundError],
    ['a denied simulation', { deny: [{ operation: 'SimulatePrincipalPolicy' }] }, ROLE, AwsAccessDeniedError],
    [
      'throttling that outlasts the retries',
      { throttle: [{ operation: 'SimulatePrincipalPolicy', times: 10 }] },
      ROLE,
      AwsUnavailableError,
    ],
  ])('turns %s into the error the checks read', async (_name, options, principal, type) => {
    const failure = await withFake(options, (fake) =>
      createIdentityReader(settings(fake), FAST_RETRIES)
        .simulate(principal, ['logs:FilterLogEvents'], ['*'])
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
    );

    expect(failure).toBeInstanceOf(type);
  });
});

describe('the simulated Lambda GetPolicy', () => {
  it.each([
    ['a function with a policy', FUNCTION, { kind: 'policy', document: JSON.stringify(POLICY) }],
    ['an alias without one', `${FUNCTION}:live`, { kind: 'none' }],
    [
      'a function that does not exist',
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:gone`,
      { kind: 'no-function' },
    ],
  ])('%s', async (_name, arn, expected) => {
    const policy = await withFake({}, (fake) => createLambdaPolicyReader(settings(fake)).getPolicy(arn));

    expect(policy).toEqual(expected);
  });

  it('records the call and refuses it when told to', async () => {
    const outcome = await withFake({ deny: [{ operation: 'GetPolicy' }] }, async (fake) => {
      const error = await createLambdaPolicyReader(settings(fake))
        .getPolicy(FUNCTION)
        .catch((e: unknown) => e);
      return { error, calls: fake.calls.map((c) => `${c.service} ${c.operation} ${c.target}`) };
    });

    expect(outcome.error).toBeInstanceOf(AwsAccessDeniedError);
    expect((outcome.error as AwsAccessDeniedError).action).toBe('lambda:GetPolicy');
    expect(outcome.calls).toEqual([`lambda GetPolicy ${FUNCTION}`]);
  });

  it('retries a throttled simulation as every reader does', async () => {
    const calls = await withFake(
      { throttle: [{ operation: 'SimulatePrincipalPolicy', times: 2 }] },
      async (fake) => {
        const results = await createIdentityReader(settings(fake), FAST_RETRIES).simulate(
          ROLE,
          ['logs:FilterLogEvents'],
          ['*'],
        );
        expect(results).toHaveLength(1);
        return fake.calls.filter((call) => call.operation === 'SimulatePrincipalPolicy').length;
      },
    );

    expect(calls).toBe(3);
  });
});
