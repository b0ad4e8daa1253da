import type { AwsAccess } from '../aws/clients';
import { AwsAccessDeniedError, AwsError, AwsNotFoundError, describeAwsError } from '../aws/errors';
import type { ApiResource } from '../aws/rest-api';
import type {
  AuthorizerConfig,
  ConfigFacts,
  MethodConfig,
  RestApiConfig,
  SourceId,
  SourceReport,
  SourceStatus,
  StageConfig,
} from '../evidence/types';
import { escapeRegExp } from '../regexp';
import { canaryExportMissing, canaryOf, stageRunning, type CanaryRelease } from './canary';
import { ConfigCache } from './config-cache';
import {
  deployedAuthorizerName,
  parseStageExport,
  resolveDeployed,
  type DeployedConfig,
  type DeployedExport,
} from './deployed';

/**
 * Reads, in parallel, the configuration that decides an API's authorization outcome: the REST API (resource
 * policy, endpoint type), its authorizers, its resources with their methods, the stage (logging, access logs,
 * WAF), and what the stage really runs (its deployment, exported with API Gateway's extensions). Each read is
 * recorded as a source: complete, denied (with the IAM action), missing, or partial (throttling or errors that
 * outlasted the retries, the time budget); a wrong API id is an error.
 *
 * The rules judge what the stage runs: the deployed authorizers, methods and resource policy when the deployment
 * could be read, the working copy (GetAuthorizers, GetResources, GetRestApi) otherwise. Changes to the working copy
 * take effect only when the API is redeployed, so judging them would explain a request by configuration it never
 * met; the difference between the two is reported as deploy drift (src/pipeline/drift.ts).
 */

export interface ApiSnapshot {
  restApi?: RestApiConfig;
  authorizers?: AuthorizerConfig[];
  resources?: ApiResource[];
  stage?: StageConfig;
  /** What the stage runs (GetExport of its deployment), when it could be read. */
  deployed?: DeployedConfig;
  /** The stage's canary release, when it has one: its settings and what its deployment runs. */
  canary?: CanaryRelease;
  /**
   * How each read went: `config:rest-api`, `config:authorizers`, `config:resources`, `config:stage`,
   * `config:deployment`.
   */
  sources: SourceReport;
}

export interface AccountRead {
  account?: { cloudwatchRoleArn?: string | null };
  status: SourceStatus;
}

export class ConfigGatherer {
  readonly cache: ConfigCache;

  constructor(ttlSeconds: number) {
    this.cache = new ConfigCache(ttlSeconds);
  }

  async snapshot(
    access: AwsAccess,
    restApiId: string,
    stage: string | undefined,
    signal?: AbortSignal,
  ): Promise<ApiSnapshot> {
    const sources: Partial<Record<SourceId, SourceStatus>> = {};
    const read = <T>(source: SourceId, load: Promise<T>) =>
      load.then(
        (value) => {
          sources[source] = { read: 'complete' };
          return value;
        },
        (error: unknown) => {
          if (error instanceof AwsNotFoundError && source === 'config:rest-api') throw error;
          sources[source] = failureStatus(error);
          return undefined;
        },
      );
    const [restApi, authorizers, resources, stageConfig, exported] = await Promise.all([
      read('config:rest-api', this.restApi(access, restApiId, signal)),
      read('config:authorizers', this.authorizers(access, restApiId, signal)),
      read('config:resources', this.resources(access, restApiId, signal)),
      stage ? read('config:stage', this.stage(access, restApiId, stage, signal)) : undefined,
      stage ? read('config:deployment', this.deployment(access, restApiId, stage, signal)) : undefined,
    ]);
    const deployed = exported ? resolveDeployed(exported, authorizers) : undefined;
    const canary =
      stage && stageConfig
        ? await this.canary(access, restApiId, stageConfig, {
            deployed,
            status: sources['config:deployment'],
            authorizers,
            signal,
          })
        : undefined;
    return {
      restApi,
      authorizers,
      resources,
      stage: stageConfig,
      ...(deployed ? { deployed } : {}),
      ...(canary ? { canary } : {}),
      sources,
    };
  }

