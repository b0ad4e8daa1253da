import nock from 'nock';
import type { ClientRequest } from 'node:http';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { AwsClientPool, type AwsAccess } from '../../src/aws/clients';
import { AwsNotFoundError } from '../../src/aws/errors';
import { RestApiReader, type ApiResource } from '../../src/aws/rest-api';
import {
  ConfigGatherer,
  configForRequest,
  findMethod,
  lookUpConfig,
  type ApiSnapshot,
  type RequestKeys,
} from '../../src/gather/api-config';
import type { MethodConfig } from '../../src/evidence/types';
import { rejectionOf } from '../support/failures';
import type { RetryPolicy } from '../../src/aws/retry';
import type { SourceId } from '../../src/evidence/types';
import type { Text } from '../../src/text';
import { english } from '../../src/render/localize';

const REGION = 'eu-west-1';
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const API_ID = 'abc1234567';
const API_ARN = `arn:aws:apigateway:${REGION}::/restapis/${API_ID}`;
const POLICY = String.raw`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:eu-west-1:123456789012:abc1234567\/*\"}]}`;

const REST_API = {
  id: API_ID,
  name: 'orders',
  createdDate: 1_700_000_000,
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: ['REGIONAL'] },
  policy: POLICY,
  disableExecuteApiEndpoint: false,
};
const AUTHORIZER = {
  id: 'a1b2c3',
  name: 'token-auth',
  type: 'TOKEN',
  authType: 'custom',
  authorizerUri:
    'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer/invocations',
  identitySource: 'method.request.header.Authorization',
  authorizerResultTtlInSeconds: 300,
};
const RESOURCES = {
  item: [
    { id: 'r00t01', path: '/' },
    {
      id: 'pets01',
      parentId: 'r00t01',
      pathPart: 'pets',
      path: '/pets',
      resourceMethods: {
        GET: {
          httpMethod: 'GET',
          authorizationType: 'CUSTOM',
          authorizerId: 'a1b2c3',
          apiKeyRequired: false,
        },
      },
    },
  ],
};
const STAGE = {
  stageName: 'prod',
  deploymentId: 'dep123',
  createdDate: 1_700_000_000,
  lastUpdatedDate: 1_732_440_900,
  methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: false } },
  accessLogSettings: {
    format: '{"requestId":"$context.requestId"}',
    destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:orders-access',
  },
  tracingEnabled: false,
};

