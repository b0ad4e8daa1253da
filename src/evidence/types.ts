import type { Text } from '../text';

/**
 * The typed evidence the rules judge. Everything here is plain data: parsers in this folder build it from text,
 * the AWS gatherer builds it from API calls, and the rules read it without doing any I/O.
 */

export const CAUSES = [
  'authorizer-explicit-deny',
  'authorizer-policy-not-covering-resource',
  'authorizer-cached-policy-mismatch',
  'resource-policy-explicit-deny',
  'resource-policy-implicit-deny',
  'identity-source-missing',
  'identity-validation-regex-mismatch',
  'authorizer-returned-unauthorized',
  'authorizer-function-error',
  'authorizer-invoke-permission',
  'iam-auth-failure',
  'api-key-missing-or-invalid',
  'missing-authentication-token',
  'private-api-vpce-deny',
  'waf-block',
  'not-found-in-logs',
  'other',
] as const;

export type CauseId = (typeof CAUSES)[number];

/** One execution-log event with its wrapper (timestamp, request-id prefix, log-tail prefix) taken off. */
export interface LogLine {
  /** Position in the input, for ordering. */
  index: number;
  /** The line as given. */
  raw: string;
  /** The message without any wrapper. */
  message: string;
  /** From a `(request-id) ` prefix, when there was one. */
  requestId?: string;
  /** Epoch milliseconds, when the wrapper carried a timestamp. */
  timestamp?: number;
  /** The console's Test tab format (`Thu Sep 05 04:56:39 UTC 2019 : …`). */
  testConsole: boolean;
  /** CloudWatch cut the event at 1024 bytes (` [TRUNCATED]`). */
  truncated: boolean;
}

/** What a Lambda authorizer returned, as far as the `Authorizer result body before parsing:` line shows it. */
export interface AuthorizerResult {
  line: LogLine;
  /** The body text after the prefix. */
  raw: string;
  /** The body parsed as JSON (undefined when truncated or not JSON). */
  parsed?: unknown;
  /** The body was cut off, so only a prefix is known. */
  truncated: boolean;
  /** The result was literally `null`. */
  isNull: boolean;
  /** A Lambda runtime error object (`errorType` / `errorMessage`). */
  runtimeError?: { errorType?: string; errorMessage?: string };
  principalId?: string;
  /** The policyDocument object (when the body parsed). */
  policyDocument?: unknown;
  /** Effects seen in the body, also when it is truncated (`"Effect":"Deny"`). */
  effectsSeen: ReadonlyArray<'Allow' | 'Deny'>;
}

export interface AuthorizerTrace {
  /** `Starting authorizer: <id> for request: <id>` */
  started?: { authorizerId: string; line: LogLine };
  /** `Incoming identity: …` (masked by AWS). */
  incomingIdentity?: LogLine;
  /** Lines that prove the Lambda was called: `Endpoint request URI`, `Sending request to`, request body, result body. */
  invocationLines: readonly LogLine[];
  /** Function ARN cut out of the Lambda invocation URI. */
  functionArn?: string;
  /** `type` of the authorizer request body (`TOKEN` / `REQUEST`). */
  requestType?: string;
  /** `methodArn` the authorizer was given (absent when that part of the line was truncated). */
  methodArn?: string;
  result?: AuthorizerResult;
  /** `Using valid authorizer policy for principal: …` */
  policyAccepted?: { principal: string; line: LogLine };
  /** `Successfully completed authorizer execution` */
  completed?: LogLine;
  /** `Unauthorized request: <id>` */
  unauthorizedRequest?: LogLine;
  /** A bare `Unauthorized` line (the authorizer rejected the token). */
  unauthorized?: LogLine;
  /** `AuthorizerConfigurationException` as its own line. */
  configurationException?: LogLine;
}

/**
 * `User: anonymous is not authorized to perform: execute-api:Invoke on resource: … with an explicit deny`, in the
 * answer or a log line, read by one reader (gateway-message.ts).
 */
