import nock from 'nock';
import { createServer, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClientPool } from '../../src/aws/clients';
import { AwsCredentialsError, AwsUnavailableError, explainAwsError } from '../../src/aws/errors';
import { rejectionOf } from '../support/failures';

const REGION = 'eu-west-1';
const API_ID = 'abc1234567';
const GROUP = `API-Gateway-Execution-Logs_${API_ID}/prod`;
const ROLE_ARN = 'arn:aws:iam::210987654321:role/why403-reader';
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

/** Sets (or, for undefined, removes) environment variables until the returned function puts them back. */
function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  return () => apply(saved);
}

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function record(scope: nock.Scope): Seen[] {
  const seen: Seen[] = [];
  scope.on('request', (req: ClientRequest & { headers: Record<string, string> }, _i, body: string) =>
    seen.push({ method: req.method, path: req.path, headers: req.headers, body }),
  );
  return seen;
}

/** One FilterLogEvents page with one event and no nextToken. */
function logsAnswer(scope: nock.Scope): nock.Scope {
  return scope
    .post('/')
    .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
    .reply(
      200,
      {
        events: [
          {
            logStreamName: 's',
            timestamp: 1_700_000_000_000,
            ingestionTime: 1_700_000_000_100,
            eventId: '1',
            message: 'hit',
          },
        ],
        searchedLogStreams: [],
      },
      JSON_11,
    );
}

