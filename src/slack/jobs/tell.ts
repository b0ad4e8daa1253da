import { AwsError, explainAwsError } from '../../aws/errors';
import { InputError } from '../../errors';
import { noticeMessage, problemMessage } from '../../render/blocks';
import { slackParam, type SlackMessage } from '../../render/block-kit';
import { msg, type Message } from '../../text';
import { postEphemeral } from '../response-url';
import { markedPost } from '../retried-posts';
import type { Job, JobContext, Who } from './types';

/**
 * An ephemeral message for the person who asked (a refusal, an error, a link to an earlier answer): through the
 * response_url when there is one, else chat.postEphemeral, else, where neither reaches them (an expired link in a
 * channel the bot is not in), a direct message that says where it belonged.
 */
export async function tellPerson(
  who: Who,
  ctx: JobContext,
  message: SlackMessage,
  options: { responseUrl?: string; threadTs?: string } = {},
): Promise<void> {
  if (options.responseUrl) {
    try {
      await postEphemeral(options.responseUrl, message, ctx.signal);
      return;
    } catch (error) {
      ctx.log.warn({ err: error }, 'could not answer through the response_url');
    }
  }
  if (!who.user) {
    ctx.log.info({ text: message.text }, 'nobody to tell (an alarm post)');
    return;
  }
  try {
    await ctx.client.chat.postEphemeral({
      channel: who.channel,
      user: who.user,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      ...message,
    });
    return;
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not post an ephemeral message');
  }
  await directMessage(who, ctx, message);
}

/** What went wrong, for the person who asked: an input or AWS problem in words, anything else by its log id. */
export function failure(error: unknown, what: Message, ctx: JobContext, job: Job): SlackMessage {
  if (ctx.signal?.aborted) {
    // Stopped by its runner: this message will not be posted, and the failure is the stop's, not a fault.
    ctx.log.debug({ err: error }, 'job stopped while it worked');
    return problemMessage(
      msg('slack.error.unexpected', { correlation: job.correlationId }),
      undefined,
      ctx.l,
    );
  }
  if (error instanceof InputError) {
    ctx.log.warn({ err: error }, 'job failed');
    return problemMessage(msg(what.id, { ...what.params, reason: error.problem }), error.hint, ctx.l);
  }
  if (error instanceof AwsError) {
    ctx.log.warn({ err: error }, 'job failed');
    const { message, hint } = explainAwsError(error, ctx.l);
    return problemMessage(msg(what.id, { ...what.params, reason: message }), hint, ctx.l);
  }
  ctx.log.error({ err: error }, 'job failed unexpectedly');
  return problemMessage(msg('slack.error.unexpected', { correlation: job.correlationId }), undefined, ctx.l);
}

/** The answer as a direct message from the bot, saying which channel it was meant for. */
export async function directMessage(who: Who, ctx: JobContext, message: SlackMessage): Promise<void> {
  if (!who.user) return;
  const note = noticeMessage(ctx.l, 'slack.error.not-posted', { channel: slackParam.channel(who.channel) });
  await ctx.client.chat.postMessage(
    markedPost({
      channel: who.user,
      text: `${note.text}\n${message.text}`,
      blocks: [...note.blocks, ...message.blocks].slice(0, 50),
    }),
  );
}
