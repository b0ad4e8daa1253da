import { problemMessage } from '../../render/blocks';
import { parseApiGatewayAlert } from '../alerts';
import type { Job, JobDeps, ReplyTarget, RunJob } from './types';

/** An alarm post: find the API it names, make sure no replica answered it already, then scan the alarm's window. */
export async function alert(
  job: Extract<Job, { type: 'alert' }>,
  deps: JobDeps,
  runJob: RunJob,
): Promise<void> {
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