  /**
   * The stage's canary and what it runs: the stage's own deployment when it is the same, else the export of another
   * stage that runs the canary's deployment (GetExport reads a stage's own deployment only); when no stage does,
   * the canary's deployment cannot be read, and the status says so.
   */
  private async canary(
    access: AwsAccess,
    restApiId: string,
    stage: StageConfig,
    production: {
      deployed?: DeployedConfig;
      status?: SourceStatus;
      authorizers?: AuthorizerConfig[];
      signal?: AbortSignal;
    },
  ): Promise<CanaryRelease | undefined> {
    const settings = canaryOf(stage);
    if (!settings) return undefined;
    if (settings.deploymentId === stage.deploymentId)
      return {
        settings,
        ...(production.deployed ? { deployed: production.deployed } : {}),
        status: production.status ?? { read: 'not-attempted' },
      };
    try {
      const stages = await this.stages(access, restApiId, production.signal);
      const via = stageRunning(stages, settings.deploymentId, stage.stageName ?? '');
      if (!via) return { settings, status: canaryExportMissing(settings.deploymentId) };
      const exported = await this.deployment(access, restApiId, via, production.signal);
      return {
        settings,
        deployed: resolveDeployed(exported, production.authorizers),
        status: { read: 'complete' },
      };
    } catch (error) {
      return { settings, status: failureStatus(error) };
    }
  }

  /**
   * Starts what needs no stage (the REST API, its authorizers and resources, and every stage's settings in one
   * GetStages), so that a search over an API's stages finds them read or in flight. Resolves once the stages are
   * known (each then served from the cache like a GetStage); failures are left for the snapshot that needs the read.
   */
  async prefetch(access: AwsAccess, restApiId: string, signal?: AbortSignal): Promise<void> {
    for (const read of [
      this.restApi(access, restApiId, signal),
      this.authorizers(access, restApiId, signal),
      this.resources(access, restApiId, signal),
    ])
      void read.catch(() => undefined);
    try {
      const stages = await this.stages(access, restApiId, signal);
      await Promise.all(
        stages.flatMap((stage) =>
          stage.stageName
            ? [this.cached(access, `stage|${restApiId}|${stage.stageName}`, async () => stage)]
            : [],
        ),
      );
    } catch {
      // each stage is then read on its own
    }
  }

  /** One stage's settings (GetStage, or what GetStages brought), shared with the snapshots that read it. */
  stage(access: AwsAccess, restApiId: string, stage: string, signal?: AbortSignal): Promise<StageConfig> {
    return this.cached(access, `stage|${restApiId}|${stage}`, () =>
      access.restApi.getStage(restApiId, stage, signal),
    );
  }

  /** Every stage of the API with its settings (GetStages), cached like the other reads. */
  stages(access: AwsAccess, restApiId: string, signal?: AbortSignal): Promise<StageConfig[]> {
    return this.cachedList(access, `stages|${restApiId}`, () => access.restApi.getStages(restApiId, signal));
  }

  /** GetAccount: only asked for when logging looks broken (no role = no execution logs at all). */
  async account(access: AwsAccess, signal?: AbortSignal): Promise<AccountRead> {
    try {
      const account = await this.cached(access, 'account', () => access.restApi.getAccount(signal));
      return { account, status: { read: 'complete' } };
    } catch (error) {
      return { status: failureStatus(error) };
    }
  }

  private restApi(access: AwsAccess, restApiId: string, signal?: AbortSignal): Promise<RestApiConfig> {
    return this.cached(access, `restapi|${restApiId}`, () => access.restApi.getRestApi(restApiId, signal));
  }

  private authorizers(
    access: AwsAccess,
    restApiId: string,
    signal?: AbortSignal,
  ): Promise<AuthorizerConfig[]> {
    return this.cachedList(access, `authorizers|${restApiId}`, () =>
      access.restApi.getAuthorizers(restApiId, signal),
    );
  }

  private resources(access: AwsAccess, restApiId: string, signal?: AbortSignal): Promise<ApiResource[]> {
    return this.cachedList(access, `resources|${restApiId}`, () =>
      access.restApi.getResources(restApiId, signal),
    );
  }

