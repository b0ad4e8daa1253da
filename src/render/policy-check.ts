import type { ConditionCheck, Decision, StatementRef } from '../classify/policy';
import { describeCondition, isArnSegment, policyName, segmentName } from '../classify/policy';
import { english, type Localizer } from './localize';
import { msg, type Text } from '../text';

/**
 * The `policy-check` answer; `decision`, `statement` and `reason` are the contract, the rest is detail. Machine
 * fields (decision, source, phase, condition checks) stay as they are; `reason` and `notModelled` are in the
 * reader's language.
 */
export interface PolicyCheckResult {
  decision: Decision;
  statement: StatementRef | null;
  reason: string;
  methodArn?: string;
  source?: string;
  phase?: string;
  table?: string;
  decidedBy?: string;
  failedCondition?: ConditionCheck;
  undetermined?: readonly string[];
  notModelled?: readonly string[];
  statements?: ReadonlyArray<{
    index: number;
    sid?: string;
    effect: string;
    applies: string;
    action: boolean;
    resource: boolean;
    principal: boolean | 'unknown';
    conditions: readonly ConditionCheck[];
    difference?: { segment: string; expected: string; actual: string };
  }>;
  authorizer?: PolicyCheckResult;
  resourcePolicy?: PolicyCheckResult;
}

export function renderPolicyCheckText(result: PolicyCheckResult, l: Localizer = english): string {
  const line = (text: Text) => `  ${l.t(text)}`;
  const lines = [
    l.t(
      msg('cli.policy-check.headline', {
        decision: msg(`cli.policy-check.decision.${result.decision}`),
        reason: result.reason,
      }),
    ),
  ];
  if (result.methodArn) lines.push(line(msg('cli.policy-check.method-arn', { arn: result.methodArn })));
  if (result.statement)
    lines.push(line(msg('cli.policy-check.statement', { statement: result.statement.text })));
  if (result.failedCondition)
    lines.push(
      line(msg('cli.policy-check.condition', { condition: describeCondition(result.failedCondition) })),
    );
  if (result.undetermined?.length)
    lines.push(line(msg('cli.policy-check.undetermined', { keys: result.undetermined.join(', ') })));
  for (const what of result.notModelled ?? [])
    lines.push(line(msg('cli.policy-check.not-modelled', { what })));
  for (const part of [result.authorizer, result.resourcePolicy]) {
    if (!part) continue;
    const heading = msg('cli.policy-check.part', {
      source:
        part.source === 'authorizer' || part.source === 'resource-policy' ? policyName(part.source) : '',
      decision: msg(`policy.decision.${part.decision}`),
      reason: part.reason,
    });
    lines.push('', l.t(heading), ...statementLines(part, l));
  }
  lines.push(...statementLines(result, l));
  return `${lines.join('\n')}\n`;
}

function statementLines(result: PolicyCheckResult, l: Localizer): string[] {
  const answer = (value: boolean | 'unknown' | string) =>
    msg(
      value === true || value === 'yes'
        ? 'cli.policy-check.yes'
        : value === false || value === 'no'
          ? 'cli.policy-check.no'
          : 'cli.policy-check.unknown',
    );
  return (result.statements ?? []).map((s) => {
    const label = `#${s.index}${s.sid ? ` (${s.sid})` : ''} ${s.effect}`;
    const why = s.difference
      ? msg('cli.policy-check.differs', {
          segment: isArnSegment(s.difference.segment)
            ? segmentName(s.difference.segment)
            : s.difference.segment,
          expected: s.difference.expected,
          actual: s.difference.actual,
        })
      : msg('cli.policy-check.matches', {
          action: answer(s.action),
          resource: answer(s.resource),
          principal: answer(s.principal),
        });
    return `  ${l.t(msg('cli.policy-check.applies', { statement: label, applies: answer(s.applies), why }))}`;
  });
}
