import { usageMessage } from '../../render/blocks';
import { tellPerson } from './tell';
import { msg } from '../../text';
import { findIds, parseCommand } from '../parse-command';
import { messageText, type SlackMessageLike } from '../alerts';
import type { Job, JobContext, Perform, ReplyTarget } from './types';

const MAX_IDS_PER_MENTION = 3;

/**
 * A mention names request ids or an API, as a command would; with none, the thread's first message does. Each
 * diagnosis or scan it leads to is a job of its own, authorized for the API it concerns.
 */
export async function mentionJob(
  job: Extract<Job, { type: 'mention' }>,
  ctx: JobContext,
  perform: Perform,
): Promise<void> {
  const reply: ReplyTarget = { channel: job.who.channel, threadTs: job.threadTs ?? job.ts };
  const sub = { who: job.who, correlationId: job.correlationId };
  const text = job.text.replace(/<@[A-Z0-9]+(?:\|[^<>]*)?>/g, ' ').trim();
  const command = parseCommand(text);
  if (command.kind === 'diagnose') return perform({ ...sub, type: 'diagnose', query: command, reply }, ctx);
  if (command.kind === 'scan') return perform({ ...sub, type: 'scan', query: command, reply }, ctx);
  let ids = findIds(text);
  if (ids.requestIds.length === 0 && ids.restApiIds.length === 0 && job.threadTs)
    ids = findIds(await threadParentText(ctx, job.who.channel, job.threadTs));
  if (ids.requestIds.length === 0 && ids.restApiIds.length === 0) {
    await tellPerson(job.who, ctx, usageMessage(msg('slack.mention.no-ids'), ctx.l), {
      threadTs: reply.threadTs,
    });
    return;
  }
  for (const requestId of ids.requestIds.slice(0, MAX_IDS_PER_MENTION)) {
    await perform({ ...sub, type: 'diagnose', query: { requestId }, reply }, ctx);
  }
  if (ids.requestIds.length === 0)
    await perform({ ...sub, type: 'scan', query: { restApiId: ids.restApiIds[0] }, reply }, ctx);
}

async function threadParentText(ctx: JobContext, channel: string, threadTs: string): Promise<string> {
  const replies = await ctx.client.conversations.replies({
    channel,
    ts: threadTs,
    limit: 1,
    inclusive: true,
  });
  const parent = replies.messages?.[0];
  return parent ? messageText(parent as SlackMessageLike) : '';
}
