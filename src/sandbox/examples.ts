import type { EvidenceBundle } from '../evidence/bundle';

/**
 * Evidence bundles for the built-in sandbox: one per common cause, in the same shape as the corpus, with
 * execution-log lines in CloudWatch's `(request-id) message` form. Ids are made up; the shapes are real.
 */
export interface ExampleBundle extends EvidenceBundle {
  id: string;
  title: string;
}

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const API = 'a1b2c3d4e5';
const ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
const AUTHORIZER_URI = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-authorizer/invocations`;
const LAMBDA_URI = `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-authorizer/invocations`;

const tokenAuthorizer = {
  id: '8xkq2m',
  name: 'orders-jwt',
  type: 'TOKEN',
  authorizerUri: AUTHORIZER_URI,
  identitySource: 'method.request.header.Authorization',
  identityValidationExpression: '^Bearer [-0-9A-Za-z._~+/]+=*$',
  authorizerResultTtlInSeconds: 300,
};

const prodStage = {
  stageName: 'prod',
  deploymentId: 'd3p1oy',
  methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
};

function trace(id: string, messages: string[]): string[] {
  return messages.map((message) => `(${id}) ${message}`);
}

function authorizerRun(id: string, verbPath: string, result: object): string[] {
  return trace(id, [
    'Extended Request Id: Kp3xFhWQDoEEXeA=',
    `Starting authorizer: 8xkq2m for request: ${id}`,
    'Incoming identity: ************************************************Xy9pQ2',
    `Endpoint request URI: ${LAMBDA_URI}`,
    `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}/prod/${verbPath}","authorizationToken":"****Xy9pQ2"}`,
    `Sending request to ${LAMBDA_URI}`,
    `Authorizer result body before parsing: ${JSON.stringify(result)}`,
    'Using valid authorizer policy for principal: ****e-4711',
    'Successfully completed authorizer execution',
  ]);
}

