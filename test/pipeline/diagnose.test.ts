import nock from 'nock';
import { english } from '../../src/render/localize';
import { parseFilterPattern } from '../../src/sandbox/fake-aws/filter-pattern';
import { diagnosisJson, renderDiagnosisText } from '../../src/render/diagnosis';
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
  filteredEvents,
  type WireEvent,
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
    config: {
      ...DEFAULT_CONFIG,
      region: REGION,
      search: { ...DEFAULT_CONFIG.search, filterLogEventsPerSecond: 50, ...search },
    },
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

const LOGS = `https://logs.${REGION}.amazonaws.com`;
const FUNCTION_GROUP = '/aws/lambda/orders-authorizer';
const OTHER = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';
const LAMBDA_FIRST = 'c41f7a2e-8b3d-4e5f-9a6b-7c8d9e0f1a2b';
const LAMBDA_LATER = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';

type Body = Record<string, unknown>;

/**
 * A log group as CloudWatch serves it to FilterLogEvents, for any number of calls: the events within the call's
 * window that its filter pattern matches (the pattern read as the simulated AWS reads it). `bodies` lists the calls.
 */
function served(group: string, events: WireEvent[], match: (body: Body) => boolean = () => true) {
  const bodies: Body[] = [];
  nock(LOGS)
    .persist()
    .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
    .post('/', (body: Body) => body.logGroupName === group && match(body))
    .reply(200, (_uri, raw) => {
      const body = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Body;
      bodies.push(body);
      const matches = parseFilterPattern(body.filterPattern as string | undefined);
      return {
        events: filteredEvents(
          events.filter(
            (e) =>
              e.timestamp >= (body.startTime as number) &&
              e.timestamp <= (body.endTime as number) &&
              matches(e.message),
          ),
        ),
        searchedLogStreams: [],
      };
    });
  return { bodies };
}

/** The execution log searched for one request id, slice by slice. */
function executionLogSearch(group: string, requestId: string, events: WireEvent[]) {
  return served(group, events, (b) => b.filterPattern === `"${requestId}"`);
}

/** The stage's authorizer calls within the TTL before the request: one call, any of the authorizer's lines. */
function cacheFillerCalls(group: string, events: WireEvent[]) {
  return served(group, events, (b) => String(b.filterPattern).startsWith('?"Starting authorizer'));
}

function accessLogRecord(group: string, time: number, record: Body) {
  return served(group, [{ timestamp: time + 40, message: JSON.stringify(record) }]);
}

/** One invocation of the authorizer function as the Node.js runtime logs it (text format). */
function invocation(
  start: number,
  id: string,
  options: { cold?: boolean; error?: string } = {},
): WireEvent[] {
  const lines = [
    ...(options.cold
      ? [
          'INIT_START Runtime Version: nodejs:20.v33\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:2a9f',
        ]
      : []),
    `START RequestId: ${id} Version: $LATEST`,
    ...(options.error
      ? [`${new Date(start + 5).toISOString()}\t${id}\tERROR\tInvoke Error \t${options.error}`]
      : []),
    `END RequestId: ${id}`,
    `REPORT RequestId: ${id}\tDuration: 41.27 ms\tBilled Duration: 42 ms\tMemory Size: 256 MB\tMax Memory Used: 74 MB`,
  ];
  return lines.map((message, i) => ({ timestamp: start + i * 10, message }));
}

/** Another caller's authorizer run in the same window: its policy covers every order, so it is no filler. */
const otherCall = at(200, OTHER, [
  `Starting authorizer: 8xkq2m for request: ${OTHER}`,
  'Incoming identity: ************************************************Ab3dE5',
  `Endpoint request URI: ${LAMBDA}`,
  `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/prod/GET/orders/5","authorizationToken":"****Ab3dE5"}`,
  `Sending request to ${LAMBDA}`,
  `Authorizer result body before parsing: {"principalId":"u-2","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/prod/GET/orders/*"}]}}`,
  'Successfully completed authorizer execution',
  'Method completed with status: 200',
]);

