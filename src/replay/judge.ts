import type { TestInvokeResult } from '../aws/rest-api';
import type { AuthorizerConfig } from '../evidence/types';
import { parseLogText } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import {
  combineEvaluations,
  evaluatePolicy,
  parseMethodArn,
  isArnSegment,
  parsePolicy,
  segmentName,
  type CombinedEvaluation,
  type Decision,
  type PolicyDocument,
  type PolicyEvaluation,
} from '../classify/policy';
import { policyView } from '../classify/signals';
import type { PolicyView } from '../classify/types';
import { redactLines } from '../redact';
import { escapeRegExp } from '../regexp';
import { msg, type Text } from '../text';
import type { Scrub } from './scrub';

/**
 * What a test invoke means for the failed request. TestInvokeAuthorizer runs the authorizer with a made-up method
 * ARN (stage `ESTestInvoke-stage` or `null`), ignores the cache and never looks at the resource policy, so its
 * `clientStatus` is not the verdict (aws-wire.md §2.3): the returned policy is evaluated here against the real
 * method ARN of the failed request, and combined with the API's resource policy as API Gateway combines them
 * (domain.md §4.4, Table A), by the same evaluator the diagnosis uses.
 */

export type ReplayOutcome = 'allowed' | 'denied' | 'rejected' | 'failed';

export interface ReplayResult {
  outcome: ReplayOutcome;
  /** One sentence: "With this token the authorizer now allows GET /orders/18." */
  summary: Text;
  /** What the client would have got from the authorizer step alone (0 when the authorizer succeeded). */
  clientStatus: number;
  latencyMs?: number;
  principalId?: string;
  request: { methodArn: string; method: string };
  authorizer: { id: string; name?: string; type?: string; identitySources: string[] };
  /** The returned policy and the resource policy, combined; absent when the authorizer rejected or failed. */
  combined?: {
    decision: Decision;
    phase: CombinedEvaluation['phase'];
    table: CombinedEvaluation['table'];
    reason: Text;
    undetermined: string[];
  };
  policies: PolicyView[];
  /** Where the closest Allow of the returned policy first differs from the request's method ARN. */
  difference?: PolicyView['difference'];
  /** What the reader should know about how this was judged (a test stage read as the real one, unknown keys). */
  notes: Text[];
  /** The test invoke's log lines that explain a rejection or failure (and the result body), redacted. */
  log: string[];
}

export interface JudgeInput {
  raw: TestInvokeResult;
  methodArn: string;
  authorizer: AuthorizerConfig & { id: string };
  identitySources: string[];
  /** GetRestApi's `policy` (the double-escaped string), when the API has one. */
  resourcePolicy?: string;
  /** What is known of the failed request's caller, for the resource policy's conditions. */
  caller: { sourceIp?: string; vpceId?: string };
  /** Takes the identity the person gave out of everything AWS answered. */
  scrub: Scrub;
}

/** The stage names TestInvokeAuthorizer puts in the method ARN it makes up. */
const TEST_STAGES = ['ESTestInvoke-stage', 'null'] as const;

const LOG_LINES = 8;
const LINE_LIMIT = 400;

export function judgeReplay(input: JudgeInput): ReplayResult {
  const { raw, methodArn } = input;
  const clientStatus = raw.clientStatus ?? 0;
  const method = methodOf(methodArn);
  const base = {
    clientStatus,
    ...(raw.latencyMs !== undefined ? { latencyMs: raw.latencyMs } : {}),
    ...(raw.principalId ? { principalId: input.scrub(raw.principalId) } : {}),
    request: { methodArn, method },
    authorizer: {
      id: input.authorizer.id,
      ...(input.authorizer.name ? { name: input.authorizer.name } : {}),
      ...(input.authorizer.type ? { type: input.authorizer.type } : {}),
      identitySources: input.identitySources,
    },
    log: relevantLines(raw.log ?? '', input.scrub),
  };
  if (clientStatus === 401) return unjudged(base, 'rejected', msg('replay.outcome.rejected', { method }));
  if (clientStatus !== 0 && clientStatus !== 200)
    return unjudged(
      base,
      'failed',
      msg('replay.outcome.failed', {
        method,
        status: clientStatus,
        detail: failureDetail(raw.log, input.scrub),
      }),
    );
  if (input.authorizer.type === 'COGNITO_USER_POOLS') return cognito(base, input);
  return lambda(base, input);
}

