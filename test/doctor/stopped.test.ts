import nock from 'nock';
import { AwsClientPool } from '../../src/aws/clients';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { runDoctor, type DoctorReport } from '../../src/doctor';
import { english } from '../../src/render/localize';
import { REGION, filterLogEvents } from '../support/aws-wire';
import { hungAws, type HungAws } from './support/hung-aws';
import {
  ACCOUNT,
  account,
  callerIdentity,
  getPolicy,
  restApiConfiguration,
  simulatePrincipalPolicy,
} from './support/wire';

/**
 * `why403 doctor` stopped by its caller (the Slack job's deadline) or left with a log read cut short, through the real
 * AWS SDK: every call under way is cancelled, and a check that did not run whole is could-not-check, never passed.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const API = 'a1b2c3d4e5';
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-authorizer`;
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const LOGS = `https://logs.${REGION}.amazonaws.com`;

function checks(report: DoctorReport): Array<[string, string]> {
  return report.findings.map((finding) => [finding.check, english.t(finding.title)]);
}

describe('doctor stopped while AWS does not answer', () => {
  let aws: HungAws;
  beforeEach(async () => {
    aws = await hungAws();
  });
  afterEach(() => aws.close());

  it('cancels every call under way and reports nothing it did not read as passed', async () => {
    const stop = new AbortController();
    aws.onRequest(() => stop.abort(new Error('stopped before the deadline')));
    const pool = new AwsClientPool({
      endpoint: aws.url,
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
      // Far beyond the test's own timeout: only the signal can end these calls.
      requestTimeoutMs: 600_000,
      retry: { sleep: async () => undefined },
    });

    const report = await runDoctor(
      { restApiId: API, region: REGION },
      { aws: pool, config: DEFAULT_CONFIG, now: () => NOW, signal: stop.signal },
    );
    await aws.allClosed();

    expect(aws.seen.length).toBeGreaterThan(0);
    expect(aws.open()).toBe(0);
    expect(report.passed).toEqual([]);
    expect(report.mustChange).toBe(0);
    expect(checks(report)).toEqual([
      ['could-not-check', "Could not check the account's CloudWatch role for API Gateway"],
      ['could-not-check', 'Could not check who why403 runs as'],
      ['could-not-check', `Could not check API ${API} (resource policy, endpoint type)`],
      ['could-not-check', `Could not check the authorizers of API ${API}`],
      ['could-not-check', `Could not check the methods of API ${API}`],
      ['could-not-check', `Could not check the stages of API ${API}`],
    ]);
  });
});

describe('the stage’s authorizer outputs, read cut short', () => {
  it('is could-not-check, not "no output to check", when the page after the first fails', async () => {
    const stage = {
      stageName: 'prod',
      deploymentId: 'dep-prod',
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    };
    restApiConfiguration(API, {
      restApi: { id: API, name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } },
      authorizers: [
        {
          id: 'auth01',
          name: 'orders-jwt',
          type: 'TOKEN',
          authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`,
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 300,
        },
      ],
      resources: [
        {
          id: 'ord002',
          path: '/orders',
          resourceMethods: {
            GET: { httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'auth01' },
          },
        },
      ],
      stages: [stage],
    });
    getPolicy(FUNCTION, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}/authorizers/auth01`,
        },
      ],
    });
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();
    simulatePrincipalPolicy();
    // The newest slice: the call's first line, then a page that fails on each of its six tries.
    const id = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    filterLogEvents(GROUP, {
      events: [
        { timestamp: NOW - 60_000, message: `(${id}) Starting authorizer: auth01 for request: ${id}` },
      ],
      nextToken: 'T2',
    });
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (body: { nextToken?: string }) => body.nextToken === 'T2')
      .times(6)
      .reply(503, { __type: 'ServiceUnavailableException', message: 'Service Unavailable' });
    // The older slices hold nothing: read on, they would make "no output in the last 6 h" look proven.
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (body: { endTime?: number }) => (body.endTime ?? NOW) < NOW - 60_000)
      .times(2)
      .optionally()
      .reply(200, { events: [], searchedLogStreams: [] });
    const pool = new AwsClientPool({
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
      requestTimeoutMs: 2000,
      retry: { sleep: async () => undefined },
    });

    const report = await runDoctor(
      { restApiId: API, region: REGION },
      { aws: pool, config: DEFAULT_CONFIG, now: () => NOW },
    );

    expect(report.passed.filter((check) => check.check === 'authorizer-cache-trap')).toEqual([]);
    expect(checks(report)).toContainEqual([
      'could-not-check',
      'Could not check the recent authorizer outputs of stage prod',
    ]);
  });
});
