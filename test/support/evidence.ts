import type {
  AuthorizerLogFacts,
  CacheOrigin,
  ConfigFacts,
  Evidence,
  RequestFacts,
  SearchReport,
  SourceReport,
} from '../../src/evidence/types';
import { assembleEvidence } from '../../src/evidence/assemble';
import { parseLogEvents } from '../../src/evidence/log-lines';

/** Builds evidence the way the pipeline does, from readable pieces. */
export interface EvidenceSpec {
  /** Execution-log events, as CloudWatch or a paste shows them. */
  log?: string[];
  status?: number;
  body?: string | null;
  errorType?: string;
  accessLog?: Record<string, unknown>;
  config?: ConfigFacts;
  request?: Partial<RequestFacts>;
  cacheOrigin?: CacheOrigin;
  search?: SearchReport;
  sources?: SourceReport;
  authorizerLog?: AuthorizerLogFacts;
  gaps?: string[];
}

export function evidence(spec: EvidenceSpec): Evidence {
  const hasResponse = spec.status !== undefined || spec.body !== undefined || spec.errorType !== undefined;
  return assembleEvidence({
    lines: parseLogEvents(spec.log ?? []),
    response: hasResponse ? { status: spec.status, body: spec.body, errorType: spec.errorType } : undefined,
    accessLog: spec.accessLog,
    config: spec.config,
    request: spec.request,
    cacheOrigin: spec.cacheOrigin,
    search: spec.search,
    sources: spec.sources,
    authorizerLog: spec.authorizerLog,
    gaps: spec.gaps,
  });
}

/** Prefixes messages with `(requestId) ` as CloudWatch does. */
export function cloudwatch(requestId: string, ...messages: string[]): string[] {
  return messages.map((message) => `(${requestId}) ${message}`);
}

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const API = 'abc123defg';
export const ARN_PREFIX = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:authorizer`;
export const LAMBDA_URI = `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/${FUNCTION_ARN}/invocations`;
export const AUTHORIZER_URI = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`;

export const TOKEN_AUTHORIZER = {
  id: 'auth01',
  name: 'jwt',
  type: 'TOKEN',
  authorizerUri: AUTHORIZER_URI,
  identitySource: 'method.request.header.Authorization',
  authorizerResultTtlInSeconds: 300,
};

export function policy(effect: 'Allow' | 'Deny', resource: string | string[]): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  };
}

/** A private API's resource policy that admits one VPC endpoint, on `resource` only. */
export function endpointAllowPolicy(vpceId: string, resource: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: resource,
        Condition: { StringEquals: { 'aws:SourceVpce': vpceId } },
      },
    ],
  });
}

/** A full INFO + data-trace authorizer run (domain.md §6.4) that returned `result`. */
export function authorizerRun(requestId: string, methodArn: string, result: unknown): string[] {
  return cloudwatch(
    requestId,
    'Extended Request Id: AbCdEfGhIjKlMnO=',
    `Starting authorizer: auth01 for request: ${requestId}`,
    'Incoming identity: ***************************abc123',
    `Endpoint request URI: ${LAMBDA_URI}`,
    `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${methodArn}","authorizationToken":"***"}`,
    `Sending request to ${LAMBDA_URI}`,
    `Authorizer result body before parsing: ${JSON.stringify(result)}`,
    'Using valid authorizer policy for principal: ****r-123',
    'Successfully completed authorizer execution',
  );
}

/** The authorizer called, and what its Lambda returned as the trace printed it (its result body), nothing after. */
export function authorizerReturned(requestId: string, body: string): string[] {
  return cloudwatch(
    requestId,
    `Starting authorizer: auth01 for request: ${requestId}`,
    `Sending request to ${LAMBDA_URI}`,
    `Authorizer result body before parsing: ${body}`,
  );
}

/** The authorizer step started and read the identity, then `messages`. */
function authorizerStep(requestId: string, ...messages: string[]): string[] {
  return cloudwatch(
    requestId,
    `Starting authorizer: auth01 for request: ${requestId}`,
    'Incoming identity: ****abcdef',
    ...messages,
  );
}

/** An authorizer step that ended with a policy (lines 8–9 of domain.md §6.4), its result body not pasted. */
export function authorizerCompleted(requestId: string): string[] {
  return authorizerStep(
    requestId,
    'Using valid authorizer policy for principal: ****4711',
    'Successfully completed authorizer execution',
  );
}

/** API Gateway could not call the authorizer at its URI (the console's Test Authorizer shape). */
export function authorizerUriInvalid(requestId: string): string[] {
  return authorizerStep(
    requestId,
    'Execution failed due to configuration error: Invalid endpoint address',
    'Execution failed due to configuration error: Authorizer error',
    'AuthorizerConfigurationException',
  );
}

/** An access-log record of a 403 ACCESS_DENIED for a request whose authorizer ran and named a principal. */
export function accessDeniedAfterAuthorizer(requestId: string): Record<string, unknown> {
  return {
    requestId,
    status: '403',
    'error.responseType': 'ACCESS_DENIED',
    'authorizer.integrationStatus': '200',
    'authorizer.principalId': 'user-4711',
  };
}

/** A method behind a Cognito user pool's authorizer. */
export const COGNITO_METHOD = {
  authorizer: {
    id: 'cog123',
    name: 'CognitoAuthorizer',
    type: 'COGNITO_USER_POOLS',
    identitySource: 'method.request.header.Authorization',
    providerARNs: [`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_AbCdEf123`],
  },
  method: { authorizationType: 'COGNITO_USER_POOLS', authorizerId: 'cog123' },
  restApi: { id: API },
};

const FUNCTION_LOG_GROUP = '/aws/lambda/authorizer';

/** The authorizer function's log read completely from 10 minutes before to 10 minutes after `time`. */
export function functionLog(
  time: number,
  invocations: AuthorizerLogFacts['invocations'],
): { authorizerLog: AuthorizerLogFacts; sources: SourceReport } {
  return {
    authorizerLog: {
      logGroup: FUNCTION_LOG_GROUP,
      window: { start: time - 600_000, end: time + 600_000 },
      invocations,
    },
    sources: { 'authorizer-log': { read: 'complete' } },
  };
}
