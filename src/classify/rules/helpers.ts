import type { AuthorizerResult, Evidence, LogLine, PrincipalDenial } from '../../evidence/types';
import type { Signal } from '../types';
import { signals } from '../signals';
import type { GatewayMessage } from '../../evidence/gateway-message';
import { describeMethod } from '../../evidence/assemble';
import { readCompletely } from '../../evidence/sources';
import { loggedUnset } from '../../evidence/access-log';
import { passedAuthorization } from '../../evidence/trace';
import { functionLogSilent, invocationById, matchedInvocation } from '../function-log';
import { msg, type Message, type Text } from '../../text';

/** Shared predicates for rules: small, named questions about the evidence. */

/** The client (or the trace) says 401 Unauthorized. */
export function isUnauthorized401(evidence: Evidence): boolean {
  return answered401(evidence) || Boolean(evidence.trace.authorizer.unauthorizedRequest);
}

/**
 * The client was answered 401 (its status, the Unauthorized answer, the access log's UNAUTHORIZED). The trace's
 * "Unauthorized request: <id>" alone does not say so: a route that does not exist is logged with it too (403).
 */
export function answered401(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.status === 401 || s.message.kind === 'unauthorized' || s.responseType === 'UNAUTHORIZED';
}

/** `Forbidden` / ForbiddenException: the body that API keys, WAF and private-API routing share. */
export function isPlainForbidden(evidence: Evidence): boolean {
  return signals(evidence).message.kind === 'forbidden';
}

/** The execution log holds lines for this request. */
export function hasTrace(evidence: Evidence): boolean {
  return evidence.trace.lines.length > 0;
}

/** The authorizer's verdict for this request was "not authorized" without an explicit Deny. */
export function isAuthorizerImplicitDeny(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    (s.message.kind === 'authorizer-deny' && !s.message.explicit) ||
    Boolean(evidence.trace.clientNotAuthorized)
  );
}

export function methodLabel(evidence: Evidence): Text {
  return describeMethod(evidence.request) ?? evidence.request.methodArn ?? msg('method.this');
}

export function ttlText(ttl: number | undefined): Message {
  if (ttl === undefined) return msg('ttl.unknown');
  return ttl === 0 ? msg('ttl.off') : msg('ttl.seconds', { seconds: ttl });
}

/**
 * The authorizer Lambda was proven not to run for this request: its whole trace was read at INFO (where the
 * invocation lines are written) and holds none of them, or the function's own log is silent at the request time,
 * and nothing shows an invocation.
 */
export function authorizerNotInvoked(evidence: Evidence): boolean {
  return (
    !signals(evidence).authorizerInvoked &&
    (readCompletely(evidence, 'execution-log', { level: 'INFO' }) || functionLogSilent(evidence))
  );
}

/**
 * The authorizer's Lambda answered this request: the trace shows its result body, the access log its invocation id or
 * integration status, or the function's own log the invocation. The trace's request lines (`Endpoint request URI`,
 * the request body, `Sending request to …`) do not say so: API Gateway writes them before the call, and a call the
 * Lambda refuses for want of permission writes them too (domain.md §7, authorizer-invoke-permission, variant A).
 */
export function lambdaAnswered(evidence: Evidence): boolean {
  const log = evidence.accessLog;
  return (
    evidence.trace.authorizer.result !== undefined ||
    Boolean(log?.authorizerIntegrationStatus || log?.authorizerRequestId) ||
    invocationById(evidence) !== undefined
  );
}

/** The access log's authorizer fields that a call of the Lambda sets (domain.md §6.6). */
const LAMBDA_CALL_FIELDS = [
  'authorizer.requestId',
  'authorizer.integrationStatus',
  'authorizer.latency',
  'authorizer.status',
];

/**
 * The access log's record logs a field that the authorizer's Lambda call sets, as `-` (not set), and none of them
 * with a value: the call was not recorded. Whether API Gateway leaves them empty on a cache hit, or sets them
 * before a refusal that calls nothing, is unconfirmed (domain.md §9), so this favours a refusal before the Lambda
 * without proving it. A field the format does not log says nothing.
 */
export function accessLogShowsNoLambdaCall(evidence: Evidence): boolean {
  return unsetLambdaCallFields(evidence).length > 0;
}

