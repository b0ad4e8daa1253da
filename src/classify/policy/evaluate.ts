import {
  combineConditionResults,
  describeCondition,
  evaluateConditions,
  normaliseConditionValues,
  type ConditionCheck,
  type NormalisedConditionValues,
} from './conditions';
import {
  ARN_SEGMENT_ORDER,
  firstDifference,
  segmentName,
  type ArnDifference,
  type ArnSegment,
} from './method-arn';
import { parsePolicy, statementName, type PolicyStatement } from './parse';
import { actionCovers, globMatches, isShorthandResource, resourceMatches, splitArn } from './wildcard';
import { msg, type Message, type Text } from '../../text';

export type Decision = 'allow' | 'implicit-deny' | 'explicit-deny' | 'invalid';
export type PolicySource = 'authorizer' | 'resource-policy';

export interface RequestContext {
  methodArn: string;
  /** 'anonymous' for unsigned callers (Lambda authorizer, NONE); an IAM ARN for SigV4 callers. Default 'anonymous'. */
  principal?: string;
  /** Condition-key values; see conditions.ts for null (known absent) vs undefined (unknown). Keys case-insensitive. */
  conditionValues?: Record<string, string | string[] | null | undefined>;
  /** Segments of `methodArn` that were guessed, not seen: a Resource that names them may or may not cover it. */
  guessedSegments?: readonly GuessedSegment[];
}

export type GuessedSegment = Extract<ArnSegment, 'region' | 'account'>;

export interface StatementRef {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  source: PolicySource;
  /** The statement as compact JSON. */
  text: string;
}

export interface StatementResult {
  statement: StatementRef;
  /** Action/NotAction covers execute-api:Invoke. */
  action: boolean;
  /** Resource/NotResource covers the method ARN. */
  resource: boolean;
  /** Resource policies only; authorizer statements have no Principal → true. */
  principal: boolean | 'unknown';
  conditions: ConditionCheck[];
  /** All of the above. */
  applies: 'yes' | 'no' | 'unknown';
  /** When the resource did not match: the closest Resource's first differing segment. */
  difference?: ReturnType<typeof firstDifference>;
}

export interface PolicyEvaluation {
  decision: Decision;
  source: PolicySource;
  /**
   * The statement that decided (first applying Deny, else first applying Allow); for an implicit deny caused by
   * an Allow whose condition or principal failed, that Allow.
   */
  statement?: StatementRef;
  /** Implicit deny: the condition that did not match; explicit deny: the condition that matched. */
  failedCondition?: ConditionCheck;
  /** One plain sentence. */
  reason: Message;
  /** Why the policy could not be read (decision 'invalid'). */
  problem?: Text;
  statements: StatementResult[];
  /**
   * Condition keys whose unknown value could change the decision; the decision given is the most restrictive
   * possible outcome (unknown Deny conditions taken as matching, unknown Allow conditions as not matching).
   */
  undetermined: string[];
  /** E.g. "statement #2 uses ForAnyValue:StringLike (not modelled)". */
  notModelled: Message[];
}

const ANONYMOUS = 'anonymous';
const ACCOUNT_ID = /^\d{12}$/;
const IAM_ROOT = /^arn:[\w-]+:iam::(?<account>\d{12}):root$/;
const IAM_ROLE = /^arn:[\w-]+:iam::(?<account>\d{12}):role\/(?:.*\/)?(?<name>[^/]+)$/;
const ASSUMED_ROLE = /^arn:[\w-]+:sts::(?<account>\d{12}):assumed-role\/(?<name>[^/]+)\/[^/]+$/;
const ARN_ACCOUNT = /^arn:[\w-]+:[\w-]+:[^:]*:(?<account>\d{12}):/;
const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const satisfies readonly (keyof PolicyStatement)[];

interface PrincipalMatch {
  result: boolean | 'unknown';
  /** What could not be modelled, e.g. "NotPrincipal". */
  unmodelled?: Text;
}

interface Evaluated {
  result: StatementResult;
  unmodelled: Message[];
  principalUnmodelled?: Text;
  /** A Resource whose answer rests on a guessed segment of the method ARN. */
  guessed?: ArnDifference;
}

