import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { startFakeAws, type FakeAws, type FakeAwsWorld } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import type { Text } from '../../src/text';
import { startHostileAws, type HostileAws, type Rule, type Tamper } from '../support/hostile-aws';

/**
 * diagnose and scan through the real SDK against simulated accounts of other shapes than the sandbox's, behind a
 * proxy that fails chosen calls: a read that failed may lower the confidence of an answer, never raise it, and the
 * answer says what could not be read.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const ACCOUNT = '123456789012';
const STAGING_ACCESS = '/aws/apigateway/orders-staging-access';
const BLOCKED = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

const open: Array<FakeAws | HostileAws> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function serviceFor(
  rule: Rule,
  edit: (world: FakeAwsWorld) => void,
): Promise<{ service: Why403Service; hostile: HostileAws }> {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world);
  const hostile = await startHostileAws(fake.url, rule);
  open.push(fake, hostile);
  const service = new Why403Service({
    config: { ...DEFAULT_CONFIG, region: SANDBOX_REGION },
    aws: {
      endpoint: hostile.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
      requestTimeoutMs: 300,
      retry: { sleep: async () => undefined },
    },
    now: () => NOW,
    sleep: async () => undefined,
  });
  return { service, hostile };
}

/** API Gateway's faults, as it answers them (restJson1: the type in x-amzn-ErrorType). */
const API_GATEWAY_FAULTS: Array<[string, Tamper]> = [
  [
    'AccessDeniedException',
    {
      kind: 'reply',
      status: 403,
      body: '{"message":"User is not authorized to access this resource"}',
      headers: { 'x-amzn-errortype': 'AccessDeniedException' },
    },
  ],
  [
    'TooManyRequestsException',
    {
      kind: 'reply',
      status: 429,
      body: '{"message":"Too Many Requests"}',
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
    },
  ],
  ['a 503', { kind: 'reply', status: 503, body: '{"message":"Service Unavailable"}' }],
  [
    "a proxy's HTML page",
    {
      kind: 'reply',
      status: 502,
      body: '<html><h1>502 Bad Gateway</h1></html>',
      headers: { 'content-type': 'text/html' },
    },
  ],
  ['a truncated body', { kind: 'reply', status: 200, body: '{"item":[{"stageName":"pr' }],
  ['no answer at all', { kind: 'hang' }],
];

function failing(operation: string, tamper: Tamper): Rule {
  return (call) => (call.operation === operation ? tamper : undefined);
}

const say = (text: Text | undefined) => (text === undefined ? '' : english.t(text));

/**
 * The orders API with a second stage, `staging`, that writes no execution log but an access log of its own, in
 * which a request WAF blocked left its only record. Only GetStages names that stage: it has no execution-log group.
 */
