import nock from 'nock';
import { AwsClientPool, type AwsAccess } from '../../src/aws/clients';
import { AwsAccessDeniedError, LogGroupMissingError } from '../../src/aws/errors';
import { authorizerCallsPattern, readAuthorizerCalls } from '../../src/locate/cache-origin';
import { FUNCTION_LOG_PATTERN, functionLogGroup, readFunctionLog } from '../../src/locate/function-log';
import { english } from '../../src/render/localize';
import { rejectionOf } from '../support/failures';

/**
 * The two reads a first look at a request calls for, through the real SDK against CloudWatch Logs' wire format: the
 * authorizer calls of a stage within a window (one FilterLogEvents call), and the authorizer function's own log
 * around a request (its invocations, redacted).
 */

const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const FUNCTION_GROUP = '/aws/lambda/orders-authorizer';
const ARN = `arn:aws:execute-api:${REGION}:123456789012:a1b2c3d4e5/prod`;
const T = Date.UTC(2026, 10, 24, 9, 59, 0);

type Body = Record<string, unknown>;

async function access(): Promise<AwsAccess> {
  return new AwsClientPool({
    filterLogEventsPerSecond: 50,
    retry: { sleep: async () => undefined },
  }).forTarget({
    region: REGION,
  });
}

/** FilterLogEvents answers, page by page, recording each request's body. */
function pages(
  group: string,
  answers: Array<{ events: Array<{ timestamp: number; message: string }>; nextToken?: string }>,
) {
  const bodies: Body[] = [];
  for (const answer of answers) {
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (body: Body) => body.logGroupName === group && (bodies.push(body), true))
      .reply(200, {
        events: answer.events.map((e, i) => ({
          logStreamName: 's',
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.timestamp + 100,
          eventId: String(i),
        })),
        searchedLogStreams: [],
        ...(answer.nextToken ? { nextToken: answer.nextToken } : {}),
      });
  }
  return bodies;
}

function lines(id: string, at: number, messages: string[]) {
  return messages.map((message, i) => ({ timestamp: at + i, message: `(${id}) ${message}` }));
}

describe('readAuthorizerCalls', () => {
  const A = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  const B = '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b';
  const C = '4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e';

  it('asks once for every authorizer line of the window and returns each call with what it returned', async () => {
    const bodies = pages(GROUP, [
      {
        events: lines(A, T - 120_000, [
          'Starting authorizer: 8xkq2m for request: ' + A,
          'Incoming identity: ****Xy9pQ2',
          `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/GET/orders/17","authorizationToken":"****"}`,
        ]),
        nextToken: 'page-2',
      },
      {
        events: [
          ...lines(A, T - 119_990, [
            `Authorizer result body before parsing: {"principalId":"u-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"${ARN}/GET/orders/17"}]}}`,
          ]),
          // Another authorizer of the same stage, and a call whose result was cut off: neither is a candidate.
          ...lines(B, T - 100_000, [
            'Starting authorizer: p4rtn3 for request: ' + B,
            'Authorizer result body before parsing: {"principalId":"u-2","policyDocument":{"Statement":[]}}',
          ]),
          ...lines(C, T - 90_000, [
            'Starting authorizer: 8xkq2m for request: ' + C,
            'Incoming identity: ****Ab3dE5',
          ]),
        ],
      },
    ]);

    const read = await readAuthorizerCalls(
      await access(),
      GROUP,
      { start: T - 300_000, end: T },
      {
        authorizerId: '8xkq2m',
        pageBudget: 5,
      },
    );

    expect(bodies.map((b) => [b.filterPattern, b.startTime, b.endTime, b.nextToken])).toEqual([
      [authorizerCallsPattern('8xkq2m'), T - 300_000, T, undefined],
      [authorizerCallsPattern('8xkq2m'), T - 300_000, T, 'page-2'],
    ]);
    expect(read.partial).toBeUndefined();
    expect(read.calls).toEqual([
      {
        requestId: A,
        time: T - 120_000,
        authorizerId: '8xkq2m',
        identity: 'Incoming identity: ****Xy9pQ2',
        methodArn: `${ARN}/GET/orders/17`,
        resultBody: expect.stringContaining('"principalId":"u-1"'),
        principalId: 'u-1',
        policyDocument: expect.objectContaining({
          Statement: [expect.objectContaining({ Effect: 'Allow' })],
        }),
      },
    ]);
  });

  it('says when the page budget cut the window short', async () => {
    pages(GROUP, [{ events: [], nextToken: 'more' }]);

    const read = await readAuthorizerCalls(
      await access(),
      GROUP,
      { start: T - 300_000, end: T },
      { pageBudget: 1 },
    );

    expect(english.t(read.partial ?? '')).toBe('stopped after 1 page (the page budget)');
  });

  it.each([
    [
      '8xkq2m',
      '?"Starting authorizer: 8xkq2m" ?"Incoming identity:" ?"Endpoint request body after transformations:" ?"Authorizer result body before parsing:"',
    ],
    [
      'we"ird',
      '?"Starting authorizer:" ?"Incoming identity:" ?"Endpoint request body after transformations:" ?"Authorizer result body before parsing:"',
    ],
    [
      undefined,
      '?"Starting authorizer:" ?"Incoming identity:" ?"Endpoint request body after transformations:" ?"Authorizer result body before parsing:"',
    ],
  ])('builds the filter pattern for authorizer %p from quoted terms only', (id, pattern) => {
    expect(authorizerCallsPattern(id)).toBe(pattern);
  });
});