type Base = Pick<
  ReplayResult,
  'clientStatus' | 'latencyMs' | 'principalId' | 'request' | 'authorizer' | 'log'
>;

/** A result with no policy to show: the authorizer rejected or failed, or (Cognito, no resource policy) it decides. */
function unjudged(base: Base, outcome: ReplayOutcome, summary: Text): ReplayResult {
  return { ...base, outcome, summary, policies: [], notes: [] };
}

function lambda(base: Base, input: JudgeInput): ReplayResult {
  const { method, methodArn } = base.request;
  const parsed = input.raw.policy ? parsePolicy(input.raw.policy) : undefined;
  if (!parsed?.ok) {
    const detail = parsed
      ? msg('replay.detail.bad-policy', { reason: parsed.reason })
      : msg('replay.detail.no-policy');
    return unjudged(base, 'failed', msg('replay.outcome.failed', { method, status: 500, detail }));
  }
  const stage = parseMethodArn(methodArn)?.stage ?? '';
  const real = onRealStage(parsed.policy, stage);
  const authorizer = evaluatePolicy(real.document, { methodArn }, 'authorizer');
  const resourcePolicy = evaluateResourcePolicy(input, methodArn);
  const combined = combineEvaluations({ authorizer, resourcePolicy, crossAccount: false });
  const policies = [
    { ...policyView(msg('policy.label.authorizer'), real.document, authorizer), methodArn },
    ...(resourcePolicy && input.resourcePolicy
      ? [
          {
            ...policyView(msg('policy.label.resource-policy'), input.resourcePolicy, resourcePolicy),
            methodArn,
          },
        ]
      : []),
  ];
  const difference = policies[0].difference;
  const notes: Text[] = [
    ...(real.replaced ? [msg('replay.note.test-stage', { testStage: real.replaced, stage })] : []),
    ...echoNote(real.document, input.raw.log),
    ...undeterminedNote(combined.undetermined),
  ];
  const summary = summaryOf(combined, method, difference);
  return {
    ...base,
    outcome:
      combined.decision === 'allow' ? 'allowed' : combined.decision === 'invalid' ? 'failed' : 'denied',
    summary,
    combined: {
      decision: combined.decision,
      phase: combined.phase,
      table: combined.table,
      reason: combined.reason,
      undetermined: combined.undetermined,
    },
    policies,
    ...(difference && combined.decision !== 'allow' ? { difference } : {}),
    notes,
  };
}

/** A Cognito authorizer returns claims, not a policy: a resource policy must then allow the call itself. */
function cognito(base: Base, input: JudgeInput): ReplayResult {
  const { method, methodArn } = base.request;
  const resourcePolicy = evaluateResourcePolicy(input, methodArn);
  if (!resourcePolicy || !input.resourcePolicy)
    return unjudged(base, 'allowed', msg('replay.outcome.allowed', { method }));
  const allowed = resourcePolicy.decision === 'allow';
  return {
    ...base,
    outcome: allowed ? 'allowed' : 'denied',
    summary: allowed
      ? msg('replay.outcome.allowed', { method })
      : msg('replay.outcome.denied', { method, reason: resourcePolicy.reason }),
    policies: [
      { ...policyView(msg('policy.label.resource-policy'), input.resourcePolicy, resourcePolicy), methodArn },
    ],
    notes: undeterminedNote(resourcePolicy.undetermined),
  };
}

function summaryOf(combined: CombinedEvaluation, method: string, difference: PolicyView['difference']): Text {
  if (combined.decision === 'allow') return msg('replay.outcome.allowed', { method });
  if (combined.decision === 'invalid')
    return msg('replay.outcome.failed', { method, status: 500, detail: combined.reason });
  if (difference && combined.decidedBy !== 'resource-policy')
    return msg('replay.outcome.denied-at', {
      method,
      segment: isArnSegment(difference.segment) ? segmentName(difference.segment) : difference.segment,
      expected: difference.expected,
      actual: difference.actual,
    });
  return msg('replay.outcome.denied', { method, reason: combined.reason });
}

/** The resource policy against the request, with what is known of the caller (unknown keys stay unknown). */
function evaluateResourcePolicy(input: JudgeInput, methodArn: string): PolicyEvaluation | undefined {
  if (!input.resourcePolicy) return undefined;
  const { sourceIp, vpceId } = input.caller;
  const networkKnown = sourceIp !== undefined || vpceId !== undefined;
  return evaluatePolicy(
    input.resourcePolicy,
    {
      methodArn,
      principal: 'anonymous',
      conditionValues: {
        'aws:SourceIp': sourceIp,
        'aws:SourceVpce': vpceId ?? (networkKnown ? null : undefined),
      },
    },
    'resource-policy',
  );
}

