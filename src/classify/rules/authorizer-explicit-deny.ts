import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { authorizerPolicyViews, held, quote, settledDecision, signals } from '../signals';
import { parsePolicy, statementName } from '../policy';
import { authorizerLogsCommand, flushStep, idsOf } from '../fix';
import { msg, type Message } from '../../text';
import { deniedAfterAuthorizerCompleted, responseTypeRulesOut } from './helpers';

/**
 * authorizer-explicit-deny: the Lambda authorizer's policy (fresh or cached) holds a Deny covering the method.
 * Decisive: the returned policy, evaluated against the method ARN, denies it (or, the ARN unknown, denies every
 * method of the stage the authorizer ran for); or API Gateway's own answer "User is not authorized to access this
 * resource with an explicit deny" (no "User:" prefix), which no other cause produces. Supporting: a Deny statement
 * seen in a truncated result body. Contradicting: the access log naming another gateway response than ACCESS_DENIED;
 * a status that is no refusal (not 4xx).
 * The authorizer's policy deciding a 403 unseen (a trace that ends after its step, or the access log's ACCESS_DENIED
 * for a request whose authorizer ran) makes it a candidate. A 403 right after the authorizer completed, its policy
 * unseen, makes it a candidate (low) beside a policy that did not cover the method.
 */

const returnedPolicyDenies: Signal = {
  id: 'returned-policy-denies-method',
  holds: (evidence) => settledDecision(signals(evidence).authorizerPolicy) === 'explicit-deny',
};

/** A Deny of the returned policy matches the method but for a condition the evaluator could not resolve. */
const returnedPolicyMayDeny: Signal = {
  id: 'returned-policy-may-deny-method',
  holds: (evidence) => {
    const evaluation = signals(evidence).authorizerPolicy;
    return evaluation?.decision === 'explicit-deny' && settledDecision(evaluation) === undefined;
  },
};

const answerSaysExplicitDeny: Signal = {
  id: 'answer-says-authorizer-explicit-deny',
  holds: (evidence) => {
    const message = signals(evidence).message;
    return message.kind === 'authorizer-deny' && message.explicit;
  },
};

/** `…:api/stage/*\/*`, `…:api/stage/*` or `*`: every method of one stage (or of everything). */
const EVERY_METHOD = /^(?:\*|arn:[^:]+:execute-api:[^:]+:[^:]+:[^/]+\/(?<stage>[^/]+)\/\*(?:\/\*)?)$/;

/**
 * Without the request's method ARN (a test invoke, whose synthetic ARN CloudWatch truncated), a returned
 * unconditional Deny of every method of the stage the authorizer was invoked for still covers the request.
 */
const returnedDenyCoversEveryMethod: Signal = {
  id: 'returned-policy-denies-every-method-of-the-stage',
  holds: (evidence) => {
    const document = evidence.trace.authorizer.result?.policyDocument;
    if (document === undefined || evidence.request.methodArn) return false;
    const parsed = parsePolicy(document);
    if (!parsed.ok) return false;
    return parsed.policy.Statement.some(
      (statement) =>
        statement.Effect === 'Deny' &&
        !statement.Condition &&
        (statement.Action ?? []).some((action) => /^(?:\*|execute-api:(?:\*|Invoke))$/i.test(action)) &&
        (statement.Resource ?? []).some((resource) => coversStage(evidence, EVERY_METHOD.exec(resource))),
    );
  },
};

function coversStage(evidence: Evidence, match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const stage = match.groups?.stage;
  if (stage === undefined) return true;
  if (evidence.trace.testConsole) return stage === 'null' || stage === 'ESTestInvoke-stage';
  return stage === evidence.request.stage;
}

const denySeenInResult: Signal = {
  id: 'deny-seen-in-result-body',
  holds: (evidence) => evidence.trace.authorizer.result?.effectsSeen.includes('Deny') ?? false,
};

