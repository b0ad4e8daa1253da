import type { FakeAwsWorld, FakeLogEvent, FakeRestApi } from './fake-aws/types';
import { ExecutionLogGenerator } from './log-generator';
import { msg, type Text } from '../text';

/**
 * The built-in sandbox: one AWS account and region with four APIs and the execution logs of a few failed
 * requests (plus background traffic), so that `diagnose` and `scan` run end to end through the real SDK with no
 * credentials. Ids are made up; the shapes are real (wire format: epoch-second dates, the escaped policy string).
 */

export const SANDBOX_REGION = 'eu-west-1';
export const SANDBOX_ACCOUNT = '123456789012';

const ORDERS = 'a1b2c3d4e5';
const REPORTS = 'b2c3d4e5f6';
const PARTNERS = 'c3d4e5f6a7';
const LEGACY = 'd4e5f6a7b8';
const ARN = (api: string) => `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${api}`;
const FUNCTION = (name: string) => `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:function:${name}`;
const LAMBDA_URL = (name: string) =>
  `https://lambda.${SANDBOX_REGION}.amazonaws.com/2015-03-31/functions/${FUNCTION(name)}/invocations`;
const AUTHORIZER_URI = (name: string) =>
  `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${FUNCTION(name)}/invocations`;
const ACCESS_LOG_GROUP = '/aws/apigateway/orders-access';

export interface SandboxScenario {
  requestId: string;
  title: Text;
  restApiId?: string;
  stage?: string;
  /** What the engine should conclude. */
  expected: string;
}

/** The failed requests a newcomer can diagnose; ids are fixed so the README can name them. */
export const SCENARIOS = {
  cached: {
    requestId: '0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18',
    title: msg('cli.sandbox.scenario.cached'),
    restApiId: ORDERS,
    stage: 'prod',
    expected: 'authorizer-cached-policy-mismatch',
  },
  deny: {
    requestId: '5a1d9c2e-7b3f-4e8a-a6d1-2f9e8c7b6a51',
    title: msg('cli.sandbox.scenario.deny'),
    expected: 'authorizer-explicit-deny',
  },
  permission: {
    requestId: '6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3e21',
    title: msg('cli.sandbox.scenario.permission'),
    restApiId: ORDERS,
    stage: 'staging',
    expected: 'authorizer-invoke-permission',
  },
  ipDeny: {
    requestId: '3f2e1d0c-9b8a-4765-a432-10fedcba9876',
    title: msg('cli.sandbox.scenario.ip-deny'),
    restApiId: REPORTS,
    stage: 'v1',
    expected: 'resource-policy-explicit-deny',
  },
  apiKey: {
    requestId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    title: msg('cli.sandbox.scenario.api-key'),
    restApiId: PARTNERS,
    stage: 'prod',
    expected: 'api-key-missing-or-invalid',
  },
  unlogged: {
    requestId: '7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b',
    title: msg('cli.sandbox.scenario.unlogged'),
    restApiId: LEGACY,
    stage: 'prod',
    expected: 'not-found-in-logs',
  },
} satisfies Record<string, SandboxScenario>;

export const SCAN_TARGET = { restApiId: ORDERS, stage: 'prod', since: '1h' };

/** A request denied three hours ago (not a tour scenario): `npm run bench` finds it as fast as a recent one. */
export const OLDER_REQUEST = {
  requestId: '8c7b6a5f-4e3d-4c2b-9a1f-0e9d8c7b6a5f',
  restApiId: ORDERS,
  stage: 'prod',
} as const;

