import { noticeMessage, progressMessage } from '../../render/blocks';
import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../render/block-kit';
import type { Text } from '../../text';
import { postToResponseUrl, ResponseUrlError } from '../response-url';
import { directMessage } from './tell';
import type { JournalEntry } from '../journal';
import type { JobContext, ReplyTarget, Who } from './types';

/**
 * One answer in Slack, kept in one place: a channel message by the bot, posted once and then edited (progress, then
 * the verdict); or, where the bot is not a member, the response_url. A slash command's response_url cannot replace
 * what it posted (bolt-js#2287), so there the bot tells the asker once, ephemerally, that it is working, and posts
 * the answer once; buttons on that answer carry their own response_url, which can replace it in place.
 *
 * A recorded job (journal.ts) records each of the reply's writes (its message, its answer, its details) just before
 * making it: taken over, the job edits what was posted before, leaves an answer that cannot be edited as it is, and
 * never turns an answer back into progress.
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
    private readonly writes: ReplyWrites | undefined,
    /** The answer was written (or may have been) before a takeover: no progress goes over it. */
    private answered: boolean,
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
    const writes = ctx.entry && new ReplyWrites(ctx, ctx.entry, ctx.entry.nextReply());
    const answered = Boolean(writes?.earlier('answer'));
    const made = (ts: string | undefined, mode: 'message' | 'replace' | 'once') =>
      new ReplyMessage(who, reply, ctx, ts, mode, writes, answered);
    if (reply.viaResponseUrl && reply.responseUrl) {
      const message = made(undefined, 'replace');
      if (!answered) await message.write(first);
      return message;
    }
    // A job taken over edits the message posted before the takeover.
    const reused = reply.messageTs
      ? undefined
      : await writes?.posted('message', reply.channel, reply.threadTs);
    if (reused && (await editPosted(ctx, reply.channel, reused, answered ? undefined : first, 'message')))
      return made(reused, 'message');
    if (reply.messageTs) {
      try {
        if (!answered)
          await ctx.client.chat.update({ channel: reply.channel, ts: reply.messageTs, ...first });
        return made(reply.messageTs, 'message');
      } catch (error) {
        if (!reply.responseUrl || !cannotPost(error)) throw error;
        // A message posted through a response_url, in a channel the bot is not in: its buttons' URL replaces it.
        const message = made(undefined, 'replace');
        if (!answered) await message.write(first);
        return message;
      }
    }
    try {
      const ts = await postOnce(ctx, writes, 'message', {
        channel: reply.channel,
        ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}),
        ...first,
      });
      return made(ts, 'message');
    } catch (error) {
      if (!reply.responseUrl || !cannotPost(error)) throw error;
      const message = made(undefined, 'once');
      if (!writes?.earlier('notice')) {
        await writes?.before('notice', reply.channel);
        await message.post(
          {
            response_type: 'ephemeral',
            replace_original: false,
            ...noticeMessage(ctx.l, 'slack.progress.not-member'),
          },
          false,
        );
        await writes?.after('notice', reply.channel);
      }
      return message;
    }
  }

  /**
   * Work in progress, for whoever asked: an edit at most every two seconds, in the background, only where the
   * message can be edited, and keeping response_url uses for the answer.
   */
  readonly report = (text: Text): void => {
    const now = Date.now();
    if (this.answered || now - this.lastEdit < PROGRESS_INTERVAL_MS) return;
    this.lastEdit = now;
    this.edits = this.edits
      .then(() => {
        if (this.answered || this.mode === 'once' || (this.mode === 'replace' && this.uses >= 3))
          return undefined;
        return this.write(progressMessage(text, this.ctx.l, this.who.user));
      })
      .catch((error: unknown) => this.ctx.log.debug({ err: error }, 'a progress edit failed'));
  };

  /**
   * The answer, once the progress edits under way have landed (so that none overwrites it). Written before a
   * takeover, it is written again where that edits it in place, and left as it is where it would be posted anew.
   */
  async finish(message: SlackMessage): Promise<void> {
    await this.edits;
    if (this.answered && this.mode === 'once') {
      this.ctx.log.info('the answer was posted before the takeover: not posted again');
      return;
    }
    this.answered = true;
    await this.writes?.before('answer', this.reply.channel, this.ts);
    await this.write(message);
    await this.writes?.after('answer', this.reply.channel, this.ts);
  }

  /** The answer's details, in its thread: edited there when they were posted before a takeover. */
  async details(message: SlackMessage): Promise<void> {
    const thread = this.threadTs;
    if (!thread) return;
    const { channel } = this.reply;
    const earlier = await this.writes?.posted('details', channel, thread);
    if (earlier && (await editPosted(this.ctx, channel, earlier, message, 'details'))) return;
    await postOnce(this.ctx, this.writes, 'details', { channel, thread_ts: thread, ...message });
  }

  private async write(message: SlackMessage): Promise<void> {
    if (this.mode === 'message' && this.ts) {
      const { channel } = this.reply;
      const ts = this.ts;
      await orAsText(this.ctx, message, (m) => this.ctx.client.chat.update({ channel, ts, ...m }));
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

/** The writes of one reply of a recorded job, known by the reply's place in the job and their stage. */
class ReplyWrites {
  constructor(
    private readonly ctx: JobContext,
    private readonly entry: JournalEntry,
    private readonly place: number,
  ) {}

  private key(stage: Stage): string {
    return `${this.place}:${stage}`;
  }

  earlier(stage: Stage) {
    return this.entry.earlier(this.key(stage));
  }

  before(stage: Stage, channel: string, ts?: string): Promise<void> {
    return this.entry.writing(this.key(stage), channel, ts);
  }

  after(stage: Stage, channel: string, ts?: string): Promise<void> {
    return this.entry.wrote(this.key(stage), channel, ts);
  }

  /** Marks a post as this job's, so that a takeover can find it when it was made but never recorded as landed. */
  metadata(stage: Stage): { event_type: string; event_payload: Record<string, string> } {
    return { event_type: WRITE_EVENT, event_payload: { job: this.entry.id, write: this.key(stage) } };
  }

  /**
   * The message a post of `stage` made before the takeover, if it was made: its recorded `ts`, or, when the post
   * was under way when its replica stopped (it may or may not have landed), the message found in the channel or the
   * thread by the mark it carries. Undefined when it was not made, or cannot be found.
   */
  async posted(stage: Stage, channel: string, thread: string | undefined): Promise<string | undefined> {
    const earlier = this.earlier(stage);
    if (!earlier || earlier.ts) return earlier?.ts;
    try {
      const found = thread
        ? await this.ctx.client.conversations.replies({
            channel,
            ts: thread,
            include_all_metadata: true,
            limit: 200,
          })
        : await this.ctx.client.conversations.history({ channel, include_all_metadata: true, limit: 100 });
      const mark = this.metadata(stage);
      const message = (found.messages ?? []).find((m) => {
        const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
        return (
          m.metadata?.event_type === WRITE_EVENT &&
          payload?.job === mark.event_payload.job &&
          payload?.write === mark.event_payload.write
        );
      });
      return message?.ts;
    } catch (error) {
      // Not knowing is no reason to stay silent: posted anew, at the risk of a second copy.
      this.ctx.log.warn({ err: error }, 'could not look for a message posted before the takeover');
      return undefined;
    }
  }
}

type Stage = 'message' | 'answer' | 'details' | 'notice';

/** The event type of the metadata on a recorded job's posts (Slack message metadata). */
const WRITE_EVENT = 'why403_write';

/**
 * Edits a message posted before a takeover to `message` (none: left as it is); false when it cannot be edited, and
 * is then posted anew.
 */
async function editPosted(
  ctx: JobContext,
  channel: string,
  ts: string,
  message: SlackMessage | undefined,
  what: string,
): Promise<boolean> {
  try {
    if (message) await ctx.client.chat.update({ channel, ts, ...message });
    return true;
  } catch (error) {
    ctx.log.debug({ err: error }, `could not edit the ${what} posted before the takeover: posting anew`);
    return false;
  }
}

/** A post of `stage`, recorded before it is made and once Slack gave its `ts`; marked, for a takeover to find. */
async function postOnce(
  ctx: JobContext,
  writes: ReplyWrites | undefined,
  stage: Stage,
  args: SlackMessage & { channel: string; thread_ts?: string },
): Promise<string | undefined> {
  await writes?.before(stage, args.channel);
  const posted = await orAsText(ctx, args, (m) =>
    ctx.client.chat.postMessage({
      ...args,
      ...m,
      ...(writes ? { metadata: writes.metadata(stage) } : {}),
    } as ChatPostMessageArguments),
  );
  await writes?.after(stage, args.channel, posted.ts);
  return posted.ts;
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

/**
 * Writes `message`; when Slack refuses its blocks (a limit it enforces that the rendering did not foresee), writes
 * its text alone instead (for an answer, its cause, confidence and summary): the answer is not lost for its layout.
 * An empty block list removes the blocks a message being edited had.
 */
async function orAsText<T>(
  ctx: JobContext,
  message: SlackMessage,
  write: (message: SlackMessage) => Promise<T>,
): Promise<T> {
  try {
    return await write(message);
  } catch (error) {
    if (!BLOCKS_REFUSED.includes(slackError(error) ?? '')) throw error;
    ctx.log.warn({ err: error }, 'Slack refused the blocks of a message: it is written as text alone');
    return write({ text: message.text, blocks: [] });
  }
}

/**
 * Slack's answers to blocks it will not show (chat.postMessage's and chat.update's errors; msg_blocks_too_long can
 * come below the documented limits: bolt-js#2509).
 */
const BLOCKS_REFUSED = ['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long', 'msg_too_long'];

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } })?.data?.error;
}

/** Slack errors that mean the bot cannot post or edit there (not a member, or not its message to edit). */
function cannotPost(error: unknown): boolean {
  return ['not_in_channel', 'channel_not_found', 'cant_update_message', 'message_not_found'].includes(
    slackError(error) ?? '',
  );
}

type ChatPostMessageArguments = Parameters<webApi.WebClient['chat']['postMessage']>[0] & { channel: string };
