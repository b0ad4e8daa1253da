import nock from 'nock';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import type { SlackBot } from '../../src/slack/app';
import { verifyFixModal } from '../../src/render/replay';
import { post, recordingLog, slackApi, slackConfig, type LogLine, startBot, FORM } from '../support/slack';
import { REGION, filterLogEvents } from '../support/aws-wire';

/**
 * Verify fix reaches AWS in a session of its own, named after the Slack user (CloudTrail shows who ran the
 * authorizer), while the diagnosis before it reads with why403's shared session. Everything on the wire: STS
 * AssumeRole (awsQuery), CloudWatch Logs and API Gateway answered by nock, the bot driven over signed HTTP.
 */

const ROLE = 'arn:aws:iam::210987654321:role/why403-verify';
const API = 'a1b2c3d4e5';
const ARN = `arn:aws:execute-api:${REGION}:210987654321:${API}`;
const FAILED = '0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18';
const TOKEN = 'Bearer session-test-token-5521';
const NOW = Date.now();

function assumeRoleReply(session: string, key: string): string {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:${session}</AssumedRoleId><Arn>arn:aws:sts::210987654321:assumed-role/why403-verify/${session}</Arn></AssumedRoleUser>
<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
</AssumeRoleResult></AssumeRoleResponse>`;
}

function awsWire(assumed: Array<Record<string, string>>, invokedWith: string[]): void {
  nock(`https://sts.${REGION}.amazonaws.com`)
    .persist()
    .post('/', (body: string | Record<string, string>) => {
      assumed.push(typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body);
      return true;
    })
    .reply(
      200,
      (_uri, body) => {
        const params = typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams();
        const session = params.get('RoleSessionName') ?? 'why403';
        return assumeRoleReply(
          session,
          session === 'why403' ? 'ASIAREADSSHARED00001' : 'ASIAVERIFYFORONCALL1',
        );
      },
      { 'content-type': 'text/xml' },
    );
  const trace = [
    `Starting authorizer: 8xkq2m for request: ${FAILED}`,
    `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/prod/GET/orders/18","authorizationToken":"****Xy9pQ2"}`,
    `Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/prod/GET/orders/17"}]}}`,
    'The client is not authorized to perform this operation.',
  ];
  filterLogEvents(`API-Gateway-Execution-Logs_${API}/prod`, {
    events: trace.map((message, i) => ({ timestamp: NOW - 60_000 + i, message: `(${FAILED}) ${message}` })),
  });
  nock(`https://logs.${REGION}.amazonaws.com`).persist().post('/').optionally().reply(200, { events: [] });
  const apigw = `https://apigateway.${REGION}.amazonaws.com`;
  nock(apigw).get(`/restapis/${API}`).reply(200, { id: API, name: 'orders', createdDate: 1_767_225_600 });
  nock(apigw)
    .get(`/restapis/${API}/authorizers`)
    .query(true)
    .reply(200, {
      item: [
        {
          id: '8xkq2m',
          name: 'orders-jwt',
          type: 'TOKEN',
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 300,
        },
      ],
    });
  nock(apigw).get(`/restapis/${API}/resources`).query(true).reply(200, { item: [] });
  nock(apigw)
    .get(`/restapis/${API}/stages/prod`)
    .reply(200, {
      stageName: 'prod',
      deploymentId: 'd1',
      methodSettings: { '*/*': { loggingLevel: 'INFO' } },
    });
  nock(apigw)
    .post(`/restapis/${API}/authorizers/8xkq2m`)
    .reply(function () {
      invokedWith.push(String(this.req.headers.authorization));
      return [
        200,
        {
          clientStatus: 0,
          latency: 20,
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN}/*/*` }],
          }),
        },
      ];
    });
  nock(apigw)
    .persist()
    .get(/.*/)
    .optionally()
    .reply(404, { message: 'x' }, { 'x-amzn-errortype': 'NotFoundException' });
}

describe('Slack bot: Verify fix runs in an AWS session named after the Slack user', () => {
  let bot: SlackBot;
  let url: string;
  let stop: () => Promise<void>;
  const logs: LogLine[] = [];

  beforeEach(async () => {
    const service = new Why403Service({
      config: {
        ...DEFAULT_CONFIG,
        apis: [{ id: API, region: REGION, roleArn: ROLE }],
        search: { ...DEFAULT_CONFIG.search, filterLogEventsPerSecond: 50 },
        slack: slackConfig({
          users: { U0ONCALL: { apis: 'all', flush: false, replay: true } },
          channels: { C0CHAN: { apis: 'all', flush: false, replay: true } },
        }),
      },
      aws: { retry: { sleep: async () => undefined } },
    });
    ({ bot, url, stop } = await startBot(service, recordingLog(logs)));
  });
  afterEach(() => stop());

  it('reads as why403, invokes as why403-<user> with the user as SourceIdentity, and logs the audit line', async () => {
    const assumed: Array<Record<string, string>> = [];
    const invokedWith: string[] = [];
    awsWire(assumed, invokedWith);
    const calls = slackApi();
    const view = verifyFixModal(
      {
        requestId: FAILED,
        restApiId: API,
        stage: 'prod',
        region: REGION,
        authorizerId: '8xkq2m',
        sources: 'method.request.header.Authorization',
      },
      { channel: 'C0CHAN', messageTs: '1700000000.000100' },
    );
    const payload = {
      type: 'view_submission',
      team: { id: 'T0TEAM', domain: 'example' },
      user: { id: 'U0ONCALL', name: 'oncall', team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated',
      trigger_id: '9.9.9',
      view: {
        ...view,
        id: 'V0SESSION',
        hash: 'h1',
        state: { values: { why403_identity_0: { value: { type: 'plain_text_input', value: TOKEN } } } },
      },
    };

    await post(url, `payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM);
    await bot.idle();

    expect(assumed.map((a) => [a.RoleSessionName, a.SourceIdentity])).toEqual([
      ['why403', undefined],
      ['why403-U0ONCALL', 'U0ONCALL'],
    ]);
    expect(invokedWith).toHaveLength(1);
    expect(invokedWith[0]).toContain('Credential=ASIAVERIFYFORONCALL1/');
    expect(calls.find((c) => c.method === 'chat.update')?.body).toMatchObject({
      channel: 'C0CHAN',
      ts: '1700000000.000100',
    });
    expect(logs.filter((line) => line.audit === 'authorizer-test-invoke')).toEqual([
      expect.objectContaining({
        outcome: 'allowed',
        slackUser: 'U0ONCALL',
        channel: 'C0CHAN',
        restApiId: API,
        stage: 'prod',
        authorizerId: '8xkq2m',
      }),
    ]);
    expect(JSON.stringify(logs)).not.toContain('session-test-token');
    expect(JSON.stringify(calls)).not.toContain('session-test-token');
  });
});
