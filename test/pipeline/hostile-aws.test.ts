import { DEFAULT_CONFIG, type AppConfig } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { runDoctor } from '../../src/doctor';
import { startFakeAws, type FakeAws, type FakeAwsWorld } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import {
  AwsCredentialsError,
  AwsMalformedResponseError,
  AwsTimeoutError,
  describeAwsError,
  explainAwsError,
} from '../../src/aws/errors';
import { english } from '../../src/render/localize';
import type { SourceStatus } from '../../src/evidence/types';
import { startHostileAws, type HostileAws, type Rule } from '../support/hostile-aws';

/**
 * diagnose, scan and doctor through the real SDK against the simulated AWS behind a hostile proxy: answers with
 * fields of the wrong type, `null` in lists, paging tokens that never end, a body that stalls after its headers,
 * rejected credentials and an export that is not OpenAPI. None may crash, hang, or turn into a confident answer.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const UNLOGGED = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

const deny = {
  requestId: SCENARIOS.deny.requestId,
  restApiId: ORDERS,
  stage: 'prod',
  region: SANDBOX_REGION,
};
const unlogged = {
  requestId: UNLOGGED,
  restApiId: ORDERS,
  stage: 'prod',
  region: SANDBOX_REGION,
  since: '30m',
};

const open: Array<FakeAws | HostileAws> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

interface Setup {
  edit?: (world: FakeAwsWorld) => void;
  search?: Partial<AppConfig['search']>;
  requestTimeoutMs?: number;
}

async function start(
  rule: Rule,
  setup: Setup = {},
): Promise<{ service: Why403Service; hostile: HostileAws }> {
  const world = buildSandboxWorld(NOW);
  setup.edit?.(world);
  const fake = await startFakeAws(world);
  const hostile = await startHostileAws(fake.url, rule);
  open.push(fake, hostile);
  const service = new Why403Service({
    config: {
      ...DEFAULT_CONFIG,
      region: SANDBOX_REGION,
      search: { ...DEFAULT_CONFIG.search, ...setup.search },
    },
    aws: {
      endpoint: hostile.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
      requestTimeoutMs: setup.requestTimeoutMs ?? 300,
      retry: { sleep: async () => undefined },
    },
    now: () => NOW,
    sleep: async () => undefined,
  });
  return { service, hostile };
}

/** Edits every answer of one operation. */
function editing(operation: string, edit: (json: Record<string, unknown>) => unknown): Rule {
  return (call) => (call.operation === operation ? { kind: 'edit', edit } : undefined);
}

function answering(operation: string, status: number, body: unknown, headers?: Record<string, string>): Rule {
  return (call) =>
    call.operation === operation
      ? { kind: 'reply', status, body: typeof body === 'string' ? body : JSON.stringify(body), headers }
      : undefined;
}

function reason(status: SourceStatus | undefined): string {
  return status && 'reason' in status ? english.t(status.reason) : '';
}

const events = (json: Record<string, unknown>) => json.events as Array<Record<string, unknown>>;

describe('diagnose: answers of the wrong shape are malformed reads, never a crash', () => {
  it.each<[string, (json: Record<string, unknown>) => unknown, string]>([
    [
      'a null in the events',
      (json) => ({ ...json, events: [null, ...events(json)] }),
      '"events[0]" is not an object',
    ],
    [
      'a number for a message',
      (json) => ({ ...json, events: events(json).map((e) => ({ ...e, message: 42 })) }),
      '"events[0].message" is not a string',
    ],
    [
      'a date string for a timestamp',
      (json) => ({ ...json, events: events(json).map((e) => ({ ...e, timestamp: '2026-11-24T10:00:00Z' })) }),
      '"events[0].timestamp" is not a number',
    ],
  ])('FilterLogEvents with %s: the search is partial and says which field', async (_what, edit, problem) => {
    const { service } = await start(editing('FilterLogEvents', edit));

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(reason(diagnosis.verdict.sources['execution-log'])).toBe(
      `${PROD_GROUP}: CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: ${problem}) for ${PROD_GROUP}`,
    );
  });

  it.each<[string, string, (json: Record<string, unknown>) => unknown, string, string]>([
    [
      'an identity source given as a list',
      'GetAuthorizers',
      (json) => ({
        ...json,
        item: (json.item as object[]).map((a) => ({
          ...a,
          identitySource: ['method.request.header.Authorization'],
        })),
      }),
      'config:authorizers',
      '"item[0].identitySource" is not a string',
    ],
    [
      'a resource policy given as an object',
      'GetRestApi',
      (json) => ({ ...json, policy: { Version: '2012-10-17', Statement: [] } }),
      'config:rest-api',
      '"policy" is not a string',
    ],
    [
      'a null among the resources',
      'GetResources',
      (json) => ({ ...json, item: [null, ...(json.item as object[])] }),
      'config:resources',
      '"item[0]" is not an object',
    ],
    [
      "a stage's method settings as text",
      'GetStage',
      (json) => ({ ...json, methodSettings: { '*/*': 'INFO' } }),
      'config:stage',
      '"methodSettings.*/*" is not an object',
    ],
  ])(
    '%s (%s) is a malformed read, and the trace still decides',
    async (_what, operation, edit, source, problem) => {
      const { service } = await start(editing(operation, edit));

      const diagnosis = await service.diagnose(deny);

      expect(diagnosis.verdict.cause).toBe('authorizer-explicit-deny');
      expect(reason(diagnosis.verdict.sources[source as 'config:stage'])).toContain(
        `API Gateway ${operation} returned a malformed response (HTTP 200: ${problem})`,
      );
    },
  );
});

