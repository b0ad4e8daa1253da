/**
 * A stage's access-log format, read for what it lets why403 see: the `$context` variables it writes, whether it
 * is JSON, and, for what it lacks, the same format with the missing variables added (copy-ready). JSON formats
 * get new keys before their closing brace; CLF- or CSV-like formats get the variables appended.
 */

/**
 * `source-ip` and `vpce`: the caller's address and VPC endpoint, which a resource policy's aws:SourceIp or
 * aws:SourceVpce condition (or a private API) is judged by; no other record of a request carries them.
 */
export type VariableGroup = 'core' | 'authorizer' | 'waf' | 'source-ip' | 'vpce';

export interface RequiredVariable {
  /** Without `$context.`. */
  variable: string;
  /** The JSON key it gets in a suggested format (one why403's access-log reader knows). */
  key: string;
  group: VariableGroup;
}

export const REQUIRED_VARIABLES: readonly RequiredVariable[] = [
  { variable: 'requestId', key: 'requestId', group: 'core' },
  { variable: 'status', key: 'status', group: 'core' },
  { variable: 'error.responseType', key: 'responseType', group: 'core' },
  { variable: 'authorizer.error', key: 'authorizerError', group: 'authorizer' },
  { variable: 'authorizer.status', key: 'authorizerStatus', group: 'authorizer' },
  { variable: 'authorizer.principalId', key: 'principalId', group: 'authorizer' },
  { variable: 'authorizer.requestId', key: 'authorizerRequestId', group: 'authorizer' },
  { variable: 'authorizer.integrationStatus', key: 'authorizerIntegrationStatus', group: 'authorizer' },
  { variable: 'waf.error', key: 'wafError', group: 'waf' },
  { variable: 'waf.status', key: 'wafStatus', group: 'waf' },
  { variable: 'wafResponseCode', key: 'wafResponseCode', group: 'waf' },
  { variable: 'identity.sourceIp', key: 'ip', group: 'source-ip' },
  { variable: 'identity.vpceId', key: 'vpceId', group: 'vpce' },
];

/** Fields a new format carries besides the required ones: to rebuild the method ARN and judge the caller. */
const CONTEXT_FIELDS: readonly RequiredVariable[] = [
  { variable: 'extendedRequestId', key: 'extendedRequestId', group: 'core' },
  { variable: 'requestTime', key: 'requestTime', group: 'core' },
  { variable: 'httpMethod', key: 'httpMethod', group: 'core' },
  { variable: 'resourcePath', key: 'resourcePath', group: 'core' },
  { variable: 'path', key: 'path', group: 'core' },
  { variable: 'identity.sourceIp', key: 'ip', group: 'core' },
  { variable: 'identity.vpceId', key: 'vpceId', group: 'core' },
  { variable: 'error.message', key: 'errorMessage', group: 'core' },
  // What the backend (or the Lambda function's code) answered: a 401/403 of its own, passed through, is no
  // authorization failure of API Gateway's.
  { variable: 'integration.status', key: 'integrationStatus', group: 'core' },
];

export interface FormatAnalysis {
  kind: 'json' | 'text' | 'invalid-json';
  /** Every `$context` variable the format writes, without the prefix. */
  variables: string[];
  missing: RequiredVariable[];
  /** The format with the missing variables added; a complete new JSON format when the JSON was invalid. */
  suggested: string;
}

const VARIABLE_SOURCE = String.raw`\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)`;
const VARIABLE = new RegExp(VARIABLE_SOURCE, 'g');
/** The same, matching only where lastIndex points. */
const VARIABLE_HERE = new RegExp(VARIABLE_SOURCE, 'y');

export function analyseFormat(format: string, groups: readonly VariableGroup[]): FormatAnalysis {
  const variables = [...new Set([...format.matchAll(VARIABLE)].map((match) => match[1]))];
  const missing = REQUIRED_VARIABLES.filter(
    (required) => groups.includes(required.group) && !variables.includes(required.variable),
  );
  const trimmed = format.trim();
  if (!trimmed.startsWith('{')) {
    return { kind: 'text', variables, missing, suggested: appendToText(format, missing) };
  }
  const keys = jsonKeys(trimmed);
  if (!keys) return { kind: 'invalid-json', variables, missing, suggested: recommendedFormat(groups) };
  return { kind: 'json', variables, missing, suggested: appendToJson(trimmed, missing, keys) };
}

/** A complete JSON access-log format for a stage that has none. */
export function recommendedFormat(groups: readonly VariableGroup[]): string {
  const required = REQUIRED_VARIABLES.filter((v) => groups.includes(v.group));
  const context = CONTEXT_FIELDS.filter((v) => !required.some((r) => r.variable === v.variable));
  const fields = [...required, ...context];
  return `{${fields.map((field) => `"${field.key}":"$context.${field.variable}"`).join(',')}}`;
}

/**
 * The top-level keys of a JSON format, or undefined when it is not JSON. Variables may stand unquoted where a
 * number goes (`"status":$context.status`), so they are replaced by a number outside strings before parsing.
 */
function jsonKeys(format: string): Set<string> | undefined {
  let inString = false;
  let text = '';
  for (let i = 0; i < format.length; i++) {
    const char = format[i];
    if (char === '"' && format[i - 1] !== '\\') inString = !inString;
    VARIABLE_HERE.lastIndex = i;
    const variable = !inString && char === '$' ? VARIABLE_HERE.exec(format) : null;
    if (variable) {
      text += '0';
      i += variable[0].length - 1;
    } else {
      text += char;
    }
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return new Set(Object.keys(parsed));
  } catch {
    return undefined;
  }
}

function appendToJson(format: string, missing: readonly RequiredVariable[], keys: Set<string>): string {
  if (missing.length === 0) return format;
  const additions = missing.map((field) => {
    let key = field.key;
    for (let n = 2; keys.has(key); n++) key = `${field.key}${n}`;
    keys.add(key);
    return `"${key}":"$context.${field.variable}"`;
  });
  const body = format.slice(0, format.lastIndexOf('}')).trimEnd();
  const separator = body.endsWith('{') ? '' : ',';
  return `${body}${separator}${additions.join(',')}}`;
}

function appendToText(format: string, missing: readonly RequiredVariable[]): string {
  if (missing.length === 0) return format;
  const separator = format.includes(',') && !/\s/.test(format.trim()) ? ',' : ' ';
  return `${format.trimEnd()}${missing.map((field) => `${separator}$context.${field.variable}`).join('')}`;
}