/** That as an evidence line, when it holds. */
export function noLambdaCallLine(evidence: Evidence): Message[] {
  const fields = unsetLambdaCallFields(evidence);
  if (fields.length === 0) return [];
  const names = fields.map((field) => `$context.${field}`).join(', ');
  return [
    msg('identity-source-missing.evidence.access-log-no-call', { fields: names, count: fields.length }),
  ];
}

/** Those fields, as `$context` variables, when no call is recorded. */
export function unsetLambdaCallFields(evidence: Evidence): string[] {
  const log = evidence.accessLog;
  if (!log || signals(evidence).authorizerInvoked) return [];
  return LAMBDA_CALL_FIELDS.filter((variable) => loggedUnset(log, variable));
}

/** The function's own log shows an invocation taken for this request's (by its id, or alone near its time). */
export function functionLogShowsInvocation(evidence: Evidence): boolean {
  return matchedInvocation(evidence) !== undefined;
}

/** The request was denied (403), by its answer or its trace. */
export function wasDenied(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.status === 403 || Boolean(evidence.trace.clientNotAuthorized);
}

/**
 * Contradicting: the answer reads as one of API Gateway's own messages, and not one this cause produces (a
 * customised body, `other`, or none says nothing); the access-log record or the trace read with it may be another
 * request's.
 */
export function answerOfAnotherCause(producedBy: readonly GatewayMessage['kind'][]): Signal {
  return {
    id: 'answer-of-another-cause',
    holds: (evidence) => {
      const kind = signals(evidence).message.kind;
      return kind !== 'none' && kind !== 'other' && !producedBy.includes(kind);
    },
  };
}

/**
 * API Gateway's ACCESS_DENIED answer (`x-amzn-ErrorType: AccessDeniedException`, or the access log's response type)
 * whose words were not read (a customised body, or none pasted) and no trace: an authorizer's policy, the resource
 * policy or IAM refused the call, and nothing read tells which. Each cause that answers so fits, at `low`, where the
 * method's authorization may be the one it needs (`authorizationMayBe`).
 */
export function accessDeniedUnread(evidence: Evidence): boolean {
  const s = signals(evidence);
  const denied =
    evidence.response?.errorType === 'AccessDeniedException' || s.responseType === 'ACCESS_DENIED';
  return denied && (s.message.kind === 'none' || s.message.kind === 'other') && !hasTrace(evidence);
}

/**
 * A 403 of which nothing was read (no body, no response type, no trace) on a method known to use a Lambda authorizer
 * and no API key: the authorizer's refusal is the likeliest, and its causes fit at `low`. Without the method's
 * configuration a bare 403 could be any refusal (WAF, a resource policy, a route), and nothing is guessed.
 */
export function bare403OnLambdaMethod(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.status === 403 &&
    s.message.kind === 'none' &&
    s.responseType === undefined &&
    !hasTrace(evidence) &&
    s.methodAuthorization === 'CUSTOM' &&
    evidence.config.method?.apiKeyRequired !== true
  );
}

/** What settles a denial whose words were not read (`accessDeniedUnread`, `bare403OnLambdaMethod`). */
export function unreadSettle(unread: boolean): Message[] {
  return unread ? [msg('settle.access-denied-unread')] : [];
}

/** The method's authorization type is not known, or is `type`. */
export function authorizationMayBe(evidence: Evidence, type: string): boolean {
  const authorization = signals(evidence).methodAuthorization;
  return authorization === undefined || authorization === type;
}

/** The access log names the gateway response, and it is not one this cause produces. */
export function responseTypeRulesOut(evidence: Evidence, producedBy: readonly string[]): boolean {
  const responseType = signals(evidence).responseType;
  return responseType !== undefined && !producedBy.includes(responseType);
}

const VPC_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];

/**
 * A signature error (IncompleteSignatureException, InvalidSignatureException) for a method without authorization of
 * an API that may be private: a VPC endpoint with a custom endpoint policy reads the Authorization header as SigV4
 * before API Gateway looks at the method, so the application's own token is rejected as a bad signature.
 */
export function signatureErrorFromEndpointPolicy(evidence: Evidence): boolean {
  const s = signals(evidence);
  const signatureAnswer = s.message.kind === 'incomplete-signature' || signatureRefused(evidence);
  return signatureAnswer && s.privateApi !== false && s.methodAuthorization === 'NONE';
}