describe('readFunctionLog', () => {
  const ID = 'c41f7a2e-8b3d-4e5f-9a6b-7c8d9e0f1a2b';
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJlc2lnbmF0dXJl';

  it('reads the invocations around the request, their errors redacted', async () => {
    const bodies = pages(FUNCTION_GROUP, [
      {
        events: [
          { timestamp: T - 5, message: `START RequestId: ${ID} Version: $LATEST` },
          {
            timestamp: T + 20,
            message: `2026-11-24T09:59:00.020Z\t${ID}\tERROR\tInvoke Error \t${JSON.stringify({
              errorType: 'JsonWebTokenError',
              errorMessage: `invalid signature for Bearer ${TOKEN}`,
              stack: ['JsonWebTokenError: invalid signature', '    at verify (/var/task/jwt.js:88:19)'],
            })}`,
          },
          { timestamp: T + 30, message: `END RequestId: ${ID}` },
          {
            timestamp: T + 31,
            message: `REPORT RequestId: ${ID}\tDuration: 35.10 ms\tInit Duration: 201.3 ms`,
          },
        ],
      },
    ]);

    const read = await readFunctionLog(await access(), FUNCTION_GROUP, T, { pageBudget: 5 });

    expect(bodies[0]).toMatchObject({
      logGroupName: FUNCTION_GROUP,
      filterPattern: FUNCTION_LOG_PATTERN,
      startTime: T - 10_000,
      endTime: T + 35_000,
    });
    expect(read.facts.window).toEqual({ start: T - 10_000, end: T + 35_000 });
    const [invocation] = read.facts.invocations;
    expect(invocation).toMatchObject({
      lambdaRequestId: ID,
      start: T - 5,
      coldStart: true,
      unauthorized: false,
    });
    expect(invocation.error?.type).toBe('JsonWebTokenError');
    expect(invocation.error?.stack).toEqual(['at verify (/var/task/jwt.js:88:19)']);
    expect(JSON.stringify(read)).not.toContain(TOKEN);
  });

  it('fails with the group missing, or AccessDenied naming logs:FilterLogEvents', async () => {
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/')
      .reply(400, { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' })
      .post('/')
      .reply(400, {
        __type: 'AccessDeniedException',
        message: 'not authorized to perform: logs:FilterLogEvents',
      });

    const missing = await rejectionOf(readFunctionLog(await access(), FUNCTION_GROUP, T, { pageBudget: 5 }));
    const denied = await rejectionOf<AwsAccessDeniedError>(
      readFunctionLog(await access(), FUNCTION_GROUP, T, { pageBudget: 5 }),
    );

    expect(missing).toBeInstanceOf(LogGroupMissingError);
    expect(denied).toBeInstanceOf(AwsAccessDeniedError);
    expect(denied.action).toBe('logs:FilterLogEvents');
  });

  it.each([
    ['arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer', '/aws/lambda/orders-authorizer'],
    [
      'arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer:live',
      '/aws/lambda/orders-authorizer',
    ],
    ['not-an-arn', undefined],
  ])('the log group of %s is %s', (arn, group) => {
    expect(functionLogGroup(arn)).toBe(group);
  });
});
