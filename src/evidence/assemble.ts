import type {
  AccessLogFacts,
  AuthorizerLogFacts,
  ClientResponse,
  CacheOrigin,
  ConfigFacts,
  Evidence,
  LogLine,
  RequestFacts,
  SearchReport,
  SourceReport,
  Trace,
} from './types';
import type { Text } from '../text';
import { givenTraceStatus } from './sources';
import { linesOfOneRequest } from './focus';
import { msg } from '../text';
import { buildTrace } from './trace';
import { parseResponse, type ResponseInput } from './response';
import { readAccessLog } from './access-log';
import { readGatewayMessage } from './gateway-message';
import { parseIsoTimestamp } from '../time';
import { authorizerFunctionArn, parseFunctionArn } from './lambda-arn';
import { splitInto } from '../split';

export interface EvidenceParts {
  lines?: readonly LogLine[];
  response?: ResponseInput;
  accessLog?: unknown;
  config?: ConfigFacts;
  request?: Partial<RequestFacts>;
  cacheOrigin?: CacheOrigin;
  authorizerLog?: AuthorizerLogFacts;
  search?: SearchReport;
  /** How each source was read; the execution log's entry is worked out from the lines when not given. */
  sources?: SourceReport;
  gaps?: readonly Text[];
}

const METHOD_ARN =
  /^arn:(?<partition>[\w-]+):execute-api:(?<region>[\w-]+):(?<account>[^:]+):(?<api>[^/]+)\/(?<stage>[^/]+)\/(?<verb>[^/]+)\//;

/** Puts the parsed pieces together and works out what is known about the request itself. */
export function assembleEvidence(parts: EvidenceParts): Evidence {
  const focused = linesOfOneRequest(parts.lines ?? [], parts.request?.requestId);
  const trace = buildTrace(focused.lines);
  const accessLog =
    parts.accessLog === undefined || parts.accessLog === null ? undefined : readAccessLog(parts.accessLog);
  // A bundle always passes a response, empty when the client's copy was not given: the access log's then stands in.
  const response = (parts.response && parseResponse(parts.response)) ?? responseFromAccessLog(accessLog);
  const config = parts.config ?? {};
  const evidence: Evidence = {
    request: {},
    response,
    trace,
    accessLog,
    config,
    cacheOrigin: parts.cacheOrigin,
    authorizerLog: parts.authorizerLog,
    search: parts.search,
    sources: {
      'execution-log': givenTraceStatus(trace),
      ...(accessLog ? { 'access-log': { read: 'complete' as const } } : {}),
      ...parts.sources,
    },
    gaps: [
      ...(parts.gaps ?? []),
      ...(focused.leftOut > 0 ? [msg('evidence.other-requests-left-out', { count: focused.leftOut })] : []),
    ],
  };
  return { ...evidence, request: deriveRequest(evidence, parts.request ?? {}) };
}

/** Without the client's copy, the access log's $context.status and $context.error.message are the same answer. */
function responseFromAccessLog(accessLog: AccessLogFacts | undefined): ClientResponse | undefined {
  if (!accessLog || (accessLog.status === undefined && accessLog.errorMessage === undefined))
    return undefined;
  return { status: accessLog.status, message: accessLog.errorMessage, html: false };
}

