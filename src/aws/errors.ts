import { EmptyBodyError } from './empty-body';
import { msg, type Message, type Text } from '../text';
import { english, type Localizer } from '../render/localize';
import {
  RetriesExhausted,
  type RetryOutcome,
  isCutOffBody,
  isRetryable,
  isThrottling,
  statusOf,
  type SdkErrorShape,
} from './retry';

/**
 * AWS failures, named once at the adapter boundary so the rest of the product can say what happened and what to
 * do: the missing IAM action and resource for AccessDenied, the missing log group, throttling that outlasted the
 * retries, a time budget that ran out, an answer that was not AWS's (a proxy's HTML page, a cut-off body). Every
 * one of them names the service and the call, in one line.
 */

/** The IAM action each SDK operation needs (aws-wire.md §5). */
const IAM_ACTIONS: Record<string, string> = {
  FilterLogEvents: 'logs:FilterLogEvents',
  DescribeLogGroups: 'logs:DescribeLogGroups',
  StartQuery: 'logs:StartQuery',
  GetQueryResults: 'logs:GetQueryResults',
  StopQuery: 'logs:StopQuery',
  GetRestApi: 'apigateway:GET',
  GetRestApis: 'apigateway:GET',
  GetAuthorizers: 'apigateway:GET',
  GetStage: 'apigateway:GET',
  GetResources: 'apigateway:GET',
  GetDeployment: 'apigateway:GET',
  GetExport: 'apigateway:GET',
  GetAccount: 'apigateway:GET',
  FlushStageAuthorizersCache: 'apigateway:DELETE',
  TestInvokeAuthorizer: 'apigateway:POST',
  GetStages: 'apigateway:GET',
  GetUsagePlans: 'apigateway:GET',
  GetCallerIdentity: 'sts:GetCallerIdentity',
  SimulatePrincipalPolicy: 'iam:SimulatePrincipalPolicy',
  GetPolicy: 'lambda:GetPolicy',
  Invoke: 'lambda:InvokeFunction',
};

/** The services the IAM actions' prefixes name, as people name them. */
const SERVICES: Record<string, string> = {
  logs: 'CloudWatch Logs',
  apigateway: 'API Gateway',
  sts: 'STS',
  iam: 'IAM',
  lambda: 'Lambda',
};

/** The AWS service an operation belongs to, as people name it. */
export function serviceOf(operation: string): string {
  const prefix = Object.hasOwn(IAM_ACTIONS, operation) ? IAM_ACTIONS[operation].split(':')[0] : '';
  return SERVICES[prefix] ?? 'AWS';
}

