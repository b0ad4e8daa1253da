import { problemMessage } from '../../render/blocks';
import { msg } from '../../text';
import { parseApiGatewayAlert } from '../alerts';
import type { BotIdentity, Job, JobContext, Perform, ReplyTarget } from './types';

const THREAD_LOCK_MS = 24 * 60 * 60_000;

/**
 * An alarm post: find the API it names, make sure no replica answered it already, then scan the alarm's window.
 * The scan is a job of its own, authorized for this channel and API (an alarm has no person behind it).
 */
export async function alertJob(
  job: Extract<Job, { type: 'alert' }>,
  ctx: JobContext,
  perform: Perform,
): Promise<void> {
  const { channel } = job.who;
  const target = parseApiGatewayAlert(job.message);
  if (!target) return;
  // Taken over from a replica that stopped, the alarm is this job's already (its progress reply is in the thread).
  if (!ctx.entry?.resumed) {
    if (!(await ctx.state.claim(`alert:${channel}:${job.ts}`, job.correlationId, THREAD_LOCK_MS))) return;
    if (await alreadyAnswered(ctx, channel, job.ts)) return;
  }
  const reply: ReplyTarget = { channel, threadTs: job.ts };
  const restApiId =
    target.restApiId ??
    (target.apiName
      ? await ctx.service.findApiByName(target.apiName, target.region, ctx.signal).catch(() => undefined)
      : undefined);
  if (!restApiId) {
    const name = target.apiName;
    const problem = !name
      ? msg('slack.alert.unknown-api-unnamed')
      : target.region
        ? msg('slack.alert.unknown-api-region', { name, region: target.region })
        : msg('slack.alert.unknown-api', { name });
    await ctx.client.chat.postMessage({
      channel,
      thread_ts: job.ts,
      ...problemMessage(problem, msg('slack.alert.unknown-api-hint'), ctx.l),
    });
    return;
  }
  const title = target.alarmName
    ? msg('slack.alert.title', { alarm: target.alarmName })
    : msg('slack.alert.title-unnamed');
  await perform(
    {
      who: job.who,
      correlationId: job.correlationId,
      type: 'scan',
      query: { restApiId, stage: target.stage, region: target.region, since: target.since },
      reply,
      title,
    },
    ctx,
  );
}

/**
 * Besides the shared lock, the thread itself says whether this bot answered: it covers replicas that share no
 * Redis, and a lock lost with Redis. A thread Slack will not show is taken as not answered: the lock is held, and an
 * alarm answered twice is better than one left unanswered.
 */
async function alreadyAnswered(ctx: JobContext, channel: string, ts: string): Promise<boolean> {
  try {
    const [replies, self] = await Promise.all([
      ctx.client.conversations.replies({ channel, ts, limit: 50 }),
      ctx.self ?? askedIdentity(ctx.client),
    ]);
    return (replies.messages ?? []).some(
      (m) =>
        m.ts !== ts && ((self.botId && m.bot_id === self.botId) || (self.userId && m.user === self.userId)),
    );
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not read the alarm thread: answering on the lock alone');
    return false;
  }
}

const identities = new WeakMap<object, Promise<BotIdentity>>();

/** The bot's identity when the bot was started without it (a server asks Slack once, on the first alarm). */
function askedIdentity(client: JobContext['client']): Promise<BotIdentity> {
  let identity = identities.get(client);
  if (!identity) {
    identity = client.auth.test().then((auth) => ({ botId: auth.bot_id, userId: auth.user_id }));
    identity.catch(() => identities.delete(client));
    identities.set(client, identity);
  }
  return identity;
}
