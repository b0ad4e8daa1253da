import { english } from '../../src/render/localize';
import { DEFAULT_CONFIG, type AppConfig } from '../../src/config/app-config';
import { InputError } from '../../src/errors';
import { Why403Service } from '../../src/pipeline/service';
import { AwsNotFoundError, explainAwsError } from '../../src/aws/errors';
import {
  REGION,
  apiConfiguration,
  apiGateway,
  apiGatewayError,
  describeLogGroups,
  filterLogEvents,
} from '../support/aws-wire';

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const API = 'a1b2c3d4e5';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const FAILED = '0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18';
const FIRST = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const ARN = `arn:aws:execute-api:${REGION}:123456789012:${API}`;
const LAMBDA = `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${REGION}:123456789012:function:orders-authorizer/invocations`;
const IDENTITY = 'Incoming identity: ************************************************Xy9pQ2';

/** Retry waits, recorded instead of slept. */
let retryWaits: number[] = [];
beforeEach(() => {
  retryWaits = [];
});

function service(search: Partial<AppConfig['search']> = {}): Why403Service {
  return new Why403Service({
    config: { ...DEFAULT_CONFIG, region: REGION, search: { ...DEFAULT_CONFIG.search, ...search } },
    now: () => NOW,
    aws: { retry: { sleep: async (ms) => void retryWaits.push(ms) } },
  });
}

function at(secondsAgo: number, id: string, messages: string[]) {
  return messages.map((message, i) => ({
    timestamp: NOW - secondsAgo * 1000 + i,
    message: `(${id}) ${message}`,
  }));
}

const AUTHORIZER = {
  id: '8xkq2m',
  name: 'orders-jwt',
  type: 'TOKEN',
  authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:123456789012:function:orders-authorizer/invocations`,
  identitySource: 'method.request.header.Authorization',
  authorizerResultTtlInSeconds: 300,
};
const RESOURCES = [
  {
    id: 'r1',
    path: '/orders/{id}',
    resourceMethods: {
      GET: { httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: '8xkq2m', apiKeyRequired: false },
    },
  },
];
const ACCESS_LOGS = {
  accessLogSettings: {
    destinationArn: `arn:aws:logs:${REGION}:123456789012:log-group:${ACCESS_GROUP}`,
    format:
      '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status"}',
  },
};

const cacheHit = at(60, FAILED, [
  'Extended Request Id: Lq4yGiXRErFFYfB=',
  `Starting authorizer: 8xkq2m for request: ${FAILED}`,
  IDENTITY,
  'The client is not authorized to perform this operation.',
]);
const firstCall = at(120, FIRST, [
  `Starting authorizer: 8xkq2m for request: ${FIRST}`,
  IDENTITY,
  `Endpoint request URI: ${LAMBDA}`,
  `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/prod/GET/orders/17","authorizationToken":"****Xy9pQ2"}`,
  `Sending request to ${LAMBDA}`,
  `Authorizer result body before parsing: {"principalId":"u-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/prod/GET/orders/17"}]},"context":{"email":"ana@example.com"}}`,
  'Successfully completed authorizer execution',
  'Method completed with status: 200',
]);

