import { problemMessage, usageMessage } from '../../render/blocks';
import { findIds, parseCommand } from '../parse-command';
import { messageText, type SlackMessageLike } from '../alerts';
import type { Job, JobDeps, ReplyTarget, RunJob } from './types';

const MAX_IDS_PER_MENTION = 3;

/** A mention names request ids or an API, as a command would; with none, the thread's first message does. */
export async function mention(
  job: Extract<Job, { type: 'mention' }>,
  deps: JobDeps,
  runJob: RunJob,
): Promise<void> {
  const reply: ReplyTarget = { channel: job.channel, threadTs: job.threadTs ?? job.ts, user: job.user };
  if (!deps.permissions.mayUse(job.user)) {
    if (job.user)
      await deps.client.chat.postEphemeral({
        channel: job.channel,
        user: job.user,
        thread_ts: reply.threadTs,
        ...problemMessage('You may not use why403.', 'ask an admin to add you under slack.allowedUsers'),
      });
    return;
  }
  const text = job.text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
  const allowedApis = deps.permissions.apisFor(job.channel);
  const command = parseCommand(text);
  if (command.kind === 'diagnose')
    return runJob({ type: 'diagnose', query: { ...command, allowedApis }, reply }, deps);
  if (command.kind === 'scan') return runJob({ type: 'scan', query: command, reply }, deps);
  let ids = findIds(text);
  if (ids.requestIds.length === 0 && ids.restApiIds.length === 0 && job.threadTs)
    ids = findIds(await threadParentText(deps, job.channel, job.threadTs));
  if (ids.requestIds.length === 0 && ids.restApiIds.length === 0) {
    await deps.client.chat.postMessage({
      channel: job.channel,
      thread_ts: reply.threadTs,
      ...usageMessage('I found no request id or API id in your message or in this thread.'),
    });
    return;
  }
  for (const requestId of ids.requestIds.slice(0, MAX_IDS_PER_MENTION)) {
    await runJob({ type: 'diagnose', query: { requestId, allowedApis }, reply }, deps);
  }
  const restApiId = ids.restApiIds.find((id) => !allowedApis || allowedApis.includes(id));
  if (ids.requestIds.length === 0 && restApiId)
    await runJob({ type: 'scan', query: { restApiId }, reply }, deps);
}

async function threadParentText(deps: JobDeps, channel: string, threadTs: string): Promise<string> {
  const replies = await deps.client.conversations.replies({
    channel,
    ts: threadTs,
    limit: 1,
    inclusive: true,
  });
  const parent = replies.messages?.[0];
  return parent ? messageText(parent as SlackMessageLike) : '';
}
