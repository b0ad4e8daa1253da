// Header, JSON and query-string names whose values are credentials. Compared after normalize().
const EXACT_KEYS = new Set([
  'cookie',
  'setcookie',
  'xapikey',
  'apikey',
  'usageidentifierkey',
  'auth',
  'xauth',
]);
const KEY_FRAGMENTS = ['token', 'secret', 'passw'];
const NEVER_SENSITIVE = new Set(['principalid']);
// `Proxy-Authorization`, `x-amzn-Remapped-Authorization`; but not `authorizationType`.
const AUTHORIZATION_HEADER = /authorization$/;
// `MissingAuthenticationTokenException:http://…` names an error, not a credential.
const ERROR_NAME = /(?:exception|error|errortype)$/;
// Extra names that carry secrets only in a query string (`?code=` is an OAuth code, `?sig=` a SAS signature).
const QUERY_ONLY_KEYS = new Set(['code', 'sig', 'signature', 'xamzsignature', 'key', 'jwt']);

/**
 * Regex sources that find candidate keys in text; replacers confirm them with isSensitiveKey(), which holds
 * the exceptions. Dotted prefixes (`method.request.header.Authorization`) belong to the key. Quantifiers are
 * bounded so that a long word costs linear time, not quadratic.
 */
export const SENSITIVE_KEY_SOURCE = String.raw`(?:[\w-]{1,64}\.){0,8}(?:[\w-]{0,64}(?:token|secret|passw)[\w-]{0,64}|[\w-]{0,64}authorization|(?:set[-_]?)?cookie|(?:x[-_]?)?api[-_]?key|usage[-_]?identifier[-_]?key|(?:x[-_]?)?auth)`;
export const SENSITIVE_QUERY_KEY_SOURCE = String.raw`(?:${SENSITIVE_KEY_SOURCE}|code|sig|(?:x-amz-)?signature|key|jwt)`;

export function isSensitiveKey(key: string): boolean {
  const name = normalize(key);
  if (NEVER_SENSITIVE.has(name) || ERROR_NAME.test(name)) return false;
  if (EXACT_KEYS.has(name) || AUTHORIZATION_HEADER.test(name)) return true;
  return KEY_FRAGMENTS.some((fragment) => name.includes(fragment));
}

export function isSensitiveQueryKey(key: string): boolean {
  return isSensitiveKey(key) || QUERY_ONLY_KEYS.has(normalize(key));
}

function normalize(key: string): string {
  const lastSegment = key.slice(key.lastIndexOf('.') + 1);
  return lastSegment.toLowerCase().replace(/[-_\s]/g, '');
}
