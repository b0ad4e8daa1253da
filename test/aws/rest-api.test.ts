import nock from 'nock';
import type { ClientRequest } from 'node:http';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { AwsClientPool } from '../../src/aws/clients';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/aws/retry';
import {
  AwsAccessDeniedError,
  AwsError,
  AwsNotFoundError,
  AwsTimeoutError,
  AwsUnavailableError,
  AwsMalformedResponseError,
  explainAwsError,
} from '../../src/aws/errors';
import { RestApiReader } from '../../src/aws/rest-api';
import { rejectionOf } from '../support/failures';

const REGION = 'eu-west-1';
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const API_ID = 'abc1234567';
const API_ARN = `arn:aws:apigateway:${REGION}::/restapis/${API_ID}`;
const CREATED = 1_700_000_000; // epoch seconds on the wire
const UPDATED = 1_732_440_900;

/**
 * The resource policy exactly as GetRestApi returns it after one JSON parse: still escaped, with `\/` in the ARN.
 * nock serialises the reply body, so the wire carries it escaped once more, as AWS sends it.
 */
const POLICY = String.raw`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:eu-west-1:123456789012:abc1234567\/*\"}]}`;

const AUTH_URI =
  'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer/invocations';

const TOKEN_AUTHORIZER = {
  id: 'a1b2c3',
  name: 'token-auth',
  type: 'TOKEN',
  authType: 'custom',
  authorizerUri: AUTH_URI,
  identitySource: 'method.request.header.Authorization',
  identityValidationExpression: '^Bearer [-0-9a-zA-Z\\._]*$',
  authorizerResultTtlInSeconds: 300,
};
const REQUEST_AUTHORIZER = {
  id: 'd4e5f6',
  name: 'request-auth',
  type: 'REQUEST',
  authType: 'custom',
  authorizerUri: AUTH_URI,
  authorizerCredentials: 'arn:aws:iam::123456789012:role/apigw-invoke-authorizer',
  identitySource: 'method.request.header.X-Tenant, method.request.querystring.token',
  authorizerResultTtlInSeconds: 0,
};
const COGNITO_AUTHORIZER = {
  id: 'g7h8i9',
  name: 'cognito',
  type: 'COGNITO_USER_POOLS',
  providerARNs: ['arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI'],
  identitySource: 'method.request.header.Authorization',
};

/** A reader around a real client; retries follow the default policy, without waiting (waits are recorded). */
function reader(retry: Partial<RetryPolicy> = {}, waits: number[] = []): RestApiReader {
  const client = new APIGatewayClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLEEXAMPLE00', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
  const sleep = async (ms: number) => void waits.push(ms);
  return new RestApiReader(client, REGION, { ...DEFAULT_RETRY_POLICY, sleep, ...retry });
}

async function pooledReader(): Promise<RestApiReader> {
  return (await new AwsClientPool({ retry: { sleep: async () => undefined } }).forTarget({ region: REGION }))
    .restApi;
}

/** Path and query of every request nock answered, in order. */
function recordPaths(scope: nock.Scope): string[] {
  const paths: string[] = [];
  scope.on('request', (req: ClientRequest & { path: string; method: string }) =>
    paths.push(`${req.method} ${req.path}`),
  );
  return paths;
}

function unmatchedRequests(): { list: string[]; stop: () => void } {
  const list: string[] = [];
  const listener = (req: { method?: string; path?: string }) => list.push(`${req.method} ${req.path}`);
  nock.emitter.on('no match', listener);
  return { list, stop: () => nock.emitter.removeListener('no match', listener) };
}

function apiError(type: string) {
  return { 'x-amzn-errortype': type, 'content-type': 'application/json' };
}