/** The access log's gateway responses for a signature API Gateway checked and refused. */
export const SIGNATURE_RESPONSE_TYPES = ['INVALID_SIGNATURE', 'EXPIRED_TOKEN'];

/** A SigV4 signature checked and refused: the answer's signature error, or the access log's gateway response. */
export function signatureRefused(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.message.kind === 'signature' || SIGNATURE_RESPONSE_TYPES.includes(s.responseType ?? '');
}

/**
 * "Missing Authentication Token", its bearer-token variant (IncompleteSignature) or the access log's
 * MISSING_AUTHENTICATION_TOKEN: a route that does not exist, or an unsigned call to an AWS_IAM method.
 */
export function saysMissingToken(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.message.kind === 'missing-authentication-token' ||
    s.message.kind === 'incomplete-signature' ||
    s.responseType === 'MISSING_AUTHENTICATION_TOKEN'
  );
}

/** A condition on the VPC endpoint or VPC the call came through. */
export function isVpceCondition(key: string | undefined): boolean {
  return key !== undefined && VPC_KEYS.includes(key.toLowerCase());
}

/** The gateway's answer as an evidence line, when the client's response (or the access log) gave one. */
export function responseLine(evidence: Evidence): Message[] {
  return evidence.response?.message ? [msg('evidence.response', { message: evidence.response.message })] : [];
}

/** The client's `x-amzn-ErrorType`, as evidence: it survives a customised body. */
export function errorTypeLine(evidence: Evidence): Message[] {
  const errorType = evidence.response?.errorType;
  return errorType ? [msg('evidence.error-type', { errorType })] : [];
}

/**
 * A line saying API Gateway could not call the function (no permission, a role it may not assume, an invalid URI)
 * that is not the authorizer's as far as the trace tells: printed outside the authorizer step, with no authorizer
 * failure line. An authorizer whose "Authorizer error" line is missing writes the same, so this alone does not
 * place it.
 */
export function integrationCallLine(evidence: Evidence) {
  const { trace } = evidence;
  if (authorizerErrorLogged(trace) || trace.authorizer.configurationException) return undefined;
  return trace.configurationErrors.find((e) => couldNotCall(e.detail) && !e.inAuthorizer);
}

/**
 * That line, of the integration step: the request ended at its integration, or the trace, read whole, shows no
 * authorizer step, or API Gateway chose a gateway response other than an authorizer's, or answered the client as an
 * integration failure (`Internal server error`; a failed authorizer step answers `{"message": null}`), or the method
 * has no Lambda authorizer whose call could have failed.
 */
export function integrationCallError(evidence: Evidence) {
  const error = integrationCallLine(evidence);
  if (!error) return undefined;
  const s = signals(evidence);
  const noAuthorizerStep = readCompletely(evidence, 'execution-log') && !authorizerStepLogged(evidence);
  const answeredAsIntegration =
    (s.responseType !== undefined && !s.responseType.startsWith('AUTHORIZER_')) ||
    integrationFailureAnswer(evidence);
  const noLambdaAuthorizer = noAuthorizerOnMethod(evidence) || cognitoAuthorizer(evidence);
  return endedAtIntegration(evidence.trace, error.line) ||
    noAuthorizerStep ||
    answeredAsIntegration ||
    noLambdaAuthorizer
    ? error
    : undefined;
}

/** The client got API Gateway's answer to a failed integration, and nothing names the authorizer's failure. */
function integrationFailureAnswer(evidence: Evidence): boolean {
  const message = signals(evidence).message;
  return (
    message.kind === 'other' &&
    /^Internal server error\.?$/i.test(message.text) &&
    evidence.response?.errorType === undefined
  );
}

/**
 * domain.md §6.5: the permission line followed by the method's own end (not by "Authorizer error"), or a trace that
 * ends with the method's status after its integration started; or the line written after the method's execution
 * started, which API Gateway logs only once authorization is over (§6.4, step 10), whether or not its end was pasted.
 */
function endedAtIntegration(trace: Evidence['trace'], line: LogLine): boolean {
  if (trace.lines.some((l) => l.index < line.index && EXECUTION_STARTED.test(l.message))) return true;
  if (!trace.finalStatus) return false;
  return (
    trace.lines[line.index + 1] === trace.finalStatus.line ||
    trace.method !== undefined ||
    trace.lines.some((l) => /^Starting execution for request|^Endpoint request URI/.test(l.message))
  );
}

