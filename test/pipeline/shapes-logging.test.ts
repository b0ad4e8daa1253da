import { startFakeAws, type FakeAws, type FakeAwsWorld } from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * `diagnose` against account shapes the built-in sandbox does not have, through the real SDK: stages that log
 * nothing to the execution log, access logs whose JSON format names the fields its own way.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const REQUEST = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
const ARN = `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}`;

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function diagnoseIn(
  edit: (world: FakeAwsWorld) => void,
  query: { stage?: string; since?: string; requestId?: string } = {},
) {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world);
  started.push(fake);
  const service = serviceAt(fake.url, NOW);
  return service.diagnose({ requestId: REQUEST, restApiId: ORDERS, region: SANDBOX_REGION, ...query });
}

function accessRecord(world: FakeAwsWorld, record: Record<string, unknown>): void {
  world.logGroups[ACCESS_GROUP].push({
    timestamp: NOW - 600_000,
    logStreamName: 'access',
    message: JSON.stringify(record),
  });
}

/** prod logs nothing to its execution log (no group either); its access log holds a 401. */
function executionLoggingOff(world: FakeAwsWorld): void {
  delete world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/prod`];
  world.restApis[ORDERS].stages.prod.methodSettings = {};
  accessRecord(world, {
    requestId: REQUEST,
    ip: '198.51.100.9',
    httpMethod: 'GET',
    resourcePath: '/orders/{id}',
    path: '/prod/orders/1',
    status: '401',
    responseType: 'UNAUTHORIZED',
    errorMessage: 'Unauthorized',
  });
}

describe('diagnose: execution logging off, access log on', () => {
  it.each([
    ['the API and the stage', { stage: 'prod' }],
    ['the API alone (the stage has no execution-log group to list)', {}],
  ])('answers from the access log given %s, and says execution logging is off', async (_, query) => {
    const diagnosis = await diagnoseIn(executionLoggingOff, query);

    expect(diagnosis.request).toMatchObject({ stage: 'prod', status: 401, httpMethod: 'GET' });
    expect(diagnosis.verdict.cause).toBe('identity-source-missing');
    expect(diagnosis.verdict.confidence).not.toBe('high');
    expect(diagnosis.verdict.sources['execution-log']).toEqual({
      read: 'not-configured',
      reason: { id: 'source.reason.stage-logging-off', params: { stage: 'prod' } },
    });
    expect(diagnosis.unread.map(english.t)).toEqual([
      'Execution logging is off on stage prod, so its execution log holds no request to search. Turn it on (INFO, with data tracing) and reproduce the call: ' +
        `aws apigateway update-stage --rest-api-id ${ORDERS} --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO op=replace,path=/*/*/logging/dataTrace,value=true --region ${SANDBOX_REGION}`,
    ]);
  });

  it('lists the stages GetStages names even when GetStages is the only listing that has them', async () => {
    const diagnosis = await diagnoseIn((world) => {
      executionLoggingOff(world);
      delete world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/staging`];
    });

    expect([...diagnosis.search.logGroups].sort()).toEqual([
      `API-Gateway-Execution-Logs_${ORDERS}/prod`,
      `API-Gateway-Execution-Logs_${ORDERS}/staging`,
    ]);
    expect(diagnosis.verdict.cause).toBe('identity-source-missing');
  });
});

describe('diagnose: an access log in JSON with the owner’s own field names', () => {
  const format = (fields: Record<string, string>) => ({
    destinationArn: `arn:aws:logs:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:log-group:${ACCESS_GROUP}`,
    format: JSON.stringify(fields),
  });

  it('reads each field as the $context variable the format puts in it: a WAF block is waf-block, high', async () => {
    const diagnosis = await diagnoseIn(
      (world) => {
        world.restApis[ORDERS].stages.prod.accessLogSettings = format({
          rid: '$context.requestId',
          code: '$context.status',
          why: '$context.error.responseType',
          verb: '$context.httpMethod',
        });
        accessRecord(world, { rid: REQUEST, code: '403', why: 'WAF_FILTERED', verb: 'POST' });
      },
      { stage: 'prod' },
    );

    expect(diagnosis.verdict).toMatchObject({ cause: 'waf-block', confidence: 'high' });
    expect(diagnosis.request).toMatchObject({ httpMethod: 'POST', status: 403 });
  });

  it('reads a nested format, and a field whose name looks like another fact as the variable it holds', async () => {
    const diagnosis = await diagnoseIn(
      (world) => {
        Object.assign(world.restApis[ORDERS].restApi, {
          endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0aaa1111'] },
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 'execute-api:Invoke',
                Resource: 'execute-api:/*',
                Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0aaa1111' } },
              },
              { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
            ],
          }).replace(/["/]/g, '\\$&'),
        });
        world.restApis[ORDERS].stages.prod.accessLogSettings = {
          ...format({}),
          format: JSON.stringify({
            id: '$context.requestId',
            // "status" holds the authorizer's status here, not the response's.
            status: '$context.authorizer.status',
            response: { code: '$context.status', kind: '$context.error.responseType' },
            caller: { vpce: '$context.identity.vpceId', from: '$context.identity.sourceIp' },
            message: '$context.error.message',
          }),
        };
        accessRecord(world, {
          id: REQUEST,
          status: '-',
          response: { code: '403', kind: 'ACCESS_DENIED' },
          caller: { vpce: 'vpce-0bbb2222', from: '10.0.3.7' },
          message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}/prod/GET/orders/1 with an explicit deny`,
        });
      },
      { stage: 'prod' },
    );

    expect(diagnosis.request.status).toBe(403);
    expect(diagnosis.verdict.cause).toBe('private-api-vpce-deny');
    expect(english.t(diagnosis.verdict.summary)).toContain('vpce-0bbb2222');
  });
});

describe("diagnose: a request the logs no longer keep (older than the group's retention)", () => {
  const absent = '0a0b0c0d-1e1f-4a2b-8c3d-4e5f60718293';
  const group = `API-Gateway-Execution-Logs_${ORDERS}/prod`;

  it.each([
    ['a week, searched over a month: not high, and says since when events are kept', 7, '30d', false],
    ['a year, searched over a month: the whole window was read', 365, '30d', true],
  ])('retention of %s', async (_what, days, since, high) => {
    const diagnosis = await diagnoseIn(
      (world) => {
        world.retentionDays = { [group]: days };
        world.restApis[ORDERS].stages.prod.accessLogSettings = undefined;
      },
      { stage: 'prod', since, requestId: absent },
    );

    expect(diagnosis.verdict.cause).toBe('not-found-in-logs');
    expect(diagnosis.verdict.confidence === 'high').toBe(high);
    expect(diagnosis.unread.map(english.t).join('\n').includes(`${group} keeps events for 7 days`)).toBe(
      !high,
    );
  });
});
