import type { ConditionCheck } from './conditions';
import {
  policyName,
  type Decision,
  type PolicyEvaluation,
  type PolicySource,
  type StatementRef,
} from './evaluate';
import { msg, type Message } from '../../text';
import type { MessageId } from '../../render/messages';

export interface CombinedEvaluation {
  decision: Decision;
  /** pre-check = resource-policy explicit Deny before the authorizer runs. */
  phase: 'pre-check' | 'combined';
  table: 'A' | 'B';
  decidedBy?: PolicySource;
  statement?: StatementRef;
  failedCondition?: ConditionCheck;
  reason: Message;
  authorizer?: PolicyEvaluation;
  resourcePolicy?: PolicyEvaluation;
  undetermined: string[];
}

type Outcome = 'Allow' | 'Deny' | 'Neither';

interface Side {
  source: PolicySource;
  evaluation?: PolicyEvaluation;
  outcome: Outcome;
}

function outcomeOf(evaluation: PolicyEvaluation | undefined): Outcome {
  if (evaluation?.decision === 'allow') return 'Allow';
  if (evaluation?.decision === 'explicit-deny') return 'Deny';
  return 'Neither';
}

const SIDE_WORDS: Record<Outcome | 'none', readonly [start: MessageId, inner: MessageId]> = {
  none: ['policy.side.none-start', 'policy.side.none'],
  Allow: ['policy.side.allows-start', 'policy.side.allows'],
  Deny: ['policy.side.denies-start', 'policy.side.denies'],
  Neither: ['policy.side.silent-start', 'policy.side.silent'],
};

/** "the resource policy is silent"; `start` when it begins the sentence. */
function describeSide(side: Side, start: boolean): Message {
  const [first, inner] = SIDE_WORDS[side.evaluation ? side.outcome : 'none'];
  return msg(start ? first : inner, { policy: policyName(side.source) });
}

function mergeUndetermined(...evaluations: (PolicyEvaluation | undefined)[]): string[] {
  const keys: string[] = [];
  for (const evaluation of evaluations) {
    for (const key of evaluation?.undetermined ?? []) {
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

type Base = Pick<CombinedEvaluation, 'table' | 'authorizer' | 'resourcePolicy' | 'undetermined'>;

/**
 * The combined evaluation, decided by `side`. Written out, not spread from `base`: an object spread costs more than
 * the rest of combining.
 */
function combined(
  base: Base,
  side: Side | undefined,
  outcome: Pick<CombinedEvaluation, 'decision' | 'phase' | 'reason'>,
): CombinedEvaluation {
  const evaluation = {
    table: base.table,
    authorizer: base.authorizer,
    resourcePolicy: base.resourcePolicy,
    undetermined: base.undetermined,
  } as CombinedEvaluation;
  if (side) {
    evaluation.decidedBy = side.source;
    if (side.evaluation?.statement) evaluation.statement = side.evaluation.statement;
    if (side.evaluation?.failedCondition) evaluation.failedCondition = side.evaluation.failedCondition;
  }
  evaluation.decision = outcome.decision;
  evaluation.phase = outcome.phase;
  evaluation.reason = outcome.reason;
  return evaluation;
}

/**
 * Combines a Lambda authorizer's policy with the API's resource policy (domain.md §4.4): a resource-policy
 * Deny ends the request before the authorizer runs; otherwise Table A (same account) or Table B (cross-account).
 */
export function combineEvaluations(input: {
  authorizer?: PolicyEvaluation;
  resourcePolicy?: PolicyEvaluation;
  crossAccount?: boolean;
}): CombinedEvaluation {
  const { authorizer, resourcePolicy } = input;
  const table = input.crossAccount ? 'B' : 'A';
  const base: Base = {
    table,
    authorizer,
    resourcePolicy,
    undetermined: mergeUndetermined(authorizer, resourcePolicy),
  };
  const auth: Side = { source: 'authorizer', evaluation: authorizer, outcome: outcomeOf(authorizer) };
  const policy: Side = {
    source: 'resource-policy',
    evaluation: resourcePolicy,
    outcome: outcomeOf(resourcePolicy),
  };

  for (const side of [policy, auth]) {
    if (side.evaluation?.decision !== 'invalid') continue;
    return combined(base, side, {
      decision: 'invalid',
      phase: 'combined',
      reason: msg('policy.combined.invalid', {
        policy: policyName(side.source),
        reason: side.evaluation.problem ?? '',
      }),
    });
  }

  if (policy.outcome === 'Deny') {
    return combined(base, policy, {
      decision: 'explicit-deny',
      phase: 'pre-check',
      reason: msg('policy.combined.pre-check', { table }),
    });
  }

  const { decision, decider } = tableOutcome(auth, policy, table);
  const row = msg('policy.combined.row', {
    authorizer: auth.outcome,
    resourcePolicy: policy.outcome,
    result: msg(`policy.result.${decision}`),
  });
  return combined(base, decider, {
    decision,
    phase: 'combined',
    reason: msg('policy.combined.reason', {
      authorizer: describeSide(auth, true),
      resourcePolicy: describeSide(policy, false),
      outcome: msg(`policy.outcome.${decision}`),
      table,
      row,
    }),
  });
}

/**
 * The row of Table A (same account: either side's Allow is enough) or Table B (cross-account: both must allow) for
 * a resource policy that does not deny, and the side that decided it.
 */
function tableOutcome(
  auth: Side,
  policy: Side,
  table: 'A' | 'B',
): { decision: Exclude<Decision, 'invalid'>; decider?: Side } {
  if (auth.outcome === 'Deny') return { decision: 'explicit-deny', decider: auth };
  if (table === 'B') {
    const silent = [auth, policy].filter((side) => side.outcome === 'Neither');
    if (silent.length === 0) return { decision: 'allow', decider: auth };
    // With exactly one silent side, that side is the one that has to change.
    return { decision: 'implicit-deny', decider: silent.length === 1 ? silent[0] : undefined };
  }
  const decider = [auth, policy].find((side) => side.outcome === 'Allow');
  return { decision: decider ? 'allow' : 'implicit-deny', decider };
}
