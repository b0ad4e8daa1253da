import type { AuthorizerConfig, Evidence, LogLine, PrincipalDenial, RequestFacts } from '../evidence/types';
import { readGatewayMessage, type GatewayMessage } from '../evidence/gateway-message';
import {
  combineEvaluations,
  evaluatePolicy,
  parsePolicy,
  type CombinedEvaluation,
  type Decision,
  type PolicyEvaluation,
  type RequestContext,
} from './policy';
import type { FiredSignals, PolicyView, Signal } from './types';
import { msg, type Text } from '../text';
import { authorizerFunctionArn } from '../evidence/lambda-arn';
import { invocationById } from './function-log';

/**
 * Facts derived from the evidence that several rules read: what the gateway said, whether the authorizer's
 * Lambda ran, the cache TTL, and the policies evaluated against the request's method ARN. Computed once per
 * evidence object.
 */
export interface Signals {
  message: GatewayMessage;
  /** `User: … is not authorized to perform: execute-api:Invoke …` as the answer, or else a log line, tells it. */
  denial?: PrincipalDenial;
  /** Final HTTP status from the response, the trace or the access log. */
  status?: number;
  /** `$context.error.responseType` from the access log, or the execution log's `Gateway response type:` line. */
  responseType?: string;
  /** Lines 4–7 of domain.md §6.4 (or the access log's authorizer invocation fields): the Lambda was called. */
  authorizerInvoked: boolean;
  /** The trace shows the authorizer step at all. */
  authorizerStarted: boolean;
  /** Result-cache TTL in seconds; undefined when the authorizer's configuration is unknown. */
  ttl?: number;
  authorizerType?: string;
  /** Endpoint type PRIVATE; undefined when the API's configuration is unknown. */
  privateApi?: boolean;
  methodAuthorization?: string;
  /** The authorizer's returned policy against the method ARN. */
  authorizerPolicy?: PolicyEvaluation;
  /** The resource policy against the method ARN (with the caller's IP / VPCE when known). */
  resourcePolicy?: PolicyEvaluation;
  /** Both against the request, as API Gateway combines them (Table A: same account). */
  combined?: CombinedEvaluation;
}

const cache = new WeakMap<Evidence, Signals>();

export function signals(evidence: Evidence): Signals {
  let found = cache.get(evidence);
  if (!found) {
    found = computeSignals(evidence);
    cache.set(evidence, found);
  }
  return found;
}

function computeSignals(evidence: Evidence): Signals {
  const { trace, accessLog, config } = evidence;
  const authorizerPolicy = evaluateAuthorizerPolicy(evidence);
  const message = readGatewayMessage(evidence.response);
  const denial = message.kind === 'principal-deny' ? message : trace.principalDenial;
  const resourcePolicy = evaluateResourcePolicy(evidence, denial);
  return {
    message,
    denial,
    status: evidence.response?.status ?? trace.finalStatus?.status ?? accessLog?.status,
    responseType: (accessLog?.responseType ?? trace.gatewayResponse?.type)?.toUpperCase(),
    authorizerInvoked:
      trace.authorizer.invocationLines.length > 0 ||
      Boolean(accessLog?.authorizerIntegrationStatus || accessLog?.authorizerRequestId) ||
      invocationById(evidence) !== undefined,
    authorizerStarted: Boolean(
      trace.authorizer.started || trace.authorizer.policyAccepted || trace.authorizer.completed,
    ),
    ttl: config.authorizer ? resultTtlOf(config.authorizer) : undefined,
    authorizerType: config.authorizer?.type ?? trace.authorizer.requestType,
    privateApi: config.restApi?.endpointConfiguration?.types
      ? config.restApi.endpointConfiguration.types.includes('PRIVATE')
      : undefined,
    methodAuthorization: config.method?.authorizationType,
    authorizerPolicy,
    resourcePolicy,
    combined:
      authorizerPolicy || resourcePolicy
        ? combineEvaluations({ authorizer: authorizerPolicy, resourcePolicy, crossAccount: false })
        : undefined,
  };
}

function evaluateAuthorizerPolicy(evidence: Evidence): PolicyEvaluation | undefined {
  const document = evidence.trace.authorizer.result?.policyDocument;
  const methodArn = evidence.request.methodArn;
  if (document === undefined || !methodArn) return undefined;
  return evaluatePolicy(
    document,
    { methodArn, guessedSegments: guessedSegments(evidence.request) },
    'authorizer',
  );
}

function evaluateResourcePolicy(
  evidence: Evidence,
  denial: PrincipalDenial | undefined,
): PolicyEvaluation | undefined {
  const policy = evidence.config.restApi?.policy;
  const methodArn = evidence.request.methodArn;
  if (!policy || !methodArn) return undefined;
  return evaluatePolicy(policy, requestContext(evidence, methodArn, denial), 'resource-policy');
}

