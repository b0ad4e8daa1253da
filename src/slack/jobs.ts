import type { webApi } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Why403Service } from '../pipeline/service';
import type { DiagnoseQuery } from '../pipeline/diagnose';
import type { ScanQuery } from '../pipeline/scan-api';
import { describeError } from '../errors';
import { AwsError, explainAwsError } from '../aws/errors';
import {
  diagnosisMessage,
  problemMessage,
  progressMessage,
  scanMessage,
  traceMessage,
  usageMessage,
  type SlackMessage,
} from '../render/blocks';
import { findIds, parseCommand } from './parse-command';
import { messageText, parseApiGatewayAlert, type SlackMessageLike } from './alerts';
import { formatUtc } from '../time';
import type { Permissions } from './permissions';
import { postToResponseUrl } from './response-url';
import { redactText } from '../redact';

/**
 * The slow half of every interaction, after Slack got its acknowledgement: run the diagnosis or scan, keep the
 * person informed, and replace the "working…" message with the answer. Jobs are plain data so that they can run
 * in-process (HTTP, Socket Mode) or in a second, asynchronous Lambda invocation.
 */

/** Where the answer goes: a channel message (new, or an existing one to update) or a response_url. */
export interface ReplyTarget {
  channel: string;
  /** Reply in this thread. */
  threadTs?: string;
  /** Update this message instead of posting a new one (Re-check). */
  messageTs?: string;
  /** The slash command's or action's response_url: the fallback where the bot cannot post. */
  responseUrl?: string;
  /** Answer through the response_url only (the message to update is ephemeral). */
  viaResponseUrl?: boolean;
  user?: string;
}

export type Job =
  | {
      type: 'diagnose';
      query: DiagnoseQuery & { allowedApis?: string[] };
      reply: ReplyTarget;
      fresh?: boolean;
    }
  | { type: 'scan'; query: ScanQuery; reply: ReplyTarget; title?: string; fresh?: boolean }
  | { type: 'flush'; target: { restApiId: string; stage: string; region?: string }; reply: ReplyTarget }
  | { type: 'trace'; query: DiagnoseQuery; responseUrl: string }
  | { type: 'mention'; text: string; channel: string; ts: string; threadTs?: string; user?: string }
  | { type: 'alert'; message: SlackMessageLike; channel: string; ts: string };

export interface JobDeps {
  client: webApi.WebClient;
  service: Why403Service;
  permissions: Permissions;
  logger: Logger;
  /** Minimum time between two progress edits of the same message. */
  progressIntervalMs?: number;
}

export async function runJob(job: Job, deps: JobDeps): Promise<void> {
  switch (job.type) {
    case 'diagnose':
      return answer(job.reply, deps, `Looking for request ${job.query.requestId}…`, async (progress) => {
        if (job.fresh) forgetConfig(deps, job.query.restApiId);
        const diagnosis = await deps.service.diagnose(job.query, progress);
        const flushCache = deps.permissions.offerFlush(job.reply.channel, diagnosis.verdict.cause);
        return diagnosisMessage(diagnosis, {
          actions: { flushCache },
          requestedBy: job.reply.user,
          since: job.query.since,
        });
      });
    case 'scan':
      return answer(
        job.reply,
        deps,
        `Scanning ${job.query.restApiId}${job.query.stage ? `/${job.query.stage}` : ''} for failed requests…`,
        async (progress) => {
          if (job.fresh) forgetConfig(deps, job.query.restApiId);
          return scanMessage(await deps.service.scan(job.query, progress), {
            actions: true,
            title: job.title,
          });
        },
      );
    case 'flush':
      return flush(job, deps);
    case 'trace': {
      const diagnosis = await deps.service.diagnose(job.query);
      await postToResponseUrl(job.responseUrl, {
        response_type: 'ephemeral',
        replace_original: false,
        ...traceMessage(diagnosis),
      });
      return;
    }
    case 'mention':
      return mention(job, deps);
    case 'alert':
      return alert(job, deps);
  }
}

const MAX_IDS_PER_MENTION = 3;

