import type { ApiResource } from '../aws/rest-api';
import type { AuthorizerConfig, MethodConfig } from '../evidence/types';

/**
 * What a stage really runs, read from GetExport of its deployment (OpenAPI 3, or Swagger 2, with API Gateway's
 * extensions): its authorizers (`x-amazon-apigateway-authorizer` on the security schemes, which the export names
 * by the authorizer's name, not its id), each route's method with its authorization (`security`), and the resource
 * policy (`x-amazon-apigateway-policy`, absent when the export carries none). GetResources, GetAuthorizers and
 * GetRestApi return the working copy, which only takes effect when the API is redeployed to the stage.
 */

export interface DeployedMethod {
  path: string;
  verb: string;
  authorizationType: string;
  /** The security scheme's name: the authorizer's name. */
  authorizerName?: string;
  apiKeyRequired: boolean;
  /** The OAuth scopes its security requirement lists for a Cognito authorizer (`[]`: none). */
  authorizationScopes?: string[];
}

export interface DeployedExport {
  /** Lambda and Cognito authorizers, named as the API names them; `id` is not in the export. */
  authorizers: AuthorizerConfig[];
  methods: DeployedMethod[];
  /** The resource policy as deployed (JSON text), when the export carries one. */
  policy?: string;
}

/** The deployed configuration with the authorizers' ids filled in from the live authorizers of the same name. */
export interface DeployedConfig {
  authorizers: AuthorizerConfig[];
  resources: ApiResource[];
  /** Each method's authorizer by name (`GET /orders/{id}` → `orders-jwt`), also when no live authorizer has it. */
  authorizerNames: Record<string, string>;
  policy?: string;
}

function methodKey(verb: string, path: string): string {
  return `${verb} ${path}`;
}

/** The name of the authorizer the deployed method uses, as the export names it. */
export function deployedAuthorizerName(
  deployed: DeployedConfig | undefined,
  method: MethodConfig,
): string | undefined {
  return deployed?.authorizerNames[methodKey(method.httpMethod ?? '', method.resourcePath ?? '')];
}

type Json = Record<string, unknown>;

const VERBS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

interface Scheme {
  authorizationType: 'CUSTOM' | 'COGNITO_USER_POOLS' | 'AWS_IAM' | 'API_KEY' | 'OTHER';
  authorizer?: AuthorizerConfig;
}

export function parseStageExport(document: unknown): DeployedExport {
  const doc = asObject(document) ?? {};
  const schemes = readSchemes(
    asObject(asObject(doc.components)?.securitySchemes) ?? asObject(doc.securityDefinitions),
  );
  const methods: DeployedMethod[] = [];
  for (const [path, item] of Object.entries(asObject(doc.paths) ?? {})) {
    for (const [key, operation] of Object.entries(asObject(item) ?? {})) {
      const verb = VERBS[key.toLowerCase()];
      if (verb) methods.push(readMethod(path, verb, asObject(operation) ?? {}, schemes));
    }
  }
  const policy = asObject(doc['x-amazon-apigateway-policy']);
  return {
    authorizers: [...schemes.values()].flatMap((s) => (s.authorizer ? [s.authorizer] : [])),
    methods,
    ...(policy ? { policy: JSON.stringify(policy) } : {}),
  };
}

function readSchemes(definitions: Json | undefined): Map<string, Scheme> {
  const schemes = new Map<string, Scheme>();
  for (const [name, value] of Object.entries(definitions ?? {})) {
    const scheme = asObject(value) ?? {};
    const authType = String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase();
    const authorizer = asObject(scheme['x-amazon-apigateway-authorizer']);
    if (authorizer) schemes.set(name, readAuthorizer(name, scheme, authorizer));
    else if (authType === 'awssigv4') schemes.set(name, { authorizationType: 'AWS_IAM' });
    else if (scheme.type === 'apiKey' && String(scheme.name).toLowerCase() === 'x-api-key')
      schemes.set(name, { authorizationType: 'API_KEY' });
    else schemes.set(name, { authorizationType: 'OTHER' });
  }
  return schemes;
}

