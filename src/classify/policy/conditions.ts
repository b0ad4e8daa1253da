import ipaddr from 'ipaddr.js';
import type { ConditionValue, PolicyStatement } from './parse';
import { arnMatches, globMatches } from './wildcard';
import { msg, type Message, type Text } from '../../text';
import type { MessageId } from '../../render/messages';

export type ConditionResult = 'match' | 'no-match' | 'unknown' | 'not-modelled';

export interface ConditionCheck {
  operator: string;
  /** As written in the policy. */
  key: string;
  expected: string[];
  /** string[] = known value, null = known absent, undefined = unknown. */
  actual: string[] | null | undefined;
  result: ConditionResult;
}

/** Caller-supplied values: null = known absent, undefined or missing = unknown. Keys are case-insensitive. */
export type ConditionValues = Record<string, string | string[] | null | undefined>;

/** Condition values after key folding; a key missing from the map is unknown. */
export type NormalisedConditionValues = ReadonlyMap<string, string[] | null>;

type Family = 'string' | 'string-ignore-case' | 'like' | 'ip' | 'arn' | 'bool' | 'null';

interface OperatorSpec {
  family: Family;
  negated: boolean;
}

interface ParsedOperator extends OperatorSpec {
  ifExists: boolean;
}

const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map([
  ['StringEquals', { family: 'string', negated: false }],
  ['StringNotEquals', { family: 'string', negated: true }],
  ['StringEqualsIgnoreCase', { family: 'string-ignore-case', negated: false }],
  ['StringNotEqualsIgnoreCase', { family: 'string-ignore-case', negated: true }],
  ['StringLike', { family: 'like', negated: false }],
  ['StringNotLike', { family: 'like', negated: true }],
  ['IpAddress', { family: 'ip', negated: false }],
  ['NotIpAddress', { family: 'ip', negated: true }],
  ['ArnEquals', { family: 'arn', negated: false }],
  ['ArnLike', { family: 'arn', negated: false }],
  ['ArnNotEquals', { family: 'arn', negated: true }],
  ['ArnNotLike', { family: 'arn', negated: true }],
  ['Bool', { family: 'bool', negated: false }],
  ['Null', { family: 'null', negated: false }],
]);

const IF_EXISTS = 'IfExists';
const POLICY_VARIABLE = '${';
const RANGE_CACHE_LIMIT = 1024;

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type IpRange = [IpAddress, number];

const rangeCache = new Map<string, IpRange | null>();

function parseOperator(operator: string): ParsedOperator | undefined {
  // Set qualifiers (ForAnyValue:/ForAllValues:) are not modelled.
  if (operator.includes(':')) return undefined;
  const ifExists = operator.endsWith(IF_EXISTS) && operator !== IF_EXISTS;
  const base = ifExists ? operator.slice(0, -IF_EXISTS.length) : operator;
  const spec = OPERATORS.get(base);
  if (!spec || (ifExists && spec.family === 'null')) return undefined;
  return { ...spec, ifExists };
}

function parseIp(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed);
  if (ipaddr.IPv6.isValid(trimmed)) return ipaddr.IPv6.parse(trimmed);
  return undefined;
}

function parseRange(text: string): IpRange | undefined {
  const trimmed = text.trim();
  if (!trimmed.includes('/')) {
    const address = parseIp(trimmed);
    if (!address) return undefined;
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)) return ipaddr.IPv4.parseCIDR(trimmed);
  if (ipaddr.IPv6.isValidCIDR(trimmed)) return ipaddr.IPv6.parseCIDR(trimmed);
  return undefined;
}

function cachedRange(text: string): IpRange | undefined {
  const hit = rangeCache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const range = parseRange(text);
  if (rangeCache.size >= RANGE_CACHE_LIMIT) {
    const oldest = rangeCache.keys().next();
    if (!oldest.done) rangeCache.delete(oldest.value);
  }
  rangeCache.set(text, range ?? null);
  return range;
}

function ipInRange(rangeText: string, address: IpAddress): boolean {
  const range = cachedRange(rangeText);
  // ipaddr.js throws when kinds differ; an IPv4 caller is never inside an IPv6 range and vice versa.
  if (!range || range[0].kind() !== address.kind()) return false;
  return address.match(range);
}

function valueMatches(family: Family, expected: string, actual: string): boolean {
  switch (family) {
    case 'string':
      return expected === actual;
    case 'string-ignore-case':
    case 'bool':
      return expected.toLowerCase() === actual.toLowerCase();
    case 'like':
      return globMatches(expected, actual);
    case 'arn':
      return arnMatches(expected, actual);
    case 'ip':
    case 'null':
      return false;
  }
}

function evaluateNull(expected: string[], actual: string[] | null | undefined): ConditionResult {
  const wanted = expected.map((value) => value.toLowerCase());
  if (wanted.some((value) => value !== 'true' && value !== 'false')) return 'not-modelled';
  if (actual === undefined) return 'unknown';
  const absent = actual === null;
  return wanted.includes(absent ? 'true' : 'false') ? 'match' : 'no-match';
}