describe('diagnose: an export that is not what the stage runs is not judged as what it runs', () => {
  /** An AWS_IAM route, called unsigned: API Gateway answers Missing Authentication Token, as for no route at all. */
  function unsignedIamCall(world: FakeAwsWorld): void {
    world.restApis[ORDERS].resources.push({
      id: 'adm001',
      parentId: 'r00t01',
      pathPart: 'admin',
      path: '/admin',
      resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'AWS_IAM', apiKeyRequired: false } },
    });
    world.logGroups[ACCESS_GROUP].push({
      timestamp: NOW - 600_000,
      logStreamName: 'access',
      message: JSON.stringify({
        requestId: UNLOGGED,
        ip: '192.0.2.77',
        httpMethod: 'GET',
        resourcePath: '-',
        path: '/prod/admin',
        status: '403',
        responseType: 'MISSING_AUTHENTICATION_TOKEN',
        errorMessage: 'Missing Authentication Token',
      }),
    });
  }

  it.each<[string, unknown]>([
    ['a document without a version or routes', { message: 'Service Unavailable' }],
    ['routes that are not objects', { openapi: '3.0.1', paths: { '/admin': null } }],
    ['an operation that is not an object', { openapi: '3.0.1', paths: { '/admin': { get: 'AWS_IAM' } } }],
  ])('%s: the deployment is a partial read, and no route is declared missing', async (_what, document) => {
    const { service } = await start(answering('GetExport', 200, document), { edit: unsignedIamCall });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict.sources['config:deployment']).toMatchObject({ read: 'partial' });
    expect(diagnosis.judged).toBe('live');
    expect(diagnosis.verdict.cause).not.toBe('missing-authentication-token');
  });
});

describe('diagnose: credentials AWS refuses', () => {
  it.each<[string, number, Record<string, string>]>([
    ['ExpiredTokenException', 400, {}],
    ['UnrecognizedClientException', 400, {}],
  ])(
    'FilterLogEvents answered %s everywhere: the run ends with the one line that says to refresh them',
    async (type, status) => {
      const { service } = await start(
        answering('FilterLogEvents', status, {
          __type: type,
          message: 'The security token included in the request is expired',
        }),
      );

      const error = await service.diagnose(unlogged).catch((e: Error) => e);

      expect(error).toBeInstanceOf(AwsCredentialsError);
      expect(english.t(describeAwsError(error as AwsCredentialsError))).toBe(
        `AWS refused the credentials why403 used for CloudWatch Logs FilterLogEvents (${type}: The security token included in the request is expired): refresh them (aws sso login, a new session token, the profile's keys) and try again`,
      );
    },
  );

  it("API Gateway's 403 ExpiredTokenException is not a missing permission to grant", async () => {
    const { service } = await start(
      answering(
        'GetStage',
        403,
        { message: 'The security token included in the request is expired' },
        {
          'x-amzn-errortype': 'ExpiredTokenException',
        },
      ),
    );

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict.sources['config:stage']).toMatchObject({ read: 'partial' });
    expect(english.t(diagnosis.unread.join('\n'))).not.toContain('Grant it');
  });
});

describe('diagnose: listings and bodies that never end', () => {
  it('a DescribeLogGroups nextToken that comes back again ends the listing at once, named in one line', async () => {
    const { service, hostile } = await start(
      answering('DescribeLogGroups', 200, { logGroups: [], nextToken: 'same-token' }),
    );

    const error = await service
      .diagnose({ requestId: UNLOGGED, region: SANDBOX_REGION })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(explainAwsError(error as Error).message).toBe(
      'CloudWatch Logs DescribeLogGroups returned a malformed response (HTTP 200: "nextToken" came back again: the listing would never end) for API-Gateway-Execution-Logs_*',
    );
    expect(hostile.counts.get('DescribeLogGroups')).toBe(2);
  });

  it('new DescribeLogGroups tokens on empty pages end the listing after ten', async () => {
    let n = 0;
    const { service, hostile } = await start((call) =>
      call.operation === 'DescribeLogGroups'
        ? { kind: 'reply', status: 200, body: JSON.stringify({ logGroups: [], nextToken: `token-${n++}` }) }
        : undefined,
    );

    const error = await service
      .diagnose({ requestId: UNLOGGED, region: SANDBOX_REGION })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(hostile.counts.get('DescribeLogGroups')).toBe(10);
  });

  it('a FilterLogEvents body that stalls after its headers is tried again, and the request is found', async () => {
    const { service } = await start((call) =>
      call.operation === 'FilterLogEvents' && call.index < 2
        ? { kind: 'stall-body', start: '{"events": [' }
        : undefined,
    );

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(diagnosis.partial).toBeUndefined();
  });
});