describe('Pipeline: diagnose', () => {
  it('finds a cache hit, the request that filled the cache and its policy, and says so with high confidence', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES, stage: ACCESS_LOGS });
    const filler = cacheFillerCalls(GROUP, [...firstCall, ...otherCall, ...cacheHit]);
    const searched = executionLogSearch(GROUP, FAILED, cacheHit);
    accessLogRecord(ACCESS_GROUP, NOW - 60_000, {
      requestId: FAILED,
      ip: '198.51.100.23',
      httpMethod: 'GET',
      path: '/prod/orders/18',
      status: '403',
    });
    const functionLog = served(FUNCTION_GROUP, [
      ...invocation(NOW - 120_000, LAMBDA_FIRST, { cold: true }),
      ...invocation(NOW - 30_000, LAMBDA_LATER),
    ]);
    const progress: string[] = [];

    const diagnosis = await service().diagnose(
      { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      (m) => progress.push(english.t(m)),
    );

    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'high',
    });
    expect(english.t(diagnosis.verdict.summary)).toBe(
      `A policy cached for GET /orders/17 by request ${FIRST} was reused for GET /orders/18, which it does not cover.`,
    );
    const evidence = diagnosis.verdict.evidence.map(english.t).join('\n');
    expect(evidence).toContain(`Cached result from request ${FIRST}`);
    expect(evidence).toContain('Found by its identity');
    expect(evidence).toContain(
      "The authorizer function's own log (/aws/lambda/orders-authorizer), read completely around the request time, shows no invocation",
    );
    expect(diagnosis.verdict.signals.decisive).toEqual([
      'cache-filler-policy-misses-method',
      'function-log-silent-and-implicit-deny',
    ]);
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
      'config:deployment': { read: 'complete' },
      'authorizer-log': { read: 'complete' },
      'cache-filler': { read: 'complete' },
    });
    // One FilterLogEvents call brought every authorizer call of the stage within the TTL before the request.
    expect(filler.bodies).toEqual([
      expect.objectContaining({
        filterPattern:
          '?"Starting authorizer: 8xkq2m" ?"Incoming identity:" ?"Endpoint request body after transformations:" ?"Authorizer result body before parsing:"',
        startTime: NOW - 60_000 - 300_000,
        endTime: NOW - 60_000,
      }),
    ]);
    expect(functionLog.bodies).toEqual([
      expect.objectContaining({ startTime: NOW - 60_000 - 10_000, endTime: NOW - 60_000 + 35_000 }),
    ]);
    expect(searched.bodies.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Searching API-Gateway-Execution-Logs_a1b2c3d4e5\/prod/),
        expect.stringMatching(/filled its cache/),
        expect.stringMatching(/authorizer function's log \/aws\/lambda\/orders-authorizer/),
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
        heard[0].push(english.t(m)),
      ),
      shared.diagnose(
        { requestId: FIRST.toUpperCase(), restApiId: API, stage: 'prod', region: REGION },
        (m) => heard[1].push(english.t(m)),
      ),
    ]);

    expect(a).toBe(b);
    expect(heard[1].length).toBeGreaterThan(0);
  });
});

/** A second Lambda authorizer of the same API, so that only the method can tell which one ran. */
const PARTNER_AUTHORIZER = {
  ...AUTHORIZER,
  id: 'p4rtn3',
  name: 'partners-jwt',
  authorizerUri: AUTHORIZER.authorizerUri.replace('orders-authorizer', 'partners-authorizer'),
};
const FULL_ACCESS_LOGS = {
  accessLogSettings: {
    destinationArn: ACCESS_LOGS.accessLogSettings.destinationArn,
    format:
      '{"requestId":"$context.requestId","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","path":"$context.path","status":"$context.status","principalId":"$context.authorizer.principalId"}',
  },
};
/** A cache hit whose trace names neither the authorizer nor the identity nor the method. */
const bareHit = at(60, FAILED, [
  'Extended Request Id: Lq4yGiXRErFFYfB=',
  'The client is not authorized to perform this operation.',
]);
/** A third caller's run, its identity not logged, whose policy also misses GET /orders/18. */
const thirdCall = at(90, OTHER, [
  `Starting authorizer: 8xkq2m for request: ${OTHER}`,
  `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/prod/GET/orders/3","authorizationToken":"****"}`,
  `Authorizer result body before parsing: {"principalId":"u-3","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/prod/GET/orders/3"}]}}`,
  'Method completed with status: 200',
]);

