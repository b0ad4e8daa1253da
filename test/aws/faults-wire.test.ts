import nock from 'nock';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { STSClient } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { AwsClientPool } from '../../src/aws/clients';
import { IdentityReader } from '../../src/aws/iam';
import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsMalformedResponseError,
  AwsUnavailableError,
  explainAwsError,
} from '../../src/aws/errors';
import type { RetryPolicy } from '../../src/aws/retry';
import { rejectionOf } from '../support/failures';

/**
 * The AWS adapters against answers AWS may send and answers that are not AWS's, through the real SDK: fields of the
 * wrong type, `null` in lists, paging tokens that never end, credentials refused, a role that may not be assumed,
 * Retry-After, and a body that stalls after its headers. Each ends in one error naming the call and what to do.
 */

const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const API_ID = 'abc1234567';
const API_ARN = `arn:aws:apigateway:${REGION}::/restapis/${API_ID}`;
const GROUP = `API-Gateway-Execution-Logs_${API_ID}/prod`;
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };
const FILTER = {
  logGroup: GROUP,
  pattern: '"x"',
  start: 1_700_000_000_000,
  end: 1_700_000_060_000,
  pageBudget: 5,
};

function pool(
  retry: Partial<RetryPolicy> = {},
  options: { endpoint?: string; requestTimeoutMs?: number } = {},
) {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const aws = new AwsClientPool({
    retry: { sleep, random: () => 0, ...retry },
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'AKIDHOSTILE', secretAccessKey: 'hostile-secret' },
        }
      : {}),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  return { waits, access: () => aws.forTarget({ region: REGION }) };
}

function logsReply(operation: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  return nock(LOGS)
    .post('/')
    .matchHeader('x-amz-target', `Logs_20140328.${operation}`)
    .reply(status, typeof body === 'string' ? body : JSON.stringify(body), { ...JSON_11, ...headers });
}

describe('answers whose fields are not of the types AWS sends', () => {
  it.each<[string, string, unknown, string]>([
    ['FilterLogEvents', 'a null event', { events: [null] }, '"events[0]" is not an object'],
    [
      'FilterLogEvents',
      'a number for a message',
      { events: [{ timestamp: 1, message: 7 }] },
      '"events[0].message" is not a string',
    ],
    [
      'FilterLogEvents',
      'a number for nextToken',
      { events: [], nextToken: 5 },
      '"nextToken" is not a string',
    ],
    [
      'DescribeLogGroups',
      'a number for a group name',
      { logGroups: [{ logGroupName: 5 }] },
      '"logGroups[0].logGroupName" is not a string',
    ],
    ['GetQueryResults', 'a null row', { status: 'Complete', results: [null] }, '"results[0]" is not a list'],
    [
      'GetQueryResults',
      'a number for a value',
      { status: 'Complete', results: [[{ field: '@message', value: 5 }]] },
      '"results[0][0].value" is not a string',
    ],
    [
      'GetQueryResults',
      'statistics as text',
      { status: 'Complete', results: [], statistics: '1 GB' },
      '"statistics" is not an object',
    ],
  ])('%s with %s is malformed, named by its field', async (operation, _what, body, problem) => {
    logsReply(operation, 200, body);
    const { logs } = await pool().access();
    const read = {
      FilterLogEvents: () => logs.filterEvents(FILTER),
      DescribeLogGroups: () => logs.logGroupNames('API-Gateway-Execution-Logs_'),
      GetQueryResults: () => logs.queryResults('q-1'),
    }[operation] as () => Promise<unknown>;

    const error = await rejectionOf<AwsMalformedResponseError>(read());

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.problem).toBe(problem);
  });

  it.each<[string, string, string, unknown, string]>([
    [
      'GetRestApi',
      'a policy object',
      `/restapis/${API_ID}`,
      { id: API_ID, policy: { Version: '2012-10-17' } },
      '"policy" is not a string',
    ],
    [
      'GetRestApi',
      'endpoint types as text',
      `/restapis/${API_ID}`,
      { id: API_ID, endpointConfiguration: { types: 'PRIVATE' } },
      '"endpointConfiguration.types" is not a list',
    ],
    [
      'GetAuthorizers',
      'a TTL as text',
      `/restapis/${API_ID}/authorizers`,
      { item: [{ id: 'a1', authorizerResultTtlInSeconds: '300' }] },
      '"item[0].authorizerResultTtlInSeconds" is not a number',
    ],
    [
      'GetResources',
      'a null method',
      `/restapis/${API_ID}/resources`,
      { item: [{ id: 'r1', path: '/', resourceMethods: { GET: null } }] },
      '"item[0].resourceMethods.GET" is not an object',
    ],
    [
      'GetStage',
      'an access log as text',
      `/restapis/${API_ID}/stages/prod`,
      { stageName: 'prod', accessLogSettings: 'on' },
      '"accessLogSettings" is not an object',
    ],
    [
      'GetAccount',
      'a role ARN as a number',
      '/account',
      { cloudwatchRoleArn: 5 },
      '"cloudwatchRoleArn" is not a string',
    ],
  ])('%s with %s is malformed, named by its field', async (operation, _what, path, body, problem) => {
    nock(APIGW)
      .get(path)
      .query(true)
      .reply(200, body as nock.Body);
    const { restApi } = await pool().access();
    const read = {
      GetRestApi: () => restApi.getRestApi(API_ID),
      GetAuthorizers: () => restApi.getAuthorizers(API_ID),
      GetResources: () => restApi.getResources(API_ID),
      GetStage: () => restApi.getStage(API_ID, 'prod'),
      GetAccount: () => restApi.getAccount(),
    }[operation] as () => Promise<unknown>;

    const error = await rejectionOf<AwsMalformedResponseError>(read());

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.message).toBe(
      `API Gateway ${operation} returned a malformed response (HTTP 200: ${problem}) for arn:aws:apigateway:${REGION}::${path}`,
    );
  });

  it('a TestInvokeAuthorizer policy that is an object, not the JSON text AWS sends, is malformed', async () => {
    nock(APIGW)
      .post(`/restapis/${API_ID}/authorizers/a1`)
      .reply(200, { clientStatus: 0, policy: { Version: '2012-10-17', Statement: [] } });
    const { restApi } = await pool().access();

    const error = await rejectionOf<AwsMalformedResponseError>(
      restApi.testInvokeAuthorizer(API_ID, 'a1', {}),
    );

    expect(error.problem).toBe('"policy" is not a string');
  });

  it.each<[string, unknown, string]>([
    ['JSON that is not OpenAPI', { message: 'Service Unavailable' }, 'no "paths"'],
    ['no version', { paths: {} }, 'no "openapi" or "swagger" version'],
    [
      'a route that is not an object',
      { openapi: '3.0.1', paths: { '/orders': [] } },
      '"paths./orders" is not an object',
    ],
    [
      'an operation that is not an object',
      { openapi: '3.0.1', paths: { '/orders': { get: true } } },
      '"paths./orders.get" is not an object',
    ],
    [
      'security that is not a list',
      { openapi: '3.0.1', paths: { '/orders': { get: { security: 'jwt' } } } },
      '"paths./orders.get.security" is not a list',
    ],
  ])('GetExport with %s is malformed: it is not what the stage runs', async (_what, document, problem) => {
    nock(APIGW)
      .get(`/restapis/${API_ID}/stages/prod/exports/oas30`)
      .query(true)
      .reply(200, JSON.stringify(document), { 'content-type': 'application/json' });
    const { restApi } = await pool().access();

    const error = await rejectionOf<AwsMalformedResponseError>(restApi.getStageExport(API_ID, 'prod'));

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.problem).toBe(problem);
  });
});