export interface PrincipalDenial {
  /** `anonymous` or an ARN; undefined when only the end of the message was given. */
  principal?: string;
  resourceArn?: string;
  explicit: boolean;
  /** From the newer suffixes: `in an identity-based policy`, `in a resource-based policy`, `… VPC endpoint policy`. */
  policyType?: 'identity' | 'resource' | 'vpc-endpoint';
  /** What bounded the caller's own permissions, when the suffix names it (its policy type is then `identity`). */
  bound?: CallerBound;
}

export type CallerBound = 'service-control-policy' | 'permissions-boundary' | 'session-policy';

export interface PrincipalDenialLine extends PrincipalDenial {
  line: LogLine;
}

export interface Trace {
  lines: readonly LogLine[];
  requestId?: string;
  extendedRequestId?: string;
  /** Came from the console's Test tab (test-invoke): no cache, synthetic stage. */
  testConsole: boolean;
  authorizer: AuthorizerTrace;
  /** `Execution failed due to configuration error: <detail>` lines; `inAuthorizer` when printed in the authorizer step. */
  configurationErrors: ReadonlyArray<{ detail: string; line: LogLine; inAuthorizer: boolean }>;
  /** `The client is not authorized to perform this operation.` */
  clientNotAuthorized?: LogLine;
  principalDenial?: PrincipalDenialLine;
  /** `Verifying Usage Plan for request: …` */
  usagePlanCheck?: LogLine;
  /** `API Key … not authorized because method '<VERB> <path>' requires API Key and …` */
  apiKeyRejected?: { line: LogLine; method?: string; apiStage?: string; reason?: string };
  /** `API Key … authorized because method …` */
  apiKeyAccepted?: LogLine;
  /** `HTTP Method: GET, Resource Path: /pets/1` */
  method?: { httpMethod: string; resourcePath: string; line: LogLine };
  /** `Received response. Status: 403` (the integration answered). */
  integrationStatus?: { status: number; line: LogLine };
  /**
   * The first line showing the integration's answer: `Received response. Status: …`, or, at data tracing,
   * `Endpoint response headers: …` / `Endpoint response body before transformations: …`. The authorizer's call
   * writes none of these (domain.md §6.4): the request had passed every authorization step.
   */
  integrationAnswered?: LogLine;
  /** `Method completed with status: 403` */
  finalStatus?: { status: number; line: LogLine };
  /** `Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500`: the answer API Gateway chose. */
  gatewayResponse?: { type: string; status?: number; line: LogLine };
  /** Earliest and latest timestamps seen (epoch ms). */
  startedAt?: number;
  endedAt?: number;
}

/** What the client saw. */
export interface ClientResponse {
  status?: number;
  /** `x-amzn-ErrorType` without any `:…` suffix. */
  errorType?: string;
  body?: string;
  /** The gateway message: `message`/`Message` of a JSON body, or the text of a non-JSON body. `null` for `{"message":null}`. */
  message?: string | null;
  /** The body is an HTML page (CloudFront or a proxy answered, not API Gateway). */
  html: boolean;
  /**
   * The error code of an AWS service's own error document in the body (S3's `<Error><Code>…`, the query protocol's
   * `<ErrorResponse>`, the JSON protocol's `__type`): that service answered, behind or instead of API Gateway.
   */
  serviceError?: string;
}

/** Access-log fields under the names API Gateway's `$context` variables use, whatever the user's format called them. */
export interface AccessLogFacts {
  raw: Readonly<Record<string, unknown>>;
  requestId?: string;
  extendedRequestId?: string;
  status?: number;
  /** `$context.integration.status`: what the integration (the backend, or the Lambda function's code) answered. */
  integrationStatus?: number;
  responseType?: string;
  errorMessage?: string;
  httpMethod?: string;
  resourcePath?: string;
  path?: string;
  stage?: string;
  sourceIp?: string;
  vpceId?: string;
  userArn?: string;
  caller?: string;
  accountId?: string;
  apiKeyId?: string;
  principalId?: string;
  authorizerStatus?: string;
  authorizerError?: string;
  authorizerIntegrationStatus?: string;
  authorizerRequestId?: string;
  authorizeStatus?: string;
  authorizeError?: string;
  wafStatus?: string;
  wafResponseCode?: string;
  webAclArn?: string;
  requestTime?: string;
}

