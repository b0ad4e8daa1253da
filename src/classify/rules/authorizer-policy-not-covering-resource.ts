import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { authorizerPolicyViews, quote, signals } from '../signals';
import { flushStep, idsOf } from '../fix';
import { isAuthorizerImplicitDeny, methodLabel, responseLine } from './helpers';

export const authorizerPolicyNotCoveringResource: Rule = {
  cause: 'authorizer-policy-not-covering-resource',
  title: "The authorizer's policy does not cover the method called",
  step: 'authorizer',
  explanation:
    'The authorizer ran for this request and returned an Allow policy, but none of its Resource ARNs matches the ' +
    'method ARN of the call (wrong stage, verb, path, API id or case), so nothing allows the call and API Gateway ' +
    'answers 403 "User is not authorized to access this resource". A resource policy that allows the caller would ' +
    'have let it through; here none did.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const invoked = s.authorizerInvoked;
  const policyMisses = s.authorizerPolicy?.decision === 'implicit-deny';
  // Table A: a resource policy that allows the caller lets the call through even when the authorizer's does not.
  if (s.combined?.decision === 'allow') return undefined;
  if (s.authorizerPolicy?.decision === 'explicit-deny') return undefined;

  let confidence: Confidence;
  if (invoked && policyMisses) confidence = 'high';
  else if (
    invoked &&
    isAuthorizerImplicitDeny(evidence) &&
    !evidence.trace.authorizer.result?.effectsSeen.includes('Deny')
  )
    confidence = 'medium';
  else if (!invoked && isAuthorizerImplicitDeny(evidence) && !s.authorizerStarted)
    confidence = s.ttl === 0 ? 'medium' : 'low';
  else return undefined;

  return {
    cause: 'authorizer-policy-not-covering-resource',
    confidence,
    summary: summary(evidence, confidence),
    evidence: [
      ...quote(evidence.trace.authorizer.result?.line),
      ...quote(evidence.trace.clientNotAuthorized),
      ...responseLine(evidence),
      ...(s.ttl === 0
        ? ['Authorizer caching is off (TTL 0), so the authorizer ran for this very request.']
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'Turn on INFO execution logging with data tracing on the stage and reproduce: an "Authorizer result body" line ' +
              'for this request id means the authorizer ran (this cause); its absence means a cached policy was reused.',
          ],
    policies: authorizerPolicyViews(evidence),
  };
}

function summary(evidence: Evidence, confidence: Confidence): string {
  const difference = signals(evidence).authorizerPolicy?.statements.find((st) => st.difference)?.difference;
  if (confidence === 'high' && difference) {
    return (
      `The authorizer ran and returned an Allow that does not cover ${methodLabel(evidence)}: ` +
      `its ${difference.segment} is "${difference.expected}" where the request has "${difference.actual}".`
    );
  }
  if (confidence === 'high')
    return `The authorizer ran and returned a policy that allows nothing matching ${methodLabel(evidence)}.`;
  return "The authorizer's policy did not allow this method (no explicit Deny: nothing matched).";
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const arn = evidence.request.methodArn;
  const steps: ChecklistStep[] = [
    {
      text: arn
        ? `Set the Resource values the authorizer returns side by side with the method ARN ${arn} and find the first part that differs.`
        : 'Set the Resource values the authorizer returns side by side with the method ARN it receives (event.methodArn) and find the first part that differs.',
    },
    {
      text:
        'Return a Resource that covers the whole API, built by splitting event.methodArn rather than hard-coding the ' +
        `stage: arn:aws:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/*`,
      code:
        "const [arnHead, stage] = event.methodArn.split('/'); // arn:aws:execute-api:<region>:<account>:<api-id>, <stage>\n" +
        'const resource = `${arnHead}/${stage}/*/*`;',
    },
    {
      text: 'Remember that "*" in a Resource also matches "/", so ".../prod/*/*" covers every verb and path of the stage.',
    },
  ];
  if (signals(evidence).ttl !== 0)
    steps.push(flushStep(ids, 'once the authorizer returns the wider Resource'));
  return steps;
}