describe('paging tokens that never end', () => {
  it('a GetAuthorizers position that comes back again stops at the second page', async () => {
    const scope = nock(APIGW)
      .get(`/restapis/${API_ID}/authorizers`)
      .query(true)
      .times(2)
      .reply(200, { item: [{ id: 'a1' }], position: 'P1' });
    const { restApi } = await pool().access();

    const error = await rejectionOf<AwsMalformedResponseError>(restApi.getAuthorizers(API_ID));

    expect(error.message).toBe(
      `API Gateway GetAuthorizers returned a malformed response (HTTP 200: "position" came back again: the listing would never end) for ${API_ARN}/authorizers`,
    );
    expect(scope.isDone()).toBe(true);
  });

  it('new GetRestApis positions on empty pages stop after ten pages', async () => {
    let page = 0;
    nock(APIGW)
      .get('/restapis')
      .query(true)
      .times(10)
      .reply(() => [200, { item: [], position: `P${page++}` }]);
    const { restApi } = await pool().access();

    const error = await rejectionOf<AwsMalformedResponseError>(restApi.getRestApis());

    expect(error.problem).toBe('"position" kept coming on 10 empty pages in a row');
    expect(page).toBe(10);
  });

  it('a SimulatePrincipalPolicy Marker that comes back again stops at the second page', async () => {
    const truncated = `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <SimulatePrincipalPolicyResult><IsTruncated>true</IsTruncated><Marker>M1</Marker><EvaluationResults/></SimulatePrincipalPolicyResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;
    nock('https://iam.amazonaws.com')
      .post('/')
      .times(2)
      .reply(200, truncated, { 'content-type': 'text/xml' });
    const reader = new IdentityReader(
      new STSClient({ region: REGION }),
      new IAMClient({ region: REGION, maxAttempts: 1 }),
    );

    const error = await rejectionOf<AwsMalformedResponseError>(
      reader.simulate('arn:aws:iam::123456789012:role/why403', ['logs:FilterLogEvents'], ['*']),
    );

    expect(error.problem).toBe('"Marker" came back again: the listing would never end');
  });
});

describe('credentials AWS refuses are not permissions to grant', () => {
  const EXPIRED = 'The security token included in the request is expired';

  it.each<[string, string, number]>([
    ['CloudWatch Logs', 'ExpiredTokenException', 400],
    ['CloudWatch Logs', 'UnrecognizedClientException', 400],
    ['CloudWatch Logs', 'InvalidSignatureException', 400],
    ['API Gateway', 'ExpiredTokenException', 403],
    ['API Gateway', 'UnrecognizedClientException', 403],
  ])('%s answering %s: one line saying to refresh them', async (service, type, status) => {
    if (service === 'API Gateway')
      nock(APIGW).get('/account').reply(status, { message: EXPIRED }, { 'x-amzn-errortype': type });
    else logsReply('DescribeLogGroups', status, { __type: type, message: EXPIRED });
    const access = await pool().access();

    const error = await rejectionOf<AwsCredentialsError>(
      service === 'API Gateway' ? access.restApi.getAccount() : access.logs.logGroupNames('x'),
    );

    expect(error).toBeInstanceOf(AwsCredentialsError);
    const operation = service === 'API Gateway' ? 'GetAccount' : 'DescribeLogGroups';
    expect(explainAwsError(error)).toEqual({
      message: `AWS refused the credentials why403 used for ${service} ${operation} (${type}: ${EXPIRED}): refresh them (aws sso login, a new session token, the profile's keys) and try again`,
      hint: 'check which identity the environment and AWS_PROFILE select: aws sts get-caller-identity',
    });
  });

  it('an AccessDeniedException is still a permission to grant', async () => {
    nock(APIGW)
      .get('/account')
      .reply(403, { message: 'no' }, { 'x-amzn-errortype': 'AccessDeniedException' });
    const { restApi } = await pool().access();

    const error = await rejectionOf<AwsAccessDeniedError>(restApi.getAccount());

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.action).toBe('apigateway:GET');
  });

  it('a role that may not be assumed names sts:AssumeRole on the role, not the call', async () => {
    const role = 'arn:aws:iam::210987654321:role/why403-reader';
    nock(`https://sts.${REGION}.amazonaws.com`)
      .post('/')
      .reply(
        403,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/bot is not authorized to perform: sts:AssumeRole on resource: ${role}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
        { 'content-type': 'text/xml' },
      );
    const access = await new AwsClientPool({ retry: { sleep: async () => undefined } }).forTarget({
      region: REGION,
      roleArn: role,
    });

    const error = await rejectionOf<AwsAccessDeniedError>(access.restApi.getAccount());

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(explainAwsError(error)).toEqual({
      message: `AWS denied sts:AssumeRole on ${role}`,
      hint: "the role's trust policy must trust the identity why403 runs as (with the external id, when the configuration gives one), and that identity must be allowed sts:AssumeRole on it",
    });
  });
});

