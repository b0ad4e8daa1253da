import type { ApiResource } from '../../../src/aws/rest-api';
import type { AuthorizerConfig, RestApiConfig, StageConfig } from '../../../src/evidence/types';
import type {
  AccountFacts,
  ApiFacts,
  AuthorizerOutputSample,
  DoctorFacts,
  FunctionPolicyFact,
  Read,
  ReadProblem,
  StageFacts,
} from '../../../src/doctor/types';
import { english } from '../../../src/render/localize';
import type { DoctorFinding } from '../../../src/doctor/types';

/** Facts as the gathering module builds them, for the pure checks' tables. */

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const API = 'a1b2c3d4e5';
export const EXECUTE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
export const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:auth`;
export const AUTHORIZER_URI = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`;

export function ok<T>(value: T): Read<T> {
  return { ok: true, value };
}

export function failed<T>(problem: ReadProblem): Read<T> {
  return { ok: false, problem };
}

export const DENIED: ReadProblem = {
  kind: 'denied',
  operation: 'GetPolicy',
  action: 'lambda:GetPolicy',
  resource: FUNCTION,
};

export function stage(
  extra: Partial<StageConfig> = {},
  outputs?: Read<AuthorizerOutputSample[]>,
): StageFacts {
  return {
    stage: {
      stageName: 'prod',
      methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
      accessLogSettings: {
        destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/access`,
        format:
          '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType","authorizerError":"$context.authorizer.error","authorizerStatus":"$context.authorizer.status","principalId":"$context.authorizer.principalId","authorizerRequestId":"$context.authorizer.requestId","authorizerIntegrationStatus":"$context.authorizer.integrationStatus","wafError":"$context.waf.error","wafStatus":"$context.waf.status","wafResponseCode":"$context.wafResponseCode"}',
      },
      ...extra,
    } as StageFacts['stage'],
    ...(outputs ? { authorizerOutputs: outputs } : {}),
  };
}

export const LAMBDA_AUTHORIZER: AuthorizerConfig = {
  id: 'auth01',
  name: 'jwt',
  type: 'TOKEN',
  authorizerUri: AUTHORIZER_URI,
  authorizerResultTtlInSeconds: 300,
};

export function resources(authorizationType = 'CUSTOM', authorizerId = 'auth01'): ApiResource[] {
  return [
    {
      path: '/orders/{id}',
      methods: { GET: { httpMethod: 'GET', resourcePath: '/orders/{id}', authorizationType, authorizerId } },
    },
  ];
}

export function api(
  parts: {
    restApi?: Partial<RestApiConfig>;
    authorizers?: AuthorizerConfig[];
    resources?: ApiResource[];
    stages?: StageFacts[];
    functionPolicies?: Record<string, Read<FunctionPolicyFact>>;
  } = {},
): ApiFacts {
  return {
    restApiId: API,
    region: REGION,
    accountKey: 'default|eu-west-1',
    accountId: ACCOUNT,
    restApi: ok({
      id: API,
      name: 'orders',
      endpointConfiguration: { types: ['REGIONAL'] },
      ...parts.restApi,
    }),
    authorizers: ok(parts.authorizers ?? [LAMBDA_AUTHORIZER]),
    resources: ok(parts.resources ?? resources()),
    stages: ok(parts.stages ?? [stage()]),
    functionPolicies: parts.functionPolicies ?? {},
  };
}

export function account(extra: Partial<AccountFacts> = {}): AccountFacts {
  return {
    key: 'default|eu-west-1',
    region: REGION,
    caller: ok({
      account: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/why403/s`,
      principal: `arn:aws:iam::${ACCOUNT}:role/why403`,
    }),
    cloudwatchRole: ok(`arn:aws:iam::${ACCOUNT}:role/apigw-logs`),
    ...extra,
  };
}

export function facts(apis: ApiFacts[], accounts: AccountFacts[] = [account()]): DoctorFacts {
  return { accounts, apis, at: Date.UTC(2026, 10, 24, 10), logWindowMs: 6 * 3_600_000 };
}

/** A finding in words, as the tables compare it. */
export function worded(finding: DoctorFinding): { check: string; severity: string; title: string } {
  return { check: finding.check, severity: finding.severity, title: english.t(finding.title) };
}
