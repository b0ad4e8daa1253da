import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { authorizerPolicyViews, quote, settledDecision, signals } from '../signals';
import { flushStep, idsOf } from '../fix';
import {
  accessDeniedUnread,
  authorizationMayBe,
  bare403OnLambdaMethod,
  authorizerCompletedInExcerpt,
  deniedAfterAuthorizerCompleted,
  errorTypeLine,
  isAuthorizerImplicitDeny,
  methodLabel,
  responseLine,
  unreadSettle,
  wasDenied,
} from './helpers';
import { msg, type Message } from '../../text';
import { segmentName } from '../policy';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * authorizer-policy-not-covering-resource: the authorizer ran for this very request and its Allow does not match
 * the method ARN. Decisive: the Lambda was called for this request, its returned policy evaluates to "nothing
 * matches" for the method ARN, and the request was denied (so no resource-policy Allow rescued it, Table A); or
 * the implicit-deny answer while caching is off, when no cached policy can have been used. Supporting: the Lambda
 * was called and the answer was the implicit deny, without the policy itself being readable. A 403 right after the
 * authorizer completed, its policy unseen, makes it a candidate (low) beside an explicit Deny.
 */

const returnedPolicyMisses: Signal = {
  id: 'returned-policy-misses-method',
  holds: (evidence) => {
    const s = signals(evidence);
    return (
      s.authorizerInvoked && settledDecision(s.authorizerPolicy) === 'implicit-deny' && wasDenied(evidence)
    );
  },
};

const implicitDenyWithCachingOff: Signal = {
  id: 'implicit-deny-with-caching-off',
  holds: (evidence) =>
    signals(evidence).ttl === 0 &&
    !evidence.trace.testConsole &&
    isAuthorizerImplicitDeny(evidence) &&
    authorizersDenial(evidence) &&
    signals(evidence).authorizerPolicy?.decision !== 'allow',
};

/**
 * The implicit deny is the authorizer's: its answer says so, or the trace shows its step. "The client is not
 * authorized…" alone is also how a resource policy's denial reads (notAuthorizedWithoutAuthorizer).
 */
function authorizersDenial(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.message.kind === 'authorizer-deny' || s.authorizerStarted || s.authorizerInvoked;
}

const invokedAndImplicitDeny: Signal = {
  id: 'invoked-and-implicit-deny',
  holds: (evidence) =>
    signals(evidence).authorizerInvoked &&
    isAuthorizerImplicitDeny(evidence) &&
    !evidence.trace.authorizer.result?.effectsSeen.includes('Deny'),
};

/** The authorizer finished with a policy (lines 8–9 of domain.md §6.4) and the answer is the implicit deny. */
const completedThenImplicitDeny: Signal = {
  id: 'authorizer-completed-then-implicit-deny',
  holds: (evidence) =>
    authorizerCompletedInExcerpt(evidence) &&
    isAuthorizerImplicitDeny(evidence) &&
    !evidence.trace.authorizer.result?.effectsSeen.includes('Deny'),
};

export const authorizerPolicyNotCoveringResource: Rule = {
  cause: 'authorizer-policy-not-covering-resource',
  step: 'authorizer',
  decisive: [returnedPolicyMisses, implicitDenyWithCachingOff],
  supporting: [invokedAndImplicitDeny, completedThenImplicitDeny],
  contradicting: [],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  // Table A: a resource policy that allows the caller lets the call through even when the authorizer's does not.
  if (s.combined?.decision === 'allow') return undefined;
  if (s.authorizerPolicy?.decision === 'explicit-deny') return undefined;
  const accessDenied = accessDeniedUnread(evidence);
  const bare = bare403OnLambdaMethod(evidence);
  const candidate =
    fired.decisive.length > 0 ||
    fired.supporting.length > 0 ||
    (!s.authorizerInvoked && isAuthorizerImplicitDeny(evidence) && !s.authorizerStarted) ||
    (deniedAfterAuthorizerCompleted(evidence) &&
      !evidence.trace.authorizer.result?.effectsSeen.includes('Deny')) ||
    (accessDenied && authorizationMayBe(evidence, 'CUSTOM')) ||
    bare;
  if (!candidate) return undefined;

  const certain = fired.decisive.length > 0;
  const unread = !certain && (accessDenied || bare);
  const unreadSummary = accessDenied
    ? 'authorizer-policy-not-covering-resource.summary.access-denied'
    : 'authorizer-policy-not-covering-resource.summary.bare-403';
  return {
    summary: unread ? msg(unreadSummary) : summary(evidence, certain),
    evidence: [
      ...quote(evidence.trace.authorizer.result?.line),
      ...quote(evidence.trace.clientNotAuthorized),
      ...responseLine(evidence),
      ...errorTypeLine(evidence),
      ...(s.ttl === 0 ? [msg('authorizer-policy-not-covering-resource.evidence.caching-off')] : []),
    ],
    checklist: checklist(evidence),
    settle: certain
      ? undefined
      : [...unreadSettle(unread), msg('authorizer-policy-not-covering-resource.settle.result-body')],
    policies: authorizerPolicyViews(evidence),
  };
}

function summary(evidence: Evidence, certain: boolean): Message {
  // An evaluation that rests on something unknown (a guessed account, an unknown condition) names no difference.
  const authorizerPolicy = signals(evidence).authorizerPolicy;
  const evaluation = settledDecision(authorizerPolicy) === 'implicit-deny' ? authorizerPolicy : undefined;
  const difference = evaluation?.statements.find((st) => st.difference)?.difference;
  if (certain && evaluation && difference) {
    return msg('authorizer-policy-not-covering-resource.summary.difference', {
      method: methodLabel(evidence),
      segment: segmentName(difference.segment),
      expected: difference.expected,
      actual: difference.actual,
    });
  }
  if (certain && evaluation) {
    return msg('authorizer-policy-not-covering-resource.summary.nothing-matches', {
      method: methodLabel(evidence),
    });
  }
  return msg('authorizer-policy-not-covering-resource.summary.implicit');
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const arn = evidence.request.methodArn;
  const steps: ChecklistStep[] = [
    {
      text: arn
        ? msg('authorizer-policy-not-covering-resource.fix.compare-arn', { methodArn: arn })
        : msg('authorizer-policy-not-covering-resource.fix.compare'),
    },
    {
      text: msg('authorizer-policy-not-covering-resource.fix.wide-resource', {
        resource: `arn:${partitionOfRegion(ids.region)}:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/*`,
      }),
      code:
        "const [arnHead, stage] = event.methodArn.split('/'); // arn:aws:execute-api:<region>:<account>:<api-id>, <stage>\n" +
        'const resource = `${arnHead}/${stage}/*/*`;',
    },
    { text: msg('authorizer-policy-not-covering-resource.fix.wildcard') },
  ];
  if (signals(evidence).ttl !== 0)
    steps.push(flushStep(ids, msg('authorizer-policy-not-covering-resource.fix.flush-why')));
  return steps;
}
