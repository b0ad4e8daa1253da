import type { AwsAccess } from '../aws/clients';
import { AwsAccessDeniedError, AwsError, AwsNotFoundError } from '../aws/errors';
import type { ApiResource } from '../aws/rest-api';
import type {
  AuthorizerConfig,
  ConfigFacts,
  MethodConfig,
  RestApiConfig,
  StageConfig,
} from '../evidence/types';
import { ConfigCache } from './config-cache';

/**
 * Reads, in parallel, the configuration that decides an API's authorization outcome: the REST API (resource
 * policy, endpoint type), its authorizers, its resources with their methods, and the stage (logging, access logs,
 * WAF). What cannot be read becomes a gap in plain words; a wrong API id is an error.
 */

export interface ApiSnapshot {
  restApi?: RestApiConfig;
  authorizers?: AuthorizerConfig[];
  resources?: ApiResource[];
  stage?: StageConfig;
  gaps: string[];
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
    const gaps: string[] = [];
    const read = <T extends object>(what: string, key: string, load: () => Promise<T>) =>
      this.cache.get(`${access.key}|${key}`, load).catch((error: unknown) => {
        if (error instanceof AwsNotFoundError && key.startsWith('restapi|')) throw error;
        gaps.push(describeGap(what, error));
        return undefined;
      });
    const [restApi, authorizers, resources, stageConfig] = await Promise.all([
      read('the REST API (resource policy, endpoint type)', `restapi|${restApiId}`, () =>
        access.restApi.getRestApi(restApiId, signal),
      ),
      read('the authorizers', `authorizers|${restApiId}`, () =>
        access.restApi.getAuthorizers(restApiId, signal).then(wrap),
      ),
      read('the resources and methods', `resources|${restApiId}`, () =>
        access.restApi.getResources(restApiId, signal).then(wrap),
      ),
      stage
        ? read(`stage ${stage}`, `stage|${restApiId}|${stage}`, () =>
            access.restApi.getStage(restApiId, stage, signal),
          )
        : undefined,
    ]);
    return {
      restApi,
      authorizers: authorizers?.items,
      resources: resources?.items,
      stage: stageConfig,
      gaps,
    };
  }

  /** GetAccount: only asked for when logging looks broken (no role = no execution logs at all). */
  async account(
    access: AwsAccess,
    signal?: AbortSignal,
  ): Promise<{ cloudwatchRoleArn?: string | null } | string> {
    try {
      return await this.cache.get(`${access.key}|account`, () => access.restApi.getAccount(signal));
    } catch (error) {
      return describeGap('the account settings (CloudWatch role)', error);
    }
  }
}

/** The cache keeps objects; lists are wrapped. */
function wrap<T>(items: T[]): { items: T[] } {
  return { items };
}

function describeGap(what: string, error: unknown): string {
  if (error instanceof AwsAccessDeniedError) {
    return `Could not read ${what}: AWS denied ${error.action} on ${error.resource} (see iam/why403-read-only.json).`;
  }
  if (error instanceof AwsError) return `Could not read ${what}: ${error.message}.`;
  return `Could not read ${what}: ${(error as Error).message}.`;
}

/** The configuration facts for one request: its method, the authorizer that method uses, the stage and API. */
export function configForRequest(
  snapshot: ApiSnapshot,
  request: { httpMethod?: string; path?: string; authorizerId?: string },
): ConfigFacts {
  const method =
    request.httpMethod && request.path
      ? findMethod(snapshot.resources ?? [], request.httpMethod, request.path)
      : undefined;
  const authorizerId = method?.authorizerId ?? request.authorizerId;
  return {
    restApi: snapshot.restApi,
    stage: snapshot.stage,
    method,
    authorizer: authorizerId ? snapshot.authorizers?.find((a) => a.id === authorizerId) : undefined,
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