  /** What the stage runs: GetExport of its deployment, parsed. */
  private deployment(
    access: AwsAccess,
    restApiId: string,
    stage: string,
    signal?: AbortSignal,
  ): Promise<DeployedExport> {
    return this.cached(access, `export|${restApiId}|${stage}`, () =>
      access.restApi.getStageExport(restApiId, stage, signal).then(parseStageExport),
    );
  }

  /** A read shared through the cache by everyone who uses the same role and region (`access.key`). */
  private cached<T extends object>(access: AwsAccess, key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(`${access.key}|${key}`, load);
  }

  /** The cache keeps objects: a list is kept wrapped. */
  private async cachedList<T>(access: AwsAccess, key: string, load: () => Promise<T[]>): Promise<T[]> {
    const listed = await this.cached(access, key, async () => ({ items: await load() }));
    return listed.items;
  }
}

/** A read that failed, as a source status: what AWS refused, what does not exist, or what was lost and why. */
export function failureStatus(error: unknown): SourceStatus {
  if (error instanceof AwsAccessDeniedError)
    return { read: 'denied', action: error.action, resource: error.resource };
  if (error instanceof AwsNotFoundError) return { read: 'missing', resource: error.resource };
  if (error instanceof AwsError) return { read: 'partial', reason: describeAwsError(error) };
  return { read: 'partial', reason: error instanceof Error ? error.message : String(error) };
}

/** What is known of the request when its configuration is looked up. */
export interface RequestKeys {
  httpMethod?: string;
  /** The path called (`/orders/18`). */
  path?: string;
  /** The resource template (`/orders/{id}`), from the access log's `$context.resourcePath` or the trace. */
  resourcePath?: string;
  /** The authorizer the trace names (`Starting authorizer: <id>`). */
  authorizerId?: string;
  /** The evidence shows an authorizer at work (its lines, or an answer only an authorizer gives). */
  authorizerExpected?: boolean;
}

/** How the request's authorizer was told: by its method, by the trace, or as the API's only Lambda authorizer. */
export type AuthorizerSource = 'method' | 'trace' | 'only-authorizer';

/**
 * The configuration facts for one request, from what the stage runs (the deployment) when it was read, else from
 * the working copy: its method (by the path called, else by the resource template), the authorizer that method
 * uses (else the one the trace names, else, when the evidence shows an authorizer at work and nothing names one,
 * the API's only Lambda authorizer), the stage and API with the deployed resource policy, and, when every route was
 * read, whether any of them serves the verb and path called (`routeMatched`).
 */
export function configForRequest(snapshot: ApiSnapshot, request: RequestKeys): ConfigFacts {
  return lookUpConfig(snapshot, request).config;
}

export function lookUpConfig(
  snapshot: ApiSnapshot,
  request: RequestKeys,
): { config: ConfigFacts; authorizerSource?: AuthorizerSource; judged: 'deployed' | 'live' } {
  const deployed = snapshot.deployed;
  const resources = deployed?.resources ?? snapshot.resources ?? [];
  const authorizers = deployed?.authorizers ?? snapshot.authorizers ?? [];
  const verb = request.httpMethod;
  const called = verb && request.path ? { verb, path: request.path } : undefined;
  const method =
    (called ? findMethod(resources, called.verb, called.path) : undefined) ??
    (verb && request.resourcePath ? methodOfTemplate(resources, verb, request.resourcePath) : undefined);
  const found = findAuthorizer(snapshot, authorizers, method, request);
  const routesRead = deployed !== undefined || snapshot.sources['config:resources']?.read === 'complete';
  // An export without x-amazon-apigateway-policy does not prove the stage runs none: the working copy's stands.
  const restApi =
    deployed?.policy !== undefined ? { ...snapshot.restApi, policy: deployed.policy } : snapshot.restApi;
  return {
    config: {
      restApi,
      stage: snapshot.stage,
      method,
      authorizer: found && withStageVariables(found.authorizer, snapshot.stage?.variables),
      ...(called && routesRead ? { routeMatched: method !== undefined } : {}),
    },
    ...(found ? { authorizerSource: found.source } : {}),
    judged: deployed ? 'deployed' : 'live',
  };
}

