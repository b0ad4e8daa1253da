import type { ConditionCheck } from './conditions';
import type { Decision, PolicyEvaluation, PolicySource, StatementRef } from './evaluate';

export interface CombinedEvaluation {
  decision: Decision;
  /** pre-check = resource-policy explicit Deny before the authorizer runs. */
  phase: 'pre-check' | 'combined';
  table: 'A' | 'B';
  decidedBy?: PolicySource;
  statement?: StatementRef;
  failedCondition?: ConditionCheck;
  reason: string;
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

function describeSide(side: Side): string {
  const name = side.source === 'authorizer' ? 'authorizer policy' : 'resource policy';
  if (!side.evaluation) return `there is no ${name}`;
  if (side.outcome === 'Allow') return `the ${name} allows`;
  if (side.outcome === 'Deny') return `the ${name} denies`;
  return `the ${name} is silent`;
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

function fromSide(
  side: Side | undefined,
): Pick<CombinedEvaluation, 'decidedBy' | 'statement' | 'failedCondition'> {
  if (!side) return {};
  const picked: Pick<CombinedEvaluation, 'decidedBy' | 'statement' | 'failedCondition'> = {
    decidedBy: side.source,
  };
  if (side.evaluation?.statement) picked.statement = side.evaluation.statement;
  if (side.evaluation?.failedCondition) picked.failedCondition = side.evaluation.failedCondition;
  return picked;
}

const RESULT_WORDS: Record<Exclude<Decision, 'invalid'>, string> = {
  allow: 'Allow',
  'explicit-deny': 'Explicit deny',
  'implicit-deny': 'Implicit deny',
};

const OUTCOME_WORDS: Record<Exclude<Decision, 'invalid'>, string> = {
  allow: 'allowed',
  'explicit-deny': 'explicit deny',
  'implicit-deny': 'implicit deny',
};

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
  const base = {
    table,
    authorizer,
    resourcePolicy,
    undetermined: mergeUndetermined(authorizer, resourcePolicy),
  } as const;
  const auth: Side = { source: 'authorizer', evaluation: authorizer, outcome: outcomeOf(authorizer) };
  const policy: Side = {
    source: 'resource-policy',
    evaluation: resourcePolicy,
    outcome: outcomeOf(resourcePolicy),
  };

  for (const side of [policy, auth]) {
    if (side.evaluation?.decision !== 'invalid') continue;
    return {
      ...base,
      ...fromSide(side),
      decision: 'invalid',
      phase: 'combined',
      reason: `${side.evaluation.reason.replace(/\.$/, '')}, so the outcome cannot be determined.`,
    };
  }

  if (policy.outcome === 'Deny') {
    return {
      ...base,
      ...fromSide(policy),
      decision: 'explicit-deny',
      phase: 'pre-check',
      reason: `The resource policy denies before the authorizer runs, so the authorizer result does not matter: explicit deny (Table ${table}: any + Deny = Explicit deny).`,
    };
  }

  let decision: Exclude<Decision, 'invalid'>;
  let decider: Side | undefined;
  if (auth.outcome === 'Deny') {
    decision = 'explicit-deny';
    decider = auth;
  } else if (table === 'B') {
    const silent = [auth, policy].filter((side) => side.outcome === 'Neither');
    decision = silent.length === 0 ? 'allow' : 'implicit-deny';
    // With exactly one silent side, that side is the one that has to change.
    decider = silent.length === 0 ? auth : silent.length === 1 ? silent[0] : undefined;
  } else {
    decider = [auth, policy].find((side) => side.outcome === 'Allow');
    decision = decider ? 'allow' : 'implicit-deny';
  }

  const row = `${auth.outcome} + ${policy.outcome} = ${RESULT_WORDS[decision]}`;
  const sides = `${describeSide(auth)} and ${describeSide(policy)}`;
  return {
    ...base,
    ...fromSide(decider),
    decision,
    phase: 'combined',
    reason: `${sides.charAt(0).toUpperCase()}${sides.slice(1)}: ${OUTCOME_WORDS[decision]} (Table ${table}: ${row}).`,
  };
}