describe('Retry-After', () => {
  it('waits as long as a throttled answer asks, not the shorter backoff', async () => {
    nock(APIGW)
      .get('/account')
      .reply(
        429,
        { message: 'Too Many Requests' },
        { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '3' },
      )
      .get('/account')
      .reply(200, { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw' });
    const { waits, access } = pool();

    await (await access()).restApi.getAccount();

    expect(waits).toEqual([3000]);
  });

  it('honours Retry-After on a 429 from CloudWatch Logs too', async () => {
    logsReply('FilterLogEvents', 429, '', { 'retry-after': '2' });
    logsReply('FilterLogEvents', 200, { events: [] });
    const { waits, access } = pool();

    await (await access()).logs.filterEvents(FILTER);

    expect(waits).toEqual([2000]);
  });

  it('gives up at once when asked to wait longer than it waits, and says so', async () => {
    nock(APIGW)
      .get('/account')
      .reply(
        429,
        { message: 'Too Many Requests' },
        { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '60' },
      );
    const { waits, access } = pool();

    const error = await rejectionOf<AwsUnavailableError>((await access()).restApi.getAccount());

    expect(waits).toEqual([]);
    expect(explainAwsError(error).message).toBe(
      'API Gateway GetAccount was still throttled (TooManyRequestsException) after 1 attempt, and AWS asked to wait 60 s before another try, longer than why403 waits',
    );
  });
});

describe('a body that stalls after its headers', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let stalls = 0;

  beforeEach(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, JSON_11);
        if (stalls-- > 0) res.write('{"events": [');
        else res.end(JSON.stringify({ events: [{ timestamp: 1, message: 'line', logStreamName: 's' }] }));
      });
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  function endpoint(): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('is given up after the request timeout and tried again', async () => {
    stalls = 1;
    const { access } = pool({}, { endpoint: endpoint(), requestTimeoutMs: 100 });

    const result = await (await access()).logs.filterEvents(FILTER);

    expect(result.events.map((e) => e.message)).toEqual(['line']);
  });

  it('that stalls on every try is named a time-out, not a malformed answer', async () => {
    stalls = 2;
    const { access } = pool({ attempts: 2 }, { endpoint: endpoint(), requestTimeoutMs: 100 });

    const error = await rejectionOf<AwsUnavailableError>((await access()).logs.filterEvents(FILTER));

    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error.detail).toMatchObject({ reason: 'timed-out', attempts: 2 });
  });
});