function readAuthorizer(name: string, scheme: Json, authorizer: Json): Scheme {
  const type = String(authorizer.type ?? 'token').toUpperCase();
  const cognito = type === 'COGNITO_USER_POOLS';
  const header = typeof scheme.name === 'string' && scheme.in === 'header' ? scheme.name : undefined;
  const identitySource =
    stringOf(authorizer.identitySource) ?? (header ? `method.request.header.${header}` : undefined);
  const config: AuthorizerConfig = {
    name,
    type,
    ...textField('authType', scheme['x-amazon-apigateway-authtype']),
    ...textField('authorizerUri', authorizer.authorizerUri),
    ...textField('authorizerCredentials', authorizer.authorizerCredentials),
    ...textField('identitySource', identitySource),
    ...textField('identityValidationExpression', authorizer.identityValidationExpression),
    ...(typeof authorizer.authorizerResultTtlInSeconds === 'number'
      ? { authorizerResultTtlInSeconds: authorizer.authorizerResultTtlInSeconds }
      : {}),
    ...(Array.isArray(authorizer.providerARNs) ? { providerARNs: authorizer.providerARNs.map(String) } : {}),
  };
  return { authorizationType: cognito ? 'COGNITO_USER_POOLS' : 'CUSTOM', authorizer: config };
}

/**
 * `security: [{ "orders-jwt": [] }, { "api_key": [] }]`: the authorizer, whether an API key is required, and, for a
 * Cognito authorizer, the OAuth scopes the method lists (`[{ "users-pool": ["orders/read"] }]`).
 */
function readMethod(
  path: string,
  verb: string,
  operation: Json,
  schemes: Map<string, Scheme>,
): DeployedMethod {
  const used = (Array.isArray(operation.security) ? operation.security : []).flatMap((requirement) =>
    Object.entries(asObject(requirement) ?? {}).map(([name, scopes]) => ({
      name,
      scopes,
      scheme: schemes.get(name),
    })),
  );
  const auth = used.find(
    (u) => u.scheme && u.scheme.authorizationType !== 'API_KEY' && u.scheme.authorizationType !== 'OTHER',
  );
  const type = auth?.scheme?.authorizationType ?? 'NONE';
  return {
    path,
    verb,
    authorizationType: type,
    ...(auth?.scheme?.authorizer ? { authorizerName: auth.name } : {}),
    apiKeyRequired: used.some((u) => u.scheme?.authorizationType === 'API_KEY'),
    ...(type === 'COGNITO_USER_POOLS' ? { authorizationScopes: scopeList(auth?.scopes) } : {}),
  };
}

/** A security requirement's scopes: the strings of its list (a requirement without one lists none). */
function scopeList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/**
 * The export made concrete against the live authorizers: the deployed authorizers get the id of the live authorizer
 * of the same name (an authorizer keeps its id when it is edited), and each method the id of its authorizer.
 */
export function resolveDeployed(
  exported: DeployedExport,
  live: readonly AuthorizerConfig[] | undefined,
): DeployedConfig {
  const idOf = (name: string | undefined) =>
    name === undefined ? undefined : live?.find((a) => a.name === name)?.id;
  const authorizers = exported.authorizers.map((a) => {
    const id = idOf(a.name);
    return id ? { id, ...a } : a;
  });
  const byPath = new Map<string, ApiResource>();
  const authorizerNames: Record<string, string> = {};
  for (const m of exported.methods) {
    if (m.authorizerName) authorizerNames[methodKey(m.verb, m.path)] = m.authorizerName;
    const resource = byPath.get(m.path) ?? { path: m.path, methods: {} };
    const authorizerId = idOf(m.authorizerName);
    const method: MethodConfig = {
      httpMethod: m.verb,
      resourcePath: m.path,
      authorizationType: m.authorizationType,
      apiKeyRequired: m.apiKeyRequired,
      ...(authorizerId ? { authorizerId } : {}),
      ...(m.authorizationScopes ? { authorizationScopes: m.authorizationScopes } : {}),
    };
    resource.methods[m.verb] = method;
    byPath.set(m.path, resource);
  }
  return {
    authorizers,
    resources: [...byPath.values()],
    authorizerNames,
    ...(exported.policy !== undefined ? { policy: exported.policy } : {}),
  };
}

function asObject(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{ key: value }` for a non-empty string, else nothing: an absent setting stays absent. */
function textField<K extends keyof AuthorizerConfig>(key: K, value: unknown): Partial<Record<K, string>> {
  const text = stringOf(value);
  return text === undefined ? {} : ({ [key]: text } as Partial<Record<K, string>>);
}
