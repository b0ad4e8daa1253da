import { why403, scratchDir } from '../support/cli';
import { REGION, apiConfiguration, filterLogEvents, apiGatewayError } from '../support/aws-wire';

const ID = '5a1d9c2e-7b3f-4e8a-a6d1-2f9e8c7b6a51';
const API = 'a1b2c3d4e5';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;

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
    filterLogEvents(GROUP, {
      events: [{ timestamp: Date.now() - 1000, message: `(${ID}) Unauthorized request: ${ID}` }],
    });

    const run = await why403(['diagnose', ID, '--api', API, '--stage', 'prod', '--region', REGION, '--json']);

    const json = JSON.parse(run.stdout);
    expect(json.gaps).toContain(
      `Could not read the REST API (resource policy, endpoint type): AWS denied apigateway:GET on arn:aws:apigateway:${REGION}::/restapis/${API} (see iam/why403-read-only.json).`,
    );
  });

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

describe('CLI: why403 scan API_ID', () => {
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
