import type { AuthorizerResult, AuthorizerTrace, LogLine, PrincipalDenialLine, Trace } from './types';
import { consoleHeaderRequestId } from './log-lines';
import { functionArnInUri } from './lambda-arn';
import { parseJson } from '../json';
import { readPrincipalDenial } from './gateway-message';
import { anchored } from '../regexp';

/**
 * Reads one request's execution-log lines into the facts the rules need (domain.md §6.4, §6.5). Patterns match
 * message prefixes and fragments, never whole lines: AWS has changed wording and added suffixes over time.
 */

const EXTENDED_ID = anchored(/^Extended Request Id: (?<id>\S+)/);
const STARTING_AUTHORIZER = anchored(
  /^Starting authorizer: (?<authorizerId>\S+) for request: (?<requestId>\S+)/,
);
const INCOMING_IDENTITY = anchored(/^Incoming identity:/);
const ENDPOINT_URI = anchored(/^Endpoint request URI: (?<uri>\S+)/);
const SENDING_REQUEST = anchored(/^Sending request to (?<uri>\S+)/);
const ENDPOINT_HEADERS = anchored(/^Endpoint request headers:/);
const ENDPOINT_BODY = anchored(/^Endpoint request body after transformations: (?<body>.*)$/s);
const RESULT_BODY = anchored(/^Authorizer result body before parsing:\s*(?<body>.*)$/s);
const POLICY_ACCEPTED = anchored(/^Using valid authorizer policy for principal: ?(?<principal>.*)$/s);
const AUTHORIZER_COMPLETED = anchored(/^Successfully completed authorizer execution/);
const UNAUTHORIZED_REQUEST = anchored(/^Unauthorized request: (?<requestId>\S+)/);
const BARE_UNAUTHORIZED = anchored(/^Unauthorized\.?$/);
const CONFIGURATION_ERROR = anchored(/^Execution failed due to configuration error: ?(?<detail>.*)$/s);
const CONFIGURATION_EXCEPTION = anchored(/^AuthorizerConfigurationException\b/);
const CLIENT_NOT_AUTHORIZED = anchored(/^The client is not authorized to perform this operation/);
const USAGE_PLAN_CHECK = anchored(/^Verifying Usage Plan for request: (?<requestId>[^.\s]+)/);
const API_KEY_REJECTED = anchored(
  /^API Key .*?not authorized because method '(?<method>[^']+)' requires API Key and (?<reason>.*?)(?: for API Stage (?<apiStage>[^:\s]+))?(?::\s*(?<detail>.*))?$/s,
);
const API_KEY_ACCEPTED = anchored(/^API Key .*\bauthorized because method/);
/** The reason an API key was refused, pasted without the start of its line. */
const API_KEY_REJECTION_REASON = /^No Usage Plan found for key\b/i;
const GATEWAY_RESPONSE = anchored(
  /^Gateway response type: (?<type>[A-Z_0-9]+)(?: with status code: (?<status>\d{3}))?/,
);
const HTTP_METHOD = anchored(/^HTTP Method: (?<verb>[A-Z]+), Resource Path: (?<path>\S+)/);
const STARTING_EXECUTION = anchored(/^Starting execution for request: (?<requestId>\S+)/);
const INTEGRATION_RESPONSE = anchored(/^Received response\. Status: (?<status>\d{3})/);
const ENDPOINT_RESPONSE = anchored(/^Endpoint response (?:headers|body before transformations):/);
const METHOD_COMPLETED = anchored(/^Method completed with status: (?<status>\d{3})/);
const BODY_TYPE = /"type"\s*:\s*"(?<type>[A-Z_]+)"/;
const BODY_METHOD_ARN = /"methodArn"\s*:\s*"(?<arn>arn:[^"]+)"/;
const EFFECT = /"Effect"\s*:\s*"(Allow|Deny)"/gi;
const PRINCIPAL_ID = /"principalId"\s*:\s*"([^"]*)"/;
const ERROR_TYPE = /"errorType"\s*:\s*"(?<type>[^"]*)"/;
const ERROR_MESSAGE = /"errorMessage"\s*:\s*"(?<message>(?:[^"\\]|\\.)*)/;

