import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { resourcePolicyViews, settledDecision, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep } from '../fix';
import { statementName } from '../policy';
import { conditionValue } from './resource-policy-explicit-deny';
import { msg, type Message } from '../../text';
import {
  accessDeniedUnread,
  authorizationMayBe,
  answerOfAnotherCause,
  errorTypeLine,
  isIamPrincipal,
  isVpceCondition,
  notAuthorizedWithoutAuthorizer,
  responseLine,
  unreadSettle,
} from './helpers';

/**
 * resource-policy-implicit-deny: nothing in the resource policy allows the caller, and the method needs it to.
 * Decisive: the resource policy, evaluated against the request, allows nothing for a method that needs an explicit
 * Allow (authorization NONE or Cognito), whatever the values not known; or the newer answer "… because no
 * resource-based policy allows the execute-api:Invoke action" on an API known to be public (on a private API the same
 * words mean its VPC endpoint is not allowed); or, on a public API, the resource policy allowing nothing and the
 * answer "User: … is not authorized" agreeing (an Allow whose condition's value is unknown then did not match).
 * Supporting: the answer "User: anonymous is not authorized …" without a suffix on an API known to be public; with the
 * endpoint type unknown the same words are a private API refusing its VPC endpoint as often (domain.md §6.1), so they
 * make this cause a candidate (low) and no more. Contradicting: an IAM caller (its
 * identity policy reads the same), a Lambda authorizer on the method (its Allow overrides a silent resource policy,
 * Table A), a private API whose policy was not read (its endpoint condition answers the same:
 * private-api-vpce-deny), and an answer that is another step's own message. A private API's policy refusing the
 * endpoint is that cause's, not this one's.
 */

const NEEDS_RESOURCE_POLICY_ALLOW = ['NONE', 'COGNITO_USER_POOLS'];

/** The denial the answer (or else the trace) tells, unless it names an identity or a VPC endpoint policy. */
function denialOfPolicy(evidence: Evidence) {
  const denial = signals(evidence).denial;
  return denial?.policyType === 'identity' || denial?.policyType === 'vpc-endpoint' ? undefined : denial;
}

const policyAllowsNothingNeeded: Signal = {
  id: 'resource-policy-allows-nothing-for-method-needing-allow',
  holds: (evidence) => {
    const s = signals(evidence);
    // Settled: an Allow whose condition's value is unknown (the caller's IP not logged) may have let it through.
    return (
      settledDecision(s.resourcePolicy) === 'implicit-deny' &&
      NEEDS_RESOURCE_POLICY_ALLOW.includes(s.methodAuthorization ?? '') &&
      s.status === 403
    );
  },
};

/** The answer (or else the trace) is the denial without a suffix: "User: anonymous is not authorized …". */
function deniedWithoutSuffix(evidence: Evidence): boolean {
  const denial = denialOfPolicy(evidence);
  return Boolean(denial && !denial.explicit);
}

/**
 * That denial on an API known to be public. Whatever the endpoint type, it fits this cause; but a private API refusing
 * the calling VPC endpoint answers in the same words (domain.md §6.1), so until the endpoint type is known it fits
 * both and favours neither.
 */
const answerSaysNotAuthorized: Signal = {
  id: 'answer-says-anonymous-not-authorized-on-public-api',
  holds: (evidence) => deniedWithoutSuffix(evidence) && signals(evidence).privateApi === false,
};

const policyAndAnswerAgree: Signal = {
  id: 'resource-policy-allows-nothing-and-answer-agrees',
  holds: (evidence) =>
    signals(evidence).resourcePolicy?.decision === 'implicit-deny' &&
    signals(evidence).privateApi === false &&
    deniedWithoutSuffix(evidence),
};

const answerSaysNoResourcePolicyAllows: Signal = {
  id: 'answer-says-no-resource-policy-allows-on-public-api',
  holds: (evidence) => {
    const denial = denialOfPolicy(evidence);
    return Boolean(
      denial &&
      !denial.explicit &&
      denial.policyType === 'resource' &&
      signals(evidence).privateApi === false,
    );
  },
};

