import nock from 'nock';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { runReplay } from '../../src/replay/run';
import { SealedIdentity } from '../../src/replay/sealed';
import { english } from '../../src/render/localize';
import { InputError } from '../../src/errors';
import { rejectionOf } from '../support/failures';
import { REGION, apiGateway, filterLogEvents } from '../support/aws-wire';

/**
 * The replay engine through the real SDK against nock, in the wire formats (aws-wire.md): the failed request's
 * trace (FilterLogEvents), the API's configuration (GetRestApi, GetAuthorizers, GetResources, GetStage) and
 * TestInvokeAuthorizer. A REQUEST authorizer reads a header and a query string; the test invoke's log and answer
 * echo both values in places the generic redaction does not look, and none of them may survive.
 */

const LOGS = `https://logs.${REGION}.amazonaws.com`;
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const API = 'r3p1a2y3x4';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const FAILED = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const ARN = `arn:aws:execute-api:${REGION}:123456789012:${API}`;
const FUNCTION = `arn:aws:lambda:${REGION}:123456789012:function:reports-authorizer`;
const LAMBDA = `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/${FUNCTION}/invocations`;
/** Identity values no generic rule would recognise as secrets. */
const TENANT = 'acme-tenant-7781';
const QUERY_TOKEN = 'q7Hk2mPz9Lw';