export function buildSandboxWorld(now: number): FakeAwsWorld {
  const events = new Events(now);
  const world: FakeAwsWorld = {
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT,
    logGroups: {},
    restApis: {
      [ORDERS]: ordersApi(),
      [REPORTS]: reportsApi(),
      [PARTNERS]: partnersApi(),
      [LEGACY]: legacyApi(),
    },
    account: { cloudwatchRoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/apigateway-cloudwatch` },
  };
  world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/prod`] = [
    ...backgroundTraffic(now),
    ...cachedScenario(events),
    ...denyScenario(events),
    ...olderDeny(events),
  ];
  world.logGroups[`API-Gateway-Execution-Logs_${ORDERS}/staging`] = permissionScenario(events);
  world.logGroups[`API-Gateway-Execution-Logs_${REPORTS}/v1`] = ipDenyScenario(events);
  world.logGroups[`API-Gateway-Execution-Logs_${PARTNERS}/prod`] = apiKeyScenario(events);
  world.logGroups[ACCESS_LOG_GROUP] = events.accessLog;
  world.logGroups['/aws/apigateway/reports-access'] = events.reportsAccessLog;
  world.logGroups['/aws/lambda/orders-authorizer'] = events.functionLog;
  // The staging authorizer was never invoked: API Gateway may not call it (the permission scenario).
  world.logGroups['/aws/lambda/orders-authorizer-v2'] = [];
  return world;
}

/** Collects scripted events at fixed offsets before `now`. */
class Events {
  readonly accessLog: FakeLogEvent[] = [];
  readonly reportsAccessLog: FakeLogEvent[] = [];
  /** The orders authorizer function's own log (`/aws/lambda/orders-authorizer`), in the runtime's text format. */
  readonly functionLog: FakeLogEvent[] = [];
  constructor(private readonly now: number) {}

  /** One invocation of the authorizer function, as the Node.js runtime logs it, started `secondsAgo`. */
  invocation(secondsAgo: number, lambdaRequestId: string, cold = false): void {
    const start = this.now - secondsAgo * 1000 - 2;
    const stream = '2026/11/24/[$LATEST]4f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const lines = [
      ...(cold
        ? [
            'INIT_START Runtime Version: nodejs:20.v33\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:2a9f',
          ]
        : []),
      `START RequestId: ${lambdaRequestId} Version: $LATEST`,
      `END RequestId: ${lambdaRequestId}`,
      `REPORT RequestId: ${lambdaRequestId}\tDuration: 41.27 ms\tBilled Duration: 42 ms\tMemory Size: 256 MB\tMax Memory Used: 74 MB${cold ? '\tInit Duration: 187.40 ms' : ''}`,
    ];
    lines.forEach((message, i) =>
      this.functionLog.push({ timestamp: start + i * 20, message, logStreamName: stream }),
    );
  }

  trace(requestId: string, secondsAgo: number, messages: string[]): FakeLogEvent[] {
    const start = this.now - secondsAgo * 1000;
    return messages.map((message, i) => ({
      timestamp: start + i * 3,
      message: `(${requestId}) ${message}`,
      logStreamName: 'd0c5e6a7b1f2d4c3b9a8e7d6c5b4a3f1',
    }));
  }

  access(group: FakeLogEvent[], secondsAgo: number, record: Record<string, unknown>): void {
    group.push({
      timestamp: this.now - secondsAgo * 1000 + 40,
      message: JSON.stringify(record),
      logStreamName: 'access',
    });
  }
}

function authorizerRun(requestId: string, methodArn: string, result: object, identity = 'Xy9pQ2'): string[] {
  return [
    'Extended Request Id: Kp3xFhWQDoEEXeA=',
    `Starting authorizer: 8xkq2m for request: ${requestId}`,
    `Incoming identity: ************************************************${identity}`,
    `Endpoint request URI: ${LAMBDA_URL('orders-authorizer')}`,
    `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${methodArn}","authorizationToken":"****${identity}"}`,
    `Sending request to ${LAMBDA_URL('orders-authorizer')}`,
    `Authorizer result body before parsing: ${JSON.stringify(result)}`,
    `Using valid authorizer policy for principal: ****${identity.slice(-4)}`,
    'Successfully completed authorizer execution',
  ];
}

function policyFor(effect: 'Allow' | 'Deny', resource: string, context?: object): object {
  return {
    principalId: 'user-4711',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    ...(context ? { context } : {}),
  };
}

