import nock from 'nock';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { RestApiReader } from '../../src/aws/rest-api';
import { DEFAULT_RETRY_POLICY } from '../../src/aws/retry';
import { AwsAccessDeniedError, AwsUnavailableError, explainAwsError } from '../../src/aws/errors';
import { rejectionOf } from '../support/failures';

/**
 * TestInvokeAuthorizer through the real SDK against nock, in API Gateway's wire format (aws-wire.md §2.2):
 * `POST /restapis/{id}/authorizers/{authorizerId}` with the simulated request in the JSON body; the answer's
 * `policy` is a JSON string, `latency` a number of milliseconds.
 */

const REGION = 'eu-west-1';
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const API = 'abc1234567';
const AUTHORIZER = 'a1b2c3';
const PATH = `/restapis/${API}/authorizers/${AUTHORIZER}`;
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Action: 'execute-api:Invoke',
      Effect: 'Allow',
      Resource: `arn:aws:execute-api:${REGION}:123456789012:${API}/*/*`,
    },
  ],
});

function reader(waits: number[] = []): RestApiReader {
  const client = new APIGatewayClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLEEXAMPLE00', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
  return new RestApiReader(client, REGION, {
    ...DEFAULT_RETRY_POLICY,
    sleep: async (ms: number) => void waits.push(ms),
  });
}

const INPUT = {
  headers: { Authorization: 'Bearer wire-token-4411' },
  multiValueHeaders: { Authorization: ['Bearer wire-token-4411'] },
  pathWithQueryString: '/orders/18?tenant=acme',
  stageVariables: { env: 'prod' },
  additionalContext: { sourceIp: '198.51.100.7' },
};

describe('RestApiReader.testInvokeAuthorizer', () => {
  it('posts the simulated request and maps every field of the answer', async () => {
    let sent: unknown;
    nock(APIGW)
      .post(PATH, (body) => {
        sent = body;
        return true;
      })
      .matchHeader('content-type', /application\/json/)
      .reply(200, {
        clientStatus: 0,
        log: 'Execution log for request test-invoke-request\n',
        latency: 87,
        principalId: 'user-4711',
        policy: POLICY,
        authorization: { tenant: ['acme'] },
        claims: { sub: 'abc' },
      });

    const result = await reader().testInvokeAuthorizer(API, AUTHORIZER, INPUT);

    expect(sent).toEqual(INPUT);
    expect(result).toEqual({
      clientStatus: 0,
      log: 'Execution log for request test-invoke-request\n',
      latencyMs: 87,
      principalId: 'user-4711',
      policy: POLICY,
      authorization: { tenant: ['acme'] },
      claims: { sub: 'abc' },
    });
    expect(JSON.parse(result.policy as string).Statement[0].Effect).toBe('Allow');
  });

  it('a 401 or 500 from the authorizer is an answer, not an error', async () => {
    nock(APIGW)
      .post(PATH)
      .reply(200, { clientStatus: 500, log: 'AuthorizerConfigurationException\n', latency: 12 });

    const result = await reader().testInvokeAuthorizer(API, AUTHORIZER, INPUT);

    expect(result).toMatchObject({ clientStatus: 500, latencyMs: 12 });
    expect(result.policy).toBeUndefined();
  });

  it('AccessDenied names the opt-in permission: apigateway:POST on the authorizer', async () => {
    nock(APIGW).post(PATH).reply(
      403,
      {
        message:
          'User: arn:aws:sts::123456789012:assumed-role/why403/x is not authorized to perform: apigateway:POST',
      },
      { 'x-amzn-errortype': 'AccessDeniedException' },
    );

    const error = await rejectionOf(reader().testInvokeAuthorizer(API, AUTHORIZER, INPUT));

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(explainAwsError(error as Error)).toEqual({
      message: `AWS denied apigateway:POST on arn:aws:apigateway:${REGION}::${PATH}`,
      hint: 'attach the opt-in policy in iam/why403-test-invoke.json (apigateway:POST on the authorizers) to the identity why403 runs as',
    });
  });

  it('is retried when throttled (the function did not run), once through', async () => {
    const waits: number[] = [];
    nock(APIGW)
      .post(PATH)
      .reply(429, { message: 'Too Many Requests' }, { 'x-amzn-errortype': 'TooManyRequestsException' })
      .post(PATH)
      .reply(200, { clientStatus: 0, policy: POLICY, latency: 5 });

    const result = await reader(waits).testInvokeAuthorizer(API, AUTHORIZER, INPUT);

    expect(result.clientStatus).toBe(0);
    expect(waits).toHaveLength(1);
  });

  it('is not retried after a server error: the function may have run, and must not run twice', async () => {
    const waits: number[] = [];
    nock(APIGW)
      .post(PATH)
      .reply(503, { message: 'Service Unavailable' }, { 'x-amzn-errortype': 'ServiceUnavailableException' });

    const error = await rejectionOf(reader(waits).testInvokeAuthorizer(API, AUTHORIZER, INPUT));

    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect((error as AwsUnavailableError).detail).toMatchObject({ reason: 'server-error', attempts: 1 });
    expect(waits).toEqual([]);
  });
});
