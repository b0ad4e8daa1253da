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
import { ConfigCache } from './config-cache';

/**
 * Reads, in parallel, the configuration that decides an API's authorization outcome: the REST API (resource
 * policy, endpoint type), its authorizers, its resources with their methods, and the stage (logging, access logs,
 * WAF). Each read is recorded as a source: complete, denied (with the IAM action), missing, or partial (throttling
 * or errors that outlasted the retries, the time budget); a wrong API id is an error.
 */

export interface ApiSnapshot {
  restApi?: RestApiConfig;
  authorizers?: AuthorizerConfig[];
  resources?: ApiResource[];
  stage?: StageConfig;
  /** How each read went: `config:rest-api`, `config:authorizers`, `config:resources`, `config:stage`. */
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
    const read = <T extends object>(source: SourceId, key: string, load: () => Promise<T>) =>
      this.cache.get(`${access.key}|${key}`, load).then(
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
    const [restApi, authorizers, resources, stageConfig] = await Promise.all([
      read('config:rest-api', `restapi|${restApiId}`, () => access.restApi.getRestApi(restApiId, signal)),
      read('config:authorizers', `authorizers|${restApiId}`, () =>
        access.restApi.getAuthorizers(restApiId, signal).then(wrap),
      ),
      read('config:resources', `resources|${restApiId}`, () =>
        access.restApi.getResources(restApiId, signal).then(wrap),
      ),
      stage
        ? read('config:stage', `stage|${restApiId}|${stage}`, () =>
            access.restApi.getStage(restApiId, stage, signal),
          )
        : undefined,
    ]);
    return {
      restApi,
      authorizers: authorizers?.items,
      resources: resources?.items,
      stage: stageConfig,
      sources,
    };
  }

  /** GetAccount: only asked for when logging looks broken (no role = no execution logs at all). */
  async account(access: AwsAccess, signal?: AbortSignal): Promise<AccountRead> {
    try {
      const account = await this.cache.get(`${access.key}|account`, () => access.restApi.getAccount(signal));
      return { account, status: { read: 'complete' } };
    } catch (error) {
      return { status: failureStatus(error) };
    }
  }
}

/** The cache keeps objects; lists are wrapped. */
function wrap<T>(items: T[]): { items: T[] } {
  return { items };
}

/** A read that failed, as a source status: what AWS refused, what does not exist, or what was lost and why. */
export function failureStatus(error: unknown): SourceStatus {
  if (error instanceof AwsAccessDeniedError)
    return { read: 'denied', action: error.action, resource: error.resource };
  if (error instanceof AwsNotFoundError) return { read: 'missing', resource: error.resource };
  if (error instanceof AwsError) return { read: 'partial', reason: describeAwsError(error) };
  return { read: 'partial', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * The configuration facts for one request: its method, the authorizer that method uses, the stage and API, and,
 * when every resource was read, whether any of them serves the verb and path called (`routeMatched`; the resources
 * are the API's working copy, which is what GetResources returns).
 */
export function configForRequest(
  snapshot: ApiSnapshot,
  request: { httpMethod?: string; path?: string; authorizerId?: string },
): ConfigFacts {
  const called =
    request.httpMethod && request.path ? { verb: request.httpMethod, path: request.path } : undefined;
  const method = called ? findMethod(snapshot.resources ?? [], called.verb, called.path) : undefined;
  const authorizerId = method?.authorizerId ?? request.authorizerId;
  const resourcesRead = snapshot.sources['config:resources']?.read === 'complete';
  return {
    restApi: snapshot.restApi,
    stage: snapshot.stage,
    method,
    authorizer: authorizerId ? snapshot.authorizers?.find((a) => a.id === authorizerId) : undefined,
    ...(called && resourcesRead ? { routeMatched: method !== undefined } : {}),
  };
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
    .map((part) =>
      GREEDY.test(part) ? '.+' : PARAM.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  if (!new RegExp(`^${pattern}$`).test(normalised)) return 0;
  const literals = parts.filter((part) => part && !PARAM.test(part)).length;
  const params = parts.filter((part) => PARAM.test(part) && !GREEDY.test(part)).length;
  return 1 + literals * 100 + params * 10;
}
