import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  startFakeAws,
  type FakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
  type FakeLogEvent,
} from '../../../src/sandbox/fake-aws';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const API_ID = 'a1b2c3d4e5';
export const PROD_GROUP = `API-Gateway-Execution-Logs_${API_ID}/prod`;
export const DEV_GROUP = `API-Gateway-Execution-Logs_${API_ID}/dev`;
export const REQUEST_ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';
export const OTHER_ID = '5d1e2f3a-0b1c-4d2e-8f3a-4b5c6d7e8f90';
/** 2026-11-24T09:00:00.000Z */
export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

/** The double-escaped string API Gateway really returns after one JSON parse. */
export const POLICY =
  '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Deny\\",\\"Principal\\":\\"*\\",' +
  '\\"Action\\":\\"execute-api:Invoke\\",\\"Resource\\":\\"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5\\/*\\",' +
  '\\"Condition\\":{\\"NotIpAddress\\":{\\"aws:SourceIp\\":\\"203.0.113.0\\/24\\"}}}]}';

function trace(id: string, at: number, messages: string[]): FakeLogEvent[] {
  return messages.map((message, i) => ({
    timestamp: at + i,
    message: `(${id}) ${message}`,
    logStreamName: 'stream-a',
  }));
}

/** Two requests, ten seconds apart: one denied by the authorizer, one allowed; listed out of order on purpose. */
export function prodEvents(): FakeLogEvent[] {
  const denied = trace(REQUEST_ID, T0, [
    'Extended Request Id: Xa1=',
    'Starting authorizer: 8xkq2m for request: ' + REQUEST_ID,
    'Incoming identity: ****abc123',
    'Endpoint response body before transformations: {"principalId":"user","policyDocument":{}}',
    'Unauthorized request: ' + REQUEST_ID,
    'Method completed with status: 403',
  ]);
  const allowed = trace(OTHER_ID, T0 + 10_000, [
    'Extended Request Id: Yb2=',
    'Starting authorizer: 8xkq2m for request: ' + OTHER_ID,
    'Incoming identity: ****zzz999',
    'Method completed with status: 200',
  ]).map((e) => ({ ...e, logStreamName: 'stream-b' }));
  return [...allowed, ...denied];
}

export function world(): FakeAwsWorld {
  return {
    region: REGION,
    accountId: ACCOUNT,
    logGroups: {
      [PROD_GROUP]: prodEvents(),
      [DEV_GROUP]: [{ timestamp: T0 - 60_000, message: '(dev-1) Method completed with status: 500' }],
      '/aws/lambda/orders-authorizer': [],
    },
    account: { cloudwatchRoleArn: `arn:aws:iam::${ACCOUNT}:role/apigw-logs` },
    restApis: {
      [API_ID]: {
        restApi: {
          id: API_ID,
          name: 'orders',
          createdDate: 1_700_000_000,
          apiKeySource: 'HEADER',
          endpointConfiguration: { types: ['REGIONAL'] },
          policy: POLICY,
          disableExecuteApiEndpoint: false,
        },
        authorizers: ['auth1', 'auth2', 'auth3'].map((id, i) => ({
          id,
          name: `authorizer-${i + 1}`,
          type: 'TOKEN',
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 300,
        })),
        stages: {
          prod: {
            stageName: 'prod',
            deploymentId: 'd3p1oy',
            lastUpdatedDate: 1_764_000_000,
            methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
          },
          dev: { stageName: 'dev', deploymentId: 'd0ld3p', lastUpdatedDate: 1_763_000_000 },
        },
        resources: [
          { id: 'root', path: '/' },
          {
            id: 'r1',
            parentId: 'root',
            pathPart: 'orders',
            path: '/orders',
            resourceMethods: {
              GET: {
                httpMethod: 'GET',
                authorizationType: 'CUSTOM',
                authorizerId: 'auth1',
                apiKeyRequired: false,
              },
              POST: { httpMethod: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: false },
            },
          },
          {
            id: 'r2',
            parentId: 'r1',
            pathPart: '{id}',
            path: '/orders/{id}',
            resourceMethods: {
              DELETE: { httpMethod: 'DELETE', authorizationType: 'NONE', apiKeyRequired: true },
            },
          },
        ],
        deployments: { d3p1oy: { id: 'd3p1oy', createdDate: 1_764_000_000, description: 'v42' } },
      },
      second: {
        restApi: { id: 'second', name: 'inventory', createdDate: 1_710_000_000 },
        authorizers: [],
        stages: {},
        resources: [],
      },
    },
  };
}

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };

export function logsClient(fake: FakeAws): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ region: REGION, endpoint: fake.url, credentials, maxAttempts: 1 });
}

export function apiGatewayClient(fake: FakeAws): APIGatewayClient {
  return new APIGatewayClient({ region: REGION, endpoint: fake.url, credentials, maxAttempts: 1 });
}

export interface Sandbox {
  fake: FakeAws;
  logs: CloudWatchLogsClient;
  apiGateway: APIGatewayClient;
}

/** Registers cleanup for the describe block; each call starts a fake with SDK clients pointed at it. */
export function useFakeAws(): (options?: FakeAwsOptions, data?: FakeAwsWorld) => Promise<Sandbox> {
  const started: Sandbox[] = [];
  afterEach(async () => {
    const done = started.splice(0);
    for (const sandbox of done) {
      sandbox.logs.destroy();
      sandbox.apiGateway.destroy();
    }
    await Promise.all(done.map((sandbox) => sandbox.fake.close()));
  });
  return async (options, data = world()) => {
    const fake = await startFakeAws(data, options);
    const sandbox = { fake, logs: logsClient(fake), apiGateway: apiGatewayClient(fake) };
    started.push(sandbox);
    return sandbox;
  };
}

/** The rejection of a promise, for asserting on `name` and `message`. */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