function cachedScenario(events: Events): FakeLogEvent[] {
  const first = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  const { requestId } = SCENARIOS.cached;
  const orders17 = `${ARN(ORDERS)}/prod/GET/orders/17`;
  // The function ran for the first request and not for the second: the cache answered it.
  events.invocation(120, 'c41f7a2e-8b3d-4e5f-9a6b-7c8d9e0f1a2b', true);
  events.access(events.accessLog, 120, {
    requestId: first,
    ip: '198.51.100.23',
    httpMethod: 'GET',
    resourcePath: '/orders/{id}',
    path: '/prod/orders/17',
    status: '200',
    responseType: '-',
  });
  events.access(events.accessLog, 60, {
    requestId,
    ip: '198.51.100.23',
    httpMethod: 'GET',
    resourcePath: '/orders/{id}',
    path: '/prod/orders/18',
    status: '403',
    responseType: 'ACCESS_DENIED',
    errorMessage: 'User is not authorized to access this resource',
  });
  return [
    ...events.trace(first, 120, [
      ...authorizerRun(
        first,
        orders17,
        policyFor('Allow', orders17, { tenant: 't-88', email: 'ana@example.com' }),
      ),
      `Starting execution for request: ${first}`,
      'HTTP Method: GET, Resource Path: /orders/17',
      'Received response. Status: 200, Integration latency: 31 ms',
      'Method completed with status: 200',
    ]),
    ...events.trace(requestId, 60, [
      'Extended Request Id: Lq4yGiXRErFFYfB=',
      `Starting authorizer: 8xkq2m for request: ${requestId}`,
      'Incoming identity: ************************************************Xy9pQ2',
      'The client is not authorized to perform this operation.',
    ]),
  ];
}