describe('Pipeline: diagnose — the filler without an identity line, and the method and authorizer the trace does not name', () => {
  function orders18(extra: Body = {}) {
    return {
      requestId: FAILED,
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      path: '/prod/orders/18',
      status: '403',
      principalId: '-',
      ...extra,
    };
  }

  /**
   * A bare cache hit on GET /orders/18 at a stage with the full access-log format, after the stage's earlier
   * authorizer calls `calls`; the cache-filler search it answers.
   */
  function bareHitAfter(
    calls: ReturnType<typeof at>,
    { authorizers = [AUTHORIZER], record = orders18() }: { authorizers?: Body[]; record?: Body } = {},
  ) {
    apiConfiguration(API, 'prod', { authorizers, resources: RESOURCES, stage: FULL_ACCESS_LOGS });
    executionLogSearch(GROUP, FAILED, bareHit);
    accessLogRecord(ACCESS_GROUP, NOW - 60_000, record);
    return cacheFillerCalls(GROUP, [...calls, ...bareHit]);
  }

  it('tells the authorizer by the access log’s method and names the only call within the TTL that missed it: high', async () => {
    const filler = bareHitAfter([...firstCall, ...otherCall], {
      authorizers: [AUTHORIZER, PARTNER_AUTHORIZER],
    });
    served(FUNCTION_GROUP, invocation(NOW - 120_000, LAMBDA_FIRST));

    const diagnosis = await service().diagnose({ requestId: FAILED, restApiId: API, stage: 'prod' });

    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'high',
    });
    expect(diagnosis.config.method).toMatchObject({ resourcePath: '/orders/{id}', authorizerId: '8xkq2m' });
    expect(diagnosis.config.authorizer).toMatchObject({ id: '8xkq2m', authorizerResultTtlInSeconds: 300 });
    expect(english.t(diagnosis.verdict.summary)).toBe(
      `A policy cached for GET /orders/17 by request ${FIRST} was reused for GET /orders/18, which it does not cover.`,
    );
    expect(diagnosis.verdict.evidence.map(english.t)).toContain(
      "The only authorizer call of this stage within the TTL before this request whose policy does not cover this method (the stage's whole execution log for that span was read).",
    );
    expect(filler.bodies).toHaveLength(1);
    const facts = diagnosis.verdict.facts.map((f) => `${english.t(f.label)}: ${english.t(f.value)}`);
    expect(facts).toEqual(
      expect.arrayContaining(['Authorizer: orders-jwt (8xkq2m) TOKEN', 'Result cache TTL: 300 s']),
    );
  });

  it("names the call whose principalId is the access log's $context.authorizer.principalId: high", async () => {
    bareHitAfter([...firstCall, ...thirdCall], { record: orders18({ principalId: 'u-1' }) });
    served(FUNCTION_GROUP, []);

    const diagnosis = await service().diagnose({ requestId: FAILED, restApiId: API, stage: 'prod' });

    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'high',
    });
    expect(diagnosis.verdict.evidence.map(english.t)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(`^Cached result from request ${FIRST}`),
        expect.stringMatching(/^Found by its principal/),
      ]),
    );
  });

  it('with several calls that miss the method and nothing to tell them apart, names the latest: medium', async () => {
    bareHitAfter([...firstCall, ...thirdCall]);
    served(FUNCTION_GROUP, [], (b) => b.logGroupName === FUNCTION_GROUP);

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    // The function's silence is decisive on its own; the filler is named only as the likeliest of two.
    expect(diagnosis.verdict.cause).toBe('authorizer-cached-policy-mismatch');
    expect(diagnosis.verdict.signals.supporting).toContain('cache-filler-candidates-miss-method');
    expect(diagnosis.verdict.signals.decisive).not.toContain('cache-filler-policy-misses-method');
    expect(english.t(diagnosis.verdict.summary)).toMatch(
      new RegExp(
        `^The authorizer was not called for this request \\(a cache hit\\); 2 earlier calls within the TTL returned policies that do not cover GET /orders/18, most recently request ${OTHER}`,
      ),
    );
  });

  it('with the function log unreadable and several candidates, it is supporting evidence only: medium', async () => {
    bareHitAfter([...firstCall, ...thirdCall]);
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (b: Body) => b.logGroupName === FUNCTION_GROUP)
      .reply(400, {
        __type: 'AccessDeniedException',
        message: `User: arn:aws:sts::123456789012:assumed-role/why403/s is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:${REGION}:123456789012:log-group:${FUNCTION_GROUP}:*`,
      });

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'medium',
    });
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({
      read: 'denied',
      action: 'logs:FilterLogEvents',
      resource: FUNCTION_GROUP,
    });
    expect(diagnosis.unread.map(english.t)).toContain(
      `The authorizer function's log could not be read: AWS denied logs:FilterLogEvents on ${FUNCTION_GROUP}. Grant it to let why403 read it.`,
    );
  });

  it("takes the API's only Lambda authorizer when nothing names one, and says so", async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });
    executionLogSearch(GROUP, FAILED, bareHit);
    cacheFillerCalls(GROUP, [...firstCall, ...bareHit]);
    served(FUNCTION_GROUP, []);

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.config.authorizer).toMatchObject({ id: '8xkq2m' });
    expect(diagnosis.verdict.facts.map((f) => english.t(f.value))).toContain('300 s');
    expect(diagnosis.verdict.gaps.map(english.t)).toContain(
      'Nothing names the authorizer that ran: the API has one Lambda authorizer, orders-jwt (8xkq2m), and it was taken as that one.',
    );
  });

  it('says it cannot tell which of several authorizers ran, rather than leaving the section silently empty', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER, PARTNER_AUTHORIZER], resources: RESOURCES });
    executionLogSearch(GROUP, FAILED, bareHit);

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.config.authorizer).toBeUndefined();
    expect(diagnosis.verdict.gaps.map(english.t)).toContain(
      'Nothing names the authorizer that ran, and the API has 2 Lambda authorizers: its configuration (TTL, identity sources) could not be told. Add $context.httpMethod and $context.resourcePath to the access-log format, or turn on INFO execution logging.',
    );
  });
});

