import type { AccessLogFacts } from './types';

/**
 * Access logs use a format the API owner chose, so field names vary (`status`, `statusCode`,
 * `error.responseType`, `$context.error.responseType`, `errorResponseType`, …). Names are folded (lower case,
 * no punctuation, no `$context`) and looked up in one alias table. API Gateway writes `-` for empty variables.
 */

type NumberKey = 'status' | 'integrationStatus';
type FactKey = Exclude<keyof AccessLogFacts, 'raw' | NumberKey>;

const ALIASES: Record<string, FactKey | NumberKey> = {
  requestid: 'requestId',
  extendedrequestid: 'extendedRequestId',
  status: 'status',
  statuscode: 'status',
  httpstatus: 'status',
  integrationstatus: 'integrationStatus',
  functionresponsestatus: 'integrationStatus',
  errorresponsetype: 'responseType',
  responsetype: 'responseType',
  errormessage: 'errorMessage',
  errormessagestring: 'errorMessage',
  httpmethod: 'httpMethod',
  method: 'httpMethod',
  resourcepath: 'resourcePath',
  path: 'path',
  requestpath: 'path',
  stage: 'stage',
  identitysourceip: 'sourceIp',
  sourceip: 'sourceIp',
  ip: 'sourceIp',
  clientip: 'sourceIp',
  identityvpceid: 'vpceId',
  vpceid: 'vpceId',
  identityuserarn: 'userArn',
  userarn: 'userArn',
  identitycaller: 'caller',
  caller: 'caller',
  identityaccountid: 'accountId',
  accountid: 'accountId',
  identityapikeyid: 'apiKeyId',
  apikeyid: 'apiKeyId',
  authorizerprincipalid: 'principalId',
  principalid: 'principalId',
  authorizerstatus: 'authorizerStatus',
  authorizererror: 'authorizerError',
  authorizerintegrationstatus: 'authorizerIntegrationStatus',
  authorizerrequestid: 'authorizerRequestId',
  authorizestatus: 'authorizeStatus',
  authorizeerror: 'authorizeError',
  wafstatus: 'wafStatus',
  wafresponsecode: 'wafResponseCode',
  webaclarn: 'webAclArn',
  requesttime: 'requestTime',
};

export function readAccessLog(record: unknown): AccessLogFacts | undefined {
  const object = toRecord(record);
  if (!object) return undefined;
  const found: Partial<Record<FactKey | NumberKey, string>> = {};
  for (const [key, value] of flatten(object)) {
    const fact = ALIASES[foldKey(key)];
    const text = toText(value);
    if (fact && text !== undefined) found[fact] ??= text;
  }
  const { status, integrationStatus, ...text } = found;
  return { raw: object, ...text, status: statusOf(status), integrationStatus: statusOf(integrationStatus) };
}

/**
 * The record holds `$context.<variable>` (dotted, e.g. `authorizer.requestId`, under any name the alias table reads
 * as it) only as `-` or empty: the format logs it and API Gateway did not set it for this request. A variable the
 * record does not hold is unknown, not unset.
 */
export function loggedUnset(facts: AccessLogFacts, variable: string): boolean {
  const wanted = foldKey(variable);
  const fact = ALIASES[wanted];
  let unset = false;
  for (const [key, value] of flatten(facts.raw)) {
    const folded = foldKey(key);
    if (folded !== wanted && (fact === undefined || ALIASES[folded] !== fact)) continue;
    if (toText(value) !== undefined) return false;
    if (typeof value === 'string') unset = true;
  }
  return unset;
}

function statusOf(text: string | undefined): number | undefined {
  const status = Number(text);
  return text !== undefined && Number.isInteger(status) ? status : undefined;
}

function toRecord(record: unknown): Record<string, unknown> | undefined {
  if (typeof record === 'string') {
    try {
      return toRecord(JSON.parse(record));
    } catch {
      return undefined;
    }
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  return record as Record<string, unknown>;
}

/** How deep a nested format is read: `$context` variables nest two or three levels; a hostile record, thousands. */
const MAX_DEPTH = 8;

/** Nested formats (`{"error": {"responseType": …}}`) become dotted keys. */
function* flatten(object: Record<string, unknown>, prefix = '', depth = 0): Generator<[string, unknown]> {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (depth < MAX_DEPTH) yield* flatten(value as Record<string, unknown>, name, depth + 1);
    } else {
      yield [name, value];
    }
  }
}

function foldKey(key: string): string {
  return key
    .replace(/^\$?context\./i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '-' ? undefined : trimmed;
}

/** A format value that is one `$context` variable and nothing else. */
const ONE_VARIABLE = /^\s*\$(context(?:\.[A-Za-z0-9_]+)+)\s*$/;

/**
 * A JSON record keyed by the `$context` variable each field holds, as the stage's JSON format maps them
 * (`{"why":"$context.error.responseType"}` → `context.error.responseType`), so that an owner's own field names are
 * read as what they are. The variable-named fields come first, so that they win over a field whose own name only
 * looks like a fact; fields the format does not map to one variable stay as they are. A format that is not JSON
 * leaves the record as it is (text formats are already read by variable).
 */
export function keyedByFormat(
  record: Record<string, unknown>,
  format: string | undefined,
): Record<string, unknown> {
  const parsed = format === undefined ? undefined : toRecord(format);
  if (!parsed) return record;
  const variables = new Map<string, string>();
  for (const [key, value] of flatten(parsed)) {
    const variable = typeof value === 'string' ? ONE_VARIABLE.exec(value)?.[1] : undefined;
    if (variable) variables.set(key, variable);
  }
  if (variables.size === 0) return record;
  const byVariable: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of flatten(record)) {
    const variable = variables.get(key);
    if (variable) byVariable[variable] ??= value;
    else rest[key] = value;
  }
  return { ...byVariable, ...rest };
}