/** A mention names request ids or an API, as a command would; with none, the thread's first message does. */
async function mention(job: Extract<Job, { type: 'mention' }>, deps: JobDeps): Promise<void> {
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

/** An alarm post: find the API it names, make sure no replica answered it already, then scan the alarm's window. */
async function alert(job: Extract<Job, { type: 'alert' }>, deps: JobDeps): Promise<void> {
  const target = parseApiGatewayAlert(job.message);
  if (!target || (await alreadyAnswered(deps, job.channel, job.ts))) return;
  const reply: ReplyTarget = { channel: job.channel, threadTs: job.ts };
  const restApiId =
    target.restApiId ??
    (target.apiName
      ? await deps.service.findApiByName(target.apiName, target.region).catch(() => undefined)
      : undefined);
  if (!restApiId) {
    const name = target.apiName ?? 'this API';
    await deps.client.chat.postMessage({
      channel: job.channel,
      thread_ts: job.ts,
      ...problemMessage(
        `I could not tell which REST API "${name}" is${target.region ? ` in ${target.region}` : ''}.`,
        'list it under apis: with its name and region in the why403 configuration',
      ),
    });
    return;
  }
  const allowedApis = deps.permissions.apisFor(job.channel);
  if (allowedApis && !allowedApis.includes(restApiId)) return;
  const title = `${target.alarmName ? `Alarm ${target.alarmName}` : 'Alarm'}: what the failed requests were`;
  await runJob(
    {
      type: 'scan',
      query: { restApiId, stage: target.stage, region: target.region, since: target.since },
      reply,
      title,
    },
    deps,
  );
}

/**
 * Slack may deliver an event to two replicas, and retries it; each replica's own memory catches repeats it saw.
 * Across replicas, the thread itself is the shared state: a reply by this bot means the alarm was answered.
 */
async function alreadyAnswered(deps: JobDeps, channel: string, ts: string): Promise<boolean> {
  const [replies, self] = await Promise.all([
    deps.client.conversations.replies({ channel, ts, limit: 50 }),
    botIdentity(deps.client),
  ]);
  return (replies.messages ?? []).some(
    (m) =>
      m.ts !== ts && ((self.botId && m.bot_id === self.botId) || (self.userId && m.user === self.userId)),
  );
}

const identities = new WeakMap<object, Promise<{ botId?: string; userId?: string }>>();

function botIdentity(client: JobDeps['client']): Promise<{ botId?: string; userId?: string }> {
  let identity = identities.get(client);
  if (!identity) {
    identity = client.auth.test().then((auth) => ({ botId: auth.bot_id, userId: auth.user_id }));
    identities.set(client, identity);
  }
  return identity;
}

function forgetConfig(deps: JobDeps, restApiId: string | undefined): void {
  if (restApiId) deps.service.gatherer.cache.forget(restApiId);
}

/** Posts or updates a "working…" message, edits it with progress (throttled), then replaces it with the answer. */
async function answer(
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

/** The one write: permission re-checked here, the result posted in the verdict's thread and logged for audit. */
async function flush(job: Extract<Job, { type: 'flush' }>, deps: JobDeps): Promise<void> {
  const { reply, target } = job;
  const where = `${target.restApiId}/${target.stage}`;
  if (!deps.permissions.mayFlush(reply.user, reply.channel)) {
    deps.logger.warn('authorizer cache flush refused', {
      user: reply.user,
      channel: reply.channel,
      api: where,
    });
    if (reply.responseUrl)
      await postToResponseUrl(reply.responseUrl, {
        response_type: 'ephemeral',
        replace_original: false,
        ...problemMessage(
          `You may not flush the authorizer cache of ${where}.`,
          'ask an admin to add you under slack.flushCache in the why403 configuration',
        ),
      });
    return;
  }
  let text: string;
  try {
    const { region } = await deps.service.flushAuthorizerCache(target);
    text = `:broom: <@${reply.user}> flushed the authorizer cache of \`${where}\` (${region}) at ${formatUtc(Date.now())}. The next calls run the authorizer again.`;
    deps.logger.info('authorizer cache flushed', {
      user: reply.user,
      channel: reply.channel,
      api: where,
      region,
    });
  } catch (error) {
    const { message, hint } = error instanceof AwsError ? explainAwsError(error) : describeError(error);
    text = `:warning: Flushing the authorizer cache of \`${where}\` failed: ${message}${hint ? ` — ${hint}` : ''}`;
    deps.logger.warn('authorizer cache flush failed', {
      user: reply.user,
      channel: reply.channel,
      api: where,
      error: message,
    });
  }
  await deps.client.chat.postMessage({
    channel: reply.channel,
    thread_ts: reply.threadTs,
    text: redactText(text),
  });
}
