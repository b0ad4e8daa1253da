import { InputError } from '../errors';
import { msg, typed } from '../text';
import type { MessageId } from '../render/messages';

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
  const id = value.trim();
  if (REQUEST_ID.test(id)) return id.toLowerCase();
  if (EXTENDED_ID.test(id)) {
    throw new InputError(
      msg('config.request-id.extended', { id: typed(id) }),
      msg('config.request-id.extended.hint'),
    );
  }
  throw new InputError(
    msg('config.request-id.invalid', { id: typed(clip(id)) }),
    msg('config.request-id.invalid.hint'),
  );
}

export function validateRestApiId(value: string): string {
  const fromUrl = /^(?:https?:\/\/)?([a-z0-9]{10})\.execute-api\./.exec(value.trim())?.[1];
  return matching(fromUrl ?? value, REST_API_ID, 'config.rest-api-id.invalid');
}

export function validateStage(value: string): string {
  return matching(value, STAGE, 'config.stage.invalid');
}

export function validateRegion(value: string): string {
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
    msg(problem, { value: typed(clip(trimmed)) }),
    msg(`${problem}.hint` satisfies MessageId),
  );
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
