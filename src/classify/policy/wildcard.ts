import { splitInto } from '../../split';

const SHORTHAND_PREFIX = 'execute-api:/';
const INVOKE_ACTION = 'execute-api:Invoke';
const ARN_SEGMENT_COUNT = 6;
const ANY_ONE = 63; // ?
const STAR = '*';

/**
 * Splits an ARN into its colon-separated segments. Everything after the fifth colon is the sixth segment
 * (`apiId/stage/verb/path` for execute-api), so a colon inside a request path stays in it.
 */
export function splitArn(arn: string): string[] {
  return splitInto(arn, ':', ARN_SEGMENT_COUNT);
}

/**
 * `*` matches any run of characters (including `/` and nothing), `?` exactly one; the whole value. Matched without
 * a regular expression (a pattern of one `.*` per star backtracks without bound, and a request path is the caller's
 * to choose): the text between stars is found in the value, leftmost first, by a string search.
 */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return ignoreCase
    ? wildcardMatch(pattern.toLowerCase(), value.toLowerCase())
    : wildcardMatch(pattern, value);
}

/**
 * The pieces between stars in turn: the first at the start of the value, the last at its end, each other one at
 * its leftmost place after the one before. Leftmost is never wrong: a later place leaves less room for the rest.
 */
function wildcardMatch(pattern: string, value: string): boolean {
  // Stars are found, not split on: a split makes an array and strings for every segment of every ARN compared.
  const firstStar = pattern.indexOf(STAR);
  if (firstStar < 0) return pattern.length === value.length && fitsAt(pattern, 0, pattern.length, value, 0);
  const lastStar = pattern.lastIndexOf(STAR);
  const end = value.length - (pattern.length - lastStar - 1);
  if (firstStar > end || !fitsAt(pattern, 0, firstStar, value, 0)) return false;
  if (!fitsAt(pattern, lastStar + 1, pattern.length, value, end)) return false;
  let at = firstStar;
  for (let start = firstStar + 1; start <= lastStar;) {
    const stop = pattern.indexOf(STAR, start);
    if (stop > start) {
      const piece = pattern.slice(start, stop);
      const found = leftmost(piece, value, at, end);
      if (found < 0) return false;
      at = found + piece.length;
    }
    start = stop + 1;
  }
  return true;
}

/** `pattern[from, to)` (`?` any one character) stands at `at` in `value`. */
function fitsAt(pattern: string, from: number, to: number, value: string, at: number): boolean {
  for (let i = from; i < to; i++) {
    const c = pattern.charCodeAt(i);
    if (c !== ANY_ONE && c !== value.charCodeAt(at + i - from)) return false;
  }
  return true;
}

/** Where `piece` first stands in `value[from, end)`, or -1; a piece without `?` is found by the string search. */
function leftmost(piece: string, value: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const found = value.indexOf(piece, from);
    return found >= 0 && found + piece.length <= end ? found : -1;
  }
  const anchor = longestLiteral(piece);
  for (let at = from; at + piece.length <= end; at++) {
    // Only places where the piece's longest run without `?` stands are tried.
    const next = value.indexOf(anchor.text, at + anchor.offset);
    if (next < 0) return -1;
    at = next - anchor.offset;
    if (at + piece.length > end) return -1;
    if (fitsAt(piece, 0, piece.length, value, at)) return at;
  }
  return -1;
}

/** The longest run of `piece` without `?`, and where it starts in it. */
function longestLiteral(piece: string): { text: string; offset: number } {
  let best = { text: '', offset: 0 };
  let offset = 0;
  for (const run of piece.split('?')) {
    if (run.length > best.text.length) best = { text: run, offset };
    offset += run.length + 1;
  }
  return best;
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