/** Lines after which API Gateway has left the authorizer step (usage plan, execution, integration). */
/** Lines API Gateway writes only for a request that passed authorization: usage plan, execution, integration. */
const PAST_AUTHORIZATION = [
  USAGE_PLAN_CHECK,
  anchored(/^API Key /),
  STARTING_EXECUTION,
  HTTP_METHOD,
  anchored(/^Method request /),
  INTEGRATION_RESPONSE,
];
/** Lines after which API Gateway has left the authorizer step (usage plan, execution, integration). */
const AFTER_AUTHORIZER = [...PAST_AUTHORIZATION, METHOD_COMPLETED];
/** Lines that show an authorizer is part of this trace even when `Starting authorizer` was not copied. */
const AUTHORIZER_MARKERS = [
  STARTING_AUTHORIZER,
  INCOMING_IDENTITY,
  RESULT_BODY,
  POLICY_ACCEPTED,
  AUTHORIZER_COMPLETED,
  /Authorizer error/,
];

export function buildTrace(lines: readonly LogLine[]): Trace {
  const trace: MutableTrace = {
    lines,
    testConsole: false,
    authorizer: { invocationLines: [] },
    configurationErrors: [],
  };
  const authorizerEnd = authorizerSectionEnd(lines);
  for (const line of lines) {
    readLine(trace, line, line.index < authorizerEnd);
  }
  trace.testConsole = lines.some((line) => line.testConsole);
  trace.requestId ??= lines.find((line) => line.requestId)?.requestId;
  const times = lines.map((line) => line.timestamp).filter((t): t is number => t !== undefined);
  if (times.length > 0) {
    trace.startedAt = Math.min(...times);
    trace.endedAt = Math.max(...times);
  }
  return trace;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableTrace = Mutable<Trace> & {
  authorizer: Mutable<AuthorizerTrace> & { invocationLines: LogLine[] };
  configurationErrors: Array<{ detail: string; line: LogLine; inAuthorizer: boolean }>;
};

/** Index of the first line that belongs to a later step; the Lambda lines before it are the authorizer's. */
function authorizerSectionEnd(lines: readonly LogLine[]): number {
  const hasAuthorizer = lines.some((line) => AUTHORIZER_MARKERS.some((re) => re.test(line.message)));
  if (!hasAuthorizer) return 0;
  const after = lines.find((line) => AFTER_AUTHORIZER.some((re) => re.test(line.message)));
  return after?.index ?? Number.POSITIVE_INFINITY;
}

function readLine(trace: MutableTrace, line: LogLine, inAuthorizer: boolean): void {
  const message = line.message;
  if (readAuthorizerLine(trace.authorizer, line, inAuthorizer)) {
    if (STARTING_AUTHORIZER.test(message))
      trace.requestId ??= STARTING_AUTHORIZER.exec(message)?.groups?.requestId;
    return;
  }
  let groups: Record<string, string> | undefined;
  if ((groups = EXTENDED_ID.exec(message)?.groups)) {
    trace.extendedRequestId ??= groups.id;
  } else if ((groups = CONFIGURATION_ERROR.exec(message)?.groups)) {
    trace.configurationErrors.push({ detail: groups.detail.trim(), line, inAuthorizer });
  } else if (CLIENT_NOT_AUTHORIZED.test(message)) {
    trace.clientNotAuthorized ??= line;
  } else if ((groups = USAGE_PLAN_CHECK.exec(message)?.groups)) {
    trace.usagePlanCheck ??= line;
    trace.requestId ??= groups.requestId;
  } else if ((groups = API_KEY_REJECTED.exec(message)?.groups)) {
    trace.apiKeyRejected ??= {
      line,
      method: groups.method,
      apiStage: groups.apiStage,
      reason: (groups.detail ?? groups.reason).trim(),
    };
  } else if (API_KEY_REJECTION_REASON.test(message)) {
    trace.apiKeyRejected ??= { line, reason: message.trim() };
  } else if (API_KEY_ACCEPTED.test(message)) {
    trace.apiKeyAccepted ??= line;
  } else if ((groups = GATEWAY_RESPONSE.exec(message)?.groups)) {
    trace.gatewayResponse ??= {
      type: groups.type,
      status: groups.status === undefined ? undefined : Number(groups.status),
      line,
    };
  } else if ((groups = HTTP_METHOD.exec(message)?.groups)) {
    trace.method ??= { httpMethod: groups.verb, resourcePath: groups.path, line };
  } else if ((groups = STARTING_EXECUTION.exec(message)?.groups)) {
    trace.requestId ??= groups.requestId;
  } else if ((groups = INTEGRATION_RESPONSE.exec(message)?.groups)) {
    trace.integrationStatus = { status: Number(groups.status), line };
    trace.integrationAnswered ??= line;
  } else if (ENDPOINT_RESPONSE.test(message)) {
    trace.integrationAnswered ??= line;
  } else if ((groups = METHOD_COMPLETED.exec(message)?.groups)) {
    trace.finalStatus = { status: Number(groups.status), line };
  } else {
    const header = consoleHeaderRequestId(message);
    if (header) trace.requestId ??= header;
    trace.principalDenial ??= principalDenialLine(line);
  }
}

/** Returns true when the line was an authorizer line and has been recorded. */
function readAuthorizerLine(
  authorizer: MutableTrace['authorizer'],
  line: LogLine,
  inAuthorizer: boolean,
): boolean {
  const message = line.message;
  let groups: Record<string, string> | undefined;
  if ((groups = STARTING_AUTHORIZER.exec(message)?.groups)) {
    authorizer.started ??= { authorizerId: groups.authorizerId, line };
  } else if (INCOMING_IDENTITY.test(message)) {
    authorizer.incomingIdentity ??= line;
  } else if ((groups = RESULT_BODY.exec(message)?.groups)) {
    authorizer.invocationLines.push(line);
    authorizer.result = parseAuthorizerResult(line, groups.body);
  } else if ((groups = POLICY_ACCEPTED.exec(message)?.groups)) {
    authorizer.policyAccepted = { principal: groups.principal.trim(), line };
  } else if (AUTHORIZER_COMPLETED.test(message)) {
    authorizer.completed = line;
  } else if (UNAUTHORIZED_REQUEST.test(message)) {
    authorizer.unauthorizedRequest ??= line;
  } else if (BARE_UNAUTHORIZED.test(message.trim())) {
    authorizer.unauthorized ??= line;
  } else if (CONFIGURATION_EXCEPTION.test(message.trim())) {
    authorizer.configurationException ??= line;
  } else if (inAuthorizer && readInvocationLine(authorizer, line)) {
    return true;
  } else {
    return false;
  }
  return true;
}

function readInvocationLine(authorizer: MutableTrace['authorizer'], line: LogLine): boolean {
  const message = line.message;
  const uri = ENDPOINT_URI.exec(message)?.groups?.uri ?? SENDING_REQUEST.exec(message)?.groups?.uri;
  if (uri) {
    authorizer.invocationLines.push(line);
    authorizer.functionArn ??= functionArnInUri(uri);
    return true;
  }
  if (ENDPOINT_HEADERS.test(message)) return true;
  const body = ENDPOINT_BODY.exec(message)?.groups?.body;
  if (body === undefined) return false;
  authorizer.invocationLines.push(line);
  authorizer.requestType ??= BODY_TYPE.exec(body)?.groups?.type;
  authorizer.methodArn ??= BODY_METHOD_ARN.exec(body)?.groups?.arn;
  return true;
}

function principalDenialLine(line: LogLine): PrincipalDenialLine | undefined {
  const denial = readPrincipalDenial(line.message);
  return denial && { line, ...denial };
}

function parseAuthorizerResult(line: LogLine, body: string): AuthorizerResult {
  const raw = body.trim();
  const isNull = raw === 'null';
  const effectsSeen = effectsIn(raw);
  const parsed = parseJson(raw);
  if (parsed === undefined) {
    return {
      line,
      raw,
      truncated: true,
      isNull,
      effectsSeen,
      principalId: principalIdIn(raw),
      runtimeError: runtimeErrorFromText(raw),
    };
  }
  const { truncated } = line;
  if (parsed === null || typeof parsed !== 'object') {
    return { line, raw, truncated, isNull, effectsSeen, principalId: principalIdIn(raw), parsed };
  }
  const object = parsed as Record<string, unknown>;
  return {
    line,
    raw,
    truncated,
    isNull,
    effectsSeen,
    principalId: typeof object.principalId === 'string' ? object.principalId : principalIdIn(raw),
    parsed,
    policyDocument: object.policyDocument,
    runtimeError:
      'errorType' in object || 'errorMessage' in object
        ? { errorType: asString(object.errorType), errorMessage: asString(object.errorMessage) }
        : undefined,
  };
}

/** Every `"Effect": "Allow"|"Deny"` in order, read from the text: a body cut off before its end still tells. */
function effectsIn(raw: string): Array<'Allow' | 'Deny'> {
  const effects: Array<'Allow' | 'Deny'> = [];
  EFFECT.lastIndex = 0;
  for (let match = EFFECT.exec(raw); match; match = EFFECT.exec(raw))
    effects.push(match[1].toLowerCase() === 'deny' ? 'Deny' : 'Allow');
  return effects;
}

function principalIdIn(raw: string): string | undefined {
  return PRINCIPAL_ID.exec(raw)?.[1];
}

/** A cut-off Lambda error object still names its `errorType`. */
function runtimeErrorFromText(raw: string): AuthorizerResult['runtimeError'] {
  const errorType = ERROR_TYPE.exec(raw)?.groups?.type;
  const errorMessage = ERROR_MESSAGE.exec(raw)?.groups?.message;
  return errorType || errorMessage ? { errorType, errorMessage } : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The trace shows the request past its authorization (a usage-plan, execution or integration line). */
export function passedAuthorization(trace: Trace): boolean {
  return trace.lines.some((line) => PAST_AUTHORIZATION.some((re) => re.test(line.message)));
}

/** The request a line belongs to, when the line names it inside its message (2016-era exports). */
export function requestIdInMessage(message: string): string | undefined {
  return (
    STARTING_AUTHORIZER.exec(message)?.groups?.requestId ??
    UNAUTHORIZED_REQUEST.exec(message)?.groups?.requestId ??
    USAGE_PLAN_CHECK.exec(message)?.groups?.requestId ??
    STARTING_EXECUTION.exec(message)?.groups?.requestId
  );
}

/** Lines API Gateway writes first for a request (or first for the step a test-invoke shows). */
const TRACE_START = [
  EXTENDED_ID,
  USAGE_PLAN_CHECK,
  STARTING_AUTHORIZER,
  STARTING_EXECUTION,
  /^Execution log for request/,
];
/** Lines after which nothing more is written for the request: its answer was chosen. */
const TRACE_END = [
  METHOD_COMPLETED,
  CLIENT_NOT_AUTHORIZED,
  UNAUTHORIZED_REQUEST,
  BARE_UNAUTHORIZED,
  CONFIGURATION_EXCEPTION,
  GATEWAY_RESPONSE,
];
/** Written only at ERROR and above; any other line shows the stage logged at INFO. */
const ERROR_LEVEL = [CONFIGURATION_ERROR, CONFIGURATION_EXCEPTION, METHOD_COMPLETED];
/** Payload lines: written only with data tracing on. */
const DATA_TRACE = [
  RESULT_BODY,
  ENDPOINT_BODY,
  /^Method request body before transformations:/,
  /^Endpoint response body before transformations:/,
  /^Method response body after transformations:/,
];

/**
 * What a trace's own shape says about how completely it was captured: from its first line to its last
 * (a start line and an answer line, in order), or only an excerpt. Also the logging level and data tracing its
 * lines prove; a level the lines do not prove is left unknown, never assumed.
 */
export function traceShape(trace: Trace): { whole: boolean; level?: 'INFO'; dataTrace?: true } {
  const { lines } = trace;
  const first = lines.findIndex((line) => TRACE_START.some((re) => re.test(line.message)));
  const last = findLastIndex(
    lines,
    (line) =>
      TRACE_END.some((re) => re.test(line.message.trim())) ||
      (trace.testConsole && AUTHORIZER_COMPLETED.test(line.message)),
  );
  const info = lines.some((line) => !ERROR_LEVEL.some((re) => re.test(line.message.trim())));
  const data = lines.some((line) => DATA_TRACE.some((re) => re.test(line.message)));
  return {
    whole: first >= 0 && last > first && !lines.some((line) => ELISION.test(line.message)),
    ...(info ? { level: 'INFO' as const } : {}),
    ...(data ? { dataTrace: true as const } : {}),
  };
}

/**
 * Lines pasted newest first, as the CloudWatch console lists events by default: their timestamps fall and never rise,
 * or, where timestamps do not tell, the request's answer comes first and a line API Gateway writes first comes last.
 */
export function newestFirst(lines: readonly LogLine[]): boolean {
  let falls = false;
  let previous: number | undefined;
  for (const { timestamp } of lines) {
    if (timestamp === undefined) continue;
    if (previous !== undefined && timestamp > previous) return false;
    if (previous !== undefined && timestamp < previous) falls = true;
    previous = timestamp;
  }
  if (falls) return true;
  // `X-ray Tracing ID : …` may follow the answer line.
  const first = lines.find((line) => !X_RAY.test(line.message));
  const last = lines.at(-1);
  return (
    first !== undefined &&
    last !== undefined &&
    first !== last &&
    first.requestId === last.requestId &&
    TRACE_END.some((re) => re.test(first.message.trim())) &&
    TRACE_START.some((re) => re.test(last.message))
  );
}

const X_RAY = anchored(/^X-ray Tracing ID/);

/** A pasted trace with something left out: "...", "…" or "[...]" on a line of its own, or ending a cut line. */
const ELISION = /(?:^|\s)(?:\.{3,}|…|\[(?:\.{3}|…)\])\s*$/;

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
