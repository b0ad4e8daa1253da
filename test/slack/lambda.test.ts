import nock from 'nock';
import { createLambdaHandler } from '../../src/slack/lambda';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { SCENARIOS } from '../../src/sandbox/world';
import { SECRET, SLACK_API, recordingLog, signature, slackApi, slashCommand, FORM } from '../support/slack';

/** The Lambda handler: acknowledges through AwsLambdaReceiver, hands the work to an asynchronous self-invocation. */
describe('Slack bot: AWS Lambda', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('acks a signed slash command, invokes itself with the job, and the job answers in Slack', async () => {
    const invocations: unknown[] = [];
    nock('https://lambda.us-east-1.amazonaws.com')
      .post('/2015-03-31/functions/why403-bot/invocations')
      .matchHeader('x-amz-invocation-type', 'Event')
      .reply(202, (_uri, body) => {
        invocations.push(typeof body === 'string' ? JSON.parse(body) : body);
        return '';
      });
    nock(SLACK_API)
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0TEAM' });
    const handler = createLambdaHandler({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${SLACK_API}/api/`,
        AWS_LAMBDA_FUNCTION_NAME: 'why403-bot',
      },
      service: sandbox.service,
      clientOptions: { retryConfig: { retries: 0 } },
      log: recordingLog([]),
    });
    const body = slashCommand(`${SCENARIOS.apiKey.requestId} --api c3d4e5f6a7 --stage prod`);

    const response = (await handler(
      {
        body,
        headers: { 'content-type': FORM, ...signature(SECRET, body) },
        isBase64Encoded: false,
        httpMethod: 'POST',
        path: '/slack/events',
        requestContext: {},
        multiValueHeaders: {},
        pathParameters: null,
        queryStringParameters: null,
        stageVariables: null,
        multiValueQueryStringParameters: null,
        resource: '/slack/events',
      },
      {},
    )) as { statusCode: number };

    expect(response.statusCode).toBe(200);
    expect(invocations).toHaveLength(1);
    const sent = invocations[0] as { why403Job: string };
    expect(JSON.parse(sent.why403Job)).toMatchObject({
      type: 'diagnose',
      query: { requestId: SCENARIOS.apiKey.requestId, restApiId: 'c3d4e5f6a7' },
    });

    const calls = slackApi();
    expect(await handler(invocations[0], {})).toEqual({ ok: true });
    const methods = calls.map((c) => c.method);
    expect(methods[0]).toBe('users.info');
    expect(methods[1]).toBe('chat.postMessage');
    expect(methods.at(-1)).toBe('chat.postMessage');
    expect(methods.slice(2, -1).every((m) => m === 'chat.update')).toBe(true);
    expect(JSON.stringify(calls.filter((c) => c.method === 'chat.update').at(-1)?.body.blocks)).toContain(
      'api-key-missing-or-invalid',
    );
    expect(calls.at(-1)?.body.thread_ts).toBe('1700000000.000002');
  });

  it('rejects a request with a bad signature (before starting the bot: no Slack call)', async () => {
    const handler = createLambdaHandler({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${SLACK_API}/api/`,
      },
      service: sandbox.service,
      clientOptions: { retryConfig: { retries: 0 } },
      log: recordingLog([]),
    });
    const body = slashCommand('help');
    const response = (await handler(
      {
        body,
        headers: { 'content-type': FORM, ...signature('wrong', body) },
        isBase64Encoded: false,
        httpMethod: 'POST',
        path: '/slack/events',
        requestContext: {},
        multiValueHeaders: {},
      },
      {},
    )) as { statusCode: number };
    expect(response.statusCode).toBe(401);
  });
});
