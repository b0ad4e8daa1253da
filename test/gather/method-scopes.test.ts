import { AwsClientPool } from '../../src/aws/clients';
import { ConfigGatherer, lookUpConfig } from '../../src/gather/api-config';
import { startFakeAws, type FakeAws, type FakeAwsWorld } from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * A Cognito method's OAuth scopes (`authorizationScopes`) through the real SDK against the simulated API Gateway:
 * GetResources?embed=methods gives the working copy's, GetExport the deployed method's (the security requirement's
 * list), and the diagnosis judges the deployed ones.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const REQUEST = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const POOL = `arn:aws:cognito-idp:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:userpool/${SANDBOX_REGION}_Ab12Cd34E`;
const COGNITO_AUTHORIZER = {
  id: 'cog7pl',
  name: 'users-pool',
  type: 'COGNITO_USER_POOLS',
  identitySource: 'method.request.header.Authorization',
  providerARNs: [POOL],
};

/** The orders API with `GET /me` behind the Cognito authorizer: `live` scopes in the working copy, `deployed` on prod. */
function worldWith(live: string[] | undefined, deployed: string[] | undefined): FakeAwsWorld {
  const world = buildSandboxWorld(NOW);
  const api = world.restApis[ORDERS];
  const me = (scopes: string[] | undefined) => ({
    id: 'me0001',
    parentId: 'r00t01',
    pathPart: 'me',
    path: '/me',
    resourceMethods: {
      GET: {
        httpMethod: 'GET',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizerId: COGNITO_AUTHORIZER.id,
        apiKeyRequired: false,
        // AWS leaves an empty list out.
        ...(scopes ? { authorizationScopes: scopes } : {}),
      },
    },
  });
  api.authorizers.push(COGNITO_AUTHORIZER);
  const working = [...api.resources];
  api.resources = [...working, me(live)];
  const deploymentId = String(api.stages.prod.deploymentId);
  api.deployed = {
    ...api.deployed,
    [deploymentId]: { authorizers: [...api.authorizers], resources: [...working, me(deployed)] },
  };
  return world;
}

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function fakeOf(world: FakeAwsWorld): Promise<FakeAws> {
  const fake = await startFakeAws(world);
  started.push(fake);
  return fake;
}

async function snapshotOf(world: FakeAwsWorld) {
  const fake = await fakeOf(world);
  const access = await new AwsClientPool({
    endpoint: fake.url,
    credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
    retry: { sleep: async () => undefined },
  }).forTarget({ region: SANDBOX_REGION });
  return new ConfigGatherer(0).snapshot(access, ORDERS, 'prod');
}

describe("a Cognito method's OAuth scopes, read through the SDK", () => {
  it.each<[string, string[] | undefined, string[] | undefined, string[], string[]]>([
    [
      'listed alike in both',
      ['orders/read', 'email'],
      ['orders/read', 'email'],
      ['orders/read', 'email'],
      ['orders/read', 'email'],
    ],
    ['none in either (the list left out)', undefined, undefined, [], []],
    ['added to the working copy, not yet deployed', ['orders/read'], undefined, ['orders/read'], []],
    ['changed since the deployment', ['orders/write'], ['orders/read'], ['orders/write'], ['orders/read']],
  ])('%s', async (_name, live, deployed, liveRead, deployedRead) => {
    const snapshot = await snapshotOf(worldWith(live, deployed));

    const liveMethod = snapshot.resources?.find((r) => r.path === '/me')?.methods.GET;
    const deployedMethod = snapshot.deployed?.resources.find((r) => r.path === '/me')?.methods.GET;
    expect(snapshot.sources['config:deployment']).toEqual({ read: 'complete' });
    expect(liveMethod?.authorizationScopes).toEqual(liveRead);
    expect(deployedMethod).toMatchObject({ authorizerId: 'cog7pl', authorizationScopes: deployedRead });
    // The rules judge what the stage runs.
    const looked = lookUpConfig(snapshot, { httpMethod: 'GET', path: '/me' });
    expect(looked.judged).toBe('deployed');
    expect(looked.config.method?.authorizationScopes).toEqual(deployedRead);
  });

  it('leaves a Lambda-authorized method without scopes', async () => {
    const snapshot = await snapshotOf(worldWith(['orders/read'], ['orders/read']));
    const orders = snapshot.resources?.find((r) => r.path === '/orders')?.methods.GET;
    expect(orders?.authorizationType).toBe('CUSTOM');
    expect(orders).not.toHaveProperty('authorizationScopes');
  });
});

describe('diagnose: a Cognito 401 on a method that lists scopes', () => {
  async function diagnose(live: string[] | undefined, deployed: string[] | undefined) {
    const world = worldWith(live, deployed);
    world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/prod`].push(
      ...['Extended Request Id: Qm3vLp8XoAMFz2w=', `Unauthorized request: ${REQUEST}`].map((message, i) => ({
        timestamp: NOW - 60_000 + i,
        message: `(${REQUEST}) ${message}`,
        logStreamName: 's',
      })),
    );
    world.logGroups['/aws/apigateway/orders-access'].push({
      timestamp: NOW - 60_000,
      message: JSON.stringify({
        requestId: REQUEST,
        ip: '198.51.100.7',
        httpMethod: 'GET',
        resourcePath: '/me',
        path: '/prod/me',
        status: '401',
        responseType: 'UNAUTHORIZED',
        errorMessage: 'Unauthorized',
      }),
      logStreamName: 'a',
    });
    const fake = await fakeOf(world);
    const diagnosis = await serviceAt(fake.url, NOW).diagnose({
      requestId: REQUEST,
      restApiId: ORDERS,
      stage: 'prod',
    });
    const { verdict } = diagnosis;
    return {
      verdict,
      facts: Object.fromEntries(verdict.facts.map((f) => [english.t(f.label), english.t(f.value)])),
      checklist: verdict.checklist.map((step) => english.t(step.text)),
      settle: verdict.settle.map(english.t),
    };
  }

  it('names the deployed scopes in the facts and the checklist, says what settles it, and stays as sure as the 401', async () => {
    const { verdict, facts, checklist, settle } = await diagnose(['orders/write'], ['orders/read']);

    expect(verdict.cause).toBe('other');
    expect(verdict.title).toEqual({ id: 'other.title.cognito' });
    expect(verdict.confidence).toBe('high');
    expect(verdict.signals.decisive).toEqual(['cognito-authorizer-answered-401']);
    expect(facts['OAuth scopes']).toBe('orders/read');
    expect(checklist.filter((step) => /OAuth scopes/.test(step))).toEqual([
      expect.stringMatching(/^The method lists OAuth scopes \(orders\/read\): send an access token/),
    ]);
    expect(settle).toEqual([
      expect.stringMatching(/token_use "id".*none of orders\/read in its scope claim/),
    ]);
  });

  it('drops the scopes step when the deployed method lists none', async () => {
    const { verdict, facts, checklist, settle } = await diagnose(['orders/read'], undefined);

    expect(verdict.title).toEqual({ id: 'other.title.cognito' });
    expect(facts['OAuth scopes']).toBe('none');
    expect(checklist.some((step) => /OAuth scopes/.test(step))).toBe(false);
    expect(settle).toEqual([]);
  });
});