describe('RestApiReader.getRestApi', () => {
  it('returns the API with its double-escaped policy unchanged and dates as Date', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}`)
      .matchHeader('accept', 'application/json')
      .reply(200, {
        id: API_ID,
        name: 'orders',
        createdDate: CREATED,
        apiKeySource: 'HEADER',
        endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0123456789abcdef0'] },
        policy: POLICY,
        disableExecuteApiEndpoint: false,
        rootResourceId: 'r00t01',
        tags: { team: 'payments' },
      });

    const api = await (await pooledReader()).getRestApi(API_ID);

    expect(api).toMatchObject({
      id: API_ID,
      name: 'orders',
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0123456789abcdef0'] },
      disableExecuteApiEndpoint: false,
    });
    expect(api.policy).toBe(POLICY);
    expect((api as { createdDate?: Date }).createdDate).toEqual(new Date(CREATED * 1000));
    // Still escaped: one more decoding step gives the document.
    expect(() => JSON.parse(api.policy as string)).toThrow();
    expect(JSON.parse(JSON.parse(`"${api.policy}"`) as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc1234567/*',
        },
      ],
    });
  });

  it('reads an API without a policy', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}`)
      .reply(200, {
        id: API_ID,
        name: 'orders',
        createdDate: CREATED,
        endpointConfiguration: { types: ['REGIONAL'] },
      });

    const api = await reader().getRestApi(API_ID);

    expect(api.policy).toBeUndefined();
    expect(api.endpointConfiguration).toEqual({ types: ['REGIONAL'] });
  });

  it.each<[string, number, string, abstract new (...args: never[]) => Error, string]>([
    [
      'NotFoundException',
      404,
      'Invalid API identifier specified 123456789012:abc1234567',
      AwsNotFoundError,
      `${API_ARN} was not found (Invalid API identifier specified 123456789012:abc1234567)`,
    ],
    [
      'AccessDeniedException',
      403,
      `User: arn:aws:sts::123456789012:assumed-role/why403/bot is not authorized to perform: apigateway:GET on resource: ${API_ARN}`,
      AwsAccessDeniedError,
      `AccessDenied: apigateway:GET on ${API_ARN}`,
    ],
    [
      'UnauthorizedException',
      401,
      'Unauthorized',
      AwsAccessDeniedError,
      `AccessDenied: apigateway:GET on ${API_ARN}`,
    ],
    [
      'TooManyRequestsException',
      429,
      'Too Many Requests',
      AwsUnavailableError,
      'API Gateway GetRestApi was throttled (TooManyRequestsException) after 1 attempt',
    ],
  ])(
    'turns %s (%i) into a named error with the API Gateway ARN',
    async (type, status, message, expectedClass, expected) => {
      nock(APIGW)
        .get(`/restapis/${API_ID}`)
        .reply(status, { message }, { ...apiError(type), ...(status === 429 ? { 'retry-after': '2' } : {}) });

      const error = await rejectionOf<AwsError>(reader({ attempts: 1 }).getRestApi(API_ID));

      expect(error).toBeInstanceOf(expectedClass);
      expect(error.message).toBe(expected);
      expect(error.operation).toBe('GetRestApi');
      expect(error.resource).toBe(API_ARN);
      expect((error.cause as Error).name).toBe(type);
    },
  );
});

