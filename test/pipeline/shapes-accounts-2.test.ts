import { startFakeAws, type FakeAws, type FakeAwsWorld, type FakeCall } from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import type { DiagnoseQuery } from '../../src/pipeline/diagnose';
import { serviceAt } from '../support/sandbox-service';
import { SCAN_NOW, scanSandbox } from '../support/scan-sandbox';

/**
 * diagnose and scan API_ID through the real SDK against simulated accounts of shapes the sandbox and the earlier
 * red-teams do not have: more stages than one Logs Insights query takes, Cognito authorizers with several pools
 * beside Lambda ones, alias-qualified authorizer functions, ANY methods on greedy paths, resources over several
 * pages, and resource policies with VPC-endpoint lists, NotPrincipal, NotAction or close to the 8 KB limit.
 */

const NOW = SCAN_NOW;
const ORDERS = 'a1b2c3d4e5';
const REPORTS = 'b2c3d4e5f6';
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const ORDERS_ACCESS = '/aws/apigateway/orders-access';
const REPORTS_ACCESS = '/aws/apigateway/reports-access';
const REQUEST = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const REPORTS_ARN = `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${REPORTS}`;
const uri = (functionArn: string) =>
  `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
const fn = (name: string) => `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:function:${name}`;

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function diagnoseIn(
  edit: (world: FakeAwsWorld) => void,
  query: DiagnoseQuery,
  options?: Parameters<typeof startFakeAws>[1],
) {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world, options);
  started.push(fake);
  const diagnosis = await serviceAt(fake.url, NOW).diagnose(query);
  return { diagnosis, calls: fake.calls };
}

function trace(world: FakeAwsWorld, group: string, lines: string[]): void {
  (world.logGroups[group] ??= []).push(
    ...lines.map((message, i) => ({
      timestamp: NOW - 100_000 + i,
      message: `(${REQUEST}) ${message}`,
      logStreamName: 's',
    })),
  );
}

function accessRecord(world: FakeAwsWorld, group: string, record: Record<string, unknown>): void {
  world.logGroups[group].push({
    timestamp: NOW - 100_000 + 40,
    message: JSON.stringify({ requestId: REQUEST, ...record }),
    logStreamName: 'a',
  });
}

/** The API's `staging` stage copied `count` times (s0, s1, …), each with an execution-log group of its own. */
function manyStages(world: FakeAwsWorld, count: number): void {
  const api = world.restApis[ORDERS];
  for (let i = 0; i < count; i++) {
    api.stages[`s${i}`] = { ...api.stages.staging, stageName: `s${i}` };
    world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/s${i}`] = [];
  }
}

const notAuthorized = [
  'Extended Request Id: Rb8cKmBVIvJJcjF=',
  'The client is not authorized to perform this operation.',
];

describe('scan API_ID: an API with more stages than one Logs Insights query takes (50 groups)', () => {
  it('queries its groups 50 at a time and counts a failed request of a stage past the 50th', async () => {
    const calls: FakeCall[] = [];
    const { result } = await scanSandbox(
      {},
      {
        calls,
        edit: (world) => {
          manyStages(world, 60);
          const arn = `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}/s55/GET/orders`;
          trace(world, `API-Gateway-Execution-Logs_${ORDERS}/s55`, [
            'Extended Request Id: Rb8cKmBVIvJJcjF=',
            `Starting authorizer: 8xkq2m for request: ${REQUEST}`,
            'Incoming identity: ************************************************Xy9pQ2',
            `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"${arn}"}]}}`,
            'The client is not authorized to perform this operation.',
            'Method completed with status: 403',
          ]);
        },
      },
    );

    const started = calls.filter((c) => c.operation === 'StartQuery');
    expect(Math.max(...started.map((c) => c.target.split(',').length))).toBeLessThanOrEqual(50);
    expect(result.causes.filter((c) => c.stage === 's55').map((c) => [c.cause, c.requestIds])).toEqual([
      ['authorizer-explicit-deny', [REQUEST]],
    ]);
    expect(result.logGroups).toHaveLength(62);
    expect(result.complete).toBe(true);
  });
});