/**
 * "The client is not authorized to perform this operation." in a trace read whole, with no authorizer line and no
 * line of a later step (usage plan, execution): how a captured resource-policy denial reads
 * (DataBiosphere/azul#5939), and perhaps also an authorizer's cache hit or an IAM denial, whose lines no public
 * trace shows. It makes a resource policy a candidate, nothing more.
 */
export function notAuthorizedWithoutAuthorizer(evidence: Evidence): boolean {
  return (
    evidence.trace.clientNotAuthorized !== undefined &&
    readCompletely(evidence, 'execution-log') &&
    !authorizerStepLogged(evidence) &&
    signals(evidence).message.kind !== 'authorizer-deny' &&
    !passedAuthorization(evidence.trace)
  );
}

/** Any line of the authorizer step: it started, read the identity, or called the function. */
function authorizerStepLogged(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.authorizerStarted || s.authorizerInvoked || evidence.trace.authorizer.incomingIdentity !== undefined
  );
}

/**
 * Lines the method's execution writes before its integration is called (domain.md §6.4, step 10): its start, then the
 * request as the method received it. None is written before authorization is over.
 */
const EXECUTION_STARTED =
  /^(?:Starting execution for request|HTTP Method: |Method request (?:path|query string|headers|body before transformations):)/;

/** Ends every failure of the authorizer step (a permission error, an unusable output, a failed call). */
export const AUTHORIZER_ERROR = /Authorizer error/i;

/** `Execution failed due to configuration error: Authorizer error` in the trace. */
export function authorizerErrorLogged(trace: Evidence['trace']): boolean {
  return trace.configurationErrors.some((error) => AUTHORIZER_ERROR.test(error.detail));
}

/** The client's answer or the access log's gateway response says the authorizer step failed (500). */
export function authorizerFailureAnswer(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.message.kind === 'authorizer-configuration' ||
    /^AUTHORIZER_(?:CONFIGURATION_ERROR|FAILURE)$/.test(s.responseType ?? '')
  );
}

/** `Using valid authorizer policy…` / `Successfully completed authorizer execution`: the Lambda gave a policy. */
export function authorizerGavePolicy(trace: Evidence['trace']): boolean {
  return Boolean(trace.authorizer.completed || trace.authorizer.policyAccepted);
}

/**
 * The access log names the principal an authorizer's policy gave, or the integration's status: neither is written
 * for a request refused before the Lambda ran, nor for a Lambda that threw Unauthorized.
 */
export function accessLogShowsPolicyOrIntegration(evidence: Evidence): boolean {
  const log = evidence.accessLog;
  return log?.principalId !== undefined || log?.integrationStatus !== undefined;
}

/**
 * A 401 that may have been answered before the authorizer's Lambda ran (identity source missing, or its validation
 * regex failed): no Lambda call seen, no other status known, no principal or integration status logged.
 */
export function mayBeRefusedBeforeLambda(evidence: Evidence): boolean {
  return (
    isUnauthorized401(evidence) &&
    !signals(evidence).authorizerInvoked &&
    // A status known and not 401 is another failure, whatever the trace's 'Unauthorized request' line suggests.
    !answeredOtherThan(evidence, 401) &&
    !accessLogShowsPolicyOrIntegration(evidence)
  );
}

/** `Execution failed due to configuration error:` details that mean API Gateway could not call the function. */
export const LAMBDA_PERMISSION = /Invalid permissions on Lambda function/i;
export const ASSUME_ROLE = /does not have permission to assume the provided role (?<role>\S+)/i;
/** The URI is no valid endpoint (a literal `region` in it, another region's function, a malformed host). */
export const INVALID_ENDPOINT = /Invalid endpoint address/i;

export function couldNotCall(detail: string): boolean {
  return LAMBDA_PERMISSION.test(detail) || ASSUME_ROLE.test(detail) || INVALID_ENDPOINT.test(detail);
}

/** How the could-not-call lines begin (the role line names API Gateway first). */
const COULD_NOT_CALL_STARTS = [
  'invalid permissions on lambda function',
  'api gateway does not have permission to assume the provided role',
  'invalid endpoint address',
];

/**
 * A configuration-error line CloudWatch cut short (` [TRUNCATED]`) before it said what failed, whose start is the
 * start of a line that says API Gateway could not call the function: it may have been one.
 */