describe('RestApiReader.getRestApis', () => {
  it('lists every API of the account and region, following position', async () => {
    const scope = nock(APIGW)
      .get('/restapis')
      .query({ limit: '500' })
      .reply(200, {
        item: [
          {
            id: API_ID,
            name: 'orders',
            createdDate: CREATED,
            endpointConfiguration: { types: ['REGIONAL'] },
          },
        ],
        position: 'YWJjMTIzNDU2Nw==',
      })
      .get('/restapis')
      .query({ limit: '500', position: 'YWJjMTIzNDU2Nw==' })
      .reply(200, {
        item: [{ id: 'def7654321', name: 'reports', createdDate: CREATED, policy: POLICY }],
      });
    const paths = recordPaths(scope);

    const apis = await (await pooledReader()).getRestApis();

    expect(paths).toEqual([
      'GET /restapis?limit=500',
      'GET /restapis?limit=500&position=YWJjMTIzNDU2Nw%3D%3D',
    ]);
    expect(apis.map((api) => [api.id, api.name])).toEqual([
      [API_ID, 'orders'],
      ['def7654321', 'reports'],
    ]);
    expect(apis[1].policy).toBe(POLICY);
  });

  it('names /restapis when access is denied', async () => {
    nock(APIGW)
      .get('/restapis')
      .query(true)
      .reply(403, { message: 'not authorized' }, apiError('AccessDeniedException'));

    const error = await rejectionOf<AwsAccessDeniedError>(reader().getRestApis());

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.message).toBe(`AccessDenied: apigateway:GET on arn:aws:apigateway:${REGION}::/restapis`);
  });
});

describe('RestApiReader.getAuthorizers', () => {
  it('pages by hand with limit and position and returns every authorizer', async () => {
    const scope = nock(APIGW)
      .get(`/restapis/${API_ID}/authorizers`)
      .query({ limit: '500' })
      .reply(200, { item: [TOKEN_AUTHORIZER, REQUEST_AUTHORIZER], position: 'ZDRlNWY2' })
      .get(`/restapis/${API_ID}/authorizers`)
      .query({ limit: '500', position: 'ZDRlNWY2' })
      .reply(200, { item: [COGNITO_AUTHORIZER] });
    const paths = recordPaths(scope);

    const authorizers = await (await pooledReader()).getAuthorizers(API_ID);

    expect(paths).toEqual([
      `GET /restapis/${API_ID}/authorizers?limit=500`,
      `GET /restapis/${API_ID}/authorizers?limit=500&position=ZDRlNWY2`,
    ]);
    expect(authorizers).toEqual([TOKEN_AUTHORIZER, REQUEST_AUTHORIZER, COGNITO_AUTHORIZER]);
  });

  it('returns an empty list for an API without authorizers', async () => {
    nock(APIGW).get(`/restapis/${API_ID}/authorizers`).query({ limit: '500' }).reply(200, {});
    await expect(reader().getAuthorizers(API_ID)).resolves.toEqual([]);
  });

  it('names the authorizers collection when access is denied', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/authorizers`)
      .query(true)
      .reply(403, { message: 'not authorized' }, apiError('AccessDeniedException'));

    const error = await rejectionOf<AwsAccessDeniedError>(reader().getAuthorizers(API_ID));

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.operation).toBe('GetAuthorizers');
    expect(error.resource).toBe(`${API_ARN}/authorizers`);
  });
});

describe('RestApiReader.getStage', () => {
  const STAGE = {
    stageName: 'prod',
    deploymentId: 'dep123',
    description: 'production',
    createdDate: CREATED,
    lastUpdatedDate: UPDATED,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {
      '*/*': {
        metricsEnabled: false,
        loggingLevel: 'INFO',
        dataTraceEnabled: false,
        throttlingBurstLimit: 5000,
        throttlingRateLimit: 10000,
        cachingEnabled: false,
        cacheTtlInSeconds: 300,
        cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
      },
    },
    accessLogSettings: {
      format: '{"requestId":"$context.requestId","status":"$context.status"}',
      destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:orders-access',
    },
    variables: { backend: 'orders-v2' },
    tracingEnabled: false,
    webAclArn:
      'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  };

  it('returns the stage with method settings, access logs, WAF and dates as Date', async () => {
    nock(APIGW).get(`/restapis/${API_ID}/stages/prod`).reply(200, STAGE);

    const stage = await (await pooledReader()).getStage(API_ID, 'prod');

    expect(stage).toMatchObject({
      stageName: 'prod',
      deploymentId: 'dep123',
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: false } },
      accessLogSettings: STAGE.accessLogSettings,
      variables: { backend: 'orders-v2' },
      tracingEnabled: false,
      webAclArn: STAGE.webAclArn,
    });
    expect(stage.lastUpdatedDate).toEqual(new Date(UPDATED * 1000));
    expect(stage.createdDate).toEqual(new Date(CREATED * 1000));
  });

  it('names the stage when it does not exist', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/prdo`)
      .reply(404, { message: 'Invalid stage identifier specified' }, apiError('NotFoundException'));

    const error = await rejectionOf<AwsError>(reader().getStage(API_ID, 'prdo'));

    expect(error).toBeInstanceOf(AwsNotFoundError);
    expect(error.message).toBe(`${API_ARN}/stages/prdo was not found (Invalid stage identifier specified)`);
  });
});

