import { DEFAULT_CONFIG, type AppConfig } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import {
  startFakeAws,
  type FakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
} from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import { AwsAccessDeniedError, AwsMalformedResponseError, explainAwsError } from '../../src/aws/errors';
import { english } from '../../src/render/localize';
import type { SourceStatus } from '../../src/evidence/types';
import type { Text } from '../../src/text';

/**
 * `diagnose` through the real SDK against the simulated AWS, with faults injected on the wire: throttling bursts,
 * 5xx answers, AccessDenied per operation, a hanging endpoint, malformed bodies and missing log groups. Each must
 * end in an answer that says what it could not read, never in a crash or a confident guess.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const STAGE_ARN = `arn:aws:apigateway:${SANDBOX_REGION}::/restapis/${ORDERS}/stages/prod`;
const WEB_ACL = `arn:aws:wafv2:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:regional/webacl/orders-edge/1f2e3d4c`;
/** Not in any execution log. */
const UNLOGGED = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function start(
  options: FakeAwsOptions = {},
  edit: (world: FakeAwsWorld) => void = () => undefined,
  settings: { search?: Partial<AppConfig['search']>; requestTimeoutMs?: number } = {},
): Promise<{ fake: FakeAws; service: Why403Service }> {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world, options);
  started.push(fake);
  const service = new Why403Service({
    config: {
      ...DEFAULT_CONFIG,
      region: SANDBOX_REGION,
      search: { ...DEFAULT_CONFIG.search, ...settings.search },
    },
    aws: {
      endpoint: fake.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
      requestTimeoutMs: settings.requestTimeoutMs,
      retry: { sleep: async () => undefined },
    },
    now: () => NOW,
    sleep: async () => undefined,
  });
  return { fake, service };
}

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

function reason(status: SourceStatus | undefined): string {
  return status && 'reason' in status ? english.t(status.reason) : '';
}

function words(texts: readonly Text[] | undefined): string[] {
  return (texts ?? []).map(english.t);
}

/** A WAF-blocked request: no execution-log line, an access-log record saying WAF_FILTERED. */
function wafBlocked(world: FakeAwsWorld): void {
  world.logGroups[ACCESS_GROUP].push({
    timestamp: NOW - 600_000,
    logStreamName: 'access',
    message: JSON.stringify({
      requestId: UNLOGGED,
      ip: '192.0.2.77',
      httpMethod: 'POST',
      resourcePath: '-',
      path: '/prod/orders',
      status: '403',
      responseType: 'WAF_FILTERED',
      errorMessage: 'Forbidden',
    }),
  });
  world.restApis[ORDERS].stages.prod.webAclArn = WEB_ACL;
}