export class AwsError extends Error {
  constructor(
    message: string,
    readonly operation: string,
    readonly resource: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** What to do, when the caller knows it better than the error's kind does (set by `withHint`). */
  hint?: Message;

  get service(): string {
    return serviceOf(this.operation);
  }
}

/**
 * The error, with what to do that only its caller knows: the commands that still work, with the caller's group,
 * window and region in them.
 */
export function withHint<E extends AwsError>(error: E, hint: Message): E {
  error.hint = hint;
  return error;
}

/**
 * StartQuery refused because the account already runs as many Logs Insights queries at once as its quota allows:
 * AWS answers LimitExceededException, which the readers retry like throttling, and waiting is what helps.
 */
export function isQueryLimit(error: Error): error is AwsUnavailableError {
  return (
    error instanceof AwsUnavailableError &&
    error.operation === 'StartQuery' &&
    error.detail?.code === 'LimitExceededException'
  );
}

export class AwsAccessDeniedError extends AwsError {
  override readonly name = 'AwsAccessDeniedError';
  readonly action: string;
  /**
   * `named`: the action and resource AWS's message names when they are not the call's own (the role why403 assumes
   * refused it, a KMS key): granting the call's action would not help.
   */
  constructor(
    operation: string,
    resource: string,
    cause: unknown,
    named?: { action: string; resource: string },
  ) {
    const action = named?.action ?? IAM_ACTIONS[operation] ?? `the IAM action for ${operation}`;
    const on = named?.resource ?? resource;
    super(`AccessDenied: ${action} on ${on}`, operation, on, { cause });
    this.action = action;
  }
}

export class LogGroupMissingError extends AwsError {
  override readonly name = 'LogGroupMissingError';
  constructor(logGroup: string, cause: unknown) {
    super(`log group ${logGroup} does not exist`, 'FilterLogEvents', logGroup, { cause });
  }
}

export class AwsNotFoundError extends AwsError {
  override readonly name = 'AwsNotFoundError';
}

export type UnavailableReason = 'throttled' | 'server-error' | 'timed-out' | 'network';

export interface UnavailableDetail {
  reason: UnavailableReason;
  /** The wire error type or HTTP status, e.g. ThrottlingException, HTTP 503. */
  code: string;
  attempts: number;
  /** The time budget ended while waiting to try again. */
  budgetEnded: boolean;
  /** AWS asked to wait longer than why403 waits (Retry-After), so it did not try again. */
  retryAfterSeconds?: number;
}

/** Throttling, 5xx answers, timeouts or a dropped network that outlasted the retries. */
export class AwsUnavailableError extends AwsError {
  override readonly name = 'AwsUnavailableError';
  readonly detail?: UnavailableDetail;
  constructor(
    message: string,
    operation: string,
    resource: string,
    options?: { cause?: unknown; detail?: UnavailableDetail },
  ) {
    super(message, operation, resource, options);
    this.detail = options?.detail;
  }
}

/** The diagnosis's time budget ran out. */
export class AwsTimeoutError extends AwsError {
  override readonly name = 'AwsTimeoutError';
}

export class AwsCredentialsError extends AwsError {
  override readonly name = 'AwsCredentialsError';
  /** AWS's error code when AWS refused the credentials themselves (expired, unknown, badly signed). */
  readonly rejected?: string;
  constructor(
    message: string,
    operation: string,
    resource: string,
    options?: { cause?: unknown; rejected?: string },
  ) {
    super(message, operation, resource, options);
    this.rejected = options?.rejected;
  }
}

export type MalformedKind = 'html' | 'not-json' | 'cut-off' | 'shape';

const MALFORMED_WORDS: Record<Exclude<MalformedKind, 'shape'>, string> = {
  html: "an HTML page instead of AWS's JSON",
  'not-json': 'not valid JSON',
  'cut-off': 'the body was cut off',
};

/** The answer was not AWS's: an HTML page from a proxy, a body that is not JSON, cut off, or of the wrong shape. */
export class AwsMalformedResponseError extends AwsError {
  override readonly name = 'AwsMalformedResponseError';
  readonly kind: MalformedKind;
  readonly status?: number;
  /** For `shape`: what was wrong with it. */
  readonly problem?: string;
  constructor(
    operation: string,
    resource: string,
    details: { kind: MalformedKind; status?: number; problem?: string; cause?: unknown },
  ) {
    const what = details.kind === 'shape' ? details.problem : MALFORMED_WORDS[details.kind];
    const status = details.status && details.kind !== 'cut-off' ? `HTTP ${details.status}: ` : '';
    super(
      `${serviceOf(operation)} ${operation} returned a malformed response (${status}${what}) for ${resource}`,
      operation,
      resource,
      { cause: details.cause },
    );
    this.kind = details.kind;
    this.status = details.status;
    this.problem = details.problem;
  }
}

/** An answer AWS sent with HTTP 200 that is not of the shape it sends: `problem` says what was wrong with it. */
export function wrongShape(operation: string, resource: string, problem: string): AwsMalformedResponseError {
  return new AwsMalformedResponseError(operation, resource, { kind: 'shape', status: 200, problem });
}

/** Any other error AWS answered with (InvalidParameterException, MalformedQueryException, …), named in one line. */
export class AwsServiceError extends AwsError {
  override readonly name = 'AwsServiceError';
  constructor(
    readonly code: string,
    readonly detail: string,
    operation: string,
    resource: string,
    cause: unknown,
  ) {
    super(`${serviceOf(operation)} ${operation} failed: ${code}: ${detail}`, operation, resource, { cause });
  }
}

/**
 * Turns what a call threw into one of ours. `RetriesExhausted` (from the readers' retry loop) is unwrapped: its
 * attempts and whether the budget ended go into the message. Errors that are not AWS's are kept as they are.
 */
export function toAwsError(error: unknown, operation: string, resource: string): Error {
  const last = error instanceof RetriesExhausted ? error.last : error;
  // Clients that retry on their own (the SDK's standard mode) say how many attempts they made in $metadata.
  const outcome =
    error instanceof RetriesExhausted
      ? error.outcome
      : { attempts: (error as SdkErrorShape | undefined)?.$metadata?.attempts ?? 1, aborted: false };
  if (last instanceof AwsError) return last;
  const e = (last ?? {}) as SdkErrorShape;
  const name = e.name ?? '';
  const status = statusOf(last);
  const malformed = malformedKind(last);
  if (name === 'AbortError') {
    const message = `${serviceOf(operation)} ${operation} on ${resource} did not finish within the time budget`;
    return new AwsTimeoutError(message, operation, resource, { cause: last });
  }
  if (malformed)
    return new AwsMalformedResponseError(operation, resource, { kind: malformed, status, cause: last });
  if (last instanceof EmptyBodyError) return wrongShape(operation, resource, 'an empty body');
  if (REJECTED.has(name)) {
    const message = `AWS rejected the credentials: ${name}: ${firstLine(e.message)}`;
    return new AwsCredentialsError(message, operation, resource, { cause: last, rejected: name });
  }
  if (DENIED.includes(name) || status === 403)
    return new AwsAccessDeniedError(operation, resource, last, otherDenial(operation, e.message));
  if (name === 'ResourceNotFoundException' && operation === 'FilterLogEvents')
    return new LogGroupMissingError(resource, last);
  if (name === 'NotFoundException' || name === 'ResourceNotFoundException') {
    const message = `${resource} was not found (${firstLine(e.message) || name})`;
    return new AwsNotFoundError(message, operation, resource, { cause: last });
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Region is missing/i.test(e.message ?? '')
  ) {
    const message = `no usable AWS credentials or region: ${firstLine(e.message)}`;
    return new AwsCredentialsError(message, operation, resource, { cause: last });
  }
  if (isRetryable(last)) return unavailable(last, operation, resource, outcome);
  if (e.$metadata !== undefined || e.$fault !== undefined)
    return new AwsServiceError(name || 'Error', firstLine(e.message), operation, resource, last);
  return last instanceof Error ? last : new Error(String(last));
}

const DENIED = ['AccessDeniedException', 'AccessDenied', 'UnauthorizedException'];

/**
 * AWS refused the credentials, not the action: an expired session, keys AWS does not know, a bad signature. No IAM
 * grant helps (API Gateway answers some of these with HTTP 403, like a denial).
 */
const REJECTED = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'InvalidToken',
  'AuthFailure',
]);

