import { noticeMessage } from '../../render/blocks';
import { slackParam, type SlackMessage } from '../../render/block-kit';
import { parseApiGatewayAlert } from '../alerts';
import type { JournalEntry } from '../journal';
import { tellPerson } from './tell';
import type { Job, JobContext } from './types';

/**
 * A job taken over from a replica that stopped mid-way: answered here instead of run again when it is a write (a
 * flush or a Verify fix may have reached AWS already, and writes are opt-in and confirmed, never repeated unasked),
 * or when it was taken over too many times. True when answered so; otherwise the job runs again from the start.
 */
export async function answeredInstead(job: Job, ctx: JobContext, entry: JournalEntry): Promise<boolean> {
  if (job.type === 'flush') {
    await noticeOnce(entry, job.who.channel, ctx, () => flushInterrupted(job, ctx));
    return true;
  }
  if (job.type === 'replay') {
    ctx.log.warn(
      {
        audit: 'authorizer-test-invoke',
        outcome: 'interrupted',
        restApiId: job.query.restApiId,
        stage: job.query.stage,
        authorizerId: job.authorizerId,
        requestId: job.query.requestId,
      },
      'a Verify fix was interrupted: not run again',
    );
    await noticeOnce(entry, job.who.channel, ctx, () =>
      tellPerson(
        job.who,
        ctx,
        noticeMessage(ctx.l, 'slack.resume.replay-interrupted', { id: slackParam.code(job.query.requestId) }),
        job.reply,
      ),
    );
    return true;
  }
  if (entry.exhausted) {
    ctx.log.warn({ job: job.type, takeovers: entry.takeovers }, 'a job taken over too many times: given up');
    await noticeOnce(entry, job.who.channel, ctx, () => giveUp(job, ctx, entry));
    return true;
  }
  ctx.log.info({ job: job.type, takeovers: entry.takeovers }, 'running a job another replica started');
  return false;
}

/**
 * What a takeover says instead of running the job, said once: a takeover of that takeover, finding it recorded,
 * says nothing more, whether or not it had landed (most of these cannot be edited, and a second copy is worse).
 */
async function noticeOnce(
  entry: JournalEntry,
  channel: string,
  ctx: JobContext,
  notice: () => Promise<void>,
): Promise<void> {
  if (entry.earlier(NOTICE)) {
    ctx.log.info({ takeovers: entry.takeovers }, 'said before the last takeover: not said again');
    return;
  }
  await entry.writing(NOTICE, channel);
  await notice();
  await entry.wrote(NOTICE, channel);
}

const NOTICE = 'resume:notice';

async function flushInterrupted(job: Extract<Job, { type: 'flush' }>, ctx: JobContext): Promise<void> {
  const { reply, target, who } = job;
  const where = `${target.restApiId}/${target.stage}`;
  ctx.log.warn(
    { audit: 'authorizer-cache-flush', outcome: 'interrupted', ...target },
    'an authorizer cache flush was interrupted: not sent again',
  );
  const message = noticeMessage(ctx.l, 'slack.resume.flush-interrupted', {
    where: slackParam.code(where),
    user: slackParam.user(who.user ?? 'USLACKBOT'),
  });
  // Where the flush would have said it was done, for the channel to see; else to the person who pressed.
  try {
    await ctx.client.chat.postMessage({
      channel: reply.channel,
      ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}),
      ...message,
    });
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not post in the thread');
    await tellPerson(who, ctx, message, reply);
  }
}

/** One reply saying the work could not finish and what to type: in its own message when it had posted one. */
async function giveUp(job: Job, ctx: JobContext, entry: JournalEntry): Promise<void> {
  const message = noticeMessage(ctx.l, 'slack.resume.gave-up', {
    count: entry.takeovers,
    command: slackParam.code(await retryCommand(job, ctx)),
  });
  const [first] = entry.messages;
  if (first && (await edited(ctx, first, message))) return;
  const thread = threadOf(job);
  if (thread) {
    await ctx.client.chat.postMessage({ channel: job.who.channel, thread_ts: thread, ...message });
    return;
  }
  await tellPerson(job.who, ctx, message, {
    responseUrl: 'responseUrl' in job ? job.responseUrl : 'reply' in job ? job.reply.responseUrl : undefined,
  });
}

async function edited(
  ctx: JobContext,
  posted: { channel: string; ts: string },
  message: SlackMessage,
): Promise<boolean> {
  try {
    await ctx.client.chat.update({ channel: posted.channel, ts: posted.ts, ...message });
    return true;
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not edit the message the job had posted');
    return false;
  }
}

/** The thread a mention or an alarm is answered in (both are channel messages, not commands). */
function threadOf(job: Job): string | undefined {
  if (job.type === 'alert') return job.ts;
  if (job.type === 'mention') return job.threadTs ?? job.ts;
  return 'reply' in job ? job.reply.threadTs : undefined;
}

/** What to type to ask for the same again. */
async function retryCommand(job: Job, ctx: JobContext): Promise<string> {
  switch (job.type) {
    case 'diagnose':
    case 'trace':
    case 'details':
    case 'replay': {
      const { requestId, restApiId, stage, since } = job.query;
      return words(
        '/why403',
        requestId,
        restApiId && `--api ${restApiId}`,
        stage && `--stage ${stage}`,
        since && `--since ${since}`,
      );
    }
    case 'scan':
    case 'scan-details':
      return scanCommand(job.query.restApiId, job.query.stage, job.query.since);
    case 'doctor':
      return words('/why403 doctor', job.query.restApiId, job.query.stage);
    case 'flush':
      return words('/why403', 'api', job.target.restApiId, job.target.stage);
    case 'mention':
      return words('@why403', job.text.replace(/<@[A-Z0-9]+(?:\|[^<>]*)?>/g, ' ').slice(0, 200));
    case 'alert': {
      const target = parseApiGatewayAlert(job.message);
      const found =
        target?.restApiId ??
        (target?.apiName
          ? await ctx.service.findApiByName(target.apiName, target.region, ctx.signal).catch(() => undefined)
          : undefined);
      return scanCommand(found ?? 'API_ID', target?.stage, target?.since);
    }
  }
}

function scanCommand(restApiId: string, stage?: string, since?: string): string {
  return words('/why403 api', restApiId, stage, since && `--since ${since}`);
}

function words(...parts: Array<string | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