describe('RestApiReader.getResources', () => {
  const page1 = {
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
          POST: { httpMethod: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: true },
        },
      },
    ],
    position: 'cGV0czAx',
  };
  const page2 = {
    item: [
      {
        id: 'prox01',
        parentId: 'r00t01',
        pathPart: '{proxy+}',
        path: '/{proxy+}',
        resourceMethods: {
          ANY: {
            httpMethod: 'ANY',
            authorizationType: 'COGNITO_USER_POOLS',
            authorizerId: 'g7h8i9',
            apiKeyRequired: false,
            authorizationScopes: ['pets/read', 'email'],
          },
          OPTIONS: { authorizationType: 'NONE' },
        },
      },
    ],
  };

  it('asks for embedded methods 500 at a time, follows position and maps every method', async () => {
    const scope = nock(APIGW)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, page1)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500', position: 'cGV0czAx' })
      .reply(200, page2);
    const paths = recordPaths(scope);

    const resources = await (await pooledReader()).getResources(API_ID);

    expect(paths).toEqual([
      `GET /restapis/${API_ID}/resources?embed=methods&limit=500`,
      `GET /restapis/${API_ID}/resources?embed=methods&limit=500&position=cGV0czAx`,
    ]);
    expect(resources).toEqual([
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
          POST: {
            httpMethod: 'POST',
            resourcePath: '/pets',
            authorizationType: 'AWS_IAM',
            authorizerId: undefined,
            apiKeyRequired: true,
          },
        },
      },
      {
        path: '/{proxy+}',
        methods: {
          ANY: {
            httpMethod: 'ANY',
            resourcePath: '/{proxy+}',
            authorizationType: 'COGNITO_USER_POOLS',
            authorizerId: 'g7h8i9',
            apiKeyRequired: false,
            authorizationScopes: ['pets/read', 'email'],
          },
          OPTIONS: {
            httpMethod: 'OPTIONS',
            resourcePath: '/{proxy+}',
            authorizationType: 'NONE',
            authorizerId: undefined,
            apiKeyRequired: undefined,
          },
        },
      },
    ]);
  });

  const throttled = [
    429,
    { message: 'Too Many Requests' },
    { ...apiError('TooManyRequestsException'), 'retry-after': '2' },
  ] as const;

  it('retries a page throttled by the 5-requests-every-2-seconds quota, and reads every page once', async () => {
    const scope = nock(APIGW)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, page1)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500', position: 'cGV0czAx' })
      .times(2)
      .reply(...throttled)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500', position: 'cGV0czAx' })
      .reply(200, page2);
    const paths = recordPaths(scope);
    const waits: number[] = [];

    const resources = await reader({ random: () => 0 }, waits).getResources(API_ID);

    expect(paths).toHaveLength(4);
    // As long as the answer's Retry-After asks, not the shorter backoff.
    expect(waits).toEqual([2000, 2000]);
    expect(resources.map((r) => r.path)).toEqual([...page1.item, ...page2.item].map((r) => r.path));
  });

  it('turns throttling that outlasts the retries into an unavailable error', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .times(3)
      .reply(...throttled);

    const error = await rejectionOf<AwsUnavailableError>(reader({ attempts: 3 }).getResources(API_ID));

    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error.operation).toBe('GetResources');
    expect(error.resource).toBe(`${API_ARN}/resources`);
    expect(error.detail).toEqual({
      reason: 'throttled',
      code: 'TooManyRequestsException',
      attempts: 3,
      budgetEnded: false,
    });
    expect((error.cause as { retryAfterSeconds?: string }).retryAfterSeconds).toBe('2');
  });

  it('a failure on a later page fails the whole read', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(200, page1)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500', position: 'cGV0czAx' })
      .reply(403, { message: 'not authorized' }, apiError('AccessDeniedException'));

    await expect(reader().getResources(API_ID)).rejects.toBeInstanceOf(AwsAccessDeniedError);
  });

  it('stops between pages when the signal aborts', async () => {
    const controller = new AbortController();
    nock(APIGW)
      .get(`/restapis/${API_ID}/resources`)
      .query({ embed: 'methods', limit: '500' })
      .reply(() => {
        controller.abort();
        return [200, page1];
      });

    await expect(reader().getResources(API_ID, controller.signal)).rejects.toBeInstanceOf(AwsTimeoutError);
  });
});