function stagingWithoutExecutionLog(world: FakeAwsWorld): void {
  delete world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/staging`];
  const prod = world.restApis[ORDERS].stages.prod as { accessLogSettings: { format: string } };
  world.restApis[ORDERS].stages.staging = {
    ...world.restApis[ORDERS].stages.staging,
    methodSettings: {},
    webAclArn: `arn:aws:wafv2:${SANDBOX_REGION}:${ACCOUNT}:regional/webacl/orders/0f1e2d3c`,
    accessLogSettings: {
      destinationArn: `arn:aws:logs:${SANDBOX_REGION}:${ACCOUNT}:log-group:${STAGING_ACCESS}`,
      format: prod.accessLogSettings.format,
    },
  };
  world.logGroups[STAGING_ACCESS] = [
    {
      timestamp: NOW - 600_000,
      logStreamName: 'access',
      message: JSON.stringify({
        requestId: BLOCKED,
        ip: '203.0.113.7',
        httpMethod: 'GET',
        resourcePath: '-',
        path: '/staging/orders',
        status: '403',
        responseType: 'WAF_FILTERED',
        errorMessage: 'Forbidden',
      }),
    },
  ];
}

describe('an API whose stages cannot be listed (GetStages fails)', () => {
  const query = { requestId: BLOCKED, restApiId: ORDERS, region: SANDBOX_REGION, since: '1h' };

  it('finds the request in the access log of the stage only GetStages names, when GetStages answers', async () => {
    const { service } = await serviceFor(() => undefined, stagingWithoutExecutionLog);

    const diagnosis = await service.diagnose(query);

    expect(diagnosis.verdict).toMatchObject({ cause: 'waf-block', confidence: 'high' });
  });

  it.each(API_GATEWAY_FAULTS)(
    'GetStages answering %s: not found is inconclusive, and the answer says the stages were not all searched',
    async (_fault, tamper) => {
      const { service, hostile } = await serviceFor(failing('GetStages', tamper), stagingWithoutExecutionLog);

      const diagnosis = await service.diagnose(query);

      expect(hostile.counts.get('GetStages')).toBeGreaterThan(0);
      expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
      expect(say(diagnosis.partial)).toContain(`the stages of ${ORDERS} could not be listed`);
      expect(diagnosis.unread.map(say).join('\n')).toContain(`the stages of ${ORDERS} could not be listed`);
    },
  );

  it.each(API_GATEWAY_FAULTS)(
    'GetStages answering %s: the scan of the API is not complete, and says why',
    async (_fault, tamper) => {
      const { service } = await serviceFor(failing('GetStages', tamper), stagingWithoutExecutionLog);

      const scan = await service.scan({ restApiId: ORDERS, region: SANDBOX_REGION, since: '1h' });

      expect(scan.complete).toBe(false);
      expect(say(scan.partial)).toContain(`the stages of ${ORDERS} could not be listed`);
    },
  );
});

describe('a stage at INFO with a method that logs less', () => {
  const nowhere = { requestId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', restApiId: ORDERS, stage: 'prod' };

  it.each<[string, string, Record<string, unknown>]>([
    ['no method of its own', 'high', {}],
    ['a method of its own at INFO too', 'high', { loggingLevel: 'INFO', dataTraceEnabled: true }],
    ['a method of its own at ERROR', 'low', { loggingLevel: 'ERROR', dataTraceEnabled: false }],
    ['a method of its own with logging OFF', 'low', { loggingLevel: 'OFF', dataTraceEnabled: false }],
  ])('with %s: a request in neither log is not-found-in-logs, %s', async (_shape, confidence, own) => {
    const { service } = await serviceFor(
      () => undefined,
      (world) => {
        const prod = world.restApis[ORDERS].stages.prod as { methodSettings: Record<string, unknown> };
        if (Object.keys(own).length > 0)
          prod.methodSettings = {
            ...prod.methodSettings,
            '~1orders~1{id}/DELETE': { metricsEnabled: true, ...own },
          };
      },
    );

    const diagnosis = await service.diagnose({ ...nowhere, region: SANDBOX_REGION, since: '30m' });

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence });
  });
});

describe('a request whose lines came on a page before one that failed (a stage without an access log)', () => {
  const group = `API-Gateway-Execution-Logs_${ORDERS}/staging`;
  const permission = { ...SCENARIOS.permission, region: SANDBOX_REGION };

  /** The search's first page holds the trace and promises more; asking for more fails with `tamper`. */
  function moreThatFails(tamper: Tamper): Rule {
    return (call) => {
      if (call.operation !== 'FilterLogEvents') return undefined;
      const body = JSON.parse(call.body) as { logGroupName: string; nextToken?: string };
      if (body.logGroupName !== group) return undefined;
      if (body.nextToken === 'MORE') return tamper;
      return { kind: 'edit', edit: (json) => ({ ...json, nextToken: 'MORE' }) };
    };
  }

  it.each<[string, Tamper]>([
    [
      'ThrottlingException',
      { kind: 'reply', status: 400, body: '{"__type":"ThrottlingException","message":"Rate exceeded"}' },
    ],
    [
      'a 500',
      { kind: 'reply', status: 500, body: '{"__type":"ServiceUnavailableException","message":"oops"}' },
    ],
    ['a truncated body', { kind: 'reply', status: 200, body: '{"events":[{"timestamp":' }],
    ['no answer at all', { kind: 'hang' }],
  ])('%s: the lines read are judged as an excerpt, never "not found"', async (_fault, tamper) => {
    const { service } = await serviceFor(moreThatFails(tamper), () => undefined);

    const diagnosis = await service.diagnose(permission);

    expect(diagnosis.verdict.cause).toBe('authorizer-invoke-permission');
    expect(diagnosis.trace.length).toBeGreaterThan(0);
    expect(diagnosis.verdict.sources['execution-log']?.read).toBe('excerpt');
  });
});
