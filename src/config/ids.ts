import { InputError } from '../errors';
import { msg, typed } from '../text';
import type { MessageId } from '../render/messages';
import { clip } from '../render/width';

/**
 * Identifiers a user types, checked before any AWS call. Nothing from a user reaches a filter pattern or a Logs
 * Insights query unless it passed one of these.
 */

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXTENDED_ID = /^[A-Za-z0-9+/_-]{12,24}=$/;
export const REST_API_ID = /^[a-z0-9]{10}$/;
const STAGE = /^[A-Za-z0-9_-]{1,128}$/;
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Every request id in free text (a mention, a thread's first message), lower-cased, each once. */
export function requestIdsIn(text: string): string[] {
  const found = text.match(new RegExp(String.raw`\b${REQUEST_ID.source.slice(1, -1)}\b`, 'gi')) ?? [];
  return [...new Set(found.map((id) => id.toLowerCase()))];
}

export function validateRequestId(value: string): string {
  const id = unwrapped(value);
  if (REQUEST_ID.test(id)) return id.toLowerCase();
  if (EXTENDED_ID.test(id)) {
    throw new InputError(
      msg('config.request-id.extended', { id: typed(id) }),
      msg('config.request-id.extended.hint'),
    );
  }
  // A log line, a console URL or a sentence: the id in it is named, not taken, for a line may hold other UUIDs
  // (a Lambda request id, the authorizer's) that no search would find.
  const inside = requestIdsIn(decoded(id));
  if (inside.length > 0) {
    throw new InputError(
      msg('config.request-id.in-text', { text: typed(clipTyped(id)), count: inside.length }),
      inside.length === 1
        ? msg('config.request-id.in-text.one', { id: inside[0] })
        : msg('config.request-id.in-text.several', { ids: inside.slice(0, 4).join(', ') }),
    );
  }
  const shown = consoleLogGroup(id);
  if (shown)
    throw new InputError(
      msg('config.request-id.console-url', { text: typed(clipTyped(id)) }),
      shown.named
        ? msg('config.request-id.console-url.hint', shown.named)
        : msg('config.request-id.invalid.hint'),
    );
  const cut = id.replace(/(?:…|\.{3})$/, '');
  if (cut.length >= 8 && cut.length < ANY_REQUEST_ID.length && isCutRequestId(cut))
    throw new InputError(
      msg('config.request-id.cut-short', { id: typed(clipTyped(id)), length: cut.length }),
      msg('config.request-id.invalid.hint'),
    );
  throw new InputError(
    msg('config.request-id.invalid', { id: typed(clipTyped(id)) }),
    msg('config.request-id.invalid.hint'),
  );
}

/** A request id of any value: what a cut one is completed with to be checked as whole. */
const ANY_REQUEST_ID = '00000000-0000-0000-0000-000000000000';

/** The start of a request id, as a Slack message or a narrow column cuts it. */
function isCutRequestId(text: string): boolean {
  return REQUEST_ID.test(text + ANY_REQUEST_ID.slice(text.length));
}

/**
 * A CloudWatch console address (`console.aws.amazon.com`, `console.amazonaws.cn`): the execution-log group it shows
 * names the API and the stage, which are said so that the reader knows what to type beside the request id.
 */
function consoleLogGroup(text: string): { named?: { api: string; stage: string } } | undefined {
  if (!/^(?:https?:\/\/)?[a-z0-9.-]*console\.(?:aws\.amazon\.com|amazonaws\.cn)(?:[/?#:]|$)/i.test(text))
    return undefined;
  const group = /API-Gateway-Execution-Logs_(?<api>[a-z0-9]{10})\/(?<stage>[A-Za-z0-9_-]{1,128})/.exec(
    decoded(text),
  )?.groups;
  return { named: group && { api: group.api, stage: group.stage } };
}

/**
 * A value as people paste it: in quotes, backticks or brackets (`(49a6…)` starts every execution-log line), ending
 * a sentence, or URL-encoded. The marks are taken off only when what is left is the whole of one word.
 */
function unwrapped(value: string): string {
  // Slack and rich-text editors paste invisible characters (zero-width spaces, joiners, marks) around words.
  const trimmed = value.replace(/\p{Cf}/gu, '').trim();
  const inner = withoutEdgeMarks(decoded(trimmed));
  return /^[A-Za-z0-9+/_=-]+$/.test(inner) && (REQUEST_ID.test(inner) || EXTENDED_ID.test(inner))
    ? inner
    : trimmed;
}

const MARK = /^[\p{P}\p{S}]$/u;

/**
 * The text without the punctuation and symbols at either end. A loop: `[\p{P}\p{S}]+$` is tried again from every
 * mark of a long run that does not end the text, so 40,000 pasted marks took seconds.
 */
export function withoutEdgeMarks(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && MARK.test(chars[start])) start++;
  while (end > start && MARK.test(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Percent-encoding, as URLs carry it, and the CloudWatch console's `$25`-style encoding of its URL fragments. */
function decoded(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/\$(?=[0-9A-Fa-f]{2})/g, '%').replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
    let out: string;
    try {
      out = decodeURIComponent(next);
    } catch {
      return current;
    }
    if (out === current) return current;
    current = out;
  }
  return current;
}

/** An execute-api invoke URL: `https://{api}.execute-api.{region}.amazonaws.com[.cn]/{stage}/{path}`. */
export interface InvokeUrl {
  restApiId: string;
  region: string;
  stage?: string;
}

const INVOKE_URL =
  /^(?:https?:\/\/)?(?<api>[a-z0-9]{10})\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?(?::\d+)?(?:\/(?<stage>[^/?#]*))?/i;

export function parseInvokeUrl(value: string): InvokeUrl | undefined {
  const groups = INVOKE_URL.exec(value.trim())?.groups;
  if (!groups) return undefined;
  const stage = groups.stage ? decoded(groups.stage) : undefined;
  return {
    restApiId: groups.api.toLowerCase(),
    region: groups.region.toLowerCase(),
    stage: stage || undefined,
  };
}

export function validateRestApiId(value: string): string {
  const trimmed = value.trim();
  const fromUrl = parseInvokeUrl(trimmed)?.restApiId;
  if (fromUrl) return fromUrl;
  const host = /^(?:https?:\/\/)?(?<host>[a-z0-9.-]+\.[a-z]{2,})(?::\d+)?(?:[/?#]|$)/i.exec(trimmed)?.groups
    ?.host;
  if (host && /\.lambda-url\.[a-z0-9-]+\.on\.aws$/i.test(host))
    throw new InputError(
      msg('config.rest-api-id.lambda-url', { value: typed(clipTyped(trimmed)) }),
      msg('config.rest-api-id.lambda-url.hint'),
    );
  const shown = consoleLogGroup(trimmed);
  if (shown)
    throw new InputError(
      msg('config.rest-api-id.console-url', { value: typed(clipTyped(trimmed)) }),
      shown.named ? msg('config.console-url.names', shown.named) : msg('config.rest-api-id.invalid.hint'),
    );
  const lower = trimmed.toLowerCase();
  // Ids are generated in lower case, and AWS reads them case-sensitively (GetRestApi's path, the log group's name).
  if (lower !== trimmed && REST_API_ID.test(lower))
    throw new InputError(
      msg('config.rest-api-id.upper-case', { value: typed(trimmed) }),
      msg('config.did-you-mean', { text: lower }),
    );
  if (host && /(^|\.)amazonaws\.com(\.cn)?$/i.test(host))
    throw new InputError(
      msg('config.rest-api-id.other-service', { value: typed(clipTyped(trimmed)) }),
      msg('config.rest-api-id.invalid.hint'),
    );
  return matching(trimmed, REST_API_ID, 'config.rest-api-id.invalid');
}

export function validateStage(value: string): string {
  const trimmed = value.trim();
  // A stage with the path after it (`prod/pets`) or before it (`/prod`), as copied from an invoke URL.
  const stage = trimmed.includes('/') ? trimmed.split('/').find(Boolean) : undefined;
  if (stage !== undefined && STAGE.test(stage))
    throw new InputError(
      msg('config.stage.slash', { value: typed(clipTyped(trimmed)) }),
      msg('config.stage.slash.hint', { stage }),
    );
  return matching(value, STAGE, 'config.stage.invalid');
}

export function validateRegion(value: string): string {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  // Regions are lower case in endpoints and in SigV4's credential scope, which a capital would not match.
  if (lower !== trimmed && REGION.test(lower))
    throw new InputError(
      msg('config.region.upper-case', { value: typed(trimmed) }),
      msg('config.did-you-mean', { text: lower }),
    );
  // An Availability Zone is its region and a letter (a to f): `eu-west-1b`.
  const zone = /^(?<region>.+\d)[a-f]$/.exec(lower)?.groups?.region;
  if (zone !== undefined && REGION.test(zone))
    throw new InputError(
      msg('config.region.zone', { value: typed(trimmed) }),
      msg('config.did-you-mean', { text: zone }),
    );
  return matching(value, REGION, 'config.region.invalid');
}

/** The API, stage and region a person typed, each checked when given (throws InputError). */
export function validateApiLocation<T extends { restApiId?: string; stage?: string; region?: string }>(
  query: T,
): T {
  return {
    ...query,
    restApiId: query.restApiId === undefined ? undefined : validateRestApiId(query.restApiId),
    stage: query.stage === undefined ? undefined : validateStage(query.stage),
    region: query.region === undefined ? undefined : validateRegion(query.region),
  };
}

export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

type Invalid = 'config.rest-api-id.invalid' | 'config.stage.invalid' | 'config.region.invalid';

/**
 * The trimmed value when it matches; otherwise an error that quotes it (message `problem`) and says what to type
 * instead (message `problem.hint`).
 */
function matching(value: string, pattern: RegExp, problem: Invalid): string {
  const trimmed = value.trim();
  if (pattern.test(trimmed)) return trimmed;
  throw new InputError(
    msg(problem, { value: typed(clipTyped(trimmed)) }),
    msg(`${problem}.hint` satisfies MessageId),
  );
}

/** Text a person typed, cut to one short line for quoting back. */
export function clipTyped(text: string): string {
  return clip(text, 58);
}
