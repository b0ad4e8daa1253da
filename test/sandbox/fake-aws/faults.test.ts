import {
  APIGatewayClient,
  GetRestApiCommand,
  GetStageCommand,
  type TooManyRequestsException,
} from '@aws-sdk/client-api-gateway';
import {
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { MalformedBody } from '../../../src/sandbox/fake-aws';
import { ACCOUNT, API_ID, DEV_GROUP, failure, PROD_GROUP, REGION, useFakeAws } from './fixtures';

describe('fake AWS: injected faults, latency and the call log', () => {
  const start = useFakeAws();

  it('denies a Logs operation, only for the targets named, with AWS’s message', async () => {
    const { logs } = await start({ deny: [{ operation: 'FilterLogEvents', target: '/prod' }] });

    const denied = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: PROD_GROUP })));
    const allowed = await logs.send(new FilterLogEventsCommand({ logGroupName: DEV_GROUP }));

    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/why403/session is not authorized to perform: ` +
        `logs:FilterLogEvents on resource: arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${PROD_GROUP}:* ` +
        'because no identity-based policy allows the logs:FilterLogEvents action',
    );
    expect(allowed.events).toHaveLength(1);
  });

  it('denies an API Gateway operation with 403 AccessDeniedException', async () => {
    const { apiGateway } = await start({ deny: [{ operation: 'GetStage' }] });

    const denied = await failure(
      apiGateway.send(new GetStageCommand({ restApiId: API_ID, stageName: 'prod' })),
    );
    const allowed = await apiGateway.send(new GetRestApiCommand({ restApiId: API_ID }));

    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    expect(denied.message).toContain(
      `is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${REGION}::/restapis/${API_ID}/stages/prod`,
    );
    expect(allowed.id).toBe(API_ID);
  });

  it('throttles the given number of times, then succeeds', async () => {
    const { logs, apiGateway } = await start({
      throttle: [
        { operation: 'DescribeLogGroups', times: 2 },
        { operation: 'GetRestApi', times: 1 },
      ],
    });
    const describe = () => logs.send(new DescribeLogGroupsCommand({}));
    const getApi = () => apiGateway.send(new GetRestApiCommand({ restApiId: API_ID }));

    const logsErrors = [await failure(describe()), await failure(describe())];
    const listed = await describe();
    const apiError = (await failure(getApi())) as TooManyRequestsException;
    const api = await getApi();

    expect(logsErrors.map((e) => [e.name, e.message])).toEqual(
      Array(2).fill(['ThrottlingException', 'Rate exceeded']),
    );
    expect(listed.logGroups).toHaveLength(3);
    expect(apiError.name).toBe('TooManyRequestsException');
    expect(apiError.$metadata.httpStatusCode).toBe(429);
    expect(apiError.retryAfterSeconds).toBe('1');
    expect(api.id).toBe(API_ID);
  });

  it('answers server errors the given number of times, then succeeds', async () => {
    const { logs, apiGateway } = await start({
      serverErrors: [
        { operation: 'FilterLogEvents', times: 1 },
        { operation: 'GetStage', times: 1 },
      ],
    });
    const filter = () => logs.send(new FilterLogEventsCommand({ logGroupName: DEV_GROUP }));
    const getStage = () => apiGateway.send(new GetStageCommand({ restApiId: API_ID, stageName: 'prod' }));

    const logsError = await failure(filter());
    const apiError = await failure(getStage());

    expect([logsError.name, logsError.$metadata?.httpStatusCode]).toEqual([
      'ServiceUnavailableException',
      500,
    ]);
    expect([apiError.name, apiError.$metadata?.httpStatusCode]).toEqual(['ServiceUnavailableException', 503]);
    expect((await filter()).events).toHaveLength(1);
    expect((await getStage()).stageName).toBe('prod');
  });

  it('applies latency and still answers correctly', async () => {
    const { fake, logs, apiGateway } = await start({ latencyMs: 20 });

    const [events, api] = await Promise.all([
      logs.send(new FilterLogEventsCommand({ logGroupName: DEV_GROUP })),
      apiGateway.send(new GetRestApiCommand({ restApiId: API_ID })),
    ]);

    expect(events.events).toHaveLength(1);
    expect(api.name).toBe('orders');
    expect(fake.calls.map((c) => c.operation).sort()).toEqual(['FilterLogEvents', 'GetRestApi']);
  });

  it('records every call in order, failed ones included, until reset', async () => {
    const { fake, logs, apiGateway } = await start({ queryPolls: 0 });

    await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'API-Gateway' }));
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName: PROD_GROUP,
        queryString: 'fields @message',
        startTime: 0,
        endTime: 1,
      }),
    );
    await logs.send(new GetQueryResultsCommand({ queryId }));
    await failure(apiGateway.send(new GetRestApiCommand({ restApiId: 'nope' })));

    expect(fake.calls.map(({ service, operation, target }) => ({ service, operation, target }))).toEqual([
      { service: 'logs', operation: 'DescribeLogGroups', target: 'API-Gateway' },
      { service: 'logs', operation: 'StartQuery', target: PROD_GROUP },
      { service: 'logs', operation: 'GetQueryResults', target: PROD_GROUP },
      { service: 'apigateway', operation: 'GetRestApi', target: '/restapis/nope' },
    ]);
    expect(fake.calls.every((c) => typeof c.at === 'number' && c.at > 0)).toBe(true);

    fake.resetCalls();
    expect(fake.calls).toEqual([]);
  });

  it('answers a fault only after the given number of calls, then the given number of times', async () => {
    const { logs } = await start({ throttle: [{ operation: 'DescribeLogGroups', times: 2, after: 1 }] });
    const describe = () => logs.send(new DescribeLogGroupsCommand({}));

    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await describe().then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      );

    expect(outcomes).toEqual(['ok', 'ThrottlingException', 'ThrottlingException', 'ok']);
  });

  it('never answers a hanging call, until the client gives up', async () => {
    const { fake } = await start({ hang: [{ operation: 'GetRestApi', times: 1 }] });
    const client = new APIGatewayClient({
      region: REGION,
      endpoint: fake.url,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    try {
      const hung = await failure(client.send(new GetRestApiCommand({ restApiId: API_ID })));
      const answered = await client.send(new GetRestApiCommand({ restApiId: API_ID }));

      expect(hung.name).toBe('TimeoutError');
      expect(answered.id).toBe(API_ID);
    } finally {
      client.destroy();
    }
  });

  it.each<[MalformedBody, number | undefined, RegExp]>([
    ['html', 502, /Unexpected token '<'/],
    ['not-json', 200, /JSON/],
    ['cut-off', undefined, /aborted/],
  ])('answers a %s body the SDK cannot read', async (body, status, message) => {
    const { logs } = await start({ malformed: [{ operation: 'FilterLogEvents', times: 1, body }] });

    const error = await failure(logs.send(new FilterLogEventsCommand({ logGroupName: DEV_GROUP })));
    const answered = await logs.send(new FilterLogEventsCommand({ logGroupName: DEV_GROUP }));

    expect(error.message).toMatch(message);
    expect(error.message).toContain('Deserialization error');
    expect(error.$metadata?.httpStatusCode).toBe(status);
    expect(answered.events).toHaveLength(1);
  });

  it('stops a query: its results are Cancelled from then on', async () => {
    const { logs } = await start({ queryPolls: 5 });
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupName: PROD_GROUP,
        queryString: 'fields @message',
        startTime: 0,
        endTime: 1,
      }),
    );

    const stopped = await logs.send(new StopQueryCommand({ queryId }));
    const results = await logs.send(new GetQueryResultsCommand({ queryId }));

    expect(stopped.success).toBe(true);
    expect(results.status).toBe('Cancelled');
  });
});