function evaluateIp(operator: ParsedOperator, expected: string[], actual: string[]): ConditionResult {
  const addresses: IpAddress[] = [];
  for (const value of actual) {
    const address = parseIp(value);
    // An unreadable caller IP is not evidence either way.
    if (!address) return 'unknown';
    addresses.push(address);
  }
  const related = addresses.some((address) => expected.some((range) => ipInRange(range, address)));
  return related !== operator.negated ? 'match' : 'no-match';
}

function evaluateOperator(operator: ParsedOperator, expected: string[], actual: string[] | null | undefined) {
  if (operator.family === 'null') return evaluateNull(expected, actual);
  const usesVariables = operator.family !== 'ip' && expected.some((value) => value.includes(POLICY_VARIABLE));
  if (usesVariables) return 'not-modelled';
  if (actual === undefined) return 'unknown';
  // IAM: a missing key fails the condition, except for negated operators and …IfExists.
  if (actual === null) return operator.negated || operator.ifExists ? 'match' : 'no-match';
  if (operator.family === 'ip') return evaluateIp(operator, expected, actual);
  const related = actual.some((value) =>
    expected.some((wanted) => valueMatches(operator.family, wanted, value)),
  );
  return related !== operator.negated ? 'match' : 'no-match';
}

function toStrings(value: ConditionValue): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Folds keys to lower case; undefined values are dropped because they mean "unknown". */
export function normaliseConditionValues(values: ConditionValues | undefined): NormalisedConditionValues {
  const normalised = new Map<string, string[] | null>();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined) continue;
    const list = value === null ? null : Array.isArray(value) ? [...value] : [value];
    normalised.set(key.toLowerCase(), list !== null && list.length === 0 ? null : list);
  }
  return normalised;
}

function isNormalised(
  values: ConditionValues | NormalisedConditionValues | undefined,
): values is NormalisedConditionValues {
  return values instanceof Map;
}

/** One check per (operator, key) pair of a statement's Condition block. */
export function evaluateConditions(
  condition: PolicyStatement['Condition'],
  values: ConditionValues | NormalisedConditionValues | undefined,
): ConditionCheck[] {
  if (!condition) return [];
  const context = isNormalised(values) ? values : normaliseConditionValues(values);
  const checks: ConditionCheck[] = [];
  for (const [operatorName, keys] of Object.entries(condition)) {
    const operator = parseOperator(operatorName);
    for (const [key, value] of Object.entries(keys)) {
      const expected = toStrings(value);
      const known = context.get(key.toLowerCase());
      const actual = known === undefined ? undefined : known === null ? null : [...known];
      const result = operator ? evaluateOperator(operator, expected, actual) : 'not-modelled';
      checks.push({ operator: operatorName, key, expected, actual, result });
    }
  }
  return checks;
}

/** All checks are ANDed: any no-match decides; otherwise anything unresolved leaves the block unknown. */
export function combineConditionResults(checks: readonly ConditionCheck[]): 'match' | 'no-match' | 'unknown' {
  if (checks.some((check) => check.result === 'no-match')) return 'no-match';
  if (checks.some((check) => check.result === 'unknown' || check.result === 'not-modelled')) return 'unknown';
  return 'match';
}

type Relation = 'equals' | 'matches' | 'in' | 'is';

const RELATIONS: Record<Family, Relation> = {
  string: 'equals',
  'string-ignore-case': 'equals',
  like: 'matches',
  arn: 'matches',
  ip: 'in',
  bool: 'is',
  null: 'is',
};

const RELATION_MESSAGES: Record<Relation, readonly [MessageId, MessageId]> = {
  equals: ['policy.condition.equals', 'policy.condition.not-equals'],
  matches: ['policy.condition.matches', 'policy.condition.not-matches'],
  in: ['policy.condition.in', 'policy.condition.not-in'],
  is: ['policy.condition.is', 'policy.condition.is-not'],
};

function listValues(values: readonly string[]): Text {
  return values.length === 1 ? values[0] : msg('policy.condition.any-of', { values: values.join(', ') });
}

/** Short clause such as "aws:SourceIp 203.0.113.9 is not in 10.0.0.0/8 (NotIpAddress)". */
export function describeCondition(check: ConditionCheck): Message {
  const { operator, key, expected, actual, result } = check;
  const parsed = parseOperator(operator);
  const wanted = listValues(expected);
  if (result === 'not-modelled' || !parsed) return msg('policy.condition.not-modelled', { operator, key });
  if (actual === undefined) return msg('policy.condition.unknown', { key, operator, expected: wanted });
  if (actual === null) return msg('policy.condition.absent', { key, operator, expected: wanted });
  if (parsed.family === 'null') {
    return msg('policy.condition.present', { key, actual: actual.join(', '), operator, expected: wanted });
  }
  const values = actual.join(', ');
  if (result === 'unknown') {
    return msg('policy.condition.unreadable', { key, actual: values, operator, expected: wanted });
  }
  const related = (result === 'match') !== parsed.negated;
  const [yes, no] = RELATION_MESSAGES[RELATIONS[parsed.family]];
  return msg(related ? yes : no, { key, actual: values, expected: wanted, operator });
}