describe("Pipeline: diagnose — the authorizer function's own log", () => {
  const JWT =
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEiLCJlbWFpbCI6ImFuYUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
  const crashed = at(60, FAILED, [
    'Extended Request Id: Lq4yGiXRErFFYfB=',
    `Starting authorizer: 8xkq2m for request: ${FAILED}`,
    IDENTITY,
    `Endpoint request URI: ${LAMBDA}`,
    `Sending request to ${LAMBDA}`,
    'AuthorizerConfigurationException',
  ]);

  it("explains a 500 with the function's own crash, its token redacted", async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });
    executionLogSearch(GROUP, FAILED, crashed);
    const error = JSON.stringify({
      errorType: 'TypeError',
      errorMessage: `Cannot read properties of undefined (reading 'kid') in token Bearer ${JWT}`,
      trace: [
        "TypeError: Cannot read properties of undefined (reading 'kid')",
        '    at verify (/var/task/index.js:12:31)',
        '    at Runtime.handler (/var/task/index.js:30:18)',
      ],
    });
    const functionLog = served(FUNCTION_GROUP, [
      ...invocation(NOW - 60_000 + 4, LAMBDA_FIRST, { cold: true, error }),
      ...invocation(NOW - 20_000, LAMBDA_LATER),
    ]);

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-function-error', confidence: 'high' });
    expect(diagnosis.verdict.signals.decisive).toContain('function-log-shows-crash-or-timeout');
    expect(english.t(diagnosis.verdict.summary)).toContain(
      "Cannot read properties of undefined (reading 'kid')",
    );
    const evidence = diagnosis.verdict.evidence.map(english.t).join('\n');
    expect(evidence).toContain(`/aws/lambda/orders-authorizer, invocation ${LAMBDA_FIRST}`);
    expect(evidence).toContain('at verify (/var/task/index.js:12:31)');
    const everything =
      JSON.stringify(diagnosisJson(diagnosis)) + renderDiagnosisText(diagnosis, { color: false });
    expect(everything).not.toContain(JWT);
    expect(everything).not.toContain('eyJzdWIiOiJ1LTEi');
    expect(functionLog.bodies).toHaveLength(1);
    expect(functionLog.bodies[0].filterPattern).toBe(
      '?"START RequestId" ?"END RequestId" ?"REPORT RequestId" ?"INIT_START" ?"ERROR" ?"Task timed out" ?"platform.start" ?"platform.initStart" ?"platform.report" ?"platform.runtimeDone"',
    );
  });

  it('does not read the function log when the trace already shows what the authorizer returned', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });
    executionLogSearch(GROUP, FIRST, firstCall);

    const diagnosis = await service().diagnose({
      requestId: FIRST,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.verdict.sources['authorizer-log']).toBeUndefined();
  });

  it('records a function log group that does not exist as missing', async () => {
    apiConfiguration(API, 'prod', { authorizers: [AUTHORIZER], resources: RESOURCES });
    executionLogSearch(GROUP, FAILED, crashed);
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (b: Body) => b.logGroupName === FUNCTION_GROUP)
      .reply(400, {
        __type: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      });

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({
      read: 'missing',
      resource: FUNCTION_GROUP,
    });
    expect(diagnosis.verdict.signals.decisive).not.toContain('function-log-shows-crash-or-timeout');
    expect(diagnosis.unread.map(english.t)).toContain(
      `The authorizer function's log does not exist (${FUNCTION_GROUP}): nothing was ever written there.`,
    );
  });
});