const NOT_AUTHORIZED = /not authorized to perform: ([\w-]+:[\w*]+)(?: on resource: (\S+))?/;

/** The action (and resource) AWS's message says was refused, when it is not the call's own action. */
function otherDenial(
  operation: string,
  message: string | undefined,
): { action: string; resource: string } | undefined {
  const match = NOT_AUTHORIZED.exec(message ?? '');
  if (!match || match[1] === IAM_ACTIONS[operation]) return undefined;
  return { action: match[1], resource: match[2] ?? '*' };
}

function unavailable(
  error: unknown,
  operation: string,
  resource: string,
  outcome: RetryOutcome,
): AwsUnavailableError {
  const e = error as SdkErrorShape;
  const status = statusOf(error);
  const reason: UnavailableReason = isThrottling(error)
    ? 'throttled'
    : status !== undefined && status >= 500
      ? 'server-error'
      : e.name === 'TimeoutError'
        ? 'timed-out'
        : 'network';
  const code = reason === 'network' ? (e.code ?? e.name ?? 'network') : wireCode(e, status);
  const detail: UnavailableDetail = {
    reason,
    code,
    attempts: outcome.attempts,
    budgetEnded: outcome.aborted,
    ...(outcome.retryAfterSeconds !== undefined ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
  };
  const verb = {
    throttled: 'was throttled',
    'server-error': 'kept failing',
    'timed-out': 'did not answer in time',
    network: 'could not be reached',
  }[reason];
  const tries = `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
  return new AwsUnavailableError(
    `${serviceOf(operation)} ${operation} ${verb} (${code}) after ${tries}${outcome.aborted ? ', and the time budget ran out before another' : ''}${outcome.retryAfterSeconds !== undefined ? `, and AWS asked to wait ${outcome.retryAfterSeconds} s` : ''}`,
    operation,
    resource,
    { cause: error, detail },
  );
}

/** What kind of malformed answer the SDK could not read, if it was one. */
function malformedKind(error: unknown): MalformedKind | undefined {
  const e = error as SdkErrorShape | undefined;
  const message = e?.message ?? '';
  // A body that stopped coming is a time-out (the socket's idle timeout), not a malformed answer.
  if (e?.name === 'TimeoutError') return undefined;
  if (!/Deserialization error/.test(message) && e?.name !== 'SyntaxError') return undefined;
  if (isCutOffBody(error)) return 'cut-off';
  const contentType = e?.$response?.headers?.['content-type'] ?? '';
  return /html/i.test(contentType) || /Unexpected token '<'/.test(message) ? 'html' : 'not-json';
}

/** The wire error type, or the HTTP status when the answer had none. */
function wireCode(e: SdkErrorShape, status: number | undefined): string {
  return e.name && e.name !== 'Error' ? e.name : `HTTP ${status ?? '?'}`;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].trim();
}

/** What went wrong, as words for a person (in the reader's language once rendered). */
export function describeAwsError(error: Error): Text {
  if (error instanceof AwsAccessDeniedError)
    return msg('aws.denied', { action: error.action, resource: error.resource });
  if (error instanceof LogGroupMissingError) return msg('aws.log-group-missing', { group: error.resource });
  if (error instanceof AwsMalformedResponseError) {
    const detail =
      error.kind === 'shape'
        ? msg('aws.malformed.shape', { problem: error.problem ?? '' })
        : error.kind === 'cut-off'
          ? msg('aws.malformed.cut-off')
          : msg(`aws.malformed.${error.kind}`, { status: error.status ?? 0 });
    return msg('aws.malformed', { ...callOf(error), resource: error.resource, detail });
  }
  if (error instanceof AwsUnavailableError && error.detail) {
    const { reason, code, attempts, budgetEnded, retryAfterSeconds } = error.detail;
    const what = isQueryLimit(error)
      ? msg('aws.unavailable.query-limit', { ...callOf(error), attempts })
      : msg(`aws.unavailable.${reason}`, { ...callOf(error), code, attempts });
    if (retryAfterSeconds !== undefined)
      return msg('aws.unavailable.retry-after', { what, seconds: Math.ceil(retryAfterSeconds) });
    return budgetEnded ? msg('aws.unavailable.budget-ended', { what }) : what;
  }
  if (error instanceof AwsTimeoutError)
    return msg('aws.timeout', { ...callOf(error), resource: error.resource });
  if (error instanceof AwsServiceError)
    return msg('aws.failed', { ...callOf(error), code: error.code, detail: error.detail });
  // Built here from AWS's own words; one made elsewhere without a cause already says what it means.
  if (error instanceof AwsNotFoundError)
    return error.cause
      ? msg('aws.not-found', { resource: error.resource, detail: causeLine(error) })
      : firstLine(error.message);
  if (error instanceof AwsCredentialsError && error.rejected)
    return msg('aws.credentials-rejected', {
      ...callOf(error),
      code: error.rejected,
      detail: causeLine(error),
    });
  if (error instanceof AwsCredentialsError)
    return error.cause ? msg('aws.no-credentials', { detail: causeLine(error) }) : firstLine(error.message);
  return msg('aws.error', { detail: firstLine(error.message) });
}

/** The SDK's error behind one of ours (`callAws` keeps it as the cause), for a caller that tells its codes apart. */
export function sdkCause(error: unknown): { name?: string; message?: string } {
  return ((error as Error | undefined)?.cause ?? {}) as { name?: string; message?: string };
}

/** AWS's own words for a failure, verbatim: the first line of the SDK error behind ours. */
function causeLine(error: AwsError): string {
  const cause = error.cause as { message?: unknown; name?: unknown };
  return firstLine(String(cause.message || cause.name || ''));
}

function callOf(error: AwsError): { service: string; operation: string } {
  return { service: error.service, operation: error.operation };
}

function hintOf(error: Error): Message | undefined {
  if (error instanceof AwsError && error.hint) return error.hint;
  if (isQueryLimit(error)) return msg('aws.unavailable.query-limit.hint', { region: '' });
  if (error instanceof AwsAccessDeniedError && error.action === 'sts:AssumeRole')
    return msg('aws.denied.assume-role.hint');
  if (error instanceof AwsAccessDeniedError)
    return msg(error.operation === 'TestInvokeAuthorizer' ? 'replay.denied.hint' : 'aws.denied.hint');
  if (error instanceof AwsCredentialsError && error.rejected) return msg('aws.credentials-rejected.hint');
  if (error instanceof AwsCredentialsError) return msg('aws.credentials.hint');
  if (error instanceof AwsUnavailableError) return msg('aws.unavailable.hint');
  if (error instanceof AwsNotFoundError) return msg('aws.not-found.hint');
  if (error instanceof AwsMalformedResponseError)
    return msg(error.kind === 'cut-off' ? 'aws.malformed.cut-off.hint' : 'aws.malformed.hint');
  return undefined;
}

/** One line for a person: what failed and what to do about it. */
export function explainAwsError(error: Error, l: Localizer = english): { message: string; hint?: string } {
  const message: Text = describeAwsError(error);
  const hint = hintOf(error);
  return hint ? { message: l.t(message), hint: l.t(hint) } : { message: l.t(message) };
}
