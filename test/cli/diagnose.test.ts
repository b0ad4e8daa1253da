import nock from 'nock';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { why403, scratchDir } from '../support/cli';
import {
  REGION,
  apiConfiguration,
  apiGateway,
  filterLogEvents,
  apiGatewayError,
  stageExport,
} from '../support/aws-wire';

const ID = '5a1d9c2e-7b3f-4e8a-a6d1-2f9e8c7b6a51';
const API = 'a1b2c3d4e5';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const ACCESS_GROUP = '/aws/apigateway/edge-access';
const SANDBOX_ORDERS = 'a1b2c3d4e5';
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

describe('CLI: why403 diagnose', () => {
  it('prints the verdict, the request and the configuration it used as JSON', async () => {
    apiConfiguration(API, 'prod', {});
    filterLogEvents(GROUP, {
      events: [
        { timestamp: Date.now() - 60_000, message: `(${ID}) Extended Request Id: Kp3xFhWQDoEEXeA=` },
        { timestamp: Date.now() - 59_999, message: `(${ID}) Unauthorized request: ${ID}` },
      ],
    });

    const run = await why403(['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--json']);

    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      cause: 'identity-source-missing',
      request: { requestId: ID, restApiId: API, stage: 'prod' },
      search: { found: true, foundIn: GROUP },
    });
    expect(json.config.stage).toMatchObject({ stageName: 'prod' });
    expect(run.stderr).toMatch(/Searching API-Gateway-Execution-Logs_a1b2c3d4e5\/prod/);
  });

  it('takes the API, stage and region from an invoke URL given to --api, and says so', async () => {
    apiConfiguration(API, 'prod', {});
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const url = `https://${API}.execute-api.${REGION}.amazonaws.com/prod/orders/17?x=1`;
    const run = await why403(['diagnose', `(${ID})`, '--api', url, '--json']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      request: { requestId: ID, restApiId: API, stage: 'prod' },
      search: { found: true, foundIn: GROUP },
    });
    expect(run.stderr).toContain(`From the invoke URL: --api ${API} --stage prod --region ${REGION}\n`);
  });

  it('says which IAM action is missing when AWS denies the configuration read', async () => {
    apiGatewayError(
      `/restapis/${API}`,
      403,
      'AccessDeniedException',
      'User: arn:aws:sts::1:assumed-role/x/y is not authorized to perform: apigateway:GET',
    );
    apiGatewayError(`/restapis/${API}/authorizers`, 403, 'AccessDeniedException', 'denied');
    apiGatewayError(`/restapis/${API}/resources`, 403, 'AccessDeniedException', 'denied');
    apiGatewayError(`/restapis/${API}/stages/prod`, 403, 'AccessDeniedException', 'denied');
    apiGatewayError(`/restapis/${API}/stages/prod/exports/oas30`, 403, 'AccessDeniedException', 'denied');
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const run = await why403(['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--json']);

    const json = JSON.parse(run.stdout);
    const restApiArn = `arn:aws:apigateway:${REGION}::/restapis/${API}`;
    expect(json.sources).toEqual({
      // One line of the trace, at a level only INFO writes: found, but not whole.
      'execution-log': { read: 'excerpt', level: 'INFO' },
      'access-log': { read: 'not-attempted' },
      'config:rest-api': { read: 'denied', action: 'apigateway:GET', resource: restApiArn },
      'config:authorizers': {
        read: 'denied',
        action: 'apigateway:GET',
        resource: `${restApiArn}/authorizers`,
      },
      'config:resources': { read: 'denied', action: 'apigateway:GET', resource: `${restApiArn}/resources` },
      'config:stage': { read: 'denied', action: 'apigateway:GET', resource: `${restApiArn}/stages/prod` },
      'config:deployment': {
        read: 'denied',
        action: 'apigateway:GET',
        resource: `${restApiArn}/stages/prod/exports/oas30`,
      },
    });
    expect(json.unread).toContain(
      `The API's configuration (resource policy, endpoint type) could not be read: AWS denied apigateway:GET on ${restApiArn}. Grant it to let why403 read it.`,
    );
  });

  it('says in the text what it could not read and what to grant', async () => {
    apiGateway(`/restapis/${API}`, { id: API, name: 'api', createdDate: 1_767_225_600 });
    apiGateway(`/restapis/${API}/authorizers`, { item: [] }, { limit: '500' });
    apiGateway(`/restapis/${API}/resources`, { item: [] }, { embed: 'methods', limit: '500' });
    apiGatewayError(`/restapis/${API}/stages/prod`, 403, 'AccessDeniedException', 'denied');
    stageExport(API, 'prod', { openapi: '3.0.1', info: { title: 'api', version: '1' }, paths: {} });
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const run = await why403(['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION]);

    expect(run.code).toBe(0);
    const section = run.stdout.split('\nCould not read\n')[1]?.split('\n\n')[0];
    expect(section).toBe(
      `  - The stage's configuration (logging, access log, WAF) could not be read: AWS denied apigateway:GET on arn:aws:apigateway:${REGION}::/restapis/${API}/stages/prod. Grant it to let why403 read it.`,
    );
    expect(run.stdout).toContain(`Found in ${GROUP}`);
  });

  it('rides out a throttling burst on the newest hour: found, and not partial', async () => {
    apiConfiguration(API, 'prod', {});
    for (let i = 0; i < 2; i++)
      filterLogEvents(GROUP, { error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const run = await why403(['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--json']);

    const json = JSON.parse(run.stdout);
    expect(json.search).toMatchObject({ found: true, foundIn: GROUP });
    expect(json.search.partial).toBeUndefined();
    expect(json.partial).toBeNull();
  });

  it('reads the access log when the execution log is silent: WAF_FILTERED is waf-block, high', async () => {
    const wafBlocked = () => {
      apiConfiguration(API, 'prod', {
        stage: {
          webAclArn: `arn:aws:wafv2:${REGION}:123456789012:regional/webacl/edge/1a2b`,
          accessLogSettings: {
            destinationArn: `arn:aws:logs:${REGION}:123456789012:log-group:${ACCESS_GROUP}`,
            format: '$context.requestId $context.status $context.error.responseType $context.waf.status',
          },
        },
      });
      filterLogEvents(GROUP, { events: [] });
      filterLogEvents(ACCESS_GROUP, {
        events: [{ timestamp: Date.now() - 60_000, message: `${ID} 403 WAF_FILTERED BLOCK` }],
      });
    };
    const args = ['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--since', '30m'];

    wafBlocked();
    const json = JSON.parse((await why403([...args, '--json'])).stdout);
    wafBlocked();
    const text = (await why403(args)).stdout;

    expect(json).toMatchObject({
      cause: 'waf-block',
      confidence: 'high',
      accessLog: { logGroup: ACCESS_GROUP, found: true },
    });
    expect(json.sources['access-log']).toEqual({ read: 'complete' });
    expect(json.candidates.map((c: { cause: string }) => c.cause)).not.toContain('not-found-in-logs');
    expect(text).toContain(`Not in the execution log; found in the access log ${ACCESS_GROUP}`);
  });

  it('says when the search is partial, in the JSON and in the text', async () => {
    const dir = scratchDir({ 'why403.yml': 'search:\n  pageBudget: 1\n' });
    const answer = () => {
      apiConfiguration(API, 'prod', {});
      filterLogEvents(GROUP, { events: [], nextToken: 'more' });
    };

    const args = ['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--since', '30m'];
    const options = ['--config', 'why403.yml'];

    answer();
    const json = JSON.parse((await why403([...args, ...options, '--json'], { cwd: dir })).stdout);
    answer();
    const text = (await why403([...args, ...options], { cwd: dir })).stdout;

    const reason = `${GROUP}: stopped after 1 page (the page budget)`;
    expect(json).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low', partial: reason });
    expect(json.sources['execution-log']).toEqual({ read: 'partial', reason });
    expect(text).toContain(`This answer is partial: ${reason}.`);
    expect(text).toContain(`  - The execution log was read only partly: ${reason}.`);
  });

  it.each<[string, number, string, Record<string, string>, string]>([
    [
      "a proxy's HTML page",
      200,
      '<html><body>Please sign in to the network</body></html>',
      { 'content-type': 'text/html' },
      "HTTP 200: an HTML page instead of AWS's JSON",
    ],
    [
      'a truncated JSON body',
      200,
      '{"logGroups": [{"logGroupName": "API-Gat',
      JSON_11,
      'HTTP 200: not valid JSON',
    ],
  ])(
    'names the call in one line when CloudWatch Logs answers with %s',
    async (_label, status, body, headers, detail) => {
      nock(`https://logs.${REGION}.amazonaws.com`)
        .post('/')
        .matchHeader('x-amz-target', 'Logs_20140328.DescribeLogGroups')
        .reply(status, body, headers);

      const run = await why403(['diagnose', ID, '--api', API, '--region', REGION]);

      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `why403: CloudWatch Logs DescribeLogGroups returned a malformed response (${detail}) for API-Gateway-Execution-Logs_${API}/* — ` +
          'something between why403 and AWS answered in its place (a proxy, a firewall, a wrong AWS_ENDPOINT_URL): check HTTPS_PROXY and the endpoint settings, then try again\n',
      );
    },
  );

  it('reads the configuration file given with --config', async () => {
    const dir = scratchDir({
      'why403.yml': `apis:\n  - id: ${API}\n    region: ${REGION}\n    stages: [prod]\n`,
    });
    apiConfiguration(API, 'prod', {});
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const run = await why403(['diagnose', ID, '--config', 'why403.yml', '--json'], { cwd: dir });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).search.logGroups).toEqual([GROUP]);
  });

  it.each([
    [['diagnose', 'abc'], /^why403: "abc" is not an API Gateway request id — give the x-amzn-RequestId/],
    [['diagnose', ID, '--api', 'nope'], /^why403: "nope" is not a REST API id/],
    [
      ['diagnose', ID, '--since', '3 fortnights'],
      /^why403: "3 fortnights" is not a duration — give a number and a unit/,
    ],
    [['diagnose'], /^why403: missing required argument 'request-id'/],
    [['diagnose', ID, '--config', 'missing.yml'], /^why403: configuration file missing.yml does not exist/],
  ])('bad input %j: exit 2 with one line, before any AWS call', async (args, message) => {
    const run = await why403(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports every problem of a bad configuration file at once', async () => {
    const dir = scratchDir({
      'bad.yml':
        'apis:\n  - id: toolong-id-1\n    region: moon\n    account: ghost\nsearch:\n  since: forever\n',
    });
    const run = await why403(['diagnose', ID, '--config', 'bad.yml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^why403: bad.yml has 4 problems: /);
    for (const problem of [
      'apis.0.id: "toolong-id-1" is not a REST API id',
      'apis.0.region: "moon" is not an AWS region',
      'apis.0.account: "ghost" is not defined under accounts',
      'search.since: "forever" is not a duration',
    ]) {
      expect(run.stderr).toContain(problem);
    }
  });
});

/** The simulated AWS, reached the way a user points why403 at any endpoint: AWS_ENDPOINT_URL. */
async function withFakeAws<T>(options: FakeAwsOptions, run: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await startFakeAws(buildSandboxWorld(Date.now()), options);
  const before = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = fake.url;
  try {
    return await run(fake);
  } finally {
    if (before === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = before;
    await fake.close();
  }
}

const ONE_SECOND_BUDGET = { 'why403.yml': 'search:\n  timeBudgetSeconds: 1\n' };

describe('CLI: why403 diagnose against a hanging endpoint', () => {
  it('answers partially at the time budget and says so', async () => {
    const dir = scratchDir(ONE_SECOND_BUDGET);
    const args = ['diagnose', ID, '--api', SANDBOX_ORDERS, '--stage', 'prod', '--region', SANDBOX_REGION];

    const run = await withFakeAws({ hang: [{ operation: 'FilterLogEvents', times: 100 }] }, () =>
      why403([...args, '--since', '30m', '--config', 'why403.yml'], { cwd: dir }),
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^This answer is partial: .*the time budget ran out\.$/m);
    expect(run.stdout).toContain(
      'Inconclusive: the request was not found, but not everything could be searched',
    );
  });
});

describe('CLI: why403 scan API_ID', () => {
  it('answers partially at its time budget, says so, and stops the Logs Insights query', async () => {
    const dir = scratchDir(ONE_SECOND_BUDGET);
    const args = [
      'scan',
      SANDBOX_ORDERS,
      '--stage',
      'prod',
      '--region',
      SANDBOX_REGION,
      '--config',
      'why403.yml',
    ];

    const { json, text, stops } = await withFakeAws({ queryPolls: 1_000_000 }, async (fake) => {
      const jsonRun = await why403([...args, '--json'], { cwd: dir });
      const textRun = await why403(args, { cwd: dir });
      return {
        json: JSON.parse(jsonRun.stdout),
        text: textRun.stdout,
        stops: fake.calls.filter((c) => c.operation === 'StopQuery').length,
      };
    });

    const partial =
      'the time budget ran out while Logs Insights was still looking for failed requests (the query was stopped)';
    expect(json).toMatchObject({ total: 0, causes: [], partial });
    expect(text).toContain(`Partial: ${partial}`);
    expect(stops).toBe(2);
  });

  it('rejects an invalid API id before any AWS call', async () => {
    const run = await why403(['scan', 'not-an-api']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"not-an-api" is not a REST API id/);
  });

  it('refuses both an API id and --file', async () => {
    const run = await why403(['scan', API, '--file', 'x.log']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/either an API id or --file/);
  });
});
