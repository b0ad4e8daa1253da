import { FakeAwsError } from './errors';
import type { FakeDeployment, FakeRestApi } from './types';

/**
 * GetExport of a stage, as API Gateway answers it: the definition of the deployment the stage runs (not the working
 * copy), as OpenAPI 3 (`oas30`) or Swagger 2 (`swagger`). Authorizers are security schemes named after the
 * authorizer (`x-amazon-apigateway-authorizer`, with `extensions=authorizers` or `apigateway`), methods name them
 * under `security` with their OAuth scopes (and `api_key` when a key is required), and the resource policy is the top-level
 * `x-amazon-apigateway-policy` object with `execute-api:/…` written out as full ARNs (`extensions=apigateway`).
 */

type Body = Record<string, unknown>;

const VERBS: Record<string, string> = { ANY: 'x-amazon-apigateway-any-method' };

export function exportStage(
  api: FakeRestApi,
  stage: Body,
  params: { exportType: string; extensions: string[]; region: string; accountId: string },
): Body {
  if (params.exportType !== 'oas30' && params.exportType !== 'swagger')
    throw new FakeAwsError('BadRequestException', `Invalid export type: ${params.exportType}`, 400);
  const deployed = deploymentOf(api, stage);
  const withAuthorizers = params.extensions.some((e) => e === 'authorizers' || e === 'apigateway');
  const schemes = securitySchemes(deployed.authorizers, withAuthorizers);
  const paths = exportPaths(deployed.resources, deployed.authorizers);
  const restApiId = String(api.restApi.id);
  const policy = params.extensions.includes('apigateway')
    ? policyObject(deployed.policy, `arn:aws:execute-api:${params.region}:${params.accountId}:${restApiId}`)
    : undefined;
  const info = {
    title: api.restApi.name,
    version: new Date(Number(api.restApi.createdDate) * 1000).toISOString(),
  };
  const document: Body =
    params.exportType === 'oas30'
      ? {
          openapi: '3.0.1',
          info,
          servers: [
            {
              url: `https://${restApiId}.execute-api.${params.region}.amazonaws.com/{basePath}`,
              variables: { basePath: { default: `/${String(stage.stageName)}` } },
            },
          ],
          paths,
          components: { securitySchemes: schemes },
        }
      : {
          swagger: '2.0',
          info,
          host: `${restApiId}.execute-api.${params.region}.amazonaws.com`,
          basePath: `/${String(stage.stageName)}`,
          schemes: ['https'],
          paths,
          securityDefinitions: schemes,
        };
  return policy ? { ...document, 'x-amazon-apigateway-policy': policy } : document;
}

/** The deployment the stage runs; a world that records none deployed its working copy as it is. */
function deploymentOf(
  api: FakeRestApi,
  stage: Body,
): Required<Omit<FakeDeployment, 'policy'>> & FakeDeployment {
  const recorded = api.deployed?.[String(stage.deploymentId)];
  return {
    authorizers: recorded?.authorizers ?? api.authorizers,
    resources: recorded?.resources ?? api.resources,
    policy: recorded ? recorded.policy : (api.restApi.policy as string | undefined),
  };
}

function securitySchemes(authorizers: readonly Body[], withAuthorizers: boolean): Body {
  const schemes: Body = { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } };
  for (const authorizer of authorizers) {
    const type = String(authorizer.type);
    if (type === 'TOKEN' || type === 'REQUEST' || type === 'COGNITO_USER_POOLS')
      schemes[String(authorizer.name)] = scheme(authorizer, type, withAuthorizers);
  }
  schemes.sigv4 = {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authtype': 'awsSigv4',
  };
  return schemes;
}

function scheme(authorizer: Body, type: string, withAuthorizer: boolean): Body {
  const source = String(authorizer.identitySource ?? '');
  const header = /^method\.request\.header\.(.+)$/.exec(source)?.[1];
  const definition: Body = {
    type: 'apiKey',
    // TOKEN and Cognito authorizers read one header (their identitySource); a REQUEST authorizer's sources are listed
    // in x-amazon-apigateway-authorizer and the scheme's own name is a placeholder.
    name: type === 'REQUEST' ? 'Unused' : (header ?? 'Authorization'),
    in: 'header',
    'x-amazon-apigateway-authtype':
      authorizer.authType ?? (type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'),
  };
  if (!withAuthorizer) return definition;
  return {
    ...definition,
    'x-amazon-apigateway-authorizer': {
      type: type.toLowerCase(),
      ...(authorizer.authorizerUri ? { authorizerUri: authorizer.authorizerUri } : {}),
      ...(authorizer.authorizerCredentials
        ? { authorizerCredentials: authorizer.authorizerCredentials }
        : {}),
      authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds ?? 300,
      ...(type === 'REQUEST' ? { identitySource: source } : {}),
      ...(authorizer.identityValidationExpression
        ? { identityValidationExpression: authorizer.identityValidationExpression }
        : {}),
      ...(authorizer.providerARNs ? { providerARNs: authorizer.providerARNs } : {}),
    },
  };
}

function exportPaths(resources: readonly Body[], authorizers: readonly Body[]): Body {
  const paths: Body = {};
  for (const resource of resources) {
    const methods = (resource.resourceMethods ?? {}) as Record<string, Body>;
    const operations: Body = {};
    for (const [verb, method] of Object.entries(methods)) {
      operations[VERBS[verb] ?? verb.toLowerCase()] = {
        responses: { '200': { description: '200 response', content: {} } },
        ...security(method, authorizers),
      };
    }
    if (Object.keys(operations).length > 0) paths[String(resource.path)] = operations;
  }
  return paths;
}

function security(method: Body, authorizers: readonly Body[]): Body {
  const requirements: Body[] = [];
  if (method.authorizationType === 'CUSTOM' || method.authorizationType === 'COGNITO_USER_POOLS') {
    const authorizer = authorizers.find((a) => a.id === method.authorizerId);
    // The method's OAuth scopes are the requirement's list, as OpenAPI writes them for an OAuth scheme.
    if (authorizer) requirements.push({ [String(authorizer.name)]: scopesOf(method) });
  }
  if (method.authorizationType === 'AWS_IAM') requirements.push({ sigv4: [] });
  if (method.apiKeyRequired === true) requirements.push({ api_key: [] });
  return requirements.length > 0 ? { security: requirements } : {};
}

function scopesOf(method: Body): string[] {
  return Array.isArray(method.authorizationScopes) ? method.authorizationScopes.map(String) : [];
}

/** The stored policy (GetRestApi's escaped string) as the export writes it: an object, with full ARNs. */
function policyObject(policy: string | undefined, arnPrefix: string): Body | undefined {
  if (!policy) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    parsed = JSON.parse(JSON.parse(`"${policy}"`) as string);
  }
  const expand = (value: unknown): unknown =>
    typeof value === 'string' && value.startsWith('execute-api:/')
      ? `${arnPrefix}/${value.slice('execute-api:/'.length)}`
      : Array.isArray(value)
        ? value.map(expand)
        : value;
  const document = parsed as { Statement?: Body[] };
  return {
    ...document,
    Statement: (document.Statement ?? []).map((statement) => ({
      ...statement,
      ...(statement.Resource !== undefined ? { Resource: expand(statement.Resource) } : {}),
    })),
  };
}