describe('credentials that never resolve (a hung role assumption)', () => {
  it('are abandoned when the signal aborts: the call ends as out of time, no request sent', async () => {
    const unmatched = unmatchedRequests();
    try {
      const client = new APIGatewayClient({
        region: REGION,
        credentials: () => new Promise(() => undefined),
        maxAttempts: 1,
      });
      const hung = new RestApiReader(client, REGION, {
        ...DEFAULT_RETRY_POLICY,
        sleep: async () => undefined,
      });
      const controller = new AbortController();
      const pending = hung.getRestApi(API_ID, controller.signal).catch((e: unknown) => e);
      setImmediate(() => controller.abort());
      expect(await pending).toBeInstanceOf(AwsTimeoutError);
      expect(unmatched.list).toEqual([]);
    } finally {
      unmatched.stop();
    }
  });
});

describe('an already aborted signal sends no request', () => {
  it.each<[string, (r: RestApiReader, signal: AbortSignal) => Promise<unknown>]>([
    ['getRestApis', (r, signal) => r.getRestApis(signal)],
    ['getRestApi', (r, signal) => r.getRestApi(API_ID, signal)],
    ['getAuthorizers', (r, signal) => r.getAuthorizers(API_ID, signal)],
    ['getStage', (r, signal) => r.getStage(API_ID, 'prod', signal)],
    ['getResources', (r, signal) => r.getResources(API_ID, signal)],
    ['getAccount', (r, signal) => r.getAccount(signal)],
    ['getDeployment', (r, signal) => r.getDeployment(API_ID, 'dep123', signal)],
  ])('%s', async (_name, call) => {
    const unmatched = unmatchedRequests();
    try {
      const error = await call(reader(), AbortSignal.abort()).catch((e: unknown) => e);
      expect(unmatched.list).toEqual([]);
      expect(error).toBeInstanceOf(AwsTimeoutError);
    } finally {
      unmatched.stop();
    }
  });
});