const AUTHORIZER = {
  id: 'req123',
  name: 'reports-request',
  type: 'REQUEST',
  authType: 'custom',
  authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`,
  identitySource: 'method.request.header.X-Tenant, method.request.querystring.token',
  authorizerResultTtlInSeconds: 300,
};

function service(): Why403Service {
  return new Why403Service({
    config: {
      ...DEFAULT_CONFIG,
      region: REGION,
      search: { ...DEFAULT_CONFIG.search, filterLogEventsPerSecond: 50 },
    },
    now: () => NOW,
    aws: { retry: { sleep: async () => undefined } },
  });
}

function allow(resource: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
  };
}

/** The failed request: the authorizer's policy allowed GET /reports, not GET /reports/7. */
function failedRequest(): void {
  const messages = [
    'Extended Request Id: Rq1aBcDeFgHiJkL=',
    `Starting authorizer: req123 for request: ${FAILED}`,
    `Endpoint request URI: ${LAMBDA}`,
    `Endpoint request body after transformations: {"type":"REQUEST","methodArn":"${ARN}/prod/GET/reports/7","resource":"/reports/{id}","path":"/reports/7","httpMethod":"GET"}`,
    `Sending request to ${LAMBDA}`,
    `Authorizer result body before parsing: ${JSON.stringify({ principalId: 'u-1', policyDocument: allow(`${ARN}/prod/GET/reports`) })}`,
    'Using valid authorizer policy for principal: u-1',
    'Successfully completed authorizer execution',
    'The client is not authorized to perform this operation.',
  ];
  filterLogEvents(GROUP, {
    events: messages.map((message, i) => ({
      timestamp: NOW - 60_000 + i,
      message: `(${FAILED}) ${message}`,
    })),
  });
}

/** The four configuration reads every diagnosis makes, and quiet answers for whatever else it may read. */
function configuration(policy?: string): void {
  apiGateway(`/restapis/${API}`, {
    id: API,
    name: 'reports',
    createdDate: 1_767_225_600,
    endpointConfiguration: { types: ['REGIONAL'] },
    ...(policy ? { policy } : {}),
  });
  apiGateway(`/restapis/${API}/authorizers`, { item: [AUTHORIZER] }, { limit: '500' });
  apiGateway(
    `/restapis/${API}/resources`,
    {
      item: [
        {
          id: 'rep001',
          path: '/reports/{id}',
          resourceMethods: {
            GET: { httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'req123' },
          },
        },
      ],
    },
    { embed: 'methods', limit: '500' },
  );
  apiGateway(`/restapis/${API}/stages/prod`, {
    stageName: 'prod',
    deploymentId: 'dep1',
    createdDate: 1_767_225_600,
    methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    variables: { env: 'prod' },
  });
  // Reads a diagnosis may add (the authorizer function's log, the deployed stage): answered, not required.
  nock(APIGW)
    .persist()
    .get(/.*/)
    .optionally()
    .reply(404, { message: 'not in this fixture' }, { 'x-amzn-errortype': 'NotFoundException' });
  nock(LOGS).persist().post('/').optionally().reply(200, { events: [], searchedLogStreams: [] });
}

/** The test invoke's answer, echoing the identity the way AWS's log and a careless authorizer do. */
function testInvoke(answer: { policy?: string; clientStatus?: number }, sent: unknown[]): void {
  const time = 'Tue Nov 24 10:00:01 UTC 2026';
  const log = [
    'Execution log for request test-invoke-request',
    `${time} : Starting authorizer: req123 for request: test-invoke-request`,
    `${time} : Incoming identity: ${TENANT},${QUERY_TOKEN}`,
    `${time} : Endpoint request URI: ${LAMBDA}`,
    `${time} : Endpoint request headers: {X-Tenant=${TENANT}}`,
    `${time} : Endpoint request body after transformations: {"type":"REQUEST","methodArn":"${ARN}/ESTestInvoke-stage/GET/","headers":{"X-Tenant":"${TENANT}"},"queryStringParameters":{"token":"${QUERY_TOKEN}"}}`,
    `${time} : Sending request to ${LAMBDA}`,
    `${time} : Authorizer result body before parsing: {"principalId":"${TENANT}","policyDocument":${answer.policy ?? 'null'},"context":{"plan":"gold"}}`,
    `${time} : Endpoint response body before transformations: {"note":"tenant ${TENANT} seen with token ${encodeURIComponent(QUERY_TOKEN)}"}`,
    `${time} : Successfully completed authorizer execution`,
  ].join('\n');
  nock(APIGW)
    .post(`/restapis/${API}/authorizers/req123`, (body) => {
      sent.push(body);
      return true;
    })
    .reply(200, {
      clientStatus: answer.clientStatus ?? 0,
      log,
      latency: 64,
      principalId: TENANT,
      ...(answer.policy ? { policy: answer.policy } : {}),
    });
}

const IDENTITY = () => SealedIdentity.named({ 'X-Tenant': TENANT, token: QUERY_TOKEN });

function expectScrubbed(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toContain(TENANT);
  expect(text).not.toContain(QUERY_TOKEN);
}

describe('runReplay: a REQUEST authorizer through TestInvokeAuthorizer', () => {
  it('puts each identity source where the authorizer reads it, and judges the fixed policy against the real ARN', async () => {
    failedRequest();
    configuration();
    const sent: unknown[] = [];
    testInvoke({ policy: JSON.stringify(allow(`${ARN}/*/GET/reports/*`)) }, sent);

    const replay = await runReplay(service(), {
      query: { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      identity: IDENTITY(),
    });

    expect(sent).toEqual([
      {
        headers: { 'X-Tenant': TENANT },
        multiValueHeaders: { 'X-Tenant': [TENANT] },
        pathWithQueryString: `/reports/7?token=${QUERY_TOKEN}`,
        stageVariables: { env: 'prod' },
      },
    ]);
    expect(replay.diagnosis.verdict.cause).toBe('authorizer-policy-not-covering-resource');
    expect(replay.target).toEqual({ restApiId: API, stage: 'prod', region: REGION, authorizerId: 'req123' });
    const { result } = replay;
    expect(result.outcome).toBe('allowed');
    expect(english.t(result.summary)).toBe('With this token the authorizer now allows GET /reports/7.');
    expect(result.request.methodArn).toBe(`${ARN}/prod/GET/reports/7`);
    expect(result.authorizer).toEqual({
      id: 'req123',
      name: 'reports-request',
      type: 'REQUEST',
      identitySources: ['method.request.header.X-Tenant', 'method.request.querystring.token'],
    });
    expect(result.latencyMs).toBe(64);
    expect(result.combined).toMatchObject({ decision: 'allow', phase: 'combined', table: 'A' });
    // Redaction, proven on the test invoke's own lines: the identity is gone, the context is masked.
    expect(result.principalId).toBe('[REDACTED]');
    expect(result.log).toEqual([
      'Authorizer result body before parsing: {"principalId":"[REDACTED]","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:r3p1a2y3x4/*/GET/reports/*"}]},"context":{"plan":"[REDACTED]"}}',
      'Endpoint response body before transformations: {"note":"tenant [REDACTED] seen with token [REDACTED]"}',
    ]);
    expectScrubbed(replay.result);
  });

  it('still denied: the first differing segment of the closest Allow', async () => {
    failedRequest();
    configuration();
    testInvoke({ policy: JSON.stringify(allow(`${ARN}/prod/GET/reports`)) }, []);

    const { result } = await runReplay(service(), {
      query: { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      identity: IDENTITY(),
    });

    expect(result.outcome).toBe('denied');
    expect(result.difference).toEqual({ segment: 'path', expected: 'reports', actual: 'reports/7' });
    expect(english.t(result.summary)).toBe(
      'With this token the authorizer still denies GET /reports/7: the closest Allow of its policy differs from the request at the path: “reports” ≠ “reports/7”.',
    );
    expectScrubbed(result);
  });

  it('an Allow the resource policy overrules: explicit deny before the authorizer, and what the answer depends on', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    }).replace(/["/]/g, '\\$&');
    failedRequest();
    configuration(policy);
    testInvoke({ policy: JSON.stringify(allow(`${ARN}/*/*`)) }, []);

    const { result } = await runReplay(service(), {
      query: { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      identity: IDENTITY(),
    });

    expect(result.outcome).toBe('denied');
    expect(result.combined).toMatchObject({
      decision: 'explicit-deny',
      phase: 'pre-check',
      undetermined: ['aws:SourceIp'],
    });
    expect(result.policies.map((p) => p.decision)).toEqual(['allow', 'explicit-deny']);
    expect(english.t(result.summary)).toMatch(/^With this token GET \/reports\/7 is still denied: /);
    expect(result.notes.map(english.t)).toContain(
      'The answer depends on aws:SourceIp, which the failed request’s evidence does not give; the most restrictive outcome is shown.',
    );
  });

  it('a policy API Gateway cannot use is a failure, as it would be for a real call (500)', async () => {
    failedRequest();
    configuration();
    testInvoke({ policy: '{"Statement": "nope"' }, []);

    const { result } = await runReplay(service(), {
      query: { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
      identity: IDENTITY(),
    });

    expect(result.outcome).toBe('failed');
    expect(english.t(result.summary)).toMatch(
      /^The authorizer failed \(the client would get 500\) for GET \/reports\/7: it returned a policy API Gateway cannot use/,
    );
  });

  it('a value missing for one identity source is refused before the authorizer runs', async () => {
    failedRequest();
    configuration();

    const error = await rejectionOf<InputError>(
      runReplay(service(), {
        query: { requestId: FAILED, restApiId: API, stage: 'prod', region: REGION },
        identity: SealedIdentity.named({ 'x-tenant': TENANT }),
      }),
    );

    expect(error).toBeInstanceOf(InputError);
    expect(english.t(error.problem)).toBe(
      'No value for the identity source method.request.querystring.token.',
    );
    expect(error.message).not.toContain(TENANT);
  });
});