describe('Pipeline: diagnose — what the stage runs, and deploy drift', () => {
  it('judges the deployed authorizer (TTL 300 s) when the working copy says 0 but was not redeployed, and says to redeploy', async () => {
    apiConfiguration(API, 'prod', {
      authorizers: [{ ...AUTHORIZER, authorizerResultTtlInSeconds: 0 }],
      resources: RESOURCES,
      stage: ACCESS_LOGS,
      deployed: { authorizers: [AUTHORIZER] },
    });
    executionLogSearch(GROUP, FAILED, cacheHit);
    accessLogRecord(ACCESS_GROUP, NOW - 60_000, {
      requestId: FAILED,
      httpMethod: 'GET',
      path: '/prod/orders/18',
      status: '403',
    });
    cacheFillerCalls(GROUP, [...firstCall, ...cacheHit]);
    served(FUNCTION_GROUP, invocation(NOW - 120_000, LAMBDA_FIRST));

    const diagnosis = await service().diagnose({
      requestId: FAILED,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    // The working copy's TTL 0 would rule the cache out; the stage still runs 300 s.
    expect(diagnosis.verdict).toMatchObject({
      cause: 'authorizer-cached-policy-mismatch',
      confidence: 'high',
    });
    expect(diagnosis.judged).toBe('deployed');
    expect(diagnosis.config.authorizer?.authorizerResultTtlInSeconds).toBe(300);
    const redeploy = `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`;
    expect(diagnosis.drift).toEqual({
      restApiId: API,
      stage: 'prod',
      deploymentId: 'dep1',
      changes: [{ field: 'ttl', subject: 'orders-jwt', deployed: '300', live: '0' }],
      command: redeploy,
    });
    expect(diagnosis.verdict.checklist[0]).toMatchObject({ command: redeploy });
    expect(english.t(diagnosis.verdict.checklist[0].text)).toBe(
      'Redeploy stage prod: it still runs deployment dep1, and what bears on this request changed in the working copy since (see "Not redeployed"). This verdict judges what the stage runs.',
    );
    const text = renderDiagnosisText(diagnosis, { color: false });
    expect(text).toContain(
      'Not redeployed        orders-jwt: result cache TTL is 300 s in the stage, 0 (caching off) in the working copy',
    );
    expect(diagnosisJson(diagnosis)).toMatchObject({
      judged: 'deployed',
      drift: {
        changes: [
          {
            field: 'ttl',
            text: 'orders-jwt: result cache TTL is 300 s in the stage, 0 (caching off) in the working copy',
          },
        ],
        command: redeploy,
      },
    });
  });

  it('a route in the working copy that the stage does not serve is missing-authentication-token, with the redeploy', async () => {
    const route = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
    apiConfiguration(API, 'prod', {
      authorizers: [AUTHORIZER],
      resources: [
        ...RESOURCES,
        {
          id: 'r2',
          path: '/refunds',
          resourceMethods: { POST: { httpMethod: 'POST', authorizationType: 'NONE' } },
        },
      ],
      stage: ACCESS_LOGS,
      deployed: { resources: RESOURCES },
    });
    executionLogSearch(GROUP, route, []);
    accessLogRecord(ACCESS_GROUP, NOW - 60_000, {
      requestId: route,
      httpMethod: 'POST',
      path: '/prod/refunds',
      status: '403',
      responseType: 'MISSING_AUTHENTICATION_TOKEN',
    });

    const diagnosis = await service().diagnose({
      requestId: route,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.verdict).toMatchObject({ cause: 'missing-authentication-token', confidence: 'high' });
    expect(diagnosis.config.routeMatched).toBe(false);
    expect(diagnosis.drift?.changes).toEqual([{ field: 'route', subject: 'POST /refunds', live: 'yes' }]);
    expect(english.t(diagnosis.verdict.facts[0].value)).toBe(
      'POST /refunds is in the working copy but not in the deployed stage',
    );
  });

  it('judges the working copy, and says so, when the deployment cannot be read', async () => {
    apiGateway(`/restapis/${API}`, { id: API, name: 'orders', createdDate: 1_767_225_600 });
    apiGateway(`/restapis/${API}/authorizers`, { item: [AUTHORIZER] }, { limit: '500' });
    apiGateway(`/restapis/${API}/resources`, { item: RESOURCES }, { embed: 'methods', limit: '500' });
    apiGateway(`/restapis/${API}/stages/prod`, {
      stageName: 'prod',
      deploymentId: 'dep1',
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    });
    apiGatewayError(
      `/restapis/${API}/stages/prod/exports/oas30`,
      400,
      'BadRequestException',
      'Unable to export the API: JSON body models are not found',
    );
    executionLogSearch(GROUP, FIRST, firstCall);

    const diagnosis = await service().diagnose({
      requestId: FIRST,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.judged).toBe('live');
    expect(diagnosis.drift).toBeUndefined();
    expect(diagnosis.verdict.sources['config:deployment']).toMatchObject({ read: 'partial' });
    expect(diagnosis.verdict.gaps.map(english.t)).toContain(
      "What the stage runs (its deployment) could not be read, so this verdict judges the API's working copy, which takes effect only once redeployed.",
    );
  });
});

describe("Pipeline: diagnose — a request only the access log recorded, and the function's log", () => {
  it('reads the function log around the time CloudWatch received the record, and records how it went', async () => {
    const only = '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a';
    apiConfiguration(API, 'prod', {
      authorizers: [AUTHORIZER],
      resources: RESOURCES,
      stage: FULL_ACCESS_LOGS,
    });
    executionLogSearch(GROUP, only, []);
    accessLogRecord(ACCESS_GROUP, NOW - 600_000, {
      requestId: only,
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      path: '/prod/orders/7',
      status: '500',
      responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
    });
    const functionLog = served(FUNCTION_GROUP, invocation(NOW - 900_000, LAMBDA_FIRST));

    const diagnosis = await service().diagnose({
      requestId: only,
      restApiId: API,
      stage: 'prod',
      since: '1h',
    });

    expect(diagnosis.accessLog).toEqual({ logGroup: ACCESS_GROUP, found: true });
    expect(functionLog.bodies).toEqual([
      expect.objectContaining({
        startTime: NOW - 600_000 + 40 - 10_000,
        endTime: NOW - 600_000 + 40 + 35_000,
      }),
    ]);
    expect(diagnosis.verdict.sources['authorizer-log']).toEqual({ read: 'complete' });
    expect(diagnosis.config.authorizer?.id).toBe('8xkq2m');
  });
});