/** GetAuthorizer, as the SDK returns it. */
export interface AuthorizerConfig {
  id?: string;
  name?: string;
  type?: string;
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
  providerARNs?: string[];
}

export interface MethodSetting {
  loggingLevel?: string;
  dataTraceEnabled?: boolean;
  metricsEnabled?: boolean;
  cachingEnabled?: boolean;
}

/** GetStage, as the SDK returns it. */
export interface StageConfig {
  stageName?: string;
  deploymentId?: string;
  lastUpdatedDate?: string | number | Date;
  createdDate?: string | number | Date;
  methodSettings?: Record<string, MethodSetting>;
  accessLogSettings?: { format?: string; destinationArn?: string };
  webAclArn?: string;
  tracingEnabled?: boolean;
  variables?: Record<string, string>;
  /** A canary release on the stage: part of its traffic runs another deployment, with these stage variables. */
  canarySettings?: CanarySettings;
}

/** GetStage's `canarySettings`, as the SDK returns it. */
export interface CanarySettings {
  /** The deployment the canary runs. */
  deploymentId?: string;
  /** The share of requests the canary serves, 0.0 to 100.0. */
  percentTraffic?: number;
  /** Stage variables the canary's requests see in place of (or beside) the stage's own. */
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
}

/** GetRestApi, as the SDK returns it (`policy` still the escaped string). */
export interface RestApiConfig {
  id?: string;
  name?: string;
  apiKeySource?: string;
  endpointConfiguration?: { types?: string[]; vpcEndpointIds?: string[] };
  policy?: string;
  disableExecuteApiEndpoint?: boolean;
}

/** The method of the resource that was called. */
export interface MethodConfig {
  httpMethod?: string;
  resourcePath?: string;
  authorizationType?: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  /**
   * The OAuth scopes a COGNITO_USER_POOLS method asks for (GetMethod's `authorizationScopes`, the export's security
   * requirement): an access token carrying one of them is then required. `[]` when known to list none.
   */
  authorizationScopes?: string[];
}

export interface ConfigFacts {
  authorizer?: AuthorizerConfig;
  stage?: StageConfig;
  restApi?: RestApiConfig;
  method?: MethodConfig;
  /** GetAccount: no role means API Gateway cannot write any execution log. */
  account?: { cloudwatchRoleArn?: string | null };
  /**
   * Whether a resource of the API (read completely) matches the path and verb called; undefined when unknown.
   * `false` is what "no such route" looks like from the configuration.
   */
  routeMatched?: boolean;
  /** When the deployed stage's deployment was created (deploy-drift checks). */
  deployment?: { id?: string; createdDate?: string | number | Date };
}

/** Who asked and about what: ids typed by the user or read off the evidence. */
export interface RequestFacts {
  requestId?: string;
  extendedRequestId?: string;
  restApiId?: string;
  stage?: string;
  region?: string;
  accountId?: string;
  httpMethod?: string;
  resourcePath?: string;
  /** The method ARN of the request, when it is known or can be rebuilt. */
  methodArn?: string;
  /** `methodArn` was not seen but rebuilt from the request's parts. */
  methodArnRebuilt?: boolean;
  /**
   * Which of `region` and `accountId` were not seen for this request but taken from the authorizer function's ARN
   * (nearly always the API's own account and region, not always: an authorizer may live in another account).
   */
  fromFunction?: Array<'region' | 'account'>;
  sourceIp?: string;
  vpceId?: string;
  /** When the request happened (epoch ms). */
  time?: number;
  /** The headers the client showed it sent (curl -v): names only, their values never leave the client's copy. */
  headersSent?: SentHeaders;
}

/** Which headers a request carried, as a client's own output (curl -v) shows them. */
export interface SentHeaders {
  /** Lower-case names of the headers sent with a value (an empty value is no value to API Gateway). */
  names: readonly string[];
  /**
   * The whole header block was given, up to the line that closes it: a name not listed was not sent. Otherwise
   * only the names listed are known.
   */
  complete: boolean;
  /** The request line carried a query string (a REQUEST authorizer may read its identity from it). */
  queryString: boolean;
}

