import { AwsClientPool, type AwsPoolOptions, type WriteSession } from '../aws/clients';
import type { AppConfig } from '../config/app-config';
import { ConfigGatherer } from '../gather/api-config';
import { locateApi } from '../config/app-config';
import { validateApiLocation } from '../config/ids';
import { diagnose, validateQuery, type DiagnoseQuery, type Diagnosis } from './diagnose';
import { scanApi, type ApiScan, type ScanQuery } from './scan-api';
import type { PipelineDeps } from './context';
import type { Text } from '../text';

/**
 * The engine as the CLI and the Slack bot use it: diagnoses and scans with shared AWS clients and configuration
 * cache, and identical requests in flight at the same time answered by one run (single flight), whose progress
 * messages reach every caller.
 */

type Progress = (message: Text) => void;

interface Flight<T> {
  promise: Promise<T>;
  listeners: Set<Progress>;
}

export interface ServiceOptions {
  config: AppConfig;
  aws?: AwsPoolOptions;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Why403Service {
  readonly aws: AwsClientPool;
  readonly gatherer: ConfigGatherer;
  private readonly flights = new Map<string, Flight<unknown>>();

  constructor(private readonly options: ServiceOptions) {
    this.aws = new AwsClientPool({
      filterLogEventsPerSecond: options.config.search.filterLogEventsPerSecond,
      ...options.aws,
    });
    this.gatherer = new ConfigGatherer(options.config.cache.configTtlSeconds);
  }

  get config(): AppConfig {
    return this.options.config;
  }

  /** `signal` stops the diagnosis and its AWS reads (a Slack job stopped at the Lambda deadline). */
  async diagnose(query: DiagnoseQuery, onProgress?: Progress, signal?: AbortSignal): Promise<Diagnosis> {
    const valid = validateQuery(query);
    const key = `diagnose|${valid.requestId}|${valid.restApiId ?? ''}|${valid.stage ?? ''}|${valid.region ?? ''}|${valid.since ?? ''}|${valid.at ?? ''}|${valid.allowedApis?.join(',') ?? ''}`;
    return this.fly(key, onProgress, (deps) => diagnose(valid, deps), signal);
  }

  async scan(query: ScanQuery, onProgress?: Progress, signal?: AbortSignal): Promise<ApiScan> {
    const key = `scan|${query.restApiId}|${query.stage ?? ''}|${query.region ?? ''}|${query.since ?? ''}`;
    return this.fly(key, onProgress, (deps) => scanApi(query, deps), signal);
  }

  /**
   * The REST API an alarm names by its ApiName dimension: the configuration's entry of that name, else the one
   * API of that name in the region. Undefined when there is none, or more than one.
   */
  async findApiByName(name: string, region?: string, signal?: AbortSignal): Promise<string | undefined> {
    const configured = this.config.apis.find((api) => api.name === name);
    if (configured) return configured.id;
    const access = await this.aws.forTarget({ region: region ?? this.config.region });
    // The alarm's job has no budget of its own: the listing gets the search's.
    const timeout = AbortSignal.timeout(this.config.search.timeBudgetSeconds * 1000);
    const budget = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const matches = (await access.restApi.getRestApis(budget)).filter((api) => api.name === name);
    return matches.length === 1 ? matches[0].id : undefined;
  }

  /**
   * The opt-in write: empties a stage's authorizer cache. Callers check permissions and confirmation first; `session`
   * names the person it is done for in the assumed role's session (CloudTrail).
   */
  async flushAuthorizerCache(
    target: {
      restApiId: string;
      stage: string;
      region?: string;
    },
    session?: WriteSession,
  ): Promise<{ region: string }> {
    const { restApiId, stage, region } = validateApiLocation(target);
    const access = await this.aws.forTarget(locateApi(this.config, restApiId, region), session);
    await access.restApi.flushAuthorizerCache(restApiId, stage);
    return { region: access.region };
  }

  private fly<T>(
    key: string,
    onProgress: Progress | undefined,
    run: (deps: PipelineDeps) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    // A run its caller may stop is its own: a caller joining it would be stopped with it.
    const existing = signal ? undefined : (this.flights.get(key) as Flight<T> | undefined);
    if (existing) {
      if (onProgress) existing.listeners.add(onProgress);
      return existing.promise;
    }
    const listeners = new Set<Progress>(onProgress ? [onProgress] : []);
    const deps: PipelineDeps = {
      aws: this.aws,
      gatherer: this.gatherer,
      config: this.config,
      now: this.options.now ?? Date.now,
      sleep: this.options.sleep,
      onProgress: (message) => listeners.forEach((listener) => listener(message)),
      signal,
    };
    if (signal) return run(deps);
    const promise = run(deps).finally(() => this.flights.delete(key));
    this.flights.set(key, { promise, listeners });
    return promise;
  }
}