const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * The authorizer as this stage calls it: an authorizerUri that names its function through a stage variable
 * (`function:${stageVariables.authFn}`) calls the function the stage's variable names. A variable the stage does
 * not define stays as written.
 */
function withStageVariables(
  authorizer: AuthorizerConfig,
  variables: Record<string, string> | undefined,
): AuthorizerConfig {
  const uri = authorizer.authorizerUri;
  if (!uri || !variables || !uri.includes('${stageVariables.')) return authorizer;
  const resolved = uri.replace(STAGE_VARIABLE, (whole, name: string) =>
    Object.hasOwn(variables, name) ? variables[name] : whole,
  );
  return { ...authorizer, authorizerUri: resolved };
}

function findAuthorizer(
  snapshot: ApiSnapshot,
  authorizers: readonly AuthorizerConfig[],
  method: MethodConfig | undefined,
  request: RequestKeys,
): { authorizer: AuthorizerConfig; source: AuthorizerSource } | undefined {
  const byId = (id: string | undefined) => (id ? authorizers.find((a) => a.id === id) : undefined);
  const byName = (name: string | undefined) => (name ? authorizers.find((a) => a.name === name) : undefined);
  if (method) {
    const own = byId(method.authorizerId) ?? byName(deployedAuthorizerName(snapshot.deployed, method));
    if (own) return { authorizer: own, source: 'method' };
  }
  const liveName = snapshot.authorizers?.find((a) => a.id === request.authorizerId)?.name;
  const named = byId(request.authorizerId) ?? byName(liveName);
  if (named) return { authorizer: named, source: 'trace' };
  const methodSaysNone = method !== undefined && method.authorizationType !== 'CUSTOM';
  if (!request.authorizerExpected || methodSaysNone || request.authorizerId) return undefined;
  const lambdas = lambdaAuthorizers(authorizers);
  return lambdas.length === 1 ? { authorizer: lambdas[0], source: 'only-authorizer' } : undefined;
}

/** The Lambda authorizers (TOKEN and REQUEST) among these; Cognito authorizers have no function. */
export function lambdaAuthorizers(authorizers: readonly AuthorizerConfig[] | undefined): AuthorizerConfig[] {
  return authorizers?.filter((a) => a.type === 'TOKEN' || a.type === 'REQUEST') ?? [];
}

/** The method of the resource whose template is `template` (`/orders/{id}`), for the verb or ANY. */
function methodOfTemplate(
  resources: readonly ApiResource[],
  verb: string,
  template: string,
): MethodConfig | undefined {
  const resource = resources.find((r) => r.path === template);
  return resource ? (resource.methods[verb] ?? resource.methods.ANY) : undefined;
}

/**
 * The deployed method that serves `verb path`, as API Gateway picks it: the resource with the most literal path
 * parts, then the most `{param}` parts; a greedy `{proxy+}` counts least.
 */
export function findMethod(
  resources: readonly ApiResource[],
  verb: string,
  path: string,
): MethodConfig | undefined {
  let best: { method: MethodConfig; score: number } | undefined;
  for (const resource of resources) {
    const score = pathScore(resource.path, path);
    const method = resource.methods[verb] ?? resource.methods.ANY;
    if (score > 0 && method && (!best || score > best.score)) best = { method, score };
  }
  return best?.method;
}

const GREEDY = /^\{.+\+\}$/;
const PARAM = /^\{.+\}$/;

function pathScore(template: string, path: string): number {
  const normalised = path.startsWith('/') ? path : `/${path}`;
  const parts = template.split('/');
  const pattern = parts
    .map((part) => (GREEDY.test(part) ? '.+' : PARAM.test(part) ? '[^/]+' : escapeRegExp(part)))
    .join('/');
  if (!new RegExp(`^${pattern}$`).test(normalised)) return 0;
  const literals = parts.filter((part) => part && !PARAM.test(part)).length;
  const params = parts.filter((part) => PARAM.test(part) && !GREEDY.test(part)).length;
  return 1 + literals * 100 + params * 10;
}