describe('diagnose: an API with 35 stages, given the API alone', () => {
  it('finds the request in the stage that logged it and judges it with that stage', async () => {
    const { diagnosis } = await diagnoseIn(
      (world) => {
        manyStages(world, 35);
        const arn = `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}/s33/GET/*`;
        trace(world, `API-Gateway-Execution-Logs_${ORDERS}/s33`, [
          'Extended Request Id: Rb8cKmBVIvJJcjF=',
          `Starting authorizer: 8xkq2m for request: ${REQUEST}`,
          'Incoming identity: ************************************************Xy9pQ2',
          `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"${arn}"}]}}`,
          'The client is not authorized to perform this operation.',
        ]);
      },
      { requestId: REQUEST, restApiId: ORDERS },
    );

    expect(diagnosis.request.stage).toBe('s33');
    expect(diagnosis.verdict.cause).toBe('authorizer-explicit-deny');
    expect(diagnosis.verdict.checklist.map((s) => s.command ?? '').join(' ')).toContain('--stage-name s33');
  });
});

describe('diagnose: a WAF block on an API with more stages than whose access logs are searched', () => {
  it('is not claimed absent: the answer is partial and says to give --stage, which finds it', async () => {
    const edit = (world: FakeAwsWorld) => {
      const api = world.restApis[ORDERS];
      const prod = api.stages.prod as { accessLogSettings: { destinationArn: string } };
      for (let i = 0; i < 6; i++) {
        const group = `/aws/apigateway/orders-s${i}`;
        api.stages[`s${i}`] = {
          ...prod,
          stageName: `s${i}`,
          accessLogSettings: {
            ...prod.accessLogSettings,
            destinationArn: `arn:aws:logs:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:log-group:${group}`,
          },
        };
        world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/s${i}`] = [];
        world.logGroups[group] = [];
      }
      accessRecord(world, '/aws/apigateway/orders-s5', {
        ip: '203.0.113.7',
        httpMethod: 'GET',
        resourcePath: '-',
        path: '/s5/orders',
        status: '403',
        responseType: 'WAF_FILTERED',
        errorMessage: 'Forbidden',
      });
    };

    const alone = (await diagnoseIn(edit, { requestId: REQUEST, restApiId: ORDERS })).diagnosis;
    expect([alone.verdict.cause, alone.verdict.confidence]).toEqual(['not-found-in-logs', 'low']);
    expect(english.t(alone.partial ?? '')).toContain('the API has 8 stages');
    expect(english.t(alone.partial ?? '')).toContain('give --stage NAME');

    const staged = (await diagnoseIn(edit, { requestId: REQUEST, restApiId: ORDERS, stage: 's5' })).diagnosis;
    expect([staged.verdict.cause, staged.verdict.confidence]).toEqual(['waf-block', 'high']);
  });
});

describe('diagnose: authorizers of other shapes', () => {
  const POOLS = ['eu-west-1_AAAAAAAAA', 'eu-west-1_BBBBBBBBB'].map(
    (id) => `arn:aws:cognito-idp:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:userpool/${id}`,
  );

  it('a 401 on a Cognito method (two user pools, OAuth scopes) is not blamed on the Lambda authorizers, and what the stage runs matches', async () => {
    const { diagnosis, calls } = await diagnoseIn(
      (world) => {
        const api = world.restApis[ORDERS];
        api.authorizers.push({
          id: 'cog001',
          name: 'staff-pools',
          type: 'COGNITO_USER_POOLS',
          authType: 'cognito_user_pools',
          providerARNs: POOLS,
          identitySource: 'method.request.header.Authorization',
        });
        api.resources.push({
          id: 'me0001',
          parentId: 'r00t01',
          pathPart: 'me',
          path: '/me',
          resourceMethods: {
            GET: {
              httpMethod: 'GET',
              authorizationType: 'COGNITO_USER_POOLS',
              authorizerId: 'cog001',
              authorizationScopes: ['orders/read'],
              apiKeyRequired: false,
            },
          },
        });
        trace(world, PROD_GROUP, [
          'Extended Request Id: Rb8cKmBVIvJJcjF=',
          `Unauthorized request: ${REQUEST}`,
          'Unauthorized',
        ]);
        accessRecord(world, ORDERS_ACCESS, {
          ip: '198.51.100.9',
          httpMethod: 'GET',
          resourcePath: '/me',
          path: '/prod/me',
          status: '401',
          responseType: 'UNAUTHORIZED',
          errorMessage: 'Unauthorized',
        });
      },
      { requestId: REQUEST, restApiId: ORDERS, stage: 'prod' },
    );

    expect(diagnosis.config.authorizer).toMatchObject({ id: 'cog001', providerARNs: POOLS });
    expect(diagnosis.verdict.cause).not.toMatch(/^authorizer-/);
    expect(english.t(diagnosis.verdict.summary)).toMatch(/Cognito/);
    expect(calls.map((c) => c.target)).not.toContain('/aws/lambda/orders-authorizer');
    // The export names the Cognito scheme's token header as AWS does: no change is invented between the two.
    expect(diagnosis.drift).toBeUndefined();
    expect(diagnosis.judged).toBe('deployed');
  });

  it('an alias-qualified function: the permission fix names the alias, the log read is the function’s', async () => {
    const { diagnosis, calls } = await diagnoseIn(
      (world) => {
        world.restApis[ORDERS].authorizers[1].authorizerUri = uri(fn('orders-authorizer-v2:live'));
        for (const event of world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/staging`])
          event.message = event.message.replace(
            'function:orders-authorizer-v2/',
            'function:orders-authorizer-v2:live/',
          );
      },
      { requestId: SCENARIOS.permission.requestId, restApiId: ORDERS, stage: 'staging' },
    );

    expect([diagnosis.verdict.cause, diagnosis.verdict.confidence]).toEqual([
      'authorizer-invoke-permission',
      'high',
    ]);
    expect(diagnosis.verdict.checklist.map((s) => s.command ?? '').join('\n')).toContain(
      `aws lambda add-permission --function-name ${fn('orders-authorizer-v2:live')} `,
    );
    expect(calls.filter((c) => c.operation === 'FilterLogEvents').map((c) => c.target)).toContain(
      '/aws/lambda/orders-authorizer-v2',
    );
  });

  it('ANY on a greedy {proxy+} path: the method and its authorizer are found from the access log’s template', async () => {
    const { diagnosis } = await diagnoseIn(
      (world) => {
        world.restApis[ORDERS].resources.push({
          id: 'prx001',
          parentId: 'r00t01',
          pathPart: '{proxy+}',
          path: '/{proxy+}',
          resourceMethods: {
            ANY: {
              httpMethod: 'ANY',
              authorizationType: 'CUSTOM',
              authorizerId: '4stg9z',
              apiKeyRequired: false,
            },
          },
        });
        trace(world, PROD_GROUP, notAuthorized);
        accessRecord(world, ORDERS_ACCESS, {
          ip: '198.51.100.9',
          httpMethod: 'PATCH',
          resourcePath: '/{proxy+}',
          path: '/prod/users/42/avatar',
          status: '403',
          responseType: 'ACCESS_DENIED',
          errorMessage: 'User is not authorized to access this resource',
        });
      },
      { requestId: REQUEST, restApiId: ORDERS, stage: 'prod' },
    );

    expect(diagnosis.config.method).toMatchObject({ httpMethod: 'ANY', resourcePath: '/{proxy+}' });
    expect(diagnosis.config.authorizer?.id).toBe('4stg9z');
    expect(english.t(diagnosis.verdict.checklist[0].text)).toContain(
      `${SANDBOX_ACCOUNT}:${ORDERS}/prod/PATCH/users/42/avatar`,
    );
  });

  it('600 resources over two GetResources pages: the method on the second page is the one judged', async () => {
    const { diagnosis, calls } = await diagnoseIn(
      (world) => {
        const api = world.restApis[ORDERS];
        for (let i = 0; i < 600; i++)
          api.resources.push({
            id: `gen${String(i).padStart(3, '0')}`,
            parentId: 'r00t01',
            pathPart: `p${i}`,
            path: `/p${i}`,
            resourceMethods: {
              GET: {
                httpMethod: 'GET',
                authorizationType: 'CUSTOM',
                authorizerId: i === 599 ? '4stg9z' : '8xkq2m',
                apiKeyRequired: false,
              },
            },
          });
        trace(world, PROD_GROUP, notAuthorized);
        accessRecord(world, ORDERS_ACCESS, {
          httpMethod: 'GET',
          resourcePath: '/p599',
          path: '/prod/p599',
          status: '403',
          responseType: 'ACCESS_DENIED',
          errorMessage: 'User is not authorized to access this resource',
        });
      },
      { requestId: REQUEST, restApiId: ORDERS, stage: 'prod' },
    );

    expect(calls.filter((c) => c.operation === 'GetResources')).toHaveLength(2);
    expect(diagnosis.config.authorizer?.id).toBe('4stg9z');
    expect(diagnosis.verdict.sources['config:resources']).toEqual({ read: 'complete' });
  });
});