export const EXAMPLES: readonly ExampleBundle[] = [
  {
    id: 'cached-policy-reused',
    title: 'GET /orders/18 fails right after GET /orders/17 succeeded with the same token',
    request_id: '0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18',
    status: 403,
    response_body: '{"Message":"User is not authorized to access this resource"}',
    error_type_header: 'AccessDeniedException',
    execution_log: trace('0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18', [
      'Extended Request Id: Lq4yGiXRErFFYfB=',
      'Starting authorizer: 8xkq2m for request: 0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18',
      'Incoming identity: ************************************************Xy9pQ2',
      'The client is not authorized to perform this operation.',
    ]),
    config: {
      authorizer: tokenAuthorizer,
      stage: prodStage,
      method: {
        httpMethod: 'GET',
        resourcePath: '/orders/{id}',
        authorizationType: 'CUSTOM',
        authorizerId: '8xkq2m',
      },
    },
  },
  {
    id: 'authorizer-deny',
    title: 'The authorizer denies DELETE /orders/17 for a read-only user',
    status: 403,
    response_body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    error_type_header: 'AccessDeniedException',
    execution_log: [
      ...authorizerRun('5a1d9c2e-7b3f-4e8a-a6d1-2f9e8c7b6a51', 'DELETE/orders/17', {
        principalId: 'user-4711',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN}/prod/GET/*` },
            { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${ARN}/prod/DELETE/*` },
          ],
        },
        context: { tenant: 't-88', role: 'reader' },
      }),
      '(5a1d9c2e-7b3f-4e8a-a6d1-2f9e8c7b6a51) The client is not authorized to perform this operation.',
    ],
    config: { authorizer: tokenAuthorizer, stage: prodStage },
  },
  {
    id: 'policy-for-wrong-stage',
    title: 'The authorizer returns a policy for the dev stage',
    status: 403,
    response_body: '{"Message":"User is not authorized to access this resource"}',
    error_type_header: 'AccessDeniedException',
    execution_log: [
      ...authorizerRun('9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c61', 'GET/orders', {
        principalId: 'user-4711',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN}/dev/*/*` }],
        },
      }),
      '(9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c61) The client is not authorized to perform this operation.',
    ],
    config: { authorizer: { ...tokenAuthorizer, authorizerResultTtlInSeconds: 0 }, stage: prodStage },
  },
  {
    id: 'resource-policy-ip-deny',
    title: 'A caller outside the office network hits an IP-restricted API',
    status: 403,
    response_body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN}/prod/GET/reports with an explicit deny"}`,
    error_type_header: 'AccessDeniedException',
    execution_log: [],
    access_log: {
      requestId: '3f2e1d0c-9b8a-4765-a432-10fedcba9876',
      ip: '203.0.113.7',
      httpMethod: 'GET',
      resourcePath: '/reports',
      status: '403',
      responseType: 'ACCESS_DENIED',
    },
    config: {
      restApi: {
        id: API,
        name: 'orders',
        endpointConfiguration: { types: ['REGIONAL'] },
        policy: JSON.stringify(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
              {
                Sid: 'DenyOutsideOffice',
                Effect: 'Deny',
                Principal: '*',
                Action: 'execute-api:Invoke',
                Resource: 'execute-api:/*',
                Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '10.0.0.0/8'] } },
              },
            ],
          }),
        ).slice(1, -1),
      },
      stage: prodStage,
    },
  },
  {
    id: 'authorizer-invoke-permission',
    title: 'The API was recreated and the authorizer Lambda permission still names the old API',
    status: 500,
    response_body: '{"message":null}',
    error_type_header: 'AuthorizerConfigurationException',
    execution_log: trace('6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3e21', [
      'Starting authorizer: 8xkq2m for request: 6b5a4f3e-2d1c-4b0a-9f8e-7d6c5b4a3e21',
      'Incoming identity: ************************************************Xy9pQ2',
      `Endpoint request URI: ${LAMBDA_URI}`,
      `Sending request to ${LAMBDA_URI}`,
      'Execution failed due to configuration error: Invalid permissions on Lambda function',
      'Execution failed due to configuration error: Authorizer error',
      'AuthorizerConfigurationException',
    ]),
    config: { authorizer: tokenAuthorizer, stage: prodStage },
  },
  {
    id: 'api-key-not-in-usage-plan',
    title: 'A partner key works on the staging stage but not on prod',
    status: 403,
    response_body: '{"message":"Forbidden"}',
    error_type_header: 'ForbiddenException',
    execution_log: trace('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', [
      'Extended Request Id: Mr5zHjYSFsGGZgC=',
      `Verifying Usage Plan for request: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d. API Key: **********************************aB3dE5 API Stage: ${API}/prod`,
      `API Key **********************************aB3dE5 not authorized because method 'GET /partners' requires API Key and API Key is not associated with a Usage Plan for API Stage ${API}/prod: No Usage Plan found for key and API Stage`,
      'Method completed with status: 403',
    ]),
    config: {
      method: {
        httpMethod: 'GET',
        resourcePath: '/partners',
        authorizationType: 'NONE',
        apiKeyRequired: true,
      },
      stage: prodStage,
    },
  },
  {
    id: 'identity-source-missing',
    title: 'A REQUEST authorizer needs a tenant header the mobile client does not send',
    status: 401,
    response_body: '{"message":"Unauthorized"}',
    error_type_header: 'UnauthorizedException',
    execution_log: trace('2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', [
      'Extended Request Id: Ns6aIkZTGtHHahD=',
      'Unauthorized request: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    ]),
    config: {
      authorizer: {
        id: 'r3q5t7',
        name: 'tenant-authorizer',
        type: 'REQUEST',
        authorizerUri: AUTHORIZER_URI,
        identitySource: 'method.request.header.Authorization, method.request.header.X-Tenant-Id',
        authorizerResultTtlInSeconds: 60,
      },
      stage: prodStage,
    },
  },
  {
    id: 'backend-403',
    title: 'The backend itself answers 403',
    status: 403,
    response_body: '{"error":"forbidden by policy engine"}',
    execution_log: trace('4d5e6f7a-8b9c-4d0e-a1f2-3a4b5c6d7e8f', [
      'Starting execution for request: 4d5e6f7a-8b9c-4d0e-a1f2-3a4b5c6d7e8f',
      'HTTP Method: GET, Resource Path: /orders/17',
      'Sending request to https://backend.internal.example.com/orders/17',
      'Received response. Status: 403, Integration latency: 12 ms',
      'Method completed with status: 403',
    ]),
  },
];
