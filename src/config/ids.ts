import { InputError } from '../errors';

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
      `"${id}" looks like an extended request id (x-amz-apigw-id)`,
      'give the request id: the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
    );
  }
  throw new InputError(
    `"${clip(id)}" is not an API Gateway request id`,
    'give the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
  );
}

export function validateRestApiId(value: string): string {
  const fromUrl = /^(?:https?:\/\/)?([a-z0-9]{10})\.execute-api\./.exec(value.trim())?.[1];
  return matching(
    fromUrl ?? value,
    REST_API_ID,
    'is not a REST API id',
    'give the 10-character id from https://{api-id}.execute-api.{region}.amazonaws.com',
  );
}

export function validateStage(value: string): string {
  return matching(
    value,
    STAGE,
    'is not a stage name',
    'stage names use letters, digits, - and _ (e.g. prod)',
  );
}

export function validateRegion(value: string): string {
  return matching(value, REGION, 'is not an AWS region', 'give a region such as us-east-1 or eu-west-1');
}

export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

/** The trimmed value when it matches; otherwise an error that quotes it and says what to type instead. */
function matching(value: string, pattern: RegExp, problem: string, hint: string): string {
  const trimmed = value.trim();
  if (pattern.test(trimmed)) return trimmed;
  throw new InputError(`"${clip(trimmed)}" ${problem}`, hint);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