describe('diagnose: an authorizer function shared from another account, on a stage with no access log', () => {
  const SHARED = 'arn:aws:lambda:eu-west-1:999988887777:function:shared-auth';
  /** The permission scenario (staging: no access log, no web ACL), its authorizer's function in another account. */
  function sharedFunction(world: FakeAwsWorld): void {
    world.restApis[ORDERS].authorizers[1].authorizerUri = uri(SHARED);
    for (const event of world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/staging`])
      event.message = event.message.replace(fn('orders-authorizer-v2'), SHARED);
  }

  it("names the API's account in the permission's SourceArn, and reads no log of that name in the API's account", async () => {
    const { diagnosis, calls } = await diagnoseIn(sharedFunction, {
      requestId: SCENARIOS.permission.requestId,
      restApiId: ORDERS,
      stage: 'staging',
    });

    expect([diagnosis.verdict.cause, diagnosis.verdict.confidence]).toEqual([
      'authorizer-invoke-permission',
      'high',
    ]);
    const commands = diagnosis.verdict.checklist.map((s) => s.command ?? '').join('\n');
    expect(commands).toContain(
      `--source-arn arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}/authorizers/4stg9z`,
    );
    expect(commands).not.toContain(':999988887777:a1b2c3d4e5');
    expect(calls.map((c) => c.target)).not.toContain('/aws/lambda/shared-auth');
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'not-attempted' });
    expect(diagnosis.verdict.gaps.map(english.t).join(' ')).toContain('account 999988887777');
  });

  it("when STS refuses to name the API's account, the function's is taken for it and the answer says so", async () => {
    const { diagnosis } = await diagnoseIn(
      sharedFunction,
      { requestId: SCENARIOS.permission.requestId, restApiId: ORDERS, stage: 'staging' },
      { deny: [{ operation: 'GetCallerIdentity' }] },
    );

    const gaps = diagnosis.verdict.gaps.map(english.t).join(' ');
    expect(gaps).toContain(
      "The API's account could not be read (STS GetCallerIdentity gave no answer), so the authorizer function's account, 999988887777, is taken for it",
    );
    const steps = diagnosis.verdict.checklist
      .map((s) => `${english.t(s.text)}\n${s.command ?? ''}`)
      .join('\n');
    expect(steps).toContain(
      `--source-arn arn:aws:execute-api:${SANDBOX_REGION}:999988887777:${ORDERS}/authorizers/4stg9z`,
    );
    expect(steps).toContain("The SourceArn's account, 999988887777, is the authorizer function's");
  });

  it("scan: the cause's fix names the API's account, as Logs Insights' @log says it, and asks nobody", async () => {
    const calls: FakeCall[] = [];
    const { result } = await scanSandbox({ stage: 'staging', since: '1h' }, { calls, edit: sharedFunction });

    const permission = result.causes.find((c) => c.cause === 'authorizer-invoke-permission');
    expect(permission?.checklist.map((s) => s.command ?? '').join('\n')).toContain(
      `--source-arn arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}/authorizers/4stg9z`,
    );
    expect(calls.filter((c) => c.service === 'sts')).toEqual([]);
  });

  it('asks nobody when the stage’s web ACL names the account', async () => {
    const { diagnosis, calls } = await diagnoseIn(
      (world) => {
        sharedFunction(world);
        world.restApis[ORDERS].stages.staging.webAclArn =
          `arn:aws:wafv2:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:regional/webacl/orders/0f1e2d3c`;
      },
      { requestId: SCENARIOS.permission.requestId, restApiId: ORDERS, stage: 'staging' },
    );

    expect(calls.filter((c) => c.service === 'sts')).toEqual([]);
    expect(diagnosis.verdict.checklist.map((s) => s.command ?? '').join('\n')).toContain(
      `${SANDBOX_ACCOUNT}:${ORDERS}/authorizers/4stg9z`,
    );
  });
});

describe('diagnose: an API whose default endpoint is disabled (custom domain only)', () => {
  it('a request in no log names the disabled endpoint among the reasons', async () => {
    const { diagnosis } = await diagnoseIn(
      (world) => {
        world.restApis[SCENARIOS.unlogged.restApiId].restApi.disableExecuteApiEndpoint = true;
      },
      { requestId: SCENARIOS.unlogged.requestId, restApiId: SCENARIOS.unlogged.restApiId, stage: 'prod' },
    );

    expect(diagnosis.verdict.cause).toBe('not-found-in-logs');
    expect(diagnosis.verdict.evidence.map(english.t).join('\n')).toContain(
      `The API's default endpoint is disabled (disableExecuteApiEndpoint): every call to ${SCENARIOS.unlogged.restApiId}.execute-api…`,
    );
  });
});

