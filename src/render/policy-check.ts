import type { ConditionCheck, StatementRef } from '../classify/policy';
import { describeCondition } from '../classify/policy';

/** The `policy-check` answer; `decision`, `statement` and `reason` are the contract, the rest is detail. */
export interface PolicyCheckResult {
  decision: 'allow' | 'implicit-deny' | 'explicit-deny' | 'invalid';
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

export function renderPolicyCheckText(result: PolicyCheckResult): string {
  const lines = [`${result.decision.toUpperCase()}: ${result.reason}`];
  if (result.methodArn) lines.push(`  method ARN: ${result.methodArn}`);
  if (result.statement) lines.push(`  deciding statement: ${result.statement.text}`);
  if (result.failedCondition) lines.push(`  condition: ${describeCondition(result.failedCondition)}`);
  if (result.undetermined?.length) {
    lines.push(
      `  depends on unknown values: ${result.undetermined.join(', ')} (the answer assumes the most restrictive case)`,
    );
  }
  for (const note of result.notModelled ?? []) lines.push(`  not modelled: ${note}`);
  for (const part of [result.authorizer, result.resourcePolicy]) {
    if (part) lines.push('', `${part.source}: ${part.decision} — ${part.reason}`, ...statementLines(part));
  }
  lines.push(...statementLines(result));
  return `${lines.join('\n')}\n`;
}

function statementLines(result: PolicyCheckResult): string[] {
  return (result.statements ?? []).map((s) => {
    const label = `#${s.index}${s.sid ? ` (${s.sid})` : ''} ${s.effect}`;
    const why = s.difference
      ? `resource differs at ${s.difference.segment}: "${s.difference.expected}" vs "${s.difference.actual}"`
      : `action ${s.action ? 'yes' : 'no'}, resource ${s.resource ? 'yes' : 'no'}, principal ${String(s.principal)}`;
    return `  ${label}: applies ${s.applies} (${why})`;
  });
}