describe('the Slack alarm path: finding an API by name', () => {
  it('a GetRestApis that never answers ends at the time budget, named in one line', async () => {
    const { service } = await start(
      (call) => (call.operation === 'GetRestApis' ? { kind: 'hang' } : undefined),
      {
        search: { timeBudgetSeconds: 1 },
        requestTimeoutMs: 600_000,
      },
    );

    const error = await service.findApiByName('orders', SANDBOX_REGION).catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsTimeoutError);
    expect(explainAwsError(error as Error).message).toBe(
      `API Gateway GetRestApis on arn:aws:apigateway:${SANDBOX_REGION}::/restapis did not finish within the time budget`,
    );
  });
});

describe('scan: Logs Insights answers of the wrong shape', () => {
  it('a null row in GetQueryResults ends the scan in one line naming the call, and stops the query', async () => {
    const { service, hostile } = await start(
      editing('GetQueryResults', (json) => ({ ...json, status: 'Complete', results: [null] })),
    );

    const error = await service
      .scan({ restApiId: ORDERS, stage: 'prod', region: SANDBOX_REGION })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(explainAwsError(error as Error).message).toMatch(
      /^CloudWatch Logs GetQueryResults returned a malformed response \(HTTP 200: "results\[0\]" is not a list\)/,
    );
    expect(hostile.counts.get('StopQuery')).toBe(1);
  });
});

describe("scan: a traces query cut off at Logs Insights' row limit", () => {
  it('says which failed requests went uncounted instead of leaving them out silently', async () => {
    const tracesQueries = new Set<string>();
    const filler = Array.from({ length: 10_000 }, (_, i) => [
      { field: '@timestamp', value: '2026-11-24 09:40:00.000' },
      { field: '@message', value: `Extended Request Id: filler-${i}` },
      { field: '@ptr', value: `p${i}` },
    ]);
    const { service } = await start((call) => {
      if (call.operation === 'StartQuery' && call.body.includes('sort @timestamp asc'))
        return {
          kind: 'edit',
          edit: (json) => {
            tracesQueries.add(String(json.queryId));
            return json;
          },
        };
      if (call.operation === 'GetQueryResults' && [...tracesQueries].some((id) => call.body.includes(id)))
        return {
          kind: 'edit',
          edit: (json) => (json.status === 'Complete' ? { ...json, results: filler } : json),
        };
      return undefined;
    });

    const scan = await service.scan({ restApiId: ORDERS, stage: 'prod', region: SANDBOX_REGION });

    expect(scan.failedRequests).toBeGreaterThan(0);
    expect(scan.total).toBe(0);
    expect(english.t(scan.partial ?? '')).toBe(
      `the traces query reached Logs Insights' limit of 10,000 lines: ${scan.failedRequests} failed requests whose lines were cut off are not counted`,
    );
  });
});

describe('doctor: faults that must not hang or mislead it', () => {
  function doctorDeps(service: Why403Service) {
    return { aws: service.aws, config: service.config, now: () => NOW };
  }

  it('a GetRestApis position that comes back again is a listing problem, not an endless loop', async () => {
    const { service } = await start(answering('GetRestApis', 200, { item: [], position: 'same' }));

    const report = await runDoctor({ region: SANDBOX_REGION }, doctorDeps(service));

    expect(report.apis).toEqual([]);
    expect(report.findings).toEqual([
      expect.objectContaining({ check: 'could-not-check', scope: { region: SANDBOX_REGION } }),
    ]);
  });

  it('an endpoint that never answers costs each phase its time budget, then each read is a could-not-check', async () => {
    // The request timeout outlasts the budget: only the budget can end the wait.
    const { service } = await start(
      (call) => (call.operation === 'GetStages' ? { kind: 'hang' } : undefined),
      {
        search: { timeBudgetSeconds: 1 },
        requestTimeoutMs: 600_000,
      },
    );

    const report = await runDoctor({ restApiId: ORDERS, region: SANDBOX_REGION }, doctorDeps(service));

    expect(report.apis.map((api) => api.restApiId)).toEqual([ORDERS]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        check: 'could-not-check',
        why: expect.objectContaining({ params: { operation: 'GetStages' } }),
      }),
    );
  });

  it('credentials AWS refuses end the run with one line saying to refresh them', async () => {
    const { service } = await start((call) =>
      call.operation === 'GetCallerIdentity' || call.operation.startsWith('Get')
        ? {
            kind: 'reply',
            status: 403,
            body: JSON.stringify({ message: 'The security token included in the request is expired' }),
            headers: { 'x-amzn-errortype': 'ExpiredTokenException' },
          }
        : undefined,
    );

    const error = await runDoctor({ restApiId: ORDERS, region: SANDBOX_REGION }, doctorDeps(service)).catch(
      (e: Error) => e,
    );

    expect(error).toBeInstanceOf(AwsCredentialsError);
    expect(explainAwsError(error as Error).hint).toBe(
      'check which identity the environment and AWS_PROFILE select: aws sts get-caller-identity',
    );
  });
});
