import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { resourcePolicyViews, quote, settledDecision, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep, type Ids } from '../fix';
import { statementName, type StatementRef } from '../policy';
import {
  answerOfAnotherCause,
  isIamPrincipal,
  isVpceCondition,
  notAuthorizedWithoutAuthorizer,
  resourcePolicyDenialTold,
} from './helpers';
import { msg, type Message } from '../../text';

/**
 * resource-policy-explicit-deny: a Deny of the API's resource policy matches the caller. Decisive: the resource
 * policy, evaluated against the request, denies it whatever the values not known; or, on an API known to be public, the denial told by the answer or
 * the trace ("ExplicitDenyException User: … with an explicit deny") when it cannot be an IAM identity policy (the
 * caller is anonymous, or the suffix says "in a resource-based policy"). Supporting: the same told of an API
 * whose endpoint type is unknown (a private API's template denies with StringNotEquals aws:SourceVpce in the same
 * words: private-api-vpce-deny), or an IAM caller's explicit deny without the suffix (an identity-policy Deny reads
 * the same); a Deny that may apply, its condition's value (the caller's IP, say) not logged. Contradicting: a private
 * API; an answer that is another step's own message; an answer without "with an explicit deny" (the policy read may not be the
 * one deployed). A trace that ends "The client is not authorized to perform this operation." with no authorizer
 * line makes it a candidate without any of these (helpers.ts).
 */

const policyEvaluatesDeny: Signal = {
  id: 'resource-policy-denies-request',
  holds: (evidence) => settledDecision(signals(evidence).resourcePolicy) === 'explicit-deny',
};

/** A Deny of the policy matches the request but for a condition whose value is unknown or not modelled. */
const policyMayDeny: Signal = {
  id: 'resource-policy-may-deny-request',
  holds: (evidence) => {
    const evaluation = signals(evidence).resourcePolicy;
    return evaluation?.decision === 'explicit-deny' && settledDecision(evaluation) === undefined;
  },
};

/** A resource-policy Deny, as the answer or the trace tells it, not an IAM identity policy's. */
function explicitDenyTold(evidence: Evidence): boolean {
  const denial = signals(evidence).denial;
  return Boolean(denial?.explicit) && resourcePolicyDenialTold(denial);
}

const explicitDenyOnPublicApi: Signal = {
  id: 'resource-policy-explicit-deny-told-on-public-api',
  holds: (evidence) => explicitDenyTold(evidence) && signals(evidence).privateApi === false,
};

const explicitDenyAnswer: Signal = {
  id: 'explicit-deny-told',
  holds: (evidence) => {
    const denial = signals(evidence).denial;
    return Boolean(denial?.explicit && (denial.policyType === undefined || denial.policyType === 'resource'));
  },
};

/** The answer names the denial without "with an explicit deny": API Gateway says so only when no Deny matched. */
const answerSaysNotExplicit: Signal = {
  id: 'answer-says-no-explicit-deny',
  holds: (evidence) => {
    const { message } = signals(evidence);
    return message.kind === 'principal-deny' && !message.explicit;
  },
};

const privateApi: Signal = {
  id: 'private-api',
  holds: (evidence) => signals(evidence).privateApi === true && !policyEvaluatesDeny.holds(evidence),
};

/**
 * The answer is another step's own message (a Forbidden, a missing route, an Unauthorized, a signature error): the
 * policy read may not be the one deployed, or an earlier step (WAF, the route) answered first. Which message a
 * denial after a Lambda authorizer's Allow gets is not known, so the authorizer's wording does not count.
 */
const answerOfAnotherStep = answerOfAnotherCause(['principal-deny', 'authorizer-deny']);

export const resourcePolicyExplicitDeny: Rule = {
  cause: 'resource-policy-explicit-deny',
  step: 'resource-policy',
  decisive: [policyEvaluatesDeny, explicitDenyOnPublicApi],
  supporting: [explicitDenyAnswer, policyMayDeny],
  contradicting: [privateApi, answerSaysNotExplicit, answerOfAnotherStep],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const denial = s.denial;
  if (denial?.policyType === 'identity' && fired.decisive.length === 0) return undefined;
  const traceOnly = notAuthorizedWithoutAuthorizer(evidence);
  if (fired.decisive.length === 0 && fired.supporting.length === 0 && !traceOnly) return undefined;
  if (s.privateApi && isVpceCondition(s.resourcePolicy?.failedCondition?.key)) return undefined;

  const denialLine = evidence.trace.principalDenial;
  const iamCaller = isIamPrincipal(denial?.principal);
  return {
    summary: summary(evidence),
    evidence: [
      ...quote(denialLine?.line),
      ...(s.message.kind === 'principal-deny'
        ? [msg('evidence.response', { message: evidence.response?.message ?? '' })]
        : []),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0
        ? undefined
        : [
            ...(iamCaller ? [msg('resource-policy-explicit-deny.settle.identity-policy')] : []),
            ...(traceOnly ? [msg('resource-policy-explicit-deny.settle.trace-only')] : []),
          ],
    policies: resourcePolicyViews(evidence),
  };
}

function summary(evidence: Evidence): Message {
  const evaluation = signals(evidence).resourcePolicy;
  if (evaluation?.decision === 'explicit-deny' && evaluation.statement) {
    // A Deny that may apply: the evaluator's own sentence says which value is unknown.
    if (settledDecision(evaluation) === undefined) return evaluation.reason;
    const condition = evaluation.failedCondition;
    const statement = statementName(evaluation.statement);
    return condition
      ? msg('resource-policy-explicit-deny.summary.condition', {
          statement,
          operator: condition.operator,
          key: condition.key,
          actual: conditionValue(condition.actual),
        })
      : msg('resource-policy-explicit-deny.summary.statement', { statement });
  }
  return msg('resource-policy-explicit-deny.summary.generic');
}

export function conditionValue(actual: string[] | null | undefined): Message | string {
  if (actual === undefined) return msg('policy.value.unknown');
  if (actual === null) return msg('policy.value.absent');
  return actual.join(', ');
}

/** Longer statements (hundreds of address ranges, say) are named and read with the command, not quoted whole. */
const STATEMENT_QUOTED_MAX = 600;

function readStatementStep(statement: StatementRef | undefined, ids: Ids): ChecklistStep {
  if (statement && statement.text.length <= STATEMENT_QUOTED_MAX)
    return { text: msg('resource-policy-explicit-deny.fix.read-statement', { statement: statement.text }) };
  return {
    text: statement
      ? msg('resource-policy-explicit-deny.fix.read-long-statement', {
          statement: statementName(statement),
          length: statement.text.length,
        })
      : msg('resource-policy-explicit-deny.fix.read-policy'),
    command: getResourcePolicyCommand(ids),
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const statement = signals(evidence).resourcePolicy?.statement;
  return [
    readStatementStep(statement, ids),
    { text: msg('resource-policy-explicit-deny.fix.correct'), iac: IAC.resourcePolicy },
    redeployStep(ids, 'fix.what.resource-policy'),
  ];
}