/** GetExport of the stage (OpenAPI 3 with API Gateway's extensions), shaped like a real export, trimmed. */
const EXPORT = {
  openapi: '3.0.1',
  info: { title: 'orders', version: '2023-11-14T22:13:20Z' },
  servers: [
    {
      url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com/{basePath}`,
      variables: { basePath: { default: '/prod' } },
    },
  ],
  paths: {
    '/pets': {
      get: {
        responses: { '200': { description: '200 response', content: {} } },
        security: [{ 'token-auth': [] }],
      },
    },
  },
  components: {
    securitySchemes: {
      'token-auth': {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          authorizerUri: AUTHORIZER.authorizerUri,
          authorizerResultTtlInSeconds: 300,
          type: 'token',
        },
      },
    },
  },
  'x-amazon-apigateway-policy': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc1234567/*',
      },
    ],
  },
};

type Part = 'restApi' | 'authorizers' | 'resources' | 'stage' | 'deployment';
type Answer = [number, object, Record<string, string>?];
const OK: Record<Part, Answer> = {
  restApi: [200, REST_API],
  authorizers: [200, { item: [AUTHORIZER] }],
  resources: [200, RESOURCES],
  stage: [200, STAGE],
  deployment: [200, EXPORT],
};

function denied(action = 'apigateway:GET'): Answer {
  return [
    403,
    {
      message: `User: arn:aws:sts::123456789012:assumed-role/why403/bot is not authorized to perform: ${action}`,
    },
    { 'x-amzn-errortype': 'AccessDeniedException' },
  ];
}
function notFound(message: string): Answer {
  return [404, { message }, { 'x-amzn-errortype': 'NotFoundException' }];
}

/** Interceptors for one snapshot's calls; `seen` lists the requests nock answered. */
function expectSnapshotCalls(parts: Partial<Record<Part, Answer>>, stage = 'prod') {
  const scope = nock(APIGW);
  const answers = { ...OK, ...parts };
  const reply = (answer: Answer) => [answer[0], answer[1], answer[2] ?? {}] as const;
  if (parts.restApi !== undefined || !('restApi' in parts))
    scope.get(`/restapis/${API_ID}`).reply(...reply(answers.restApi));
  scope
    .get(`/restapis/${API_ID}/authorizers`)
    .query({ limit: '500' })
    .reply(...reply(answers.authorizers));
  scope
    .get(`/restapis/${API_ID}/resources`)
    .query({ embed: 'methods', limit: '500' })
    .reply(...reply(answers.resources));
  scope.get(`/restapis/${API_ID}/stages/${stage}`).reply(...reply(answers.stage));
  scope
    .get(`/restapis/${API_ID}/stages/${stage}/exports/oas30`)
    .query({ extensions: 'apigateway,authorizers' })
    .reply(...reply(answers.deployment));
  const seen: string[] = [];
  scope.on('request', (req: ClientRequest) => seen.push(`${req.method} ${req.path}`));
  return { scope, seen };
}

async function access(retry: Partial<RetryPolicy> = {}): Promise<AwsAccess> {
  return new AwsClientPool({ retry: { sleep: async () => undefined, ...retry } }).forTarget({
    region: REGION,
  });
}

/** An access for another account: its own key, the same region and endpoint. */
function otherAccess(key: string): AwsAccess {
  const client = new APIGatewayClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDOTHERACCOUNT0000', secretAccessKey: 'other-secret' },
    maxAttempts: 1,
  });
  return { key, region: REGION, restApi: new RestApiReader(client, REGION) } as AwsAccess;
}

async function waitUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('ConfigGatherer.snapshot', () => {
  it('reads the REST API, authorizers, resources, stage and deployment in parallel, policy unchanged', async () => {
    const { seen } = expectSnapshotCalls({});

    const snapshot = await new ConfigGatherer(60).snapshot(await access(), API_ID, 'prod');

    expect([...seen].sort()).toEqual([
      `GET /restapis/${API_ID}`,
      `GET /restapis/${API_ID}/authorizers?limit=500`,
      `GET /restapis/${API_ID}/resources?embed=methods&limit=500`,
      `GET /restapis/${API_ID}/stages/prod`,
      `GET /restapis/${API_ID}/stages/prod/exports/oas30?extensions=apigateway%2Cauthorizers`,
    ]);
    expect(snapshot.sources).toEqual({
      'config:rest-api': { read: 'complete' },
      'config:authorizers': { read: 'complete' },
      'config:resources': { read: 'complete' },
      'config:stage': { read: 'complete' },
      'config:deployment': { read: 'complete' },
    });
    expect(snapshot.deployed).toEqual({
      authorizers: [
        {
          id: 'a1b2c3',
          name: 'token-auth',
          type: 'TOKEN',
          authType: 'custom',
          authorizerUri: AUTHORIZER.authorizerUri,
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 300,
        },
      ],
      resources: [
        {
          path: '/pets',
          methods: {
            GET: {
              httpMethod: 'GET',
              resourcePath: '/pets',
              authorizationType: 'CUSTOM',
              authorizerId: 'a1b2c3',
              apiKeyRequired: false,
            },
          },
        },
      ],
      authorizerNames: { 'GET /pets': 'token-auth' },
      policy: JSON.stringify(EXPORT['x-amazon-apigateway-policy']),
    });
    expect(snapshot.restApi).toMatchObject({
      id: API_ID,
      name: 'orders',
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    expect(snapshot.restApi?.policy).toBe(POLICY);
    expect(snapshot.authorizers).toEqual([AUTHORIZER]);
    expect(snapshot.resources).toEqual([
      { path: '/', methods: {} },
      {
        path: '/pets',
        methods: {
          GET: {
            httpMethod: 'GET',
            resourcePath: '/pets',
            authorizationType: 'CUSTOM',
            authorizerId: 'a1b2c3',
            apiKeyRequired: false,
          },
        },
      },
    ]);
    expect(snapshot.stage).toMatchObject({
      stageName: 'prod',
      deploymentId: 'dep123',
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: false } },
      accessLogSettings: STAGE.accessLogSettings,
    });
    expect(snapshot.stage?.lastUpdatedDate).toEqual(new Date(1_732_440_900_000));
  });

  it('sends all five requests before any answer arrives', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hold = (path: string, body: object) =>
      async function (this: nock.ReplyFnContext) {
        started.push(path);
        if (started.length === 5) release();
        await gate;
        return [200, body] as const;
      };
    nock(APIGW)
      .get(`/restapis/${API_ID}`)
      .reply(hold('restapi', REST_API))
      .get(`/restapis/${API_ID}/authorizers`)
      .query(true)
      .reply(hold('authorizers', { item: [AUTHORIZER] }))
      .get(`/restapis/${API_ID}/resources`)
      .query(true)
      .reply(hold('resources', RESOURCES))
      .get(`/restapis/${API_ID}/stages/prod`)
      .reply(hold('stage', STAGE))
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query(true)
      .reply(hold('export', EXPORT));

    const snapshot = await new ConfigGatherer(60).snapshot(await access(), API_ID, 'prod');

    expect(started.sort()).toEqual(['authorizers', 'export', 'resources', 'restapi', 'stage']);
    expect(Object.values(snapshot.sources)).toEqual(Array(5).fill({ read: 'complete' }));
  });

  it('skips GetStage and GetExport when no stage is known', async () => {
    const scope = nock(APIGW)
      .get(`/restapis/${API_ID}`)
      .reply(200, REST_API)
      .get(`/restapis/${API_ID}/authorizers`)
      .query({ limit: '500' })
      .reply(200, { item: [] })
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, RESOURCES);
    const seen: string[] = [];
    scope.on('request', (req: ClientRequest) => seen.push(req.path));

    const snapshot = await new ConfigGatherer(60).snapshot(await access(), API_ID, undefined);

    expect(seen).toHaveLength(3);
    expect(snapshot.stage).toBeUndefined();
    expect(snapshot.authorizers).toEqual([]);
    expect(snapshot.sources['config:stage']).toBeUndefined(); // not attempted
    expect(snapshot.sources['config:deployment']).toBeUndefined();
    expect(snapshot.deployed).toBeUndefined();
  });

  it('serves a second snapshot within the TTL from the cache, without HTTP', async () => {
    expectSnapshotCalls({});
    const gatherer = new ConfigGatherer(60);
    const aws = await access();

    const first = await gatherer.snapshot(aws, API_ID, 'prod');
    const second = await gatherer.snapshot(aws, API_ID, 'prod');

    expect(second).toEqual(first);
  });

  it('reads again once the TTL has passed', async () => {
    let clock = 5_000_000;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const gatherer = new ConfigGatherer(60);
      const aws = await access();
      const firstCalls = expectSnapshotCalls({});
      await gatherer.snapshot(aws, API_ID, 'prod');
      expect(firstCalls.seen).toHaveLength(5);

      clock += 59_000;
      await gatherer.snapshot(aws, API_ID, 'prod'); // still fresh: no interceptors are left, none are needed
      // lru-cache remembers "now" for 1 ms of real time; let that pass before moving the clock past the TTL.
      await new Promise((resolve) => setTimeout(resolve, 10));

      clock += 2_000;
      const secondCalls = expectSnapshotCalls({});
      const snapshot = await gatherer.snapshot(aws, API_ID, 'prod');
      expect(secondCalls.seen).toHaveLength(5);
      expect(snapshot.restApi?.id).toBe(API_ID);
    } finally {
      now.mockRestore();
    }
  });

  it('keeps nothing when the TTL is 0, yet still shares reads in flight', async () => {
    let clock = 9_000_000;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const gatherer = new ConfigGatherer(0);
      const aws = await access();
      const first = expectSnapshotCalls({});
      await Promise.all([gatherer.snapshot(aws, API_ID, 'prod'), gatherer.snapshot(aws, API_ID, 'prod')]);
      expect(first.seen).toHaveLength(5);

      await new Promise((resolve) => setTimeout(resolve, 10));
      clock += 5;
      const second = expectSnapshotCalls({});
      await gatherer.snapshot(aws, API_ID, 'prod');
      expect(second.seen).toHaveLength(5);
    } finally {
      now.mockRestore();
    }
  });

  it('coalesces concurrent identical snapshots into one set of HTTP calls', async () => {
    const { seen } = expectSnapshotCalls({});
    const gatherer = new ConfigGatherer(60);
    const aws = await access();

    const snapshots = await Promise.all([1, 2, 3, 4, 5].map(() => gatherer.snapshot(aws, API_ID, 'prod')));

    expect(seen).toHaveLength(5);
    for (const snapshot of snapshots) expect(snapshot).toEqual(snapshots[0]);
    expect(snapshots[4].restApi?.policy).toBe(POLICY);
  });

  it('shares the API-wide reads between stages but reads each stage', async () => {
    const { seen } = expectSnapshotCalls({});
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/dev`)
      .reply(200, { ...STAGE, stageName: 'dev', deploymentId: 'dep099' })
      .get(`/restapis/${API_ID}/stages/dev/exports/oas30`)
      .query(true)
      .reply(200, { ...EXPORT, paths: {} });
    const gatherer = new ConfigGatherer(60);
    const aws = await access();

    const [prod, dev] = await Promise.all([
      gatherer.snapshot(aws, API_ID, 'prod'),
      gatherer.snapshot(aws, API_ID, 'dev'),
    ]);

    expect(seen).toHaveLength(5);
    expect(prod.stage?.deploymentId).toBe('dep123');
    expect(dev.stage?.deploymentId).toBe('dep099');
    expect(dev.restApi).toEqual(prod.restApi);
    expect(prod.deployed?.resources).toHaveLength(1);
    expect(dev.deployed?.resources).toEqual([]);
  });

  it('reads an API again after cache.forget, and only that API', async () => {
    expectSnapshotCalls({});
    const gatherer = new ConfigGatherer(60);
    const aws = await access();
    await gatherer.snapshot(aws, API_ID, 'prod');
    nock(APIGW)
      .get('/account')
      .reply(200, { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-logs' });
    await gatherer.account(aws);

    gatherer.cache.forget('zzz9999999');
    await gatherer.snapshot(aws, API_ID, 'prod'); // still cached: no interceptors left
    gatherer.cache.forget(API_ID);
    const again = expectSnapshotCalls({});
    await gatherer.snapshot(aws, API_ID, 'prod');
    await gatherer.account(aws); // the account settings are not about one API and stay cached

    expect(again.seen).toHaveLength(5);
  });

  it('caches per access key: another account reads for itself', async () => {
    expectSnapshotCalls({});
    const second = expectSnapshotCalls({});
    const gatherer = new ConfigGatherer(60);

    await gatherer.snapshot(await access(), API_ID, 'prod');
    await gatherer.snapshot(otherAccess('arn:aws:iam::210987654321:role/why403|eu-west-1'), API_ID, 'prod');

    expect(second.seen).toHaveLength(5);
  });

  it.each<[Part, SourceId, string]>([
    ['authorizers', 'config:authorizers', `${API_ARN}/authorizers`],
    ['resources', 'config:resources', `${API_ARN}/resources`],
    ['stage', 'config:stage', `${API_ARN}/stages/prod`],
    ['restApi', 'config:rest-api', API_ARN],
    ['deployment', 'config:deployment', `${API_ARN}/stages/prod/exports/oas30`],
  ])(
    'AccessDenied on %s is recorded as %s denied, with the IAM action and resource; the rest still arrives',
    async (part, source, resource) => {
      expectSnapshotCalls({ [part]: denied() });

      const snapshot = await new ConfigGatherer(60).snapshot(await access(), API_ID, 'prod');

      expect(snapshot.sources[source]).toEqual({ read: 'denied', action: 'apigateway:GET', resource });
      const field = (p: Part) => (p === 'deployment' ? 'deployed' : p);
      expect(snapshot[field(part)]).toBeUndefined();
      const others = (['restApi', 'authorizers', 'resources', 'stage', 'deployment'] as const).filter(
        (p) => p !== part,
      );
      for (const other of others) expect(snapshot[field(other)]).toBeDefined();
      expect(Object.values(snapshot.sources).filter((s) => s.read === 'complete')).toHaveLength(4);
    },
  );

  it('records each part that could not be read, and why', async () => {
    expectSnapshotCalls({
      authorizers: denied(),
      resources: [
        429,
        { message: 'Too Many Requests' },
        { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '2' },
      ],
    });

    const snapshot = await new ConfigGatherer(60).snapshot(await access({ attempts: 1 }), API_ID, 'prod');

    expect(snapshot.sources['config:authorizers']).toEqual({
      read: 'denied',
      action: 'apigateway:GET',
      resource: `${API_ARN}/authorizers`,
    });
    const resources = snapshot.sources['config:resources'];
    expect(resources?.read).toBe('partial');
    expect(english.t((resources as { reason: Text }).reason)).toBe(
      'API Gateway GetResources was still throttled (TooManyRequestsException) after 1 attempt',
    );
    expect(snapshot.restApi?.policy).toBe(POLICY);
    expect(snapshot.stage?.stageName).toBe('prod');
  });

  it('does not cache a failed part: the next snapshot asks for it again, and only for it', async () => {
    expectSnapshotCalls({ authorizers: denied() });
    const gatherer = new ConfigGatherer(60);
    const aws = await access();
    const first = await gatherer.snapshot(aws, API_ID, 'prod');
    expect(first.sources['config:authorizers']?.read).toBe('denied');

    const retry = nock(APIGW)
      .get(`/restapis/${API_ID}/authorizers`)
      .query({ limit: '500' })
      .reply(200, { item: [AUTHORIZER] });
    const second = await gatherer.snapshot(aws, API_ID, 'prod');

    expect(retry.isDone()).toBe(true);
    expect(second.sources['config:authorizers']).toEqual({ read: 'complete' });
    expect(second.authorizers).toEqual([AUTHORIZER]);
  });

  it('a stage that does not exist is recorded as missing, not an error', async () => {
    expectSnapshotCalls(
      {
        stage: notFound('Invalid stage identifier specified'),
        deployment: notFound('Invalid stage identifier specified'),
      },
      'prdo',
    );

    const snapshot = await new ConfigGatherer(60).snapshot(await access(), API_ID, 'prdo');

    expect(snapshot.sources['config:stage']).toEqual({ read: 'missing', resource: `${API_ARN}/stages/prdo` });
    expect(snapshot.restApi).toBeDefined();
  });

  it('a REST API that does not exist is an error', async () => {
    const message = 'Invalid API identifier specified 123456789012:abc1234567';
    const { scope } = expectSnapshotCalls({
      restApi: notFound(message),
      authorizers: notFound(message),
      resources: notFound(message),
      stage: notFound(message),
      deployment: notFound(message),
    });

    const error = await rejectionOf<AwsNotFoundError>(
      new ConfigGatherer(60).snapshot(await access(), API_ID, 'prod'),
    );

    expect(error).toBeInstanceOf(AwsNotFoundError);
    expect(error.operation).toBe('GetRestApi');
    expect(error.message).toBe(`${API_ARN} was not found (${message})`);
    await waitUntil(() => scope.isDone()); // the parallel reads still land; let them before the strict mock check
  });
});