describe("RestApiReader: answers that are not API Gateway's", () => {
  it.each<
    [
      string,
      string,
      (r: RestApiReader) => Promise<unknown>,
      number,
      string | object,
      Record<string, string>,
      string,
    ]
  >([
    [
      "a proxy's HTML page for GetStage",
      `/restapis/${API_ID}/stages/prod`,
      (r) => r.getStage(API_ID, 'prod'),
      200,
      '<!DOCTYPE html><html><body>Sign in to the network</body></html>',
      { 'content-type': 'text/html' },
      `API Gateway GetStage returned a malformed response (HTTP 200: an HTML page instead of AWS's JSON) for ${API_ARN}/stages/prod`,
    ],
    [
      'a truncated JSON body for GetRestApi',
      `/restapis/${API_ID}`,
      (r) => r.getRestApi(API_ID),
      200,
      '{"id":"abc1234567","name":"ord',
      { 'content-type': 'application/json' },
      `API Gateway GetRestApi returned a malformed response (HTTP 200: not valid JSON) for ${API_ARN}`,
    ],
    [
      'a GetRestApi answer without an id',
      `/restapis/${API_ID}`,
      (r) => r.getRestApi(API_ID),
      200,
      {},
      { 'content-type': 'application/json' },
      `API Gateway GetRestApi returned a malformed response (HTTP 200: no "id") for ${API_ARN}`,
    ],
    [
      'a collection that is not a list',
      `/restapis/${API_ID}/authorizers`,
      (r) => r.getAuthorizers(API_ID),
      200,
      { item: 'none' },
      { 'content-type': 'application/json' },
      `API Gateway GetAuthorizers returned a malformed response (HTTP 200: "item" is not a list) for ${API_ARN}/authorizers`,
    ],
    [
      "a method's OAuth scopes that are no list of texts",
      `/restapis/${API_ID}/resources`,
      (r) => r.getResources(API_ID),
      200,
      { item: [{ id: 'me0001', path: '/me', resourceMethods: { GET: { authorizationScopes: 'email' } } }] },
      { 'content-type': 'application/json' },
      `API Gateway GetResources returned a malformed response (HTTP 200: "item[0].resourceMethods.GET.authorizationScopes" is not a list) for ${API_ARN}/resources`,
    ],
  ])('names the call in one line for %s', async (_label, path, call, status, body, headers, message) => {
    nock(APIGW).get(path).query(true).reply(status, body, headers);

    const error = await rejectionOf<AwsMalformedResponseError>(call(reader()));

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(explainAwsError(error).message).toBe(message);
  });
});

describe('RestApiReader.getAccount', () => {
  it('returns the CloudWatch role API Gateway logs with', async () => {
    nock(APIGW)
      .get('/account')
      .reply(200, {
        cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-cloudwatch-logs',
        throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
        features: ['UsagePlans'],
        apiKeyVersion: '4',
      });

    await expect((await pooledReader()).getAccount()).resolves.toEqual({
      cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-cloudwatch-logs',
    });
  });

  it('returns null when the account has no CloudWatch role (no execution logs at all)', async () => {
    nock(APIGW)
      .get('/account')
      .reply(200, {
        throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
        features: ['UsagePlans'],
        apiKeyVersion: '4',
      });

    await expect(reader().getAccount()).resolves.toEqual({ cloudwatchRoleArn: null });
  });

  it('names /account when access is denied', async () => {
    nock(APIGW).get('/account').reply(403, { message: 'not authorized' }, apiError('AccessDeniedException'));

    const error = await rejectionOf<AwsAccessDeniedError>(reader().getAccount());

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.message).toBe(`AccessDenied: apigateway:GET on arn:aws:apigateway:${REGION}::/account`);
  });
});

describe('RestApiReader.getDeployment', () => {
  it('returns the id and the creation date read from epoch seconds', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/deployments/dep123`)
      .reply(200, { id: 'dep123', description: 'release 42', createdDate: UPDATED });

    await expect(reader().getDeployment(API_ID, 'dep123')).resolves.toEqual({
      id: 'dep123',
      createdDate: new Date(UPDATED * 1000),
    });
  });

  it('names the deployment when it is gone', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/deployments/old999`)
      .reply(404, { message: 'Invalid Deployment identifier specified' }, apiError('NotFoundException'));

    const error = await rejectionOf<AwsError>(reader().getDeployment(API_ID, 'old999'));

    expect(error).toBeInstanceOf(AwsNotFoundError);
    expect(error.resource).toBe(`${API_ARN}/deployments/old999`);
  });
});