/** "authorizer policy" or "resource policy", in the reader's language. */
export function policyName(source: PolicySource): Message {
  return msg(source === 'authorizer' ? 'policy.name.authorizer' : 'policy.name.resource-policy');
}

/** The statement as the subject that starts a sentence ("Statement #2 of the resource policy …"). */
function refStart(ref: StatementRef): Message {
  return ref.sid === undefined
    ? msg('policy.statement-start', { index: ref.index })
    : msg('policy.statement-sid-start', { index: ref.index, sid: ref.sid });
}

function statementText(statement: PolicyStatement): string {
  const compact: Record<string, unknown> = {};
  for (const key of STATEMENT_KEYS) {
    const value = statement[key];
    if (value === undefined) continue;
    compact[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return JSON.stringify(compact);
}

function callerAccount(caller: string): string | undefined {
  if (ACCOUNT_ID.test(caller)) return caller;
  return ARN_ACCOUNT.exec(caller)?.groups?.account;
}

function callerRole(caller: string): { account: string; name: string } | undefined {
  const groups = (ASSUMED_ROLE.exec(caller) ?? IAM_ROLE.exec(caller))?.groups;
  return groups ? { account: groups.account, name: groups.name } : undefined;
}

function awsPrincipalMatches(entry: string, caller: string): boolean {
  if (entry === '*') return true;
  if (caller === ANONYMOUS) return false;
  if (entry === caller) return true;
  const account = ACCOUNT_ID.test(entry) ? entry : IAM_ROOT.exec(entry)?.groups?.account;
  if (account !== undefined) return callerAccount(caller) === account;
  const role = IAM_ROLE.exec(entry)?.groups;
  const actualRole = callerRole(caller);
  // Role paths are not part of an assumed-role session ARN, so compare account + role name only.
  return (
    role !== undefined &&
    actualRole !== undefined &&
    role.account === actualRole.account &&
    role.name === actualRole.name
  );
}

function toStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function matchPrincipal(statement: PolicyStatement, caller: string): PrincipalMatch {
  if (statement.NotPrincipal !== undefined) return { result: 'unknown', unmodelled: 'NotPrincipal' };
  const principal = statement.Principal;
  if (principal === undefined) return { result: true };
  if (typeof principal === 'string') return { result: awsPrincipalMatches(principal, caller) };
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    return { result: false };
  }
  const entries = principal as Record<string, unknown>;
  if (toStringList(entries.AWS).some((entry) => awsPrincipalMatches(entry, caller))) return { result: true };
  const others = Object.keys(entries).filter((kind) => kind !== 'AWS');
  if (others.length > 0)
    return { result: 'unknown', unmodelled: msg('policy.principal.kinds', { kinds: others.join('/') }) };
  return { result: false };
}

function closestDifference(patterns: readonly string[], methodArn: string): ArnDifference | undefined {
  let best: ArnDifference | undefined;
  for (const pattern of patterns) {
    const difference = firstDifference(pattern, methodArn);
    if (!difference) continue;
    const rank = ARN_SEGMENT_ORDER.indexOf(difference.segment);
    if (!best || rank > ARN_SEGMENT_ORDER.indexOf(best.segment)) best = difference;
  }
  return best;
}

/** The first of a statement's Resource (or NotResource) patterns whose answer rests on a guess (`restsOnGuess`). */
function guessedResource(
  statement: PolicyStatement,
  methodArn: string,
  guessed: readonly GuessedSegment[],
): ArnDifference | undefined {
  for (const pattern of statement.Resource ?? statement.NotResource ?? []) {
    const difference = restsOnGuess(pattern, methodArn, guessed);
    if (difference) return difference;
  }
  return undefined;
}

/**
 * Where a Resource pattern's answer rests on a guessed segment of the method ARN: the pattern names that segment
 * (anything but `*`) and would cover the method ARN whatever the segment is. Undefined when the answer stands.
 */
function restsOnGuess(
  pattern: string,
  methodArn: string,
  guessed: readonly GuessedSegment[],
): ArnDifference | undefined {
  if (isShorthandResource(pattern)) return undefined;
  const pieces = splitArn(pattern);
  const actual = splitArn(methodArn);
  const named = guessed.filter((segment) => {
    const piece = pieces[GUESSED_PIECE[segment]];
    return piece !== undefined && piece !== '*';
  });
  if (named.length === 0 || !resourceMatches(freedPattern(pattern, named), methodArn)) return undefined;
  const differenceAt = (segment: GuessedSegment): ArnDifference => {
    const at = GUESSED_PIECE[segment];
    return { segment, expected: pieces[at], actual: actual[at] ?? '' };
  };
  // The segment where the guess makes a difference, when there is one.
  const differences = named.map(differenceAt);
  return differences.find((d) => !globMatches(d.expected, d.actual)) ?? differences[0];
}

/** The pattern with `*` for the segments given (a shorthand Resource names none). */
function freedPattern(pattern: string, segments: readonly GuessedSegment[]): string {
  if (isShorthandResource(pattern)) return pattern;
  const pieces = splitArn(pattern);
  for (const segment of segments)
    if (pieces[GUESSED_PIECE[segment]] !== undefined) pieces[GUESSED_PIECE[segment]] = '*';
  return pieces.join(':');
}

/** Where each segment that can be guessed stands among an ARN's colon-separated pieces. */
const GUESSED_PIECE: Record<GuessedSegment, number> = { region: 3, account: 4 };

function evaluateStatement(
  statement: PolicyStatement,
  index: number,
  methodArn: string,
  caller: string,
  values: NormalisedConditionValues,
  source: PolicySource,
  guessedSegments: readonly GuessedSegment[],
): Evaluated {
  const ref: StatementRef = { index, effect: statement.Effect, source, text: statementText(statement) };
  if (statement.Sid !== undefined) ref.sid = statement.Sid;
  const action = statement.Action
    ? statement.Action.some(actionCovers)
    : !(statement.NotAction ?? []).some(actionCovers);
  const covers = (pattern: string) => resourceMatches(pattern, methodArn);
  const resource = statement.Resource
    ? statement.Resource.some(covers)
    : !(statement.NotResource ?? []).some(covers);
  const principal: PrincipalMatch =
    source === 'resource-policy' ? matchPrincipal(statement, caller) : { result: true };
  const conditions = evaluateConditions(statement.Condition, values);
  const conditionResult = combineConditionResults(conditions);

  const guessed =
    guessedSegments.length > 0 ? guessedResource(statement, methodArn, guessedSegments) : undefined;

  let applies: StatementResult['applies'] = 'yes';
  if (!action || (!resource && !guessed) || principal.result === false || conditionResult === 'no-match')
    applies = 'no';
  else if (guessed || principal.result === 'unknown' || conditionResult === 'unknown') applies = 'unknown';

  const result: StatementResult = {
    statement: ref,
    action,
    resource,
    principal: principal.result,
    conditions,
    applies,
  };
  if (!resource && statement.Resource && !guessed) {
    // A guessed segment is no difference to report: the request's own may be what the pattern says.
    const patterns =
      guessedSegments.length > 0
        ? statement.Resource.map((pattern) => freedPattern(pattern, guessedSegments))
        : statement.Resource;
    const difference = closestDifference(patterns, methodArn);
    if (difference) result.difference = difference;
  }

  const unmodelled: Message[] = [];
  if (applies === 'unknown') {
    const statementRef = statementName({ index });
    if (principal.unmodelled) {
      unmodelled.push(msg('policy.not-modelled', { statement: statementRef, what: principal.unmodelled }));
    }
    for (const check of conditions) {
      if (check.result === 'not-modelled') {
        unmodelled.push(msg('policy.not-modelled', { statement: statementRef, what: check.operator }));
      }
    }
  }
  const item: Evaluated = { result, unmodelled };
  if (principal.unmodelled) item.principalUnmodelled = principal.unmodelled;
  if (guessed) item.guessed = guessed;
  return item;
}

function unresolvedCheck(result: StatementResult): ConditionCheck | undefined {
  return result.conditions.find((check) => check.result === 'unknown' || check.result === 'not-modelled');
}

function unknownKeys(results: readonly StatementResult[]): string[] {
  const keys: string[] = [];
  for (const result of results) {
    for (const check of result.conditions) {
      if (check.result === 'unknown' && !keys.includes(check.key)) keys.push(check.key);
    }
  }
  return keys;
}

/** Why a statement could not be resolved, e.g. "aws:SourceIp is unknown (IpAddress 10.0.0.0/8)". */
function unresolvedText(item: Evaluated): Message {
  const check = unresolvedCheck(item.result);
  if (check) return describeCondition(check);
  if (item.guessed) {
    const { segment, expected, actual } = item.guessed;
    return msg('policy.unresolved.guessed', { segment: segmentName(segment), expected, actual });
  }
  return msg('policy.unmodelled.principal', {
    principal: item.principalUnmodelled ?? msg('policy.principal.any'),
  });
}

function principalText(statement: PolicyStatement): string {
  return JSON.stringify(statement.Principal);
}

function differenceText(difference: ArnDifference): Message {
  const segment = segmentName(difference.segment);
  if (difference.expected === '') {
    return msg('policy.difference.stops', { segment, actual: difference.actual });
  }
  return msg('policy.difference.differs', {
    segment,
    expected: difference.expected,
    actual: difference.actual,
  });
}

interface Explanation {
  reason: Message;
  statement?: StatementRef;
  failedCondition?: ConditionCheck;
}

/** Explains an implicit deny through the Allow statement that came closest to applying. */
function explainImplicitDeny(
  results: readonly StatementResult[],
  statements: readonly PolicyStatement[],
  policy: Message,
  methodArn: string,
  caller: string,
): Explanation {
  const allows = results.filter((result) => result.statement.effect === 'Allow');
  if (allows.length === 0) return { reason: msg('policy.reason.no-allow', { policy }) };

  const reachable = allows.filter((result) => result.action && result.resource);
  const conditionFailed = reachable.find((result) => result.principal !== false);
  const failed = conditionFailed?.conditions.find((check) => check.result === 'no-match');
  if (conditionFailed && failed) {
    const ref = conditionFailed.statement;
    return {
      reason: msg('policy.reason.condition-failed', {
        statement: refStart(ref),
        policy,
        condition: describeCondition(failed),
      }),
      statement: ref,
      failedCondition: failed,
    };
  }
  const principalFailed = reachable.find((result) => result.principal === false);
  if (principalFailed) {
    const ref = principalFailed.statement;
    const allowed = principalText(statements[ref.index]);
    return {
      reason: msg('policy.reason.principal-failed', { statement: refStart(ref), policy, allowed, caller }),
      statement: ref,
    };
  }
  const resourceMissed = allows.filter((result) => result.action && !result.resource);
  if (resourceMissed.length > 0) {
    const closest = resourceMissed.reduce((best, result) => {
      const rank = (candidate: StatementResult) =>
        candidate.difference ? ARN_SEGMENT_ORDER.indexOf(candidate.difference.segment) : -1;
      return rank(result) > rank(best) ? result : best;
    });
    const detail = closest.difference
      ? differenceText(closest.difference)
      : msg('policy.difference.not-resource');
    return {
      reason: msg('policy.reason.resource-missed', {
        policy,
        methodArn,
        statement: statementName(closest.statement),
        detail,
      }),
    };
  }
  const first = allows[0];
  const actions = statements[first.statement.index].Action?.join(', ') ?? msg('policy.not-action-list');
  return {
    reason: msg('policy.reason.action-missed', {
      policy,
      statement: statementName(first.statement),
      actions,
    }),
  };
}

function decide(
  evaluated: readonly Evaluated[],
  statements: readonly PolicyStatement[],
  ctx: { source: PolicySource; methodArn: string; caller: string },
): PolicyEvaluation {
  const { source, methodArn, caller } = ctx;
  const policy = policyName(source);
  const results = evaluated.map((item) => item.result);
  const unmodelled = evaluated.flatMap((item) => item.unmodelled);
  // The common outcomes (allow, implicit deny) are written out rather than spread from `base`: an object spread
  // costs several times more than the rest of the evaluation of a one-statement policy.
  const base = { source, statements: results, notModelled: unmodelled };
  const withEffect = (effect: 'Allow' | 'Deny', applies: StatementResult['applies']) =>
    evaluated.filter((item) => item.result.statement.effect === effect && item.result.applies === applies);

  const denied = withEffect('Deny', 'yes')[0]?.result;
  if (denied) {
    const matched = denied.conditions.find((check) => check.result === 'match');
    const ref = denied.statement;
    const evaluation: PolicyEvaluation = {
      ...base,
      decision: 'explicit-deny',
      statement: ref,
      reason: matched
        ? msg('policy.reason.denies-condition', {
            statement: refStart(ref),
            policy,
            condition: describeCondition(matched),
          })
        : msg('policy.reason.denies', { statement: refStart(ref), policy, methodArn }),
      undetermined: [],
    };
    if (matched) evaluation.failedCondition = matched;
    return evaluation;
  }

  const allowed = withEffect('Allow', 'yes')[0]?.result;
  const maybeDenied = withEffect('Deny', 'unknown');
  const maybeAllowed = withEffect('Allow', 'unknown');
  if (maybeDenied.length > 0) {
    const relevant = allowed ? maybeDenied : [...maybeDenied, ...maybeAllowed];
    return { ...base, ...unresolved('explicit-deny', maybeDenied[0], relevant, policy) };
  }

  if (allowed) {
    return {
      source,
      statements: results,
      notModelled: unmodelled,
      decision: 'allow',
      statement: allowed.statement,
      reason: msg('policy.reason.allows', { statement: refStart(allowed.statement), policy, methodArn }),
      undetermined: [],
    };
  }

  if (maybeAllowed.length > 0) {
    return { ...base, ...unresolved('implicit-deny', maybeAllowed[0], maybeAllowed, policy) };
  }

  const { reason, statement, failedCondition } = explainImplicitDeny(
    results,
    statements,
    policy,
    methodArn,
    caller,
  );
  const evaluation: PolicyEvaluation = {
    source,
    statements: results,
    notModelled: unmodelled,
    decision: 'implicit-deny',
    undetermined: [],
    reason,
  };
  if (statement) evaluation.statement = statement;
  if (failedCondition) evaluation.failedCondition = failedCondition;
  return evaluation;
}

/**
 * The most restrictive decision when `first` may apply but a condition or principal of it could not be resolved: a
 * Deny that may apply is assumed to (explicit deny), an Allow that may apply is not (implicit deny). `relevant` are
 * the statements whose unknown keys could change it.
 */
function unresolved(
  decision: 'explicit-deny' | 'implicit-deny',
  first: Evaluated,
  relevant: readonly Evaluated[],
  policy: Message,
): Pick<PolicyEvaluation, 'decision' | 'statement' | 'reason' | 'undetermined' | 'failedCondition'> {
  const check = unresolvedCheck(first.result);
  return {
    decision,
    statement: first.result.statement,
    reason: msg(decision === 'explicit-deny' ? 'policy.reason.may-deny' : 'policy.reason.might-allow', {
      statement: refStart(first.result.statement),
      policy,
      unresolved: unresolvedText(first),
    }),
    undetermined: unknownKeys(relevant.map((item) => item.result)),
    ...(check ? { failedCondition: check } : {}),
  };
}

/**
 * Evaluates one policy (a Lambda authorizer's output or an API's resource policy) against a request:
 * any applying Deny → explicit deny; else any applying Allow → allow; else implicit deny.
 */
export function evaluatePolicy(policy: unknown, ctx: RequestContext, source: PolicySource): PolicyEvaluation {
  const name = policyName(source);
  const parsed = parsePolicy(policy);
  const empty = { source, statements: [], undetermined: [], notModelled: [] };
  if (!parsed.ok) {
    return {
      ...empty,
      decision: 'invalid',
      reason: msg('policy.reason.invalid', { policy: name, reason: parsed.reason }),
      problem: parsed.reason,
    };
  }
  const statements = parsed.policy.Statement;
  if (statements.length === 0) {
    return { ...empty, decision: 'implicit-deny', reason: msg('policy.reason.empty', { policy: name }) };
  }
  const caller = ctx.principal ?? ANONYMOUS;
  const values = normaliseConditionValues(ctx.conditionValues);
  const evaluated = statements.map((statement, index) =>
    evaluateStatement(statement, index, ctx.methodArn, caller, values, source, ctx.guessedSegments ?? []),
  );
  return decide(evaluated, statements, { source, methodArn: ctx.methodArn, caller });
}