describe('diagnose: answers with fields AWS may add or leave out', () => {
  it.each<[string, (world: FakeAwsWorld) => void]>([
    [
      'no authorizerResultTtlInSeconds (the default 300 applies)',
      (world) => {
        delete world.restApis[ORDERS].authorizers[0].authorizerResultTtlInSeconds;
      },
    ],
    [
      'no methodSettings on the stage and no endpointConfiguration',
      (world) => {
        delete world.restApis[ORDERS].restApi.endpointConfiguration;
        delete world.restApis[ORDERS].stages.prod.methodSettings;
      },
    ],
    [
      'unknown extra fields on the API and the stage',
      (world) => {
        Object.assign(world.restApis[ORDERS].restApi, {
          rootResourceId: 'r00t01',
          tags: { team: 'a' },
          newField: { x: [1] },
        });
        Object.assign(world.restApis[ORDERS].stages.prod, { cacheClusterEnabled: false, newSetting: 'x' });
      },
    ],
  ])('%s: the cache-hit scenario is still found and judged', async (_name, edit) => {
    const { diagnosis } = await diagnoseIn(edit, {
      requestId: SCENARIOS.cached.requestId,
      restApiId: ORDERS,
      stage: 'prod',
    });

    expect(diagnosis.verdict.cause).toBe('authorizer-cached-policy-mismatch');
    expect(diagnosis.partial).toBeUndefined();
  });
});