describe('RestApiReader.flushAuthorizerCache', () => {
  it('sends DELETE …/cache/authorizers and accepts 202 with an empty body', async () => {
    const scope = nock(APIGW).delete(`/restapis/${API_ID}/stages/prod/cache/authorizers`).reply(202);
    const paths = recordPaths(scope);

    await expect((await pooledReader()).flushAuthorizerCache(API_ID, 'prod')).resolves.toBeUndefined();
    expect(paths).toEqual([`DELETE /restapis/${API_ID}/stages/prod/cache/authorizers`]);
  });

  it('names apigateway:DELETE when the write is not allowed', async () => {
    nock(APIGW)
      .delete(`/restapis/${API_ID}/stages/prod/cache/authorizers`)
      .reply(
        403,
        { message: 'not authorized to perform: apigateway:DELETE' },
        apiError('AccessDeniedException'),
      );

    const error = await rejectionOf<AwsAccessDeniedError>(reader().flushAuthorizerCache(API_ID, 'prod'));

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.action).toBe('apigateway:DELETE');
    expect(error.resource).toBe(`${API_ARN}/stages/prod/cache/authorizers`);
  });
});

describe('RestApiReader.getStageExport', () => {
  /** Shaped like a real `get-export --export-type oas30 --parameters extensions=…` answer (trimmed). */
  const EXPORT = {
    openapi: '3.0.1',
    info: { title: 'orders', version: '2026-11-24T10:00:00Z' },
    servers: [
      {
        url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com/{basePath}`,
        variables: { basePath: { default: '/prod' } },
      },
    ],
    paths: { '/orders': { get: { security: [{ 'token-auth': [] }] } } },
    components: {
      securitySchemes: {
        'token-auth': {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            authorizerUri: AUTH_URI,
            authorizerResultTtlInSeconds: 300,
            type: 'token',
          },
        },
      },
    },
  };

  it('asks for the stage as OpenAPI 3 with API Gateway extensions as JSON, and parses the raw document', async () => {
    const scope = nock(APIGW, { reqheaders: { accept: 'application/json' } })
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query({ extensions: 'apigateway,authorizers' })
      .reply(200, JSON.stringify(EXPORT), {
        'content-type': 'application/json',
        'content-disposition': 'attachment; filename="openapi_3.0.1.json"',
      });
    const paths = recordPaths(scope);

    await expect(reader().getStageExport(API_ID, 'prod')).resolves.toEqual(EXPORT);
    expect(paths).toEqual([
      `GET /restapis/${API_ID}/stages/prod/exports/oas30?extensions=apigateway%2Cauthorizers`,
    ]);
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>'],
    ['a JSON list', '[]'],
    ['an empty body', ''],
  ])('names GetExport when the body is %s', async (_what, body) => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query(true)
      .reply(200, body, { 'content-type': 'application/json' });

    const error = await rejectionOf<AwsMalformedResponseError>(reader().getStageExport(API_ID, 'prod'));

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.message).toBe(
      `API Gateway GetExport returned a malformed response (HTTP 200: the export is not an OpenAPI JSON document) for ${API_ARN}/stages/prod/exports/oas30`,
    );
  });

  it('names apigateway:GET on the export when access is denied', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query(true)
      .reply(
        403,
        { message: 'not authorized to perform: apigateway:GET' },
        apiError('AccessDeniedException'),
      );

    const error = await rejectionOf<AwsAccessDeniedError>(reader().getStageExport(API_ID, 'prod'));

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.action).toBe('apigateway:GET');
    expect(error.resource).toBe(`${API_ARN}/stages/prod/exports/oas30`);
  });

  it('says plainly when API Gateway cannot export the API (a body model that is not JSON)', async () => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query(true)
      .reply(
        400,
        { message: 'Unable to export the API: JSON body models are not found' },
        apiError('BadRequestException'),
      );

    const error = await rejectionOf<AwsError>(reader().getStageExport(API_ID, 'prod'));

    expect(explainAwsError(error).message).toMatch(/GetExport.*JSON body models are not found/);
  });
});