function accountAnswer(scope: nock.Scope): nock.Scope {
  return scope.get('/account').reply(200, { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-logs' });
}

const filter = {
  logGroup: GROUP,
  pattern: '"cf101403-4a17-11e7-935f-35dfc4618b7d"',
  start: 1_700_000_000_000,
  end: 1_700_000_600_000,
  pageBudget: 1,
};

/** The access key id and the credential scope (date/region/service) of a SigV4 Authorization header. */
function signedWith(headers: Record<string, string>): {
  accessKeyId: string;
  region: string;
  service: string;
} {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(headers.authorization);
  if (!match) throw new Error(`not a SigV4 Authorization header: ${headers.authorization}`);
  return { accessKeyId: match[1], region: match[2], service: match[3] };
}

describe('AwsClientPool.forTarget', () => {
  it('keeps one access per role and region', async () => {
    const pool = new AwsClientPool();

    const euA = await pool.forTarget({ region: REGION });
    const euB = await pool.forTarget({ region: REGION });
    const us = await pool.forTarget({ region: 'us-west-2' });
    const role = await pool.forTarget({ region: REGION, roleArn: ROLE_ARN, externalId: 'why403-ext' });

    expect(euB).toBe(euA);
    expect(us).not.toBe(euA);
    expect(role).not.toBe(euA);
    expect([euA.key, us.key, role.key]).toEqual([
      `default|${REGION}`,
      'default|us-west-2',
      `${ROLE_ARN}|${REGION}`,
    ]);
    expect([euA.region, us.region, role.region]).toEqual([REGION, 'us-west-2', REGION]);
  });

  it('coalesces concurrent requests for the same target into one access', async () => {
    const pool = new AwsClientPool();
    const [a, b] = await Promise.all([
      pool.forTarget({ region: REGION }),
      pool.forTarget({ region: REGION }),
    ]);
    expect(a).toBe(b);
  });

  it('uses the regional public endpoints and the default credentials, signed for the region', async () => {
    const logs = record(logsAnswer(nock(`https://logs.${REGION}.amazonaws.com`)));
    const apigw = record(accountAnswer(nock(`https://apigateway.${REGION}.amazonaws.com`)));
    const access = await new AwsClientPool().forTarget({ region: REGION });

    const result = await access.logs.filterEvents(filter);
    await access.restApi.getAccount();

    expect(result.events.map((e) => e.message)).toEqual(['hit']);
    expect(signedWith(logs[0].headers)).toEqual({
      accessKeyId: 'AKIDTESTTESTTESTTEST',
      region: REGION,
      service: 'logs',
    });
    expect(signedWith(apigw[0].headers)).toEqual({
      accessKeyId: 'AKIDTESTTESTTESTTEST',
      region: REGION,
      service: 'apigateway',
    });
  });

  describe('resolves what the target leaves open the SDK way', () => {
    let restore: (() => void) | undefined;
    afterEach(() => {
      restore?.();
      restore = undefined;
    });

    it('takes the region from AWS_REGION', async () => {
      restore = setEnv({ AWS_REGION: 'ap-southeast-2' });
      const logs = record(logsAnswer(nock('https://logs.ap-southeast-2.amazonaws.com')));
      const apigw = record(accountAnswer(nock('https://apigateway.ap-southeast-2.amazonaws.com')));

      const access = await new AwsClientPool().forTarget({});
      await access.logs.filterEvents(filter);
      await access.restApi.getAccount();

      expect(access.region).toBe('ap-southeast-2');
      expect(access.key).toBe('default|default');
      expect(signedWith(logs[0].headers).region).toBe('ap-southeast-2');
      expect(signedWith(apigw[0].headers).region).toBe('ap-southeast-2');
    });

    it('honours AWS_ENDPOINT_URL_CLOUDWATCH_LOGS and AWS_ENDPOINT_URL_API_GATEWAY', async () => {
      restore = setEnv({
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://logs.sandbox.test',
        AWS_ENDPOINT_URL_API_GATEWAY: 'https://apigateway.sandbox.test',
      });
      const logs = record(logsAnswer(nock('https://logs.sandbox.test')));
      const apigw = record(accountAnswer(nock('https://apigateway.sandbox.test')));

      const access = await new AwsClientPool().forTarget({ region: REGION });
      const result = await access.logs.filterEvents(filter);
      const account = await access.restApi.getAccount();

      expect(result.events).toHaveLength(1);
      expect(account.cloudwatchRoleArn).toBe('arn:aws:iam::123456789012:role/apigw-logs');
      expect(JSON.parse(logs[0].body)).toMatchObject({ logGroupName: GROUP });
      expect(signedWith(logs[0].headers)).toMatchObject({ region: REGION, service: 'logs' });
      expect(apigw.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /account']);
    });

    it('honours the global AWS_ENDPOINT_URL for both services', async () => {
      restore = setEnv({ AWS_ENDPOINT_URL: 'https://aws.sandbox.test' });
      const scope = accountAnswer(logsAnswer(nock('https://aws.sandbox.test')));
      const seen = record(scope);

      const access = await new AwsClientPool().forTarget({ region: REGION });
      await access.logs.filterEvents(filter);
      await access.restApi.getAccount();

      expect(seen.map((s) => [s.method, s.path, signedWith(s.headers).service])).toEqual([
        ['POST', '/', 'logs'],
        ['GET', '/account', 'apigateway'],
      ]);
    });

    it('a missing region is a credentials error, and the failure is not kept', async () => {
      restore = setEnv({
        AWS_REGION: undefined,
        AWS_DEFAULT_REGION: undefined,
        AWS_CONFIG_FILE: '/nonexistent/why403-test/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/why403-test/credentials',
      });
      const pool = new AwsClientPool();

      const error = await rejectionOf<AwsCredentialsError>(pool.forTarget({}));

      expect(error).toBeInstanceOf(AwsCredentialsError);
      expect(error.message).toMatch(/^no usable AWS credentials or region: .*Region is missing/);
      expect(error.resource).toBe('AWS_REGION');

      process.env.AWS_REGION = 'eu-central-1';
      await expect(pool.forTarget({})).resolves.toMatchObject({
        region: 'eu-central-1',
        key: 'default|default',
      });
    });
  });

  it('sends everything to the sandbox endpoint with its fake credentials', async () => {
    const sandbox = 'http://127.0.0.1:45901';
    const seen = record(accountAnswer(logsAnswer(nock(sandbox))));
    const pool = new AwsClientPool({
      endpoint: sandbox,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
    });

    const access = await pool.forTarget({ region: REGION });
    await access.logs.filterEvents(filter);
    await access.restApi.getAccount();

    expect(seen.map((s) => [s.method, s.path, s.headers['x-amz-target']])).toEqual([
      ['POST', '/', 'Logs_20140328.FilterLogEvents'],
      ['GET', '/account', undefined],
    ]);
    expect(seen.map((s) => signedWith(s.headers).accessKeyId)).toEqual([
      'SANDBOXACCESSKEY',
      'SANDBOXACCESSKEY',
    ]);
  });

  it('assumes the target role once through regional STS and signs both services with it', async () => {
    const sts = nock(`https://sts.${REGION}.amazonaws.com`)
      .persist()
      .post('/')
      .reply(
        200,
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>AROAEXAMPLEEXAMPLE123:why403</AssumedRoleId>
      <Arn>arn:aws:sts::210987654321:assumed-role/why403-reader/why403</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLEASSUMED01</AccessKeyId>
      <SecretAccessKey>assumed-secret</SecretAccessKey>
      <SessionToken>assumed-session-token</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`,
        { 'content-type': 'text/xml' },
      );
    const stsSeen = record(sts);
    const logs = record(logsAnswer(nock(`https://logs.${REGION}.amazonaws.com`)));
    const apigw = record(accountAnswer(nock(`https://apigateway.${REGION}.amazonaws.com`)));

    const access = await new AwsClientPool().forTarget({
      region: REGION,
      roleArn: ROLE_ARN,
      externalId: 'why403-ext',
    });
    await access.logs.filterEvents(filter);
    await access.restApi.getAccount();

    const form = new URLSearchParams(stsSeen[0].body);
    expect(Object.fromEntries(form)).toMatchObject({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: ROLE_ARN,
      ExternalId: 'why403-ext',
      RoleSessionName: 'why403',
      DurationSeconds: '900',
    });
    expect(signedWith(stsSeen[0].headers)).toEqual({
      accessKeyId: 'AKIDTESTTESTTESTTEST',
      region: REGION,
      service: 'sts',
    });
    for (const request of [logs[0], apigw[0]]) {
      expect(signedWith(request.headers).accessKeyId).toBe('ASIAEXAMPLEASSUMED01');
      expect(request.headers['x-amz-security-token']).toBe('assumed-session-token');
    }
    // One role, one provider: the CloudWatch Logs and the API Gateway client share one AssumeRole.
    expect(stsSeen.length).toBe(1);
  });

  it('retries a hanging endpoint after requestTimeoutMs, then names the call that did not answer', async () => {
    // A real loopback server that accepts the request and never answers.
    let requests = 0;
    const server = createServer(() => void requests++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let guard: NodeJS.Timeout | undefined;
    try {
      const pool = new AwsClientPool({
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
        requestTimeoutMs: 100,
        retry: { attempts: 2, sleep: async () => undefined },
      });
      const access = await pool.forTarget({ region: REGION });

      // The guard only keeps a hanging request from hanging the test run; it is 20 times the configured timeout.
      const outcome = await Promise.race([
        access.restApi.getAccount().then(
          () => 'answered',
          (e: unknown) => e,
        ),
        new Promise((resolve) => (guard = setTimeout(() => resolve('still waiting for an answer'), 2_000))),
      ]);

      expect(outcome).toBeInstanceOf(AwsUnavailableError);
      expect((outcome as AwsUnavailableError).detail).toMatchObject({ reason: 'timed-out', attempts: 2 });
      expect(explainAwsError(outcome as Error).message).toBe(
        'API Gateway GetAccount did not answer in time after 2 attempts',
      );
      expect(requests).toBe(2);
    } finally {
      clearTimeout(guard);
      warn.mockRestore();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
