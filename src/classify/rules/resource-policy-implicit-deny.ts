import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { resourcePolicyViews, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep } from '../fix';

export const resourcePolicyImplicitDeny: Rule = {
  cause: 'resource-policy-implicit-deny',
  title: "The API's resource policy does not allow the caller",
  step: 'resource-policy',
  explanation:
    'No statement of the resource policy allows this caller (an IP allow-list, VPC endpoint or account the caller is ' +
    'not in), and the method has nothing else that allows it: methods without authorization, with a Cognito ' +
    'authorizer, or called cross-account with IAM need an explicit Allow in the resource policy.',
  check,
};

const NEEDS_RESOURCE_POLICY_ALLOW = ['NONE', 'COGNITO_USER_POOLS'];

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (s.privateApi) return undefined;
  const message = s.message.kind === 'principal-deny' ? s.message : undefined;
  const saysImplicit = Boolean(message && !message.explicit && message.policyType !== 'identity');
  const evaluatedImplicit = s.resourcePolicy?.decision === 'implicit-deny';
  const needsAllow = NEEDS_RESOURCE_POLICY_ALLOW.includes(s.methodAuthorization ?? '');
  if (!saysImplicit && !(evaluatedImplicit && needsAllow && s.status === 403)) return undefined;
  if (s.resourcePolicy && s.resourcePolicy.decision !== 'implicit-deny') return undefined;

  const iamCaller = message?.principal.startsWith('arn:') ?? false;
  const confidence: Confidence =
    evaluatedImplicit && (s.privateApi === false || needsAllow) ? 'high' : iamCaller ? 'low' : 'medium';
  return {
    cause: 'resource-policy-implicit-deny',
    confidence,
    summary: summary(evidence),
    evidence: [
      ...(message ? [`Response: ${evidence.response?.message ?? ''}`] : []),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
      ...(s.methodAuthorization ? [`Method authorization: ${s.methodAuthorization}`] : []),
    ],
    checklist: checklist(evidence),
    settle: confidence === 'high' ? undefined : settle(evidence),
    policies: resourcePolicyViews(evidence),
  };
}

function summary(evidence: Evidence): string {
  const evaluation = signals(evidence).resourcePolicy;
  const condition = evaluation?.failedCondition;
  if (evaluation?.statement && condition) {
    const { index, sid } = evaluation.statement;
    return (
      `The resource policy's Allow (statement #${index}${sid ? `, ${sid}` : ''}) does not match this caller: ` +
      `${condition.key} ${(condition.actual ?? ['(unknown)']).join(', ')} is not in ${condition.expected.join(', ')}.`
    );
  }
  return 'Nothing in the resource policy allows this caller ("User: anonymous is not authorized …" without an explicit deny).';
}

function settle(evidence: Evidence): string[] {
  const steps = [
    "Whether the API's endpoint type is PRIVATE (then the VPC endpoint is the likely gap).",
    "The caller's source IP or VPC endpoint (access-log fields $context.identity.sourceIp / vpceId) to evaluate against the policy.",
  ];
  if (signals(evidence).methodAuthorization === 'CUSTOM') {
    steps.push(
      'This method uses a Lambda authorizer, whose Allow overrides a silent resource policy: check which authorizer the deployed stage really uses (redeploy drift).',
    );
  }
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const sourceIp = evidence.request.sourceIp;
  return [
    {
      text: sourceIp
        ? `Add an Allow statement that matches this caller (source IP ${sourceIp}, or its VPC endpoint, principal or account).`
        : 'Add an Allow statement that matches the caller (IP range, VPC endpoint, principal or account).',
      command: getResourcePolicyCommand(ids),
      iac: IAC.resourcePolicy,
    },
    {
      text:
        'If the intent is "only these IPs", keep the Allow and add an explicit Deny with NotIpAddress on aws:SourceIp, ' +
        'so the restriction also binds when a Lambda authorizer allows the call.',
    },
    redeployStep(ids, 'resource policy'),
  ];
}
