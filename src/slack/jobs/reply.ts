import { describeError } from '../../errors';
import { AwsError, explainAwsError } from '../../aws/errors';
import { problemMessage, progressMessage, type SlackMessage } from '../../render/blocks';
import { postToResponseUrl } from '../response-url';
import type { JobDeps, ReplyTarget } from './types';

/** Posts or updates a "working…" message, edits it with progress (throttled), then replaces it with the answer. */
export async function answer(
  reply: ReplyTarget,
  deps: JobDeps,
  working: string,
  work: (progress: (m: string) => void) => Promise<SlackMessage>,
): Promise<void> {
  const message = await ReplyMessage.open(reply, deps, progressMessage(working, reply.user));
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  const progress = (text: string) => {
    const now = Date.now();
    if (now - last < (deps.progressIntervalMs ?? 2000)) return;
    last = now;
    pending = pending.then(() => message.progress(progressMessage(text, reply.user))).catch(() => undefined);
  };
  let result: SlackMessage;
  try {
    result = await work(progress);
  } catch (error) {
    const { message: problem, hint } =
      error instanceof AwsError ? explainAwsError(error) : describeError(error);
    deps.logger.warn('why403 job failed', problem);
    result = problemMessage(problem, hint);
  }
  await pending;
  await message.finish(result);
}

/** One reply in Slack: a channel message by the bot, or, where the bot may not post, the response_url. */
class ReplyMessage {
  private constructor(
    private readonly reply: ReplyTarget,
    private readonly deps: JobDeps,
    private readonly ts: string | undefined,
    private uses = 1,
  ) {}

  static async open(reply: ReplyTarget, deps: JobDeps, first: SlackMessage): Promise<ReplyMessage> {
    if (reply.viaResponseUrl && reply.responseUrl) {
      await postToResponseUrl(reply.responseUrl, { replace_original: true, ...first });
      return new ReplyMessage(reply, deps, undefined);
    }
    if (reply.messageTs) {
      await deps.client.chat.update({ channel: reply.channel, ts: reply.messageTs, ...first });
      return new ReplyMessage(reply, deps, reply.messageTs);
    }
    try {
      const posted = await deps.client.chat.postMessage({
        channel: reply.channel,
        thread_ts: reply.threadTs,
        ...first,
      });
      return new ReplyMessage(reply, deps, posted.ts);
    } catch (error) {
      if (!reply.responseUrl || !isNotInChannel(error)) throw error;
      await postToResponseUrl(reply.responseUrl, { response_type: 'in_channel', ...first });
      return new ReplyMessage(reply, deps, undefined);
    }
  }

  async progress(message: SlackMessage): Promise<void> {
    // A response_url takes five uses: keep two for progress, the last ones for the answer.
    if (!this.ts && this.uses >= 3) return;
    await this.write(message);
  }

  finish(message: SlackMessage): Promise<void> {
    return this.write(message);
  }

  private async write(message: SlackMessage): Promise<void> {
    if (this.ts) {
      await this.deps.client.chat.update({ channel: this.reply.channel, ts: this.ts, ...message });
      return;
    }
    this.uses++;
    await postToResponseUrl(this.reply.responseUrl as string, {
      response_type: 'in_channel',
      replace_original: true,
      ...message,
    });
  }
}

function isNotInChannel(error: unknown): boolean {
  const code = (error as { data?: { error?: string } })?.data?.error;
  return code === 'not_in_channel' || code === 'channel_not_found';
}
