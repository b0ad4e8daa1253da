const SHORTHAND_PREFIX = 'execute-api:/';
const INVOKE_ACTION = 'execute-api:Invoke';
const ARN_SEGMENT_COUNT = 6;
const STAR = 42; // *
const ANY_ONE = 63; // ?

/**
 * Splits an ARN into its colon-separated segments. Everything after the fifth colon is the sixth segment
 * (`apiId/stage/verb/path` for execute-api), so a colon inside a request path stays in it.
 */
export function splitArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length <= ARN_SEGMENT_COUNT) return parts;
  return [...parts.slice(0, ARN_SEGMENT_COUNT - 1), parts.slice(ARN_SEGMENT_COUNT - 1).join(':')];
}

/**
 * `*` matches any run of characters (including `/` and nothing), `?` exactly one; the whole value. Matched without
 * a regular expression: a value that does not fit (a request path is the caller's to choose) is rejected in time
 * proportional to the two lengths' product at worst, where a pattern of one `.*` per star backtracks without bound.
 */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return ignoreCase
    ? wildcardMatch(pattern.toLowerCase(), value.toLowerCase())
    : wildcardMatch(pattern, value);
}

/** The classic two-pointer wildcard match: on a mismatch, only the last star takes one more character. */
function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === ANY_ONE || c === value.charCodeAt(v)) && c !== STAR) {
      p++;
      v++;
    } else if (c === STAR) {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/**
 * IAM ARN matching (Resource, ArnLike/ArnEquals): each of the first five colon segments is globbed on its own (a
 * star never crosses a colon there), the sixth whole, colons and all; a pattern that stops before the sixth
 * segment with a trailing `*` lets it run across colons (`arn:aws:execute-api:*`).
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const want = splitArn(pattern);
  const have = splitArn(arn);
  const last = want.length - 1;
  const runsOn = last < ARN_SEGMENT_COUNT - 1 && want[last].endsWith('*');
  if (runsOn ? have.length <= last : have.length !== want.length) return false;
  return want.every((segment, i) => globMatches(segment, have[i]));
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