function denyScenario(events: Events): FakeLogEvent[] {
  const { requestId } = SCENARIOS.deny;
  events.invocation(300, 'e2d3c4b5-a697-4887-9a6b-5c4d3e2f1a0b');
  const target = `${ARN(ORDERS)}/prod/DELETE/orders/17`;
  events.access(events.accessLog, 300, {
    requestId,
    ip: '198.51.100.40',
    httpMethod: 'DELETE',
    resourcePath: '/orders/{id}',
    path: '/prod/orders/17',
    status: '403',
    responseType: 'ACCESS_DENIED',
    errorMessage: 'User is not authorized to access this resource with an explicit deny',
  });
  const result = {
    principalId: 'user-5150',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN(ORDERS)}/prod/GET/*` },
        {
          Sid: 'ReadOnlyUsers',
          Action: 'execute-api:Invoke',
          Effect: 'Deny',
          Resource: `${ARN(ORDERS)}/prod/DELETE/*`,
        },
      ],
    },
    context: { role: 'reader', tenant: 't-12' },
  };
  return events.trace(requestId, 300, [
    ...authorizerRun(requestId, target, result, 'Qm7rT1'),
    'The client is not authorized to perform this operation.',
  ]);
}

function olderDeny(events: Events): FakeLogEvent[] {
  const { requestId } = OLDER_REQUEST;
  const secondsAgo = 3 * 3600;
  const target = `${ARN(ORDERS)}/prod/POST/orders`;
  events.access(events.accessLog, secondsAgo, {
    requestId,
    ip: '198.51.100.61',
    httpMethod: 'POST',
    resourcePath: '/orders',
    path: '/prod/orders',
    status: '403',
    responseType: 'ACCESS_DENIED',
    errorMessage: 'User is not authorized to access this resource with an explicit deny',
  });
  const result = policyFor('Deny', `${ARN(ORDERS)}/prod/POST/*`);
  return events.trace(requestId, secondsAgo, [
    ...authorizerRun(requestId, target, result, 'Zt8uV3'),
    'The client is not authorized to perform this operation.',
  ]);
}

function permissionScenario(events: Events): FakeLogEvent[] {
  const { requestId } = SCENARIOS.permission;
  return events.trace(requestId, 900, [
    'Extended Request Id: Mr5zHjYSFsGGZgC=',
    `Starting authorizer: 4stg9z for request: ${requestId}`,
    'Incoming identity: ************************************************Xy9pQ2',
    `Endpoint request URI: ${LAMBDA_URL('orders-authorizer-v2')}`,
    `Sending request to ${LAMBDA_URL('orders-authorizer-v2')}`,
    'Execution failed due to configuration error: Invalid permissions on Lambda function',
    'Execution failed due to configuration error: Authorizer error',
    'AuthorizerConfigurationException',
  ]);
}

function ipDenyScenario(events: Events): FakeLogEvent[] {
  const { requestId } = SCENARIOS.ipDeny;
  events.access(events.reportsAccessLog, 600, {
    requestId,
    ip: '203.0.113.7',
    httpMethod: 'GET',
    resourcePath: '/reports',
    path: '/v1/reports',
    status: '403',
    responseType: 'ACCESS_DENIED',
    errorMessage: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN(REPORTS)}/v1/GET/reports with an explicit deny`,
  });
  return events.trace(requestId, 600, ['Extended Request Id: Ns6aIkZTGtHHahD=']);
}

function apiKeyScenario(events: Events): FakeLogEvent[] {
  const { requestId } = SCENARIOS.apiKey;
  return events.trace(requestId, 1200, [
    'Extended Request Id: Pt7bJlAUHuIIbiE=',
    `Verifying Usage Plan for request: ${requestId}. API Key: **********************************aB3dE5 API Stage: ${PARTNERS}/prod`,
    `API Key **********************************aB3dE5 not authorized because method 'GET /partners' requires API Key and API Key is not associated with a Usage Plan for API Stage ${PARTNERS}/prod: No Usage Plan found for key and API Stage`,
    'Method completed with status: 403',
  ]);
}

function backgroundTraffic(now: number): FakeLogEvent[] {
  const generator = new ExecutionLogGenerator({
    seed: 11,
    apiId: ORDERS,
    stage: 'prod',
    region: SANDBOX_REGION,
    accountId: SANDBOX_ACCOUNT,
    startTime: now - 45 * 60_000,
    concurrency: 8,
  });
  const timestamp = /^(\S+) /;
  return [...generator.lines(3000)].map((line) => ({
    timestamp: Date.parse(timestamp.exec(line)?.[1] ?? ''),
    message: line.replace(timestamp, ''),
    logStreamName: '7f3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c',
  }));
}

const EPOCH = 1_767_225_600; // 2026-01-01, epoch seconds as the API Gateway wire has them

function stage(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stageName: name,
    deploymentId: `dep${name}1`,
    createdDate: EPOCH,
    lastUpdatedDate: EPOCH + 86_400,
    methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true, metricsEnabled: true } },
    tracingEnabled: false,
    ...extra,
  };
}

function method(
  verb: string,
  authorizationType: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { httpMethod: verb, authorizationType, apiKeyRequired: false, ...extra };
}

function ordersApi(): FakeRestApi {
  const custom = (verb: string, authorizerId = '8xkq2m') => method(verb, 'CUSTOM', { authorizerId });
  return {
    restApi: {
      id: ORDERS,
      name: 'orders',
      createdDate: EPOCH,
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['REGIONAL'] },
      disableExecuteApiEndpoint: false,
    },
    authorizers: [
      {
        id: '8xkq2m',
        name: 'orders-jwt',
        type: 'TOKEN',
        authType: 'custom',
        authorizerUri: AUTHORIZER_URI('orders-authorizer'),
        identitySource: 'method.request.header.Authorization',
        identityValidationExpression: '^Bearer [-0-9A-Za-z._~+/]+=*$',
        authorizerResultTtlInSeconds: 300,
      },
      {
        id: '4stg9z',
        name: 'orders-jwt-v2',
        type: 'TOKEN',
        authType: 'custom',
        authorizerUri: AUTHORIZER_URI('orders-authorizer-v2'),
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 0,
      },
    ],
    stages: {
      prod: stage('prod', {
        accessLogSettings: {
          destinationArn: `arn:aws:logs:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:log-group:${ACCESS_LOG_GROUP}`,
          format:
            '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","path":"$context.path","status":"$context.status","responseType":"$context.error.responseType","errorMessage":"$context.error.message"}',
        },
      }),
      staging: stage('staging'),
    },
    resources: [
      { id: 'r00t01', path: '/', resourceMethods: {} },
      {
        id: 'ord001',
        parentId: 'r00t01',
        pathPart: 'orders',
        path: '/orders',
        resourceMethods: { GET: custom('GET'), POST: custom('POST') },
      },
      {
        id: 'ord002',
        parentId: 'ord001',
        pathPart: '{id}',
        path: '/orders/{id}',
        resourceMethods: { GET: custom('GET'), DELETE: custom('DELETE') },
      },
      {
        id: 'stg001',
        parentId: 'r00t01',
        pathPart: 'staging-check',
        path: '/staging-check',
        resourceMethods: { GET: custom('GET', '4stg9z') },
      },
    ],
  };
}

/**
 * The reports API's resource policy: everyone outside `allowedRanges` denied. As GetRestApi returns it: a string
 * whose quotes and slashes are escaped once more.
 */
export function reportsPolicy(allowedRanges: string[]): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
      {
        Sid: 'DenyOutsideOffice',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { NotIpAddress: { 'aws:SourceIp': allowedRanges } },
      },
    ],
  };
  return JSON.stringify(policy).replace(/["/]/g, '\\$&');
}

function reportsApi(): FakeRestApi {
  const deployed = reportsPolicy(['198.51.100.0/24', '10.0.0.0/8']);
  // Deploy drift: after the denial, someone allowed the branch office's range, and did not redeploy.
  const working = reportsPolicy(['198.51.100.0/24', '10.0.0.0/8', '203.0.113.0/24']);
  return {
    restApi: {
      id: REPORTS,
      name: 'reports',
      createdDate: EPOCH,
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['REGIONAL'] },
      policy: working,
    },
    authorizers: [],
    stages: {
      v1: stage('v1', {
        accessLogSettings: {
          destinationArn: `arn:aws:logs:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:log-group:/aws/apigateway/reports-access`,
          format:
            '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}',
        },
      }),
    },
    resources: [
      { id: 'r00t02', path: '/', resourceMethods: {} },
      {
        id: 'rep001',
        parentId: 'r00t02',
        pathPart: 'reports',
        path: '/reports',
        resourceMethods: { GET: method('GET', 'NONE') },
      },
    ],
    deployed: { depv11: { policy: deployed } },
  };
}

function partnersApi(): FakeRestApi {
  return {
    restApi: {
      id: PARTNERS,
      name: 'partners',
      createdDate: EPOCH,
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['EDGE'] },
    },
    authorizers: [],
    stages: { prod: stage('prod'), staging: stage('staging') },
    resources: [
      { id: 'r00t03', path: '/', resourceMethods: {} },
      {
        id: 'par001',
        parentId: 'r00t03',
        pathPart: 'partners',
        path: '/partners',
        resourceMethods: { GET: method('GET', 'NONE', { apiKeyRequired: true }) },
      },
    ],
  };
}

function legacyApi(): FakeRestApi {
  return {
    restApi: {
      id: LEGACY,
      name: 'legacy',
      createdDate: EPOCH,
      apiKeySource: 'HEADER',
      endpointConfiguration: { types: ['EDGE'] },
    },
    authorizers: [],
    stages: {
      prod: {
        stageName: 'prod',
        deploymentId: 'depleg1',
        createdDate: EPOCH,
        lastUpdatedDate: EPOCH,
        methodSettings: {},
      },
    },
    resources: [{ id: 'r00t04', path: '/', resourceMethods: { GET: method('GET', 'AWS_IAM') } }],
  };
}