/**
 * The client got a status no refusal has (2xx, 3xx, 5xx): the words came through another way (a backend quoting an
 * API it called). A remapped ACCESS_DENIED gateway response keeps a 4xx (one API answers it with 401).
 */
const answeredNoRefusal: Signal = {
  id: 'answered-status-of-no-refusal',
  holds: (evidence) => {
    const status = signals(evidence).status;
    return status !== undefined && (status < 400 || status >= 500);
  },
};

/** The access log names another gateway response than ACCESS_DENIED (its record may be another request's). */
const otherResponseType: Signal = {
  id: 'access-log-names-another-response',
  holds: (evidence) => responseTypeRulesOut(evidence, ['ACCESS_DENIED']),
};

export const authorizerExplicitDeny: Rule = {
  cause: 'authorizer-explicit-deny',
  step: 'authorizer',
  decisive: [returnedPolicyDenies, returnedDenyCoversEveryMethod, answerSaysExplicitDeny],
  supporting: [denySeenInResult, returnedPolicyMayDeny],
  contradicting: [otherResponseType, answeredNoRefusal],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const policyDenies =
    held(fired, returnedPolicyDenies) ||
    held(fired, returnedDenyCoversEveryMethod) ||
    held(fired, returnedPolicyMayDeny);
  const saysExplicit = held(fired, answerSaysExplicitDeny);
  const denySeen = held(fired, denySeenInResult);
  // The returned policy was evaluated and does not deny: an explicit Deny must come from elsewhere.
  if (s.authorizerPolicy && !policyDenies && !saysExplicit) return undefined;
  if (!policyDenies && !saysExplicit && !denySeen && !deniedAfterAuthorizerCompleted(evidence))
    return undefined;

  return {
    summary: summary(evidence, denySeen),
    evidence: [
      ...quote(evidence.trace.authorizer.result?.line),
      ...quote(evidence.trace.authorizer.policyAccepted?.line),
      ...quote(evidence.trace.clientNotAuthorized),
      ...(saysExplicit ? [msg('evidence.response', { message: evidence.response?.message ?? '' })] : []),
      ...(evidence.trace.testConsole ? [testConsoleNote(evidence)] : []),
    ],
    checklist: checklist(evidence),
    settle: policyDenies || saysExplicit ? undefined : [msg('authorizer-explicit-deny.settle.final-status')],
    policies: authorizerPolicyViews(evidence),
  };
}

function summary(evidence: Evidence, denySeen: boolean): Message {
  const evaluation = signals(evidence).authorizerPolicy;
  const statement = evaluation?.statement;
  if (evaluation?.decision === 'explicit-deny' && statement) {
    return msg('authorizer-explicit-deny.summary.statement', {
      methodArn: evidence.request.methodArn ?? '',
      statement: statementName(statement),
    });
  }
  if (denySeen) return msg('authorizer-explicit-deny.summary.deny-seen');
  if (!evidence.trace.authorizer.result && evidence.trace.authorizer.started) {
    return msg('authorizer-explicit-deny.summary.cached');
  }
  return msg('authorizer-explicit-deny.summary.answer');
}

function testConsoleNote(evidence: Evidence): Message {
  const stage = evidence.trace.authorizer.result?.raw.includes('/null/') ? 'null' : 'ESTestInvoke-stage';
  return msg('authorizer-explicit-deny.evidence.test-console', { stage });
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const ttl = signals(evidence).ttl;
  const steps: ChecklistStep[] = [
    {
      text: msg('authorizer-explicit-deny.fix.read-log'),
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    { text: msg('authorizer-explicit-deny.fix.valid-token') },
    { text: msg('authorizer-explicit-deny.fix.narrow') },
  ];
  if (ttl !== 0 && !evidence.trace.testConsole) {
    steps.push(flushStep(ids, msg('authorizer-explicit-deny.fix.flush-why', { ttl: ttl ?? 300 })));
  }
  return steps;
}