const TEST_STAGE_IN_ARN = new RegExp(
  String.raw`^(?<head>arn:[^:]+:execute-api:[^:]*:[^:]*:[^/]+/)(?<stage>${TEST_STAGES.map(escapeRegExp).join('|')})(?=/|$)`,
);

/**
 * The returned policy as the authorizer would have written it for the real request: an authorizer that builds its
 * Resource from `event.methodArn` wrote the test invoke's stage where production has the request's own. Only the
 * stage is put back; a policy that copies the whole test method ARN still names the test's verb and path.
 */
function onRealStage(
  document: PolicyDocument,
  stage: string,
): { document: PolicyDocument; replaced?: string } {
  let replaced: string | undefined;
  const swap = (resources: string[] | undefined) =>
    resources?.map((resource) =>
      resource.replace(TEST_STAGE_IN_ARN, (_match, head: string, test: string) => {
        replaced = test;
        return `${head}${stage}`;
      }),
    );
  if (!stage) return { document };
  const statements = document.Statement.map((statement) => ({
    ...statement,
    ...(statement.Resource ? { Resource: swap(statement.Resource) } : {}),
    ...(statement.NotResource ? { NotResource: swap(statement.NotResource) } : {}),
  }));
  return { document: { ...document, Statement: statements }, ...(replaced ? { replaced } : {}) };
}

/** The policy allows exactly the method ARN the test invoke gave the authorizer: the `event.methodArn` trap. */
function echoNote(document: PolicyDocument, log: string | undefined): Text[] {
  const given = buildTrace(parseLogText(log ?? '')).authorizer.methodArn;
  if (!given) return [];
  const parts = parseMethodArn(given);
  const allows = document.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Resource ?? []);
  const echoed =
    parts &&
    allows.some((resource) => resource.endsWith(`/${parts.verb}/${parts.path}`) && !resource.includes('*'));
  return echoed ? [msg('replay.note.echoes-method-arn')] : [];
}

function undeterminedNote(keys: readonly string[]): Text[] {
  return keys.length > 0 ? [msg('replay.note.undetermined', { keys: keys.join(', ') })] : [];
}

function methodOf(methodArn: string): string {
  const parts = parseMethodArn(methodArn);
  return parts ? `${parts.verb} /${parts.path}` : methodArn;
}

/** What made the authorizer fail, from the test invoke's log: the configuration error or the function's error. */
function failureDetail(log: string | undefined, scrub: Scrub): Text {
  const trace = buildTrace(parseLogText(log ?? ''));
  const runtime = trace.authorizer.result?.runtimeError;
  if (runtime?.errorMessage || runtime?.errorType) {
    const text = [runtime.errorType, runtime.errorMessage].filter(Boolean).join(': ');
    return msg('replay.detail.function-error', { error: clip(redactLines([scrub(text)])[0]) });
  }
  const specific = trace.configurationErrors.find((error) => !/^Authorizer error$/i.test(error.detail));
  const error = specific ?? trace.configurationErrors[0];
  if (error)
    return msg('replay.detail.configuration-error', { error: clip(redactLines([scrub(error.detail)])[0]) });
  if (trace.authorizer.result?.isNull) return msg('replay.detail.null-result');
  return msg('replay.detail.unknown');
}

const RELEVANT =
  /Execution failed|Authorizer result body before parsing|Exception|Unauthorized|Invalid permissions|Lambda (?:execution|invocation) failed|Task timed out|errorMessage|Endpoint response body|status: [45]\d\d/i;
/** The request side of the log (the identity, the Lambda's input) explains nothing and holds the token. */
const REQUEST_SIDE =
  /^(?:Incoming identity|Endpoint request (?:headers|body)|Method request|Request (?:headers|body))/i;

/** The test invoke's log lines that say what happened, with the identity taken out and the rest redacted. */
function relevantLines(log: string, scrub: Scrub): string[] {
  const lines = parseLogText(log)
    .map((line) => line.message)
    .filter((message) => RELEVANT.test(message) && !REQUEST_SIDE.test(message))
    .slice(0, LOG_LINES);
  return redactLines(lines.map(scrub)).map(clip);
}

function clip(text: string): string {
  return text.length > LINE_LIMIT ? `${text.slice(0, LINE_LIMIT - 1)}…` : text;
}