describe('diagnose: resource policies of other shapes, stored as GetRestApi returns them (escaped)', () => {
  const escaped = (policy: object) => JSON.stringify(policy).replace(/["/]/g, '\\$&');
  const allowAll = {
    Effect: 'Allow',
    Principal: '*',
    Action: 'execute-api:Invoke',
    Resource: 'execute-api:/*',
  };
  const denied = (explicit: boolean, vpce = 'vpce-0aaa1111') => ({
    ip: '10.1.2.3',
    vpce,
    status: '403',
    responseType: 'ACCESS_DENIED',
    httpMethod: 'GET',
    resourcePath: '/reports',
    errorMessage: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${REPORTS_ARN}/v1/GET/reports${explicit ? ' with an explicit deny' : ''}`,
  });
  const ranges = Array.from({ length: 420 }, (_, i) => `10.${Math.floor(i / 200)}.${i % 200}.0/24`);

  it.each<[string, object[], Record<string, unknown>, string, string, RegExp]>([
    [
      'a private API whose Deny lists its VPC endpoints (StringNotEquals), called from another',
      [
        allowAll,
        {
          ...allowAll,
          Effect: 'Deny',
          Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-0aaa1111', 'vpce-0bbb2222'] } },
        },
      ],
      denied(true, 'vpce-0ccc3333'),
      'private-api-vpce-deny',
      'high',
      /vpce-0ccc3333/,
    ],
    [
      'a Deny with NotPrincipal, which the evaluator does not model: never high',
      [
        allowAll,
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/ops` },
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
        },
      ],
      denied(true),
      'resource-policy-explicit-deny',
      'low',
      /NotPrincipal/,
    ],
    [
      'a Deny with NotAction that leaves execute-api:Invoke in',
      [
        allowAll,
        {
          Effect: 'Deny',
          Principal: '*',
          NotAction: 'execute-api:ManageConnections',
          Resource: [`${REPORTS_ARN}/*/GET/reports`],
        },
      ],
      denied(true),
      'resource-policy-explicit-deny',
      'high',
      /statement #1/,
    ],
    [
      'a policy near the 8 KB limit (420 ranges), called from outside them',
      [
        allowAll,
        {
          ...allowAll,
          Sid: 'DenyOutside',
          Effect: 'Deny',
          Condition: { NotIpAddress: { 'aws:SourceIp': ranges } },
        },
      ],
      { ...denied(true), ip: '203.0.113.7' },
      'resource-policy-explicit-deny',
      'high',
      /DenyOutside.*203\.0\.113\.7/,
    ],
  ])('%s', async (_name, statements, record, cause, confidence, summary) => {
    const { diagnosis } = await diagnoseIn(
      (world) => {
        const api = world.restApis[REPORTS];
        api.restApi.endpointConfiguration = {
          types: ['PRIVATE'],
          vpcEndpointIds: ['vpce-0aaa1111', 'vpce-0bbb2222'],
        };
        api.restApi.policy = escaped({ Version: '2012-10-17', Statement: statements });
        delete api.deployed;
        (api.stages.v1 as { accessLogSettings: { format: string } }).accessLogSettings.format =
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            vpce: '$context.identity.vpceId',
            status: '$context.status',
            responseType: '$context.error.responseType',
            errorMessage: '$context.error.message',
            httpMethod: '$context.httpMethod',
            resourcePath: '$context.resourcePath',
          });
        world.logGroups[REPORTS_ACCESS] = [];
        accessRecord(world, REPORTS_ACCESS, record);
      },
      { requestId: REQUEST, restApiId: REPORTS, stage: 'v1' },
    );

    expect(String(diagnosis.config.restApi?.policy).length).toBeLessThanOrEqual(8192);
    expect([diagnosis.verdict.cause, diagnosis.verdict.confidence]).toEqual([cause, confidence]);
    expect(english.t(diagnosis.verdict.summary)).toMatch(summary);
  });
});