/** Segments of a rebuilt method ARN that were taken from the authorizer function's ARN, not seen. */
function guessedSegments(request: RequestFacts): RequestFacts['fromFunction'] {
  return request.methodArnRebuilt ? request.fromFunction : undefined;
}

/** What we know of the caller for condition keys: a value, known absent (null), or unknown (undefined). */
function requestContext(
  evidence: Evidence,
  methodArn: string,
  denial: PrincipalDenial | undefined,
): RequestContext {
  const { request, accessLog } = evidence;
  const callerArn = accessLog?.userArn ?? denial?.principal;
  const networkKnown = request.sourceIp !== undefined || request.vpceId !== undefined;
  return {
    methodArn,
    guessedSegments: guessedSegments(request),
    principal: callerArn && callerArn.startsWith('arn:') ? callerArn : 'anonymous',
    conditionValues: {
      'aws:SourceIp': request.sourceIp,
      'aws:SourceVpce': request.vpceId ?? (networkKnown ? null : undefined),
    },
  };
}

/**
 * A policy's decision when nothing it rests on was left open: an explicit deny by a Deny statement that certainly
 * applies, an allow, or an implicit deny with no statement that might have applied. The evaluator answers an unknown
 * condition value (the caller's IP or VPC endpoint not logged) or a part it does not model with the most restrictive
 * outcome; that is what the policy may do, not proof of what it did, so it is undefined here.
 */
export function settledDecision(evaluation: PolicyEvaluation | undefined): Decision | undefined {
  if (!evaluation) return undefined;
  const { decision, statements } = evaluation;
  if (decision === 'explicit-deny') {
    return statements.some((s) => s.statement.effect === 'Deny' && s.applies === 'yes')
      ? decision
      : undefined;
  }
  if (decision === 'implicit-deny')
    return statements.some((s) => s.applies === 'unknown') ? undefined : decision;
  return decision;
}

/** The authorizer's result-cache TTL in seconds: API Gateway's default, 300, when none is set. */
export function resultTtlOf(authorizer: AuthorizerConfig): number {
  return authorizer.authorizerResultTtlInSeconds ?? 300;
}

/** The authorizer that handled the request, from the trace or the configuration. */
export function authorizerId(evidence: Evidence): string | undefined {
  return (
    evidence.config.authorizer?.id ??
    evidence.trace.authorizer.started?.authorizerId ??
    evidence.config.method?.authorizerId
  );
}

export function functionArnOf(evidence: Evidence): string | undefined {
  return authorizerFunctionArn(evidence.trace, evidence.config);
}

/** A log line as evidence: its message, marked when CloudWatch cut it. */
export function quote(line: LogLine | undefined): string[] {
  if (!line) return [];
  return [line.truncated ? `${line.message} [TRUNCATED]` : line.message];
}

/** The authorizer's returned policy against the request, when both are known. */
export function authorizerPolicyViews(evidence: Evidence): PolicyView[] | undefined {
  const evaluation = signals(evidence).authorizerPolicy;
  const document = evidence.trace.authorizer.result?.policyDocument;
  return evaluation && document !== undefined
    ? [policyView(msg('policy.label.authorizer'), document, evaluation)]
    : undefined;
}

/** The API's resource policy against the request, when both are known. */
export function resourcePolicyViews(evidence: Evidence): PolicyView[] | undefined {
  const evaluation = signals(evidence).resourcePolicy;
  const policy = evidence.config.restApi?.policy;
  return evaluation && policy
    ? [policyView(msg('policy.label.resource-policy'), policy, evaluation)]
    : undefined;
}

export function policyView(label: Text, policy: unknown, evaluation: PolicyEvaluation): PolicyView {
  const parsed = parsePolicy(policy);
  const statements = parsed.ok ? parsed.policy.Statement : [];
  const resourcesOf = (effect: 'Allow' | 'Deny') =>
    statements
      .filter((s) => s.Effect === effect)
      .flatMap((s) => s.Resource ?? (s.NotResource ?? []).map((r) => `NOT ${r}`));
  const closest =
    evaluation.decision === 'implicit-deny'
      ? evaluation.statements.find((s) => s.statement.effect === 'Allow' && s.difference)?.difference
      : undefined;
  return {
    label,
    decision: evaluation.decision,
    reason: evaluation.reason,
    statement: evaluation.statement,
    condition: evaluation.failedCondition,
    allowed: resourcesOf('Allow'),
    denied: resourcesOf('Deny'),
    difference: closest,
  };
}

/** Whether one of a rule's own signals held, as the classifier found when it ran them: checks read it, not ask again. */
export function held(fired: FiredSignals, signal: Signal): boolean {
  return (
    fired.decisive.includes(signal.id) ||
    fired.supporting.includes(signal.id) ||
    fired.contradicting.includes(signal.id)
  );
}
