import type { BlockAction } from '@slack/bolt';
import type { DiagnosisRef } from '../../render/blocks';
import type { ReplyTarget } from '../jobs';

/** A button value as the bot wrote it: a JSON object of strings. Anything else is ignored. */
export function readRef(value: string | undefined): Record<string, string | undefined> | undefined {
  try {
    const parsed: unknown = value ? JSON.parse(value) : undefined;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed as Record<string, unknown>);
    return entries.every(([, v]) => typeof v === 'string')
      ? (Object.fromEntries(entries) as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
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
