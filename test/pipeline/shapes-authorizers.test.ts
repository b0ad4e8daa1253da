import { startFakeAws, type FakeAws, type FakeAwsWorld } from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * `diagnose` through the real SDK against authorizers of shapes the built-in sandbox does not have: a function in
 * another account, a function named through a stage variable.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const REQUEST = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const OTHER_ACCOUNT = '999988887777';
const uri = (functionArn: string) =>
  `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
const fn = (account: string, name: string) => `arn:aws:lambda:${SANDBOX_REGION}:${account}:function:${name}`;

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function diagnoseIn(edit: (world: FakeAwsWorld) => void) {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world);
  started.push(fake);
  const service = serviceAt(fake.url, NOW);
  const diagnosis = await service.diagnose({ requestId: REQUEST, restApiId: ORDERS, stage: 'prod' });
  const read = fake.calls.filter((c) => c.operation === 'FilterLogEvents').map((c) => c.target);
  return { diagnosis, read };
}

/** The authorizer step began and no Lambda call followed: the cache answered, or nothing shows otherwise. */
function cacheAnswered(world: FakeAwsWorld): void {
  world.logGroups[PROD_GROUP].push(
    ...[
      'Extended Request Id: Rb8cKmBVIvJJcjF=',
      `Starting authorizer: 8xkq2m for request: ${REQUEST}`,
      'Incoming identity: ************************************************Xy9pQ2',
      'The client is not authorized to perform this operation.',
    ].map((message, i) => ({
      timestamp: NOW - 100_000 + i,
      message: `(${REQUEST}) ${message}`,
      logStreamName: 's',
    })),
  );
}

describe('diagnose: the authorizer function in another account', () => {
  it("does not read a same-named log group in the API's account as the function's, and says where the log is", async () => {
    const { diagnosis, read } = await diagnoseIn((world) => {
      world.restApis[ORDERS].authorizers[0].authorizerUri = uri(fn(OTHER_ACCOUNT, 'orders-authorizer'));
      cacheAnswered(world);
    });

    // The API's account has its own orders-authorizer, silent at the request time: that proves nothing here.
    expect(read).not.toContain('/aws/lambda/orders-authorizer');
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'not-attempted' });
    expect(diagnosis.verdict.signals.decisive).not.toContain('function-log-silent-and-implicit-deny');
    expect(diagnosis.verdict.cause).toBe('authorizer-cached-policy-mismatch');
    expect(diagnosis.verdict.gaps.map(english.t)).toContain(
      `The authorizer function is in account ${OTHER_ACCOUNT}, not the API's: its log (/aws/lambda/orders-authorizer) is there and was not read, so whether it ran for this request is not known. Read it in that account, or give why403 a role there.`,
    );
  });

  it('still reads the function log when the function is in the API account', async () => {
    const { diagnosis, read } = await diagnoseIn(cacheAnswered);

    expect(read).toContain('/aws/lambda/orders-authorizer');
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'complete' });
  });
});

describe('diagnose: the authorizer function named by a stage variable', () => {
  it("reads the log of the function the stage's variable names", async () => {
    const { diagnosis, read } = await diagnoseIn((world) => {
      world.restApis[ORDERS].authorizers[0].authorizerUri = uri(
        fn(SANDBOX_ACCOUNT, '${stageVariables.authFn}'),
      );
      world.restApis[ORDERS].stages.prod.variables = { authFn: 'orders-authorizer' };
      cacheAnswered(world);
    });

    expect(read).toContain('/aws/lambda/orders-authorizer');
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'complete' });
    expect(diagnosis.config.authorizer?.authorizerUri).toBe(uri(fn(SANDBOX_ACCOUNT, 'orders-authorizer')));
  });

  it('reads no log group named after a variable the stage does not define', async () => {
    const { diagnosis, read } = await diagnoseIn((world) => {
      world.restApis[ORDERS].authorizers[0].authorizerUri = uri(
        fn(SANDBOX_ACCOUNT, '${stageVariables.authFn}'),
      );
      cacheAnswered(world);
    });

    expect(read.filter((group) => group.includes('${'))).toEqual([]);
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'not-attempted' });
    expect(diagnosis.unread.map(english.t).join(' ')).not.toContain('${');
  });
});
