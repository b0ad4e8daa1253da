/**
 * The data of a simulated AWS account and region, served over HTTP in AWS's own wire formats so that the real
 * SDK clients talk to it unchanged (aws-wire.md). API Gateway objects are stored in wire
 * shape (`item`/`position` collections, epoch-second dates, the policy as the double-escaped string).
 */

export interface FakeLogEvent {
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export interface FakeRestApi {
  /** GetRestApi body as on the wire: id, name, createdDate (epoch s), apiKeySource, endpointConfiguration, policy, … */
  restApi: Record<string, unknown>;
  /** GetAuthorizer bodies. */
  authorizers: Array<Record<string, unknown>>;
  /** GetStage bodies by stage name. */
  stages: Record<string, Record<string, unknown>>;
  /** GetResources items with `resourceMethods` embedded (what `embed=methods` returns). */
  resources: Array<Record<string, unknown>>;
  /** GetDeployment bodies by deployment id. */
  deployments?: Record<string, Record<string, unknown>>;
  /**
   * What each deployment froze, by deployment id, where it differs from the working copy above (which a stage whose
   * deployment is not listed runs as it is). GetExport of a stage serves its deployment's.
   */
  deployed?: Record<string, FakeDeployment>;
}

/** A deployment's authorizers, resources (wire shape, as above) and resource policy (the escaped string). */
export interface FakeDeployment {
  authorizers?: Array<Record<string, unknown>>;
  resources?: Array<Record<string, unknown>>;
  policy?: string;
}

export interface FakeAwsWorld {
  region: string;
  accountId: string;
  /** Log group name → events (any order; served sorted by timestamp). */
  logGroups: Record<string, FakeLogEvent[]>;
  /** Log group name → how many days it keeps its events (unset: for ever, as the groups API Gateway creates). */
  retentionDays?: Record<string, number>;
  restApis: Record<string, FakeRestApi>;
  /** GetAccount body. */
  account: { cloudwatchRoleArn?: string };
}

export type FakeService = 'logs' | 'apigateway' | 'sts' | 'iam' | 'lambda';

export interface FakeCall {
  service: FakeService;
  /** `FilterLogEvents`, `GetRestApi`, `GetAuthorizers`, `GetStage`, `GetResources`, `GetAccount`, … */
  operation: string;
  /** Log group, REST path: what the call was about. */
  target: string;
  /** When the call arrived, and when its answer left (epoch ms). */
  at: number;
  done?: number;
}

export interface FakeAwsOptions {
  /** Added before every answer, to simulate network and service latency. */
  latencyMs?: number;
  /** Events per FilterLogEvents page (AWS: up to 10,000 or 1 MB). */
  pageSize?: number;
  /** FilterLogEvents answers this many empty pages (with a nextToken) before the first real one, as AWS may. */
  emptyPages?: number;
  /** GetQueryResults answers `Running` this many times before `Complete`. */
  queryPolls?: number;
  /** Operations answered with AccessDeniedException (optionally only for targets containing `target`). */
  deny?: Array<{ operation: string; target?: string }>;
  /** Operations answered with a throttling error this many times before they succeed. */
  throttle?: FaultEntry[];
  /** Operations answered with HTTP 500/503 this many times before they succeed. */
  serverErrors?: FaultEntry[];
  /** Operations never answered (the connection stays open) this many times. */
  hang?: FaultEntry[];
  /** Operations answered this many times with a body that is not AWS's: a proxy's HTML, broken JSON, cut off. */
  malformed?: Array<FaultEntry & { body: MalformedBody }>;
}

/**
 * A fault for `times` calls of an operation (only those about `target`, when given: the call's log group or REST
 * path exactly), starting after its first `after` calls (default 0).
 */
export interface FaultEntry {
  operation: string;
  times: number;
  after?: number;
  target?: string;
  /** Throttling: the Retry-After header to send (null: none), instead of the service's usual one. */
  retryAfter?: string | null;
  /** Server errors: the status (500, 503, …) instead of the service's usual one. */
  status?: number;
}

/**
 * `html`: a proxy's 502 page; `not-json`: a 200 whose JSON (or XML) breaks off; `cut-off`: the connection drops
 * mid-body; `empty`: a 200 with no body at all.
 */
export type MalformedBody = 'html' | 'not-json' | 'cut-off' | 'empty';

export interface FakeAws {
  /** Base URL for both services, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every call received, in order. */
  readonly calls: FakeCall[];
  resetCalls(): void;
  close(): Promise<void>;
}