function deriveRequest(evidence: Evidence, given: Partial<RequestFacts>): RequestFacts {
  const { trace, accessLog, config } = evidence;
  const seenArn = given.methodArn ?? methodArnSeen(evidence);

  const arn = seenArn ? METHOD_ARN.exec(seenArn)?.groups : undefined;
  const usableArn = seenArn && !seenArn.includes('*') ? seenArn : undefined;
  // The authorizer function is nearly always in the API's account and region: a fallback for both.
  const fn = parseFunctionArn(authorizerFunctionArn(trace, config));
  const seenRegion = given.region ?? plain(arn?.region);
  const seenAccount = given.accountId ?? plain(arn?.account);
  const [keyApi, keyStage] = trace.apiKeyRejected?.apiStage?.split('/') ?? [];
  const request: RequestFacts = {
    requestId: given.requestId ?? trace.requestId ?? accessLog?.requestId,
    extendedRequestId: given.extendedRequestId ?? trace.extendedRequestId ?? accessLog?.extendedRequestId,
    restApiId: given.restApiId ?? config.restApi?.id ?? plain(arn?.api) ?? plain(keyApi),
    stage: given.stage ?? config.stage?.stageName ?? accessLog?.stage ?? plain(arn?.stage) ?? plain(keyStage),
    region: seenRegion ?? fn?.region,
    accountId: seenAccount ?? fn?.accountId,
    httpMethod: given.httpMethod ?? trace.method?.httpMethod ?? accessLog?.httpMethod ?? plain(arn?.verb),
    resourcePath:
      given.resourcePath ??
      accessLog?.resourcePath ??
      config.method?.resourcePath ??
      trace.method?.resourcePath,
    sourceIp: given.sourceIp ?? accessLog?.sourceIp,
    vpceId: given.vpceId ?? accessLog?.vpceId,
    ...(given.headersSent ? { headersSent: given.headersSent } : {}),
    time:
      given.time ??
      trace.startedAt ??
      (accessLog?.requestTime ? parseIsoTimestamp(accessLog.requestTime) : undefined),
  };
  const fromFunction = [
    ...(!seenRegion && fn?.region ? (['region'] as const) : []),
    ...(!seenAccount && fn?.accountId ? (['account'] as const) : []),
  ];
  if (fromFunction.length > 0) request.fromFunction = fromFunction;
  const knownArn = given.methodArn ?? usableArn;
  request.methodArn = knownArn ?? rebuildMethodArn(request, trace, accessLog);
  if (!knownArn && request.methodArn) request.methodArnRebuilt = true;
  return request;
}

/** The method ARN as a log line or the response printed it (possibly with a masked account). */
function methodArnSeen(evidence: Evidence): string | undefined {
  const message = readGatewayMessage(evidence.response);
  const candidates = [
    evidence.trace.authorizer.methodArn,
    evidence.trace.principalDenial?.resourceArn,
    message.kind === 'principal-deny' ? message.resourceArn : undefined,
  ];
  return candidates.find((arn) => arn !== undefined && METHOD_ARN.test(arn));
}

function rebuildMethodArn(
  request: RequestFacts,
  trace: Trace,
  accessLog: AccessLogFacts | undefined,
): string | undefined {
  const { region, accountId, restApiId, stage, httpMethod } = request;
  const path = requestPath(stage, trace, accessLog);
  if (!region || !accountId || !restApiId || !stage || !httpMethod || path === undefined) return undefined;
  return `arn:${partitionOfRegion(region)}:execute-api:${region}:${accountId}:${restApiId}/${stage}/${httpMethod}/${path}`;
}

/** The path actually requested, without the stage and the leading slash; templates like `{id}` are not paths. */
function requestPath(
  stage: string | undefined,
  trace: Trace,
  accessLog: AccessLogFacts | undefined,
): string | undefined {
  const candidates = [
    stripStage(accessLog?.path, stage),
    trace.method?.resourcePath,
    accessLog?.resourcePath,
  ];
  const path = candidates.find((p) => p !== undefined && !p.includes('{'));
  return path?.replace(/^\//, '');
}

function stripStage(path: string | undefined, stage: string | undefined): string | undefined {
  if (!path || !stage) return path;
  return path.startsWith(`/${stage}/`) || path === `/${stage}` ? path.slice(stage.length + 1) || '/' : path;
}

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOfRegion(region: string | undefined): string {
  if (region === undefined) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Placeholders such as `<region>` or masked `****1977` are not ids to build commands with. */
function plain(value: string | undefined): string | undefined {
  return value && !/[<>*.]/.test(value) ? value : undefined;
}

/** `/orders/42` of `arn:…:api/stage/GET/orders/42`: what follows the third slash, with a slash before it. */
function calledPath(methodArn: string): string {
  return `/${splitInto(methodArn, '/', 4)[3] ?? ''}`;
}

/**
 * "GET /orders/18" (the path called, from the method ARN) or "GET /orders/{id}" (the resource template, better
 * for grouping many requests), whichever is known, the preferred one first.
 */
export function describeMethod(
  request: RequestFacts,
  prefer: 'path' | 'template' = 'path',
): string | undefined {
  if (!request.httpMethod) return undefined;
  const called = request.methodArn === undefined ? undefined : calledPath(request.methodArn);
  const path = prefer === 'path' ? (called ?? request.resourcePath) : (request.resourcePath ?? called);
  return path ? `${request.httpMethod} ${path}` : undefined;
}