describe('diagnose against the simulated AWS: every source recorded', () => {
  it('records every source it read completely for a found request', async () => {
    const { service } = await start();

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(diagnosis.verdict.sources).toEqual({
      'execution-log': { read: 'complete', level: 'INFO', dataTrace: true },
      'access-log': { read: 'complete' },
      'config:rest-api': { read: 'complete' },
      'config:authorizers': { read: 'complete' },
      'config:resources': { read: 'complete' },
      'config:stage': { read: 'complete' },
      'config:deployment': { read: 'complete' },
    });
    expect(diagnosis.judged).toBe('deployed');
    expect(diagnosis.accessLog).toEqual({ logGroup: ACCESS_GROUP, found: true });
    expect(diagnosis.unread).toEqual([]);
    expect(diagnosis.partial).toBeUndefined();
  });

  it('reads the access log when the execution log is silent: a WAF_FILTERED record is waf-block, high', async () => {
    const { fake, service } = await start({}, wafBlocked);

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'waf-block', confidence: 'high' });
    expect(diagnosis.verdict.candidates.map((c) => c.cause)).not.toContain('not-found-in-logs');
    expect(diagnosis.verdict.sources['access-log']).toEqual({ read: 'complete' });
    expect(diagnosis.verdict.sources['execution-log']).toMatchObject({ read: 'complete', level: 'INFO' });
    expect(diagnosis.accessLog).toEqual({ logGroup: ACCESS_GROUP, found: true });
    expect(diagnosis.search.found).toBe(false);
    expect(diagnosis.request).toMatchObject({ httpMethod: 'POST', status: 403 });
    const searched = fake.calls.filter((c) => c.operation === 'FilterLogEvents').map((c) => c.target);
    expect(searched).toEqual([PROD_GROUP, ACCESS_GROUP]);
  });

  it('reads a route that no resource serves off the access log: missing-authentication-token, high', async () => {
    const { service } = await start({}, (world) =>
      world.logGroups[ACCESS_GROUP].push({
        timestamp: NOW - 600_000,
        logStreamName: 'access',
        message: JSON.stringify({
          requestId: UNLOGGED,
          ip: '192.0.2.77',
          httpMethod: 'GET',
          resourcePath: '-',
          path: '/prod/order',
          status: '403',
          responseType: 'MISSING_AUTHENTICATION_TOKEN',
          errorMessage: 'Missing Authentication Token',
        }),
      }),
    );

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'missing-authentication-token', confidence: 'high' });
    expect(diagnosis.verdict.signals.decisive).toEqual(['missing-token-answer-for-non-iam-or-unknown-route']);
  });

  it('is sure a request is not there only when both logs were searched completely at INFO', async () => {
    const { service } = await start();

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'high' });
    expect(diagnosis.verdict.sources['access-log']).toEqual({ read: 'complete' });
    expect(diagnosis.accessLog).toEqual({ logGroup: ACCESS_GROUP, found: false });
  });

  it('says the access log holds nothing when the stage writes none', async () => {
    const { service } = await start();

    const diagnosis = await service.diagnose({ ...unlogged, stage: 'staging' });

    expect(diagnosis.verdict.sources['access-log']).toMatchObject({ read: 'not-configured' });
    expect(words(diagnosis.unread)).toEqual([
      'The access log holds nothing for this request: the stage has no access logging (turn it on with $context.error.responseType, $context.waf.status and $context.authorizer.error).',
    ]);
    expect(diagnosis.accessLog).toBeUndefined();
  });

  it('searches the access log of each stage when only the API is given', async () => {
    const { fake, service } = await start({}, wafBlocked);

    const diagnosis = await service.diagnose({ ...unlogged, stage: undefined });

    expect(diagnosis.verdict).toMatchObject({ cause: 'waf-block', confidence: 'high' });
    expect(diagnosis.request.stage).toBe('prod');
    // Every stage's settings in one GetStages, read while the stages are listed; then each stage's deployment.
    const reads = (operation: string) =>
      fake.calls
        .filter((c) => c.operation === operation)
        .map((c) => c.target)
        .sort();
    expect(reads('GetStages')).toEqual([`/restapis/${ORDERS}/stages`]);
    expect(reads('GetStage')).toEqual([]);
    expect(reads('GetExport')).toEqual([
      `/restapis/${ORDERS}/stages/prod/exports/oas30`,
      `/restapis/${ORDERS}/stages/staging/exports/oas30`,
    ]);
  });
});