describe('Pipeline: diagnose', () => {
  it('finds a cache hit, the request that filled the cache and its policy, and says so with high confidence', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES, stage: ACCESS_LOGS });
    filterLogEvents(
      GROUP,
      { events: [], nextToken: 'empty-page' },
      (b) => b.filterPattern === `"${FAILED}"` && !b.nextToken,
    );
    filterLogEvents(
      GROUP,
      { events: cacheHit },
      (b) => b.filterPattern === `"${FAILED}"` && b.nextToken === 'empty-page',
    );
    filterLogEvents(ACCESS_GROUP, {
      events: [
        {
          timestamp: NOW - 60_000,
          message: JSON.stringify({
            requestId: FAILED,
            ip: '198.51.100.23',
            httpMethod: 'GET',
            path: '/prod/orders/18',
            status: '403',
          }),
        },
      ],
    });
    filterLogEvents(
      GROUP,
      { events: [firstCall[1], cacheHit[2]] },
      (b) => b.filterPattern === `"${IDENTITY}"` && b.startTime === NOW - 60_000 - 300_000,
    );
    filterLogEvents(GROUP, { events: firstCall }, (b) => b.filterPattern === `"${FIRST}"`);
    const progress: string[] = [];

    const diagnosis = await service().diagnose(
      { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      (m) => progress.push(m),
    );

    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'high',
    });
    expect(english.t(diagnosis.verdict.summary)).toBe(
      `A policy cached for GET /orders/17 by request ${FIRST} was reused for GET /orders/18, which it does not cover.`,
    );
    expect(diagnosis.verdict.evidence.map(english.t).join('\n')).toContain(
      `Cached result from request ${FIRST}`,
    );
    expect(JSON.stringify(diagnosis)).not.toContain('ana@example.com');
    expect(diagnosis.request).toEqual({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      region: REGION,
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      status: 403,
    });
    expect(diagnosis.config.authorizer).toMatchObject({ id: '8xkq2m', authorizerResultTtlInSeconds: 300 });
    expect(diagnosis.search).toMatchObject({ found: true, foundIn: GROUP });
    expect(diagnosis.verdict.sources).toMatchObject({
      'execution-log': { read: 'complete', level: 'INFO', dataTrace: true },
      'access-log': { read: 'complete' },
      'cache-filler': { read: 'complete' },
    });
    expect(progress).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Searching API-Gateway-Execution-Logs_a1b2c3d4e5\/prod/),
        expect.stringMatching(/filled its cache/),
      ]),
    );
  });

  it('searches every execution-log group of the region when no API is given, and stops at the first hit', async () => {
    const other = 'API-Gateway-Execution-Logs_b2c3d4e5f6/v1';
    describeLogGroups('API-Gateway-Execution-Logs_', [GROUP, other, '/aws/lambda/unrelated']);
    filterLogEvents(GROUP, { events: firstCall }, (b) => b.filterPattern === `"${FIRST}"`);
    filterLogEvents(other, { events: [] }, (b) => b.filterPattern === `"${FIRST}"`);
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });

    const diagnosis = await service().diagnose({ requestId: FIRST, region: REGION });

    expect(diagnosis.search).toMatchObject({ found: true, foundIn: GROUP, logGroups: [GROUP, other] });
    expect(diagnosis.request).toMatchObject({ restApiId: API, stage: 'prod', status: 200 });
  });

  it('explains a request that is not in the logs: no log group, logging off, and checks the account role', async () => {
    apiConfiguration(API, 'prod', { stage: { methodSettings: {} } });
    filterLogEvents(GROUP, {
      error: { type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' },
    });
    apiGateway('/account', {
      cloudwatchRoleArn: null,
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
    });

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      region: REGION,
      since: '2h',
    });

    // Nothing could be searched: an inconclusive answer that says why, not a confident "not there".
    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.evidence.map(english.t)).toEqual(
      expect.arrayContaining([
        `the execution log does not exist (${GROUP})`,
        'Stage execution logging: OFF',
        'Account setting: no CloudWatch role (API Gateway cannot write any execution log in this region).',
      ]),
    );
    expect(diagnosis.verdict.checklist.map((s) => s.command).join('\n')).toContain(
      'update-account --patch-operations op=replace,path=/cloudwatchRoleArn',
    );
    expect(diagnosis.search.window).toEqual({ start: NOW - 7_200_000, end: NOW });
  });

  it('records a denied execution-log search with the IAM action, and still answers, inconclusively', async () => {
    apiConfiguration(API, 'prod', {});
    filterLogEvents(GROUP, {
      error: {
        type: 'AccessDeniedException',
        message:
          'User: arn:aws:sts::123456789012:assumed-role/why403/s is not authorized to perform: logs:FilterLogEvents',
      },
    });

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      region: REGION,
      since: '30m',
    });

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.sources['execution-log']).toEqual({
      read: 'denied',
      action: 'logs:FilterLogEvents',
      resource: GROUP,
    });
    expect(diagnosis.unread.map(english.t)).toContain(
      `The execution log could not be read: AWS denied logs:FilterLogEvents on ${GROUP}. Grant it to let why403 read it.`,
    );
  });

  it('answers with a partial verdict when CloudWatch keeps throttling past the retries, and says it is partial', async () => {
    apiConfiguration(API, 'prod', {});
    for (let i = 0; i < 6; i++)
      filterLogEvents(GROUP, { error: { type: 'ThrottlingException', message: 'Rate exceeded' } });

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      region: REGION,
      since: '30m',
    });

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    const reason = `${GROUP}: CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 6 attempts`;
    expect(english.t(diagnosis.search.partial ?? '')).toBe(reason);
    expect(retryWaits).toHaveLength(5);
    expect(english.t(diagnosis.verdict.summary)).toMatch(/the search could not read everything/);
    expect(diagnosis.verdict.sources['execution-log']).toMatchObject({ read: 'partial' });
    expect(english.t(diagnosis.partial ?? '')).toBe(reason);
    expect(diagnosis.unread.map(english.t)).toContain(
      `The execution log was read only partly: ${reason}. Run the diagnosis again, or give it a longer window or time budget (search.timeBudgetSeconds).`,
    );
  });

  it('reads the configuration even when the API is given without a stage: every stage is searched', async () => {
    describeLogGroups(`API-Gateway-Execution-Logs_${API}/`, [GROUP, `API-Gateway-Execution-Logs_${API}/dev`]);
    filterLogEvents(GROUP, { events: firstCall }, (b) => b.filterPattern === `"${FIRST}"`);
    filterLogEvents(`API-Gateway-Execution-Logs_${API}/dev`, { events: [] });
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });

    const diagnosis = await service().diagnose({ requestId: FIRST, restApiId: API, region: REGION });

    expect(diagnosis.request.stage).toBe('prod');
    expect(diagnosis.config.method).toMatchObject({ authorizationType: 'CUSTOM' });
  });

  it('says plainly when the API id does not exist in the region', async () => {
    for (const path of [
      `/restapis/${API}`,
      `/restapis/${API}/authorizers`,
      `/restapis/${API}/resources`,
      `/restapis/${API}/stages/prod`,
    ]) {
      apiGatewayError(path, 404, 'NotFoundException', `Invalid API identifier specified 123456789012:${API}`);
    }
    filterLogEvents(GROUP, {
      error: { type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' },
    });

    const failure = service().diagnose({ requestId: FAILED, restApiId: API, stage: 'prod', region: REGION });

    await expect(failure).rejects.toBeInstanceOf(AwsNotFoundError);
    const error = await failure.catch((e: Error) => e);
    expect(explainAwsError(error as Error)).toEqual({
      message: `arn:aws:apigateway:${REGION}::/restapis/${API} was not found (Invalid API identifier specified 123456789012:${API})`,
      hint: 'check the API id, the stage and the region (--region)',
    });
  });

  it.each([
    [{ requestId: 'not-an-id' }, /is not an API Gateway request id/],
    [{ requestId: 'N7SvJHWQDoEEXeA=' }, /looks like an extended request id/],
    [{ requestId: FAILED, restApiId: 'abc"; drop' }, /is not a REST API id/],
    [{ requestId: FAILED, restApiId: API, stage: 'pr od' }, /is not a stage name/],
    [{ requestId: FAILED, region: 'mars-1' }, /is not an AWS region/],
    [{ requestId: FAILED, since: 'yesterday' }, /is not a duration/],
    [{ requestId: FAILED, since: '1h', at: '2026-11-24T10:00Z' }, /cannot be used together/],
  ])('rejects %j before any AWS call', async (query, message) => {
    const run = service().diagnose({ region: REGION, ...query });
    await expect(run).rejects.toThrow(InputError);
    await expect(service().diagnose({ region: REGION, ...query })).rejects.toThrow(message);
  });

  it('coalesces identical diagnoses in flight into one set of AWS calls', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });
    filterLogEvents(GROUP, { events: firstCall }, (b) => b.filterPattern === `"${FIRST}"`);
    const shared = service();
    const heard: string[][] = [[], []];

    const [a, b] = await Promise.all([
      shared.diagnose({ requestId: FIRST, restApiId: API, stage: 'prod', region: REGION }, (m) =>
        heard[0].push(m),
      ),
      shared.diagnose(
        { requestId: FIRST.toUpperCase(), restApiId: API, stage: 'prod', region: REGION },
        (m) => heard[1].push(m),
      ),
    ]);

    expect(a).toBe(b);
    expect(heard[1].length).toBeGreaterThan(0);
  });
});
