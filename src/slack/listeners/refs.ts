import type { BlockAction } from '@slack/bolt';
import type { DiagnosisRef } from '../../render/blocks';
import type { ReplyTarget } from '../jobs';
import { REST_API_ID, validateRegion, validateRequestId, validateStage } from '../../config/ids';
import { parseDuration } from '../../config/duration';

/**
 * A button value as the bot wrote it: a JSON object of strings, each field it knows of a valid value of its kind
 * (the request id, API id, stage, region, look-back and authorizer that the bot put there). Anything else (a value
 * changed on its way, of another app, or cut short) is undefined: nothing a button carries reaches a job unchecked.
 */
export function readRef(value: unknown): Record<string, string | undefined> | undefined {
  // A button's value is a string; a list holding one would pass JSON.parse as that string.
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = value && value.length <= VALUE_LIMIT ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.every(([key, v]) => typeof v === 'string' && isValid(key, v))) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Slack's limit on a button value. */
const VALUE_LIMIT = 2000;

const FIELDS: Record<string, (value: string) => unknown> = {
  requestId: validateRequestId,
  restApiId: (value) => REST_API_ID.test(value) || fail(),
  stage: validateStage,
  region: validateRegion,
  since: parseDuration,
  authorizerId: (value) => /^[a-z0-9]{1,64}$/i.test(value) || fail(),
  sources: (value) => (value.length <= 1000 && !/[\p{Cc}\p{Cf}]/u.test(value)) || fail(),
};

function isValid(key: string, value: string): boolean {
  const check = FIELDS[key];
  if (!check) return true;
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

function fail(): never {
  throw new Error('not as the bot wrote it');
}

/** The diagnosis a button refers to, and nothing else it carries. */
export function diagnosisRef(ref: DiagnosisRef): DiagnosisRef {
  return {
    requestId: ref.requestId,
    restApiId: ref.restApiId,
    stage: ref.stage,
    region: ref.region,
    since: ref.since,
  };
}

/** The message the button sits under, to update in place (through the response_url where it is ephemeral). */
export function replyInPlace(body: BlockAction, channel: string): ReplyTarget {
  const message = body.message as { thread_ts?: string } | undefined;
  return {
    channel,
    messageTs: body.container?.message_ts,
    threadTs: message?.thread_ts ?? body.container?.thread_ts,
    responseUrl: body.response_url,
    viaResponseUrl: Boolean(body.container?.is_ephemeral),
  };
}