describe('diagnose against the simulated AWS: faults', () => {
  it('rides out three throttled answers on the newest hour: found, complete and high', async () => {
    const { fake, service } = await start({ throttle: [{ operation: 'FilterLogEvents', times: 3 }] });

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(diagnosis.search.partial).toBeUndefined();
    expect(diagnosis.verdict.sources['execution-log']).toMatchObject({ read: 'complete' });
    // Three throttled answers, then the slices of the window and the access log go through.
    const searches = fake.calls.filter((c) => c.operation === 'FilterLogEvents' && c.target === PROD_GROUP);
    expect(searches.length).toBeGreaterThanOrEqual(4);
  });

  it('rides out 5xx answers on the logs and the configuration', async () => {
    const { service } = await start({
      serverErrors: [
        { operation: 'FilterLogEvents', times: 2 },
        { operation: 'GetStage', times: 2 },
        { operation: 'GetResources', times: 1 },
      ],
    });

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(diagnosis.unread).toEqual([]);
  });

  it('answers partially when throttling outlasts the retries, and says so', async () => {
    const { service } = await start({ throttle: [{ operation: 'FilterLogEvents', times: 1000 }] });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(english.t(diagnosis.partial ?? '')).toBe(
      `${PROD_GROUP}: CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 6 attempts; ` +
        `${ACCESS_GROUP}: CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 6 attempts`,
    );
    expect(diagnosis.verdict.sources['execution-log']).toMatchObject({ read: 'partial' });
    expect(diagnosis.verdict.sources['access-log']).toMatchObject({ read: 'partial' });
  });

  it.each<[string, string, string]>([
    ['GetRestApi', 'config:rest-api', `arn:aws:apigateway:${SANDBOX_REGION}::/restapis/${ORDERS}`],
    [
      'GetAuthorizers',
      'config:authorizers',
      `arn:aws:apigateway:${SANDBOX_REGION}::/restapis/${ORDERS}/authorizers`,
    ],
    [
      'GetResources',
      'config:resources',
      `arn:aws:apigateway:${SANDBOX_REGION}::/restapis/${ORDERS}/resources`,
    ],
    ['GetStage', 'config:stage', STAGE_ARN],
  ])(
    'records AccessDenied on %s as %s denied with apigateway:GET, and still answers',
    async (operation, id, resource) => {
      const { service } = await start({ deny: [{ operation }] });

      const diagnosis = await service.diagnose(deny);

      expect(diagnosis.verdict.cause).toBe('authorizer-explicit-deny');
      expect(diagnosis.verdict.sources[id as 'config:stage']).toEqual({
        read: 'denied',
        action: 'apigateway:GET',
        resource,
      });
      expect(words(diagnosis.unread).join('\n')).toContain(`AWS denied apigateway:GET on ${resource}.`);
    },
  );

  it('does not search the access log of a stage it could not read, and says what to grant', async () => {
    const { fake, service } = await start({ deny: [{ operation: 'GetStage' }] }, wafBlocked);

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.sources['access-log']).toEqual({ read: 'not-attempted' });
    expect(fake.calls.some((c) => c.target === ACCESS_GROUP)).toBe(false);
    expect(words(diagnosis.unread)).toContain(
      `The stage's configuration (logging, access log, WAF) could not be read: AWS denied apigateway:GET on ${STAGE_ARN}. Grant it to let why403 read it.`,
    );
  });

  it('records AccessDenied on the access-log group with logs:FilterLogEvents', async () => {
    const { service } = await start({ deny: [{ operation: 'FilterLogEvents', target: ACCESS_GROUP }] });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.sources['access-log']).toEqual({
      read: 'denied',
      action: 'logs:FilterLogEvents',
      resource: ACCESS_GROUP,
    });
  });

  it('records AccessDenied on GetAccount when it looks for the CloudWatch role', async () => {
    const { service } = await start({ deny: [{ operation: 'GetAccount' }] });

    const diagnosis = await service.diagnose({ ...SCENARIOS.unlogged, region: SANDBOX_REGION, since: '30m' });

    expect(diagnosis.verdict.sources['config:account']).toEqual({
      read: 'denied',
      action: 'apigateway:GET',
      resource: `arn:aws:apigateway:${SANDBOX_REGION}::/account`,
    });
  });

  it('names the IAM action in one line when listing the log groups is denied', async () => {
    const { service } = await start({ deny: [{ operation: 'DescribeLogGroups' }] });

    const error = await service
      .diagnose({ requestId: UNLOGGED, region: SANDBOX_REGION })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(explainAwsError(error as Error).message).toBe(
      'AWS denied logs:DescribeLogGroups on API-Gateway-Execution-Logs_*',
    );
  });

  it('a record that does not fit the stage\'s access-log format is partial: never "not found" with certainty', async () => {
    const { service } = await start({}, (world) =>
      world.logGroups[ACCESS_GROUP].push({
        timestamp: NOW - 600_000,
        logStreamName: 'access',
        message: `${UNLOGGED} 403 WAF_FILTERED (a line written before the format became JSON)`,
      }),
    );

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(reason(diagnosis.verdict.sources['access-log'])).toBe(
      `a line for this request is in ${ACCESS_GROUP}, but it does not fit the stage's access-log format`,
    );
    expect(diagnosis.accessLog).toEqual({ logGroup: ACCESS_GROUP, found: true });
  });

  it('a missing access-log group is recorded as missing: not found becomes inconclusive', async () => {
    const { service } = await start({}, (world) => delete world.logGroups[ACCESS_GROUP]);

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.sources['access-log']).toEqual({ read: 'missing', resource: ACCESS_GROUP });
  });

  it('a missing execution-log group is recorded as missing, the access log still decides', async () => {
    const { service } = await start({}, (world) => {
      delete world.logGroups[PROD_GROUP];
      wafBlocked(world);
    });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'waf-block', confidence: 'high' });
    expect(diagnosis.verdict.sources['execution-log']).toEqual({ read: 'missing', resource: PROD_GROUP });
  });

  it('retries a hanging endpoint after the request timeout, and finds the request', async () => {
    const { service } = await start({ hang: [{ operation: 'FilterLogEvents', times: 1 }] }, undefined, {
      requestTimeoutMs: 200,
    });

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(diagnosis.partial).toBeUndefined();
  });

  it('answers partially when an endpoint hangs past the time budget', async () => {
    const { service } = await start({ hang: [{ operation: 'FilterLogEvents', times: 1000 }] }, undefined, {
      search: { timeBudgetSeconds: 1 },
    });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(english.t(diagnosis.partial ?? '')).toMatch(/the time budget ran out$/);
    expect(reason(diagnosis.verdict.sources['execution-log'])).toMatch(/time budget/);
  });

  it.each<['html' | 'cut-off']>([['html'], ['cut-off']])(
    'retries a %s body on the execution log and finds the request',
    async (body) => {
      const { service } = await start({ malformed: [{ operation: 'FilterLogEvents', times: 2, body }] });

      const diagnosis = await service.diagnose(deny);

      expect(diagnosis.verdict).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    },
  );

  it('names the call when a body is not JSON: the search is partial, not "not found"', async () => {
    const { service } = await start({
      malformed: [{ operation: 'FilterLogEvents', times: 1, body: 'not-json' }],
    });

    const diagnosis = await service.diagnose(unlogged);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(reason(diagnosis.verdict.sources['execution-log'])).toBe(
      `${PROD_GROUP}: CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: not valid JSON) for ${PROD_GROUP}`,
    );
  });

  it('names the call when a configuration read is malformed, and still answers', async () => {
    const { service } = await start({ malformed: [{ operation: 'GetStage', times: 1, body: 'not-json' }] });

    const diagnosis = await service.diagnose(deny);

    expect(diagnosis.verdict.cause).toBe('authorizer-explicit-deny');
    expect(reason(diagnosis.verdict.sources['config:stage'])).toBe(
      `API Gateway GetStage returned a malformed response (HTTP 200: not valid JSON) for ${STAGE_ARN}`,
    );
  });

  it('fails in one line naming the call when listing the log groups returns a proxy page', async () => {
    const { service } = await start({
      malformed: [{ operation: 'DescribeLogGroups', times: 1, body: 'not-json' }],
    });

    const error = await service
      .diagnose({ requestId: UNLOGGED, region: SANDBOX_REGION })
      .catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(explainAwsError(error as Error).message).toBe(
      'CloudWatch Logs DescribeLogGroups returned a malformed response (HTTP 200: not valid JSON) for API-Gateway-Execution-Logs_*',
    );
  });
});
