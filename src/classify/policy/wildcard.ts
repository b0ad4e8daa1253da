const REGEX_METACHARACTERS = /[.+^${}()|[\]\\]/g;
const SHORTHAND_PREFIX = 'execute-api:/';
const INVOKE_ACTION = 'execute-api:Invoke';
const ARN_SEGMENT_COUNT = 6;
const CACHE_LIMIT = 2048;

const regexCache = new Map<string, RegExp>();

/** Compiled patterns are kept because matching runs once per log line in a scanner. */
function cachedRegex(key: string, build: () => RegExp): RegExp {
  const hit = regexCache.get(key);
  if (hit) return hit;
  const regex = build();
  if (regexCache.size >= CACHE_LIMIT) {
    const oldest = regexCache.keys().next();
    if (!oldest.done) regexCache.delete(oldest.value);
  }
  regexCache.set(key, regex);
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(REGEX_METACHARACTERS, '\\$&');
}

function globSource(glob: string, star: string, single: string): string {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += star;
    else if (char === '?') source += single;
    else source += escapeRegex(char);
  }
  return source;
}

/**
 * Splits an ARN into its colon-separated segments. Everything after the fifth colon is the sixth segment
 * (`apiId/stage/verb/path` for execute-api), so a colon inside a request path stays in it.
 */
export function splitArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length <= ARN_SEGMENT_COUNT) return parts;
  return [...parts.slice(0, ARN_SEGMENT_COUNT - 1), parts.slice(ARN_SEGMENT_COUNT - 1).join(':')];
}

function arnRegexSource(pattern: string): string {
  const segments = splitArn(pattern);
  const last = segments.length - 1;
  const sources: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (index === ARN_SEGMENT_COUNT - 1) {
      sources.push(globSource(segment, '.*', '.'));
    } else if (index === last && segment.endsWith('*')) {
      // IAM lets a trailing `*` on the last segment given run across colons (`arn:aws:execute-api:*`).
      sources.push(`${globSource(segment.slice(0, -1), '[^:]*', '[^:]')}.*`);
    } else {
      sources.push(globSource(segment, '[^:]*', '[^:]'));
    }
  }
  return sources.join(':');
}

/** `*` matches any run of characters (including `/` and nothing), `?` exactly one; anchored. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const flags = ignoreCase ? 'si' : 's';
  const regex = cachedRegex(
    `g${flags}:${pattern}`,
    () => new RegExp(`^${globSource(pattern, '.*', '.')}$`, flags),
  );
  return regex.test(value);
}

/** IAM ARN matching (Resource, ArnLike/ArnEquals): each colon segment is globbed on its own. */
export function arnMatches(pattern: string, arn: string): boolean {
  const regex = cachedRegex(`a:${pattern}`, () => new RegExp(`^${arnRegexSource(pattern)}$`, 's'));
  return regex.test(arn);
}

/** `stage/verb/path` of an execute-api method ARN, or undefined when the ARN has no such part. */
function stageVerbPath(methodArn: string): string | undefined {
  const segments = splitArn(methodArn);
  if (segments.length !== ARN_SEGMENT_COUNT || segments[2] !== 'execute-api') return undefined;
  const resource = segments[ARN_SEGMENT_COUNT - 1];
  const slash = resource.indexOf('/');
  return slash < 0 ? undefined : resource.slice(slash + 1);
}

export function isShorthandResource(pattern: string): boolean {
  return pattern.startsWith(SHORTHAND_PREFIX);
}

/** The `{rest}` of a resource-policy shorthand `execute-api:/{rest}`. */
export function shorthandRest(pattern: string): string {
  return pattern.slice(SHORTHAND_PREFIX.length);
}

/**
 * Does a policy Resource cover a method ARN? Supports full ARNs with IAM wildcards and the resource-policy
 * shorthand `execute-api:/{stage}/{verb}/{path}`, which stands for the API being called.
 */
export function resourceMatches(pattern: string, methodArn: string): boolean {
  if (isShorthandResource(pattern)) {
    const rest = stageVerbPath(methodArn);
    return rest !== undefined && globMatches(shorthandRest(pattern), rest);
  }
  return arnMatches(pattern, methodArn);
}

/** Does an Action entry cover `execute-api:Invoke`? IAM compares action names case-insensitively. */
export function actionCovers(action: string): boolean {
  return globMatches(action, INVOKE_ACTION, true);
}