const iamCaller: Signal = {
  id: 'caller-is-iam-principal',
  holds: (evidence) => isIamPrincipal(signals(evidence).denial?.principal),
};

/** On a private API whose policy was not read, the same answer is most often its endpoint condition. */
const privateApiPolicyUnread: Signal = {
  id: 'private-api-policy-not-read',
  holds: (evidence) =>
    signals(evidence).privateApi === true && signals(evidence).resourcePolicy === undefined,
};

const lambdaAuthorizerMethod: Signal = {
  id: 'method-uses-lambda-authorizer',
  holds: (evidence) => signals(evidence).methodAuthorization === 'CUSTOM',
};

/**
 * The answer is another step's own message (a Forbidden, a missing route, an Unauthorized, a signature error): the
 * policy read may not be the one deployed, or an earlier step (WAF, the route) answered first. Which message a
 * denial after a Lambda authorizer's Allow gets is not known, so the authorizer's wording does not count.
 */
const answerOfAnotherStep = answerOfAnotherCause(['principal-deny', 'authorizer-deny']);

export const resourcePolicyImplicitDeny: Rule = {
  cause: 'resource-policy-implicit-deny',
  step: 'resource-policy',
  decisive: [policyAllowsNothingNeeded, policyAndAnswerAgree, answerSaysNoResourcePolicyAllows],
  supporting: [answerSaysNotAuthorized],
  contradicting: [iamCaller, lambdaAuthorizerMethod, privateApiPolicyUnread, answerOfAnotherStep],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  if (s.privateApi && isVpceCondition(s.resourcePolicy?.failedCondition?.key)) return undefined;
  const traceOnly = notAuthorizedWithoutAuthorizer(evidence);
  const fits =
    fired.decisive.length > 0 ||
    fired.supporting.length > 0 ||
    deniedWithoutSuffix(evidence) ||
    (accessDeniedUnread(evidence) && authorizationMayBe(evidence, 'NONE'));
  if (!fits && !traceOnly) return undefined;
  if (s.resourcePolicy && s.resourcePolicy.decision !== 'implicit-deny') return undefined;

  const answered = s.message.kind === 'principal-deny';
  const unread = !s.resourcePolicy && accessDeniedUnread(evidence);
  return {
    summary: unread ? msg('resource-policy-implicit-deny.summary.access-denied') : summary(evidence),
    evidence: [
      ...(answered || unread ? responseLine(evidence) : []),
      ...errorTypeLine(evidence),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
      ...(s.methodAuthorization
        ? [msg('evidence.method-authorization', { authorization: s.methodAuthorization })]
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0 && fired.contradicting.length === 0
        ? undefined
        : [...unreadSettle(unread), ...settle(evidence)],
    policies: resourcePolicyViews(evidence),
  };
}

function summary(evidence: Evidence): Message {
  const evaluation = signals(evidence).resourcePolicy;
  const condition = evaluation?.failedCondition;
  if (evaluation?.statement && condition) {
    return msg('resource-policy-implicit-deny.summary.condition', {
      statement: statementName(evaluation.statement),
      key: condition.key,
      actual: conditionValue(condition.actual),
      expected: condition.expected.join(', '),
    });
  }
  return msg('resource-policy-implicit-deny.summary.generic');
}

function settle(evidence: Evidence): Message[] {
  const steps = [
    msg('resource-policy-implicit-deny.settle.endpoint-type'),
    msg('resource-policy-implicit-deny.settle.caller'),
  ];
  if (signals(evidence).methodAuthorization === 'CUSTOM') {
    steps.push(msg('resource-policy-implicit-deny.settle.lambda-authorizer'));
  }
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const sourceIp = evidence.request.sourceIp;
  return [
    {
      text: sourceIp
        ? msg('resource-policy-implicit-deny.fix.allow-ip', { sourceIp })
        : msg('resource-policy-implicit-deny.fix.allow'),
      command: getResourcePolicyCommand(ids),
      iac: IAC.resourcePolicy,
    },
    { text: msg('resource-policy-implicit-deny.fix.explicit-deny') },
    redeployStep(ids, 'fix.what.resource-policy'),
  ];
}