export function cutShortCouldNotCall(error: { detail: string; line: LogLine }): boolean {
  const start = error.detail.trim().toLowerCase();
  return (
    error.line.truncated &&
    !couldNotCall(error.detail) &&
    COULD_NOT_CALL_STARTS.some((message) => message.startsWith(start))
  );
}

/**
 * The authorizer's policy decided a 403, but what it said is unseen: the trace shows its step finished with a policy
 * (lines 8–9 of domain.md §6.4) and no later step, or the access log records ACCESS_DENIED for a request whose
 * authorizer ran or named a principal (§6.6). Whether it denied or only did not cover the method is not told.
 */
export function deniedAfterAuthorizerCompleted(evidence: Evidence): boolean {
  const s = signals(evidence);
  const traced =
    authorizerGavePolicy(evidence.trace) && s.status === 403 && !passedAuthorization(evidence.trace);
  const logged =
    s.responseType === 'ACCESS_DENIED' &&
    (s.authorizerInvoked || evidence.accessLog?.principalId !== undefined) &&
    s.message.kind !== 'principal-deny';
  return traced || logged;
}

/**
 * The authorizer step reached a usable policy (`Using valid authorizer policy…` / `Successfully completed authorizer
 * execution`) in a trace given only in part: the Lambda's lines before them may simply not have been pasted.
 */
export function authorizerCompletedInExcerpt(evidence: Evidence): boolean {
  return (
    authorizerGavePolicy(evidence.trace) && !readCompletely(evidence, 'execution-log', { level: 'INFO' })
  );
}

/**
 * A denial that may be the API's resource policy's: it says so, or it names no policy and the caller is not an IAM
 * principal (whose identity policies deny in the same words). Never one that names an identity or endpoint policy.
 */
export function resourcePolicyDenialTold(denial: PrincipalDenial | undefined): boolean {
  if (!denial) return false;
  return (
    denial.policyType === 'resource' || (denial.policyType === undefined && !isIamPrincipal(denial.principal))
  );
}

export function isIamPrincipal(principal: string | undefined): boolean {
  return principal?.startsWith('arn:') ?? false;
}

/**
 * The method's authorizer is a Cognito user pool's (domain.md §2, step 4c): it checks the token itself, calls no
 * Lambda, and answers 401 alike for a missing, expired or foreign token.
 */
export function cognitoAuthorizer(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.authorizerType === 'COGNITO_USER_POOLS' || s.methodAuthorization === 'COGNITO_USER_POOLS';
}

/** The method is known to use no authorizer at all (AWS_IAM or NONE): no identity source, regex or Lambda of one. */
export function noAuthorizerOnMethod(evidence: Evidence): boolean {
  const authorization = signals(evidence).methodAuthorization;
  return authorization === 'AWS_IAM' || authorization === 'NONE';
}

/**
 * Contradicting: the client's `x-amzn-ErrorType` names another answer than this cause's (an AccessDeniedException
 * with a plain Forbidden body is a customised denial, or a Lambda function URL's, not a missing API key).
 */
export function errorTypeOfAnotherCause(producedBy: readonly string[]): Signal {
  return {
    id: 'error-type-of-another-cause',
    holds: (evidence) => {
      const errorType = evidence.response?.errorType;
      return errorType !== undefined && !producedBy.includes(errorType);
    },
  };
}

/**
 * Contradicting: the client (its response, or the access log's record) got a status other than the one API Gateway
 * answers this cause with. The trace's own final status is not asked: a trace's lines agree with each other, and
 * lines an export printed without request ids may be grouped with a neighbour's.
 */
export function answeredOtherStatus(expected: number): Signal {
  return {
    id: `answered-other-than-${expected}`,
    holds: (evidence) => {
      const status = evidence.response?.status ?? evidence.accessLog?.status;
      return status !== undefined && status !== expected;
    },
  };
}

/** The client got a status other than `expected` (the trace or record read with it may be another request's). */
export function answeredOtherThan(evidence: Evidence, expected: number): boolean {
  const status = signals(evidence).status;
  return status !== undefined && status !== expected;
}

/** The result body is the error object a Lambda throws with exactly `Unauthorized`: its deliberate 401. */
export function threwUnauthorized(result: AuthorizerResult | undefined): boolean {
  return result?.runtimeError?.errorMessage?.trim() === 'Unauthorized';
}
