import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { resourcePolicyViews, quote, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep } from '../fix';
import { isVpceCondition } from './helpers';

export const resourcePolicyExplicitDeny: Rule = {
  cause: 'resource-policy-explicit-deny',
  title: "The API's resource policy explicitly denies the caller",
  step: 'resource-policy',
  explanation:
    "A Deny statement in the API's resource policy matches this call (typically a condition on the caller's IP, VPC " +
    "endpoint or principal). With a Lambda authorizer API Gateway checks the resource policy's Deny statements " +
    'before it calls the authorizer, so the authorizer never runs; an explicit Deny cannot be overridden by any Allow.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const denialLine = evidence.trace.resourcePolicyDenial;
  const message = s.message.kind === 'principal-deny' ? s.message : undefined;
  const evaluated = s.resourcePolicy?.decision === 'explicit-deny';
  const saysExplicit = Boolean(
    denialLine?.explicit || (message?.explicit && message.policyType !== 'identity'),
  );
  if (!evaluated && !saysExplicit) return undefined;
  if (s.privateApi && isVpceCondition(s.resourcePolicy?.failedCondition?.key)) return undefined;

  const iamCaller = (message?.principal ?? denialLine?.principal ?? 'anonymous').startsWith('arn:');
  const confidence: Confidence =
    evaluated || denialLine?.explicit || message?.policyType === 'resource' || !iamCaller ? 'high' : 'medium';
  return {
    cause: 'resource-policy-explicit-deny',
    confidence,
    summary: summary(evidence),
    evidence: [
      ...quote(denialLine?.line),
      ...(message ? [`Response: ${evidence.response?.message ?? ''}`] : []),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
    ],
    checklist: checklist(evidence),
    settle:
      iamCaller && confidence !== 'high'
        ? [
            "Whether the caller's own IAM policy has a Deny for this ARN (then it is an IAM identity-policy denial).",
          ]
        : undefined,
    policies: resourcePolicyViews(evidence),
  };
}

function summary(evidence: Evidence): string {
  const evaluation = signals(evidence).resourcePolicy;
  if (evaluation?.decision === 'explicit-deny' && evaluation.statement) {
    const { index, sid } = evaluation.statement;
    const condition = evaluation.failedCondition;
    const because = condition
      ? ` (${condition.operator} ${condition.key} matched ${formatActual(condition.actual)})`
      : '';
    return `Statement #${index}${sid ? ` (${sid})` : ''} of the resource policy denies this call${because}.`;
  }
  return "The API's resource policy has a Deny statement that matches this caller.";
}

function formatActual(actual: string[] | null | undefined): string {
  if (actual === undefined) return 'an unknown value';
  if (actual === null) return 'an absent value';
  return actual.join(', ');
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const statement = signals(evidence).resourcePolicy?.statement;
  return [
    statement
      ? { text: `Read the deciding statement: ${statement.text}` }
      : {
          text: "Read the resource policy's Deny statements and their conditions.",
          command: getResourcePolicyCommand(ids),
        },
    {
      text: "Correct the condition (IP ranges, VPC endpoint ids, principals), or the caller's network path if the policy is right.",
      iac: IAC.resourcePolicy,
    },
    redeployStep(ids, 'resource policy'),
  ];
}