describe('ConfigGatherer.account', () => {
  it('returns the CloudWatch role and caches it', async () => {
    const scope = nock(APIGW)
      .get('/account')
      .reply(200, {
        cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-cloudwatch-logs',
        throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      });
    const gatherer = new ConfigGatherer(60);
    const aws = await access();

    const first = await gatherer.account(aws);
    const second = await gatherer.account(aws);

    expect(scope.isDone()).toBe(true);
    expect(first).toEqual({
      account: { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-cloudwatch-logs' },
      status: { read: 'complete' },
    });
    expect(second).toEqual(first);
  });

  it('records AccessDenied with the IAM action and resource', async () => {
    nock(APIGW)
      .get('/account')
      .reply(403, { message: 'not authorized' }, { 'x-amzn-errortype': 'AccessDeniedException' });

    await expect(new ConfigGatherer(60).account(await access())).resolves.toEqual({
      status: {
        read: 'denied',
        action: 'apigateway:GET',
        resource: `arn:aws:apigateway:${REGION}::/account`,
      },
    });
  });
});

function resource(path: string, methods: Record<string, Partial<MethodConfig>>): ApiResource {
  return {
    path,
    methods: Object.fromEntries(
      Object.entries(methods).map(([verb, m]) => [verb, { httpMethod: verb, resourcePath: path, ...m }]),
    ),
  };
}

describe('findMethod', () => {
  const resources: ApiResource[] = [
    resource('/{proxy+}', { ANY: { authorizationType: 'NONE' } }),
    resource('/', { GET: { authorizationType: 'NONE' } }),
    resource('/pets/{id}', {
      GET: { authorizationType: 'CUSTOM', authorizerId: 'param' },
      DELETE: { authorizationType: 'AWS_IAM' },
    }),
    resource('/pets/mine', { GET: { authorizationType: 'CUSTOM', authorizerId: 'exact' } }),
    resource('/pets', {
      ANY: { authorizationType: 'COGNITO_USER_POOLS', authorizerId: 'cognito' },
      POST: { authorizationType: 'AWS_IAM' },
    }),
    resource('/files/{key+}', { GET: { authorizationType: 'AWS_IAM' } }),
    resource('/v1.0/items', { GET: { authorizationType: 'NONE', apiKeyRequired: true } }),
  ];

  it.each<[string, string, string, string | undefined]>([
    ['an exact path beats a {param} template', 'GET', '/pets/mine', '/pets/mine'],
    ['a {param} template beats {proxy+}', 'GET', '/pets/42', '/pets/{id}'],
    ['the specific verb on the template', 'DELETE', '/pets/42', '/pets/{id}'],
    ['{proxy+} when nothing closer has the verb', 'PUT', '/pets/42', '/{proxy+}'],
    ['{proxy+} for a deeper path', 'GET', '/pets/42/toys', '/{proxy+}'],
    ['ANY on the exact path as a fallback', 'GET', '/pets', '/pets'],
    ['the specific verb over ANY on the same path', 'POST', '/pets', '/pets'],
    ['the root path', 'GET', '/', '/'],
    ['{proxy+} for a verb the root lacks, but never the root itself', 'POST', '/', undefined],
    ['a greedy {key+} across several segments', 'GET', '/files/2026/11/report.csv', '/files/{key+}'],
    ['a path given without the leading slash', 'GET', 'pets/mine', '/pets/mine'],
    ['a dot in a path part taken literally', 'GET', '/v1.0/items', '/v1.0/items'],
    ['no wildcard use of a dot in a path part', 'GET', '/v1x0/items', '/{proxy+}'],
  ])('%s: %s %s → %s', (_label, verb, path, expectedPath) => {
    expect(findMethod(resources, verb, path)?.resourcePath).toBe(expectedPath);
  });

  it('returns the method with its authorizer and settings', () => {
    expect(findMethod(resources, 'GET', '/pets/7')).toEqual({
      httpMethod: 'GET',
      resourcePath: '/pets/{id}',
      authorizationType: 'CUSTOM',
      authorizerId: 'param',
    });
    expect(findMethod(resources, 'PATCH', '/pets')).toMatchObject({
      httpMethod: 'ANY',
      authorizerId: 'cognito',
    });
  });

  it('finds nothing without resources or a matching verb', () => {
    expect(findMethod([], 'GET', '/pets')).toBeUndefined();
    expect(findMethod([resource('/pets', { GET: {} })], 'POST', '/pets')).toBeUndefined();
    expect(findMethod([resource('/pets/{id}', { GET: {} })], 'GET', '/pets/1/2')).toBeUndefined();
  });

  it.each([
    [
      '/pets/{proxy+} over /{proxy+}',
      [resource('/{proxy+}', { ANY: {} }), resource('/pets/{proxy+}', { ANY: {} })],
      '/pets/1/toys',
      '/pets/{proxy+}',
    ],
    [
      '/pets/{id} over /{kind}/{id}',
      [resource('/{kind}/{id}', { GET: {} }), resource('/pets/{id}', { GET: {} })],
      '/pets/1',
      '/pets/{id}',
    ],
  ])(
    'among templates of the same kind, the one with more literal parts wins whatever the order: %s',
    (_label, list, path, expected) => {
      expect(findMethod(list, 'GET', path)?.resourcePath).toBe(expected);
      expect(findMethod([...list].reverse(), 'GET', path)?.resourcePath).toBe(expected);
    },
  );
});

describe('configForRequest', () => {
  const snapshot: ApiSnapshot = {
    restApi: { id: API_ID, policy: POLICY },
    stage: { stageName: 'prod' },
    authorizers: [
      { id: 'a1b2c3', name: 'token-auth', type: 'TOKEN' },
      { id: 'd4e5f6', name: 'request-auth', type: 'REQUEST' },
    ],
    resources: [
      resource('/pets', { GET: { authorizationType: 'CUSTOM', authorizerId: 'a1b2c3' } }),
      resource('/open', { GET: { authorizationType: 'NONE' } }),
    ],
    sources: {},
  };

  it('gives the method, the authorizer that method uses, the stage and the API', () => {
    expect(configForRequest(snapshot, { httpMethod: 'GET', path: '/pets', authorizerId: 'd4e5f6' })).toEqual({
      restApi: snapshot.restApi,
      stage: snapshot.stage,
      method: {
        httpMethod: 'GET',
        resourcePath: '/pets',
        authorizationType: 'CUSTOM',
        authorizerId: 'a1b2c3',
      },
      authorizer: { id: 'a1b2c3', name: 'token-auth', type: 'TOKEN' },
    });
  });

  it('falls back to the authorizer id read off the logs when the method has none or is unknown', () => {
    expect(configForRequest(snapshot, { authorizerId: 'd4e5f6' })).toMatchObject({
      method: undefined,
      authorizer: { id: 'd4e5f6' },
    });
    expect(
      configForRequest(snapshot, { httpMethod: 'GET', path: '/open', authorizerId: 'd4e5f6' }).authorizer?.id,
    ).toBe('d4e5f6');
  });

  it('has no authorizer when the id is unknown or nothing names one', () => {
    expect(configForRequest(snapshot, { authorizerId: 'zzzzzz' }).authorizer).toBeUndefined();
    expect(configForRequest(snapshot, { httpMethod: 'GET', path: '/open' }).authorizer).toBeUndefined();
  });

  it.each<[string, Partial<ApiSnapshot>, { httpMethod?: string; path?: string }, boolean | undefined]>([
    [
      'a route that exists',
      { sources: { 'config:resources': { read: 'complete' } } },
      { httpMethod: 'GET', path: '/pets' },
      true,
    ],
    [
      'a path no resource serves',
      { sources: { 'config:resources': { read: 'complete' } } },
      { httpMethod: 'GET', path: '/cats' },
      false,
    ],
    [
      'a verb no method of the resource serves',
      { sources: { 'config:resources': { read: 'complete' } } },
      { httpMethod: 'DELETE', path: '/pets' },
      false,
    ],
    [
      'resources that could not be read',
      { sources: { 'config:resources': { read: 'denied', action: 'apigateway:GET' } } },
      { httpMethod: 'GET', path: '/cats' },
      undefined,
    ],
    [
      'a call whose path is unknown',
      { sources: { 'config:resources': { read: 'complete' } } },
      { httpMethod: 'GET' },
      undefined,
    ],
  ])(
    'says whether a route serves the call only when every resource was read: %s',
    (_label, parts, request, matched) => {
      expect(configForRequest({ ...snapshot, ...parts }, request).routeMatched).toBe(matched);
    },
  );

  it('copes with a snapshot where parts are missing', () => {
    expect(
      configForRequest({ sources: {} }, { httpMethod: 'GET', path: '/pets', authorizerId: 'a1b2c3' }),
    ).toEqual({
      restApi: undefined,
      stage: undefined,
      method: undefined,
      authorizer: undefined,
    });
  });
});

describe('configForRequest: what the stage runs, and what names the method and the authorizer', () => {
  const live: ApiSnapshot = {
    restApi: { id: API_ID, policy: POLICY },
    stage: { stageName: 'prod', deploymentId: 'dep123' },
    authorizers: [
      { id: 'a1b2c3', name: 'token-auth', type: 'TOKEN', authorizerResultTtlInSeconds: 0 },
      { id: 'd4e5f6', name: 'request-auth', type: 'REQUEST' },
    ],
    resources: [
      resource('/orders/{id}', { GET: { authorizationType: 'CUSTOM', authorizerId: 'd4e5f6' } }),
      resource('/refunds', { POST: { authorizationType: 'CUSTOM', authorizerId: 'a1b2c3' } }),
    ],
    sources: { 'config:resources': { read: 'complete' } },
  };
  const deployed = {
    authorizers: [{ id: 'a1b2c3', name: 'token-auth', type: 'TOKEN', authorizerResultTtlInSeconds: 300 }],
    resources: [resource('/orders/{id}', { GET: { authorizationType: 'CUSTOM', authorizerId: 'a1b2c3' } })],
    authorizerNames: { 'GET /orders/{id}': 'token-auth' },
    policy: '{"Version":"2012-10-17","Statement":[]}',
  };

  it('judges the deployment: its method, its authorizer (TTL 300 s, not the working copy’s 0) and its policy', () => {
    const looked = lookUpConfig({ ...live, deployed }, { httpMethod: 'GET', path: '/orders/18' });

    expect(looked.judged).toBe('deployed');
    expect(looked.authorizerSource).toBe('method');
    expect(looked.config.method).toMatchObject({ authorizerId: 'a1b2c3', resourcePath: '/orders/{id}' });
    expect(looked.config.authorizer).toMatchObject({ name: 'token-auth', authorizerResultTtlInSeconds: 300 });
    expect(looked.config.restApi?.policy).toBe(deployed.policy);
  });

  it('a route only the working copy has is no route of the stage', () => {
    const looked = lookUpConfig({ ...live, deployed }, { httpMethod: 'POST', path: '/refunds' });

    expect(looked.config).toMatchObject({ method: undefined, routeMatched: false });
  });

  it('judges the working copy when the deployment could not be read', () => {
    const looked = lookUpConfig(live, { httpMethod: 'GET', path: '/orders/18' });

    expect(looked.judged).toBe('live');
    expect(looked.config.authorizer?.id).toBe('d4e5f6');
    expect(looked.config.restApi?.policy).toBe(POLICY);
  });

  it('keeps the working copy’s resource policy when the export carries none', () => {
    const withoutPolicy = { ...deployed, policy: undefined };
    expect(lookUpConfig({ ...live, deployed: withoutPolicy }, {}).config.restApi?.policy).toBe(POLICY);
  });

  it('finds the method by the resource template the access log gives, when the path called is unknown', () => {
    const looked = lookUpConfig(live, { httpMethod: 'GET', resourcePath: '/orders/{id}' });

    expect(looked.config.method?.resourcePath).toBe('/orders/{id}');
    expect(looked.config.authorizer?.name).toBe('request-auth');
    expect(looked.config.routeMatched).toBeUndefined();
  });

  it.each<[string, ApiSnapshot, RequestKeys, string | undefined, string | undefined]>([
    [
      'the only Lambda authorizer, when the evidence shows one at work and nothing names it',
      { ...live, authorizers: [live.authorizers?.[0] ?? {}] },
      { authorizerExpected: true },
      'a1b2c3',
      'only-authorizer',
    ],
    ['no guess among several', live, { authorizerExpected: true }, undefined, undefined],
    [
      'no guess when nothing shows an authorizer at work',
      { ...live, authorizers: [live.authorizers?.[0] ?? {}] },
      {},
      undefined,
      undefined,
    ],
    [
      'no guess when the method says it has no Lambda authorizer',
      {
        ...live,
        authorizers: [live.authorizers?.[0] ?? {}],
        resources: [resource('/open', { GET: { authorizationType: 'NONE' } })],
      },
      { authorizerExpected: true, httpMethod: 'GET', path: '/open' },
      undefined,
      undefined,
    ],
    [
      'the one the trace names comes first',
      live,
      { authorizerExpected: true, authorizerId: 'd4e5f6' },
      'd4e5f6',
      'trace',
    ],
  ])('the authorizer: %s', (_label, snapshot, keys, id, source) => {
    const looked = lookUpConfig(snapshot, keys);
    expect([looked.config.authorizer?.id, looked.authorizerSource]).toEqual([id, source]);
  });
});