/** The authorizer function's own log group around the request time (read by the pipeline, never pasted). */
export interface AuthorizerLogFacts {
  logGroup: string;
  /** The span that was read (epoch ms); `sources['authorizer-log']` says whether completely. */
  window: { start: number; end: number };
  invocations: ReadonlyArray<import('./lambda-log').AuthorizerInvocation>;
}

/**
 * How the request that filled the cache was told among the authorizer calls of the stage within the TTL before
 * this request whose policy does not cover its method: the same (masked) identity, the same principalId as the
 * access log's `$context.authorizer.principalId`, the only such call (all of the window read), or the latest of
 * several.
 */
export type CacheOriginMatch = 'identity' | 'principal-id' | 'only-candidate' | 'one-of-several';

/** The earlier request whose authorizer result the cache handed to this one. */
export interface CacheOrigin {
  requestId: string;
  time?: number;
  methodArn?: string;
  resultBody: string;
  policyDocument?: unknown;
  identity?: string;
  foundBy: CacheOriginMatch;
  /** The authorizer calls within the TTL whose policy does not cover this method (this one included). */
  candidates: number;
}

/**
 * The places evidence comes from. Each is read, or not, on its own; rules may treat a missing line as evidence
 * only where its source was read completely, at a logging level that writes that line.
 */
export type SourceId =
  | 'execution-log'
  | 'access-log'
  /** The authorizer function's own log group (`/aws/lambda/<function>`). */
  | 'authorizer-log'
  /** Earlier authorizer runs of the same stage within the cache TTL (the request that filled the cache). */
  | 'cache-filler'
  | 'config:rest-api'
  | 'config:authorizers'
  | 'config:resources'
  | 'config:stage'
  | 'config:account'
  | 'config:deployment';

export type LoggingLevel = 'INFO' | 'ERROR';

export type SourceStatus =
  /** Read to the end. For logs: at `level` (when known), with data tracing when `dataTrace`. */
  | { read: 'complete'; level?: LoggingLevel; dataTrace?: boolean }
  /** Some lines were given (pasted, or cut off), not the whole record: nothing can be concluded from a line's absence. */
  | { read: 'excerpt'; level?: LoggingLevel; dataTrace?: boolean }
  /** Pages were lost to throttling, errors or the time budget. */
  | { read: 'partial'; reason: Text }
  /** AWS refused: the IAM action (and resource) that would let why403 read it. */
  | { read: 'denied'; action: string; resource?: string }
  /** It does not exist (a log group never created). */
  | { read: 'missing'; resource?: string }
  /** Nothing could have been written there: logging off, or at ERROR where INFO lines are needed. */
  | { read: 'not-configured'; reason: Text }
  | { read: 'not-attempted' };

export type SourceReport = Readonly<Partial<Record<SourceId, SourceStatus>>>;

/** What a search of the logs covered, when the request was looked for and not found. */
export interface SearchReport {
  found: boolean;
  /** The log group the request was found in. */
  foundIn?: string;
  logGroups: readonly string[];
  /** Groups that do not exist. */
  missingLogGroups: readonly string[];
  /** Groups AWS refused to search, with the IAM action that would allow it. */
  deniedLogGroups?: ReadonlyArray<{ logGroup: string; action: string }>;
  window?: { start: number; end: number };
  /** The search stopped early (page or time budget, throttling). */
  partial?: Text;
}

export interface Evidence {
  request: RequestFacts;
  response?: ClientResponse;
  trace: Trace;
  accessLog?: AccessLogFacts;
  config: ConfigFacts;
  cacheOrigin?: CacheOrigin;
  authorizerLog?: AuthorizerLogFacts;
  search?: SearchReport;
  /** How completely each source was read; a source not listed was not attempted. */
  sources: SourceReport;
  /** Evidence that could not be fetched or read (shown so the reader knows what was not seen). */
  gaps: readonly Text[];
}
