import { noticeMessage, progressMessage } from '../../render/blocks';
import type { SlackMessage } from '../../render/block-kit';
import type { Text } from '../../text';
import { postToResponseUrl, ResponseUrlError } from '../response-url';
import { directMessage } from './tell';
import type { JobContext, ReplyTarget, Who } from './types';

/**
 * One answer in Slack, kept in one place: a channel message by the bot, posted once and then edited (progress, then
 * the verdict); or, where the bot is not a member, the response_url. A slash command's response_url cannot replace
 * what it posted (bolt-js#2287), so there the bot tells the asker once, ephemerally, that it is working, and posts
 * the answer once; buttons on that answer carry their own response_url, which can replace it in place.
 */
export class ReplyMessage {
  private uses = 0;
  /** Progress edits under way, and when the last one started: the answer waits for them, and they are throttled. */
  private edits: Promise<void> = Promise.resolve();
  private lastEdit = 0;

  private constructor(
    private readonly who: Who,
    private readonly reply: ReplyTarget,
    private readonly ctx: JobContext,
    /** The bot's own message, when it could post one. */
    readonly ts: string | undefined,
    private mode: 'message' | 'replace' | 'once',
  ) {}

  /** Where the details go: the thread of the answer, when there is a thread to post in. */
  get threadTs(): string | undefined {
    if (this.mode !== 'message') return undefined;
    return this.reply.threadTs ?? this.ts;
  }

  static async open(
    who: Who,
    reply: ReplyTarget,
    ctx: JobContext,
    first: SlackMessage,
  ): Promise<ReplyMessage> {
    if (reply.viaResponseUrl && reply.responseUrl) {
      const message = new ReplyMessage(who, reply, ctx, undefined, 'replace');
      await message.write(first);
      return message;
    }
    // A job taken over from a replica that stopped edits the message that replica had posted.
    const reused = reply.messageTs ? undefined : ctx.entry?.reuse(reply.channel);
    if (reused) {
      try {
        await ctx.client.chat.update({ channel: reply.channel, ts: reused, ...first });
        return new ReplyMessage(who, reply, ctx, reused, 'message');
      } catch (error) {
        ctx.log.debug({ err: error }, 'could not edit the message posted before the takeover: posting anew');
      }
    }
    if (reply.messageTs) {
      try {
        await ctx.client.chat.update({ channel: reply.channel, ts: reply.messageTs, ...first });
        return new ReplyMessage(who, reply, ctx, reply.messageTs, 'message');
      } catch (error) {
        if (!reply.responseUrl || !cannotPost(error)) throw error;
        // A message posted through a response_url, in a channel the bot is not in: its buttons' URL replaces it.
        const message = new ReplyMessage(who, reply, ctx, undefined, 'replace');
        await message.write(first);
        return message;
      }
    }
    try {
      const posted = await ctx.client.chat.postMessage({
        channel: reply.channel,
        ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}),
        ...first,
      });
      if (posted.ts) await ctx.entry?.posted(reply.channel, posted.ts);
      return new ReplyMessage(who, reply, ctx, posted.ts, 'message');
    } catch (error) {
      if (!reply.responseUrl || !cannotPost(error)) throw error;
      const message = new ReplyMessage(who, reply, ctx, undefined, 'once');
      await message.post(
        {
          response_type: 'ephemeral',
          replace_original: false,
          ...noticeMessage(ctx.l, 'slack.progress.not-member'),
        },
        false,
      );
      return message;
    }
  }

  /**
   * Work in progress, for whoever asked: an edit at most every two seconds, in the background, only where the
   * message can be edited, and keeping response_url uses for the answer.
   */
  readonly report = (text: Text): void => {
    const now = Date.now();
    if (now - this.lastEdit < PROGRESS_INTERVAL_MS) return;
    this.lastEdit = now;
    this.edits = this.edits
      .then(() => {
        if (this.mode === 'once' || (this.mode === 'replace' && this.uses >= 3)) return undefined;
        return this.write(progressMessage(text, this.ctx.l, this.who.user));
      })
      .catch((error: unknown) => this.ctx.log.debug({ err: error }, 'a progress edit failed'));
  };

  /** The answer, once the progress edits under way have landed (so that none overwrites it). */
  async finish(message: SlackMessage): Promise<void> {
    await this.edits;
    await this.write(message);
  }

  private async write(message: SlackMessage): Promise<void> {
    if (this.mode === 'message' && this.ts) {
      await this.ctx.client.chat.update({ channel: this.reply.channel, ts: this.ts, ...message });
      return;
    }
    await this.post(
      { response_type: 'in_channel', replace_original: this.mode === 'replace', ...message },
      true,
    );
  }

  /** A response_url post; when the link has expired, the answer goes to the asker directly instead. */
  private async post(body: Record<string, unknown> & SlackMessage, essential: boolean): Promise<void> {
    this.uses++;
    try {
      await postToResponseUrl(this.reply.responseUrl as string, body, this.ctx.signal);
    } catch (error) {
      if (!(error instanceof ResponseUrlError)) throw error;
      this.ctx.log.warn({ err: error }, 'the response_url no longer works');
      if (essential) await directMessage(this.who, this.ctx, { text: body.text, blocks: body.blocks });
    }
  }
}

/** Minimum time between two progress edits of the same message. */
const PROGRESS_INTERVAL_MS = 2000;

/** The reply of a job that reports its progress: opened with `first` (working on it), edited by `report`. */
export function openWorkingReply(
  who: Who,
  reply: ReplyTarget,
  ctx: JobContext,
  first: Text,
): Promise<ReplyMessage> {
  return ReplyMessage.open(who, reply, ctx, progressMessage(first, ctx.l, who.user));
}

/** Slack errors that mean the bot cannot post or edit there (not a member, or not its message to edit). */
function cannotPost(error: unknown): boolean {
  const code = (error as { data?: { error?: string } })?.data?.error;
  return ['not_in_channel', 'channel_not_found', 'cant_update_message', 'message_not_found'].includes(
    code ?? '',
  );
}
