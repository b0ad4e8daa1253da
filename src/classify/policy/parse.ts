import { msg, type Message, type Text } from '../../text';
import { isRecord } from '../../json';

export type ConditionValue = string | string[] | boolean | number;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, ConditionValue>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

export type PolicyParseResult = { ok: true; policy: PolicyDocument } | { ok: false; reason: Text };

type Failure = { ok: false; reason: Text };
type Result<T> = { ok: true; value: T } | Failure;

/** The wire value may be a JSON string of a JSON string; three levels is more than any real source uses. */
const MAX_STRING_DECODES = 3;

function fail(reason: Text): Failure {
  return { ok: false, reason };
}

function tryJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail(msg('policy.parse.not-json'));
  }
}

/** Plain JSON first, then the double-escaped form GetRestApi returns (`{\"Version\":…}` with `\/`). */
function decodeText(text: string): Result<unknown> {
  const trimmed = text.trim();
  const plain = tryJson(trimmed);
  if (plain.ok) return plain;
  const unescaped = tryJson(`"${trimmed}"`);
  const decoded = unescaped.ok && typeof unescaped.value === 'string' ? tryJson(unescaped.value) : unescaped;
  return decoded.ok ? decoded : fail(msg('policy.parse.invalid-json'));
}

function decodeDocument(input: unknown, decodes: number): Result<Record<string, unknown>> {
  if (typeof input === 'string') {
    if (decodes >= MAX_STRING_DECODES) return fail(msg('policy.parse.too-deep'));
    const decoded = decodeText(input);
    return decoded.ok ? decodeDocument(decoded.value, decodes + 1) : decoded;
  }
  if (input === undefined || input === null) return fail(msg('policy.parse.none'));
  if (!isRecord(input)) return fail(msg('policy.parse.not-object'));
  // Lambda authorizer output: { principalId, policyDocument, context }.
  if ('policyDocument' in input && !('Statement' in input)) {
    if (input.policyDocument === undefined || input.policyDocument === null) {
      return fail(msg('policy.parse.no-policy-document'));
    }
    return decodeDocument(input.policyDocument, decodes);
  }
  return { ok: true, value: input };
}

function stringList(
  raw: Record<string, unknown>,
  field: string,
  label: Message,
): Result<string[] | undefined> {
  const value = raw[field];
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value: [value] };
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return { ok: true, value: [...(value as string[])] };
  }
  return fail(msg('policy.parse.string-list', { statement: label, field }));
}

function isConditionValue(value: unknown): value is ConditionValue {
  const scalar = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item);
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

function conditionBlock(raw: unknown, label: Message): Result<PolicyStatement['Condition']> {
  if (raw === undefined) return { ok: true, value: undefined };
  const invalid = fail(msg('policy.parse.condition', { statement: label }));
  if (!isRecord(raw)) return invalid;
  for (const keys of Object.values(raw)) {
    if (!isRecord(keys) || !Object.values(keys).every(isConditionValue)) return invalid;
  }
  return { ok: true, value: raw as PolicyStatement['Condition'] };
}

function pickOne(
  raw: Record<string, unknown>,
  label: Message,
  field: string,
  notField: string,
): Result<{ field?: string[]; notField?: string[] }> {
  const positive = stringList(raw, field, label);
  if (!positive.ok) return positive;
  const negative = stringList(raw, notField, label);
  if (!negative.ok) return negative;
  if (positive.value && negative.value)
    return fail(msg('policy.parse.both', { statement: label, field, notField }));
  if (!positive.value && !negative.value)
    return fail(msg('policy.parse.neither', { statement: label, field, notField }));
  return { ok: true, value: { field: positive.value, notField: negative.value } };
}

/** "statement #2" or "statement #2 (Sid DenyOthers)". */
export function statementName(ref: { index: number; sid?: string }): Message {
  return ref.sid === undefined
    ? msg('policy.statement', { index: ref.index })
    : msg('policy.statement-sid', { index: ref.index, sid: ref.sid });
}

function normaliseStatement(raw: unknown, index: number): Result<PolicyStatement> {
  if (!isRecord(raw))
    return fail(msg('policy.parse.statement-not-object', { statement: statementName({ index }) }));
  const sid = typeof raw.Sid === 'string' || typeof raw.Sid === 'number' ? String(raw.Sid) : undefined;
  const label = statementName({ index, sid });
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    const got = JSON.stringify(effect) ?? msg('policy.parse.nothing');
    return fail(msg('policy.parse.effect', { statement: label, effect: got }));
  }
  const actions = pickOne(raw, label, 'Action', 'NotAction');
  if (!actions.ok) return actions;
  const resources = pickOne(raw, label, 'Resource', 'NotResource');
  if (!resources.ok) return resources;
  const condition = conditionBlock(raw.Condition, label);
  if (!condition.ok) return condition;

  const statement: PolicyStatement = { Effect: effect };
  if (sid !== undefined) statement.Sid = sid;
  if (actions.value.field) statement.Action = actions.value.field;
  if (actions.value.notField) statement.NotAction = actions.value.notField;
  if (resources.value.field) statement.Resource = resources.value.field;
  if (resources.value.notField) statement.NotResource = resources.value.notField;
  if (raw.Principal !== undefined) statement.Principal = raw.Principal;
  if (raw.NotPrincipal !== undefined) statement.NotPrincipal = raw.NotPrincipal;
  if (condition.value) statement.Condition = condition.value;
  return { ok: true, value: statement };
}

/**
 * Accepts a policy object, its JSON text, the double-escaped `policy` string of GetRestApi, or a Lambda
 * authorizer output `{principalId, policyDocument}`, and returns the policy in normalised form.
 */
export function parsePolicy(input: unknown): PolicyParseResult {
  const decoded = decodeDocument(input, 0);
  if (!decoded.ok) return decoded;
  const document = decoded.value;
  const rawStatements = document.Statement;
  if (rawStatements === undefined) return fail(msg('policy.parse.no-statement'));
  if (!Array.isArray(rawStatements) && !isRecord(rawStatements)) {
    return fail(msg('policy.parse.statement-shape'));
  }
  const statements: PolicyStatement[] = [];
  for (const [index, raw] of (Array.isArray(rawStatements) ? rawStatements : [rawStatements]).entries()) {
    const statement = normaliseStatement(raw, index);
    if (!statement.ok) return statement;
    statements.push(statement.value);
  }
  const policy: PolicyDocument =
    typeof document.Version === 'string'
      ? { Version: document.Version, Statement: statements }
      : { Statement: statements };
  return { ok: true, policy };
}
