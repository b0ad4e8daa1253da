import { noticeMessage } from '../../render/blocks';
import { slackParam, type SlackMessage } from '../../render/block-kit';
import { postToResponseUrl } from '../response-url';
import type { JobContext, Who } from './types';

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
      await postToResponseUrl(options.responseUrl, {
        response_type: 'ephemeral',
        replace_original: false,
        ...message,
      });
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

/** The answer as a direct message from the bot, saying which channel it was meant for. */
export async function directMessage(who: Who, ctx: JobContext, message: SlackMessage): Promise<void> {
  if (!who.user) return;
  const note = noticeMessage(ctx.l, 'slack.error.not-posted', { channel: slackParam.channel(who.channel) });
  await ctx.client.chat.postMessage({
    channel: who.user,
    text: `${note.text}\n${message.text}`,
    blocks: [...note.blocks, ...message.blocks].slice(0, 50),
  });
}
