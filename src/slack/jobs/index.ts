import { problemMessage, refusalMessage } from '../../render/blocks';
import { msg } from '../../text';
import { withLog } from '../../log';
import { workspaceAudit, type AccessAction, type AccessDecision } from '../access';
import { diagnoseJob, ephemeralJob } from './diagnose';
import { scanDetailsJob, scanJob } from './scan';
import { doctorJob } from './doctor';
import { flushJob } from './flush';
import { replayJob } from './replay';
import { mentionJob } from './mention';
import { alertJob } from './alert';
import { tellPerson } from './tell';
import { markedPost } from '../retried-posts';
import { answeredInstead } from './resume';
import { fencedClient, whileHolding } from '../journal';
import type { Job, JobContext, JobDeps } from './types';
import type { Localizer } from '../../render/localize';
import type { SlackMessage } from '../../render/block-kit';

export type { Job, JobBody, JobDeps, ReplyTarget, Who } from './types';

/**
 * The slow half of every interaction, after Slack got its acknowledgement: authorize the job again where it runs
 * (in this process, or in the Lambda's second invocation), then run the diagnosis or scan, keep the person informed
 * and answer. Jobs are plain data so that they can travel. Every line the job logs, and every AWS call it makes,
 * carries its correlation id; anything that goes wrong reaches the person who asked, not only the log.
 */
export async function runJob(job: Job, deps: JobDeps, signal?: AbortSignal): Promise<void> {
  const log = deps.log.child({
    correlationId: job.correlationId,
    slackUser: job.who.user,
    channel: job.who.channel,
  });
  await withLog(log, async () => {
    const l = await deps.locales.of(job.who.user, job.who.channel);
    const entry = deps.journal?.entryOf(job);
    // A recorded job stops, as a stopped one does, when another replica took it over; its writes are fenced.
    const stoppable = signal
      ? { signal, client: deps.stoppableClient(signal) }
      : entry
        ? { signal: entry.signal, client: fencedClient(deps.client) }
        : {};
    const ctx: JobContext = { ...deps, log, l, entry, ...stoppable };
    log.debug({ job: job.type }, 'job started');
    try {
      await whileHolding(entry, () => attempt(job, ctx));
    } finally {
      await deps.personJobs?.giveBack(job);
    }
  });
}

/** The job, or what went wrong with it for the person who asked (unless it was stopped: then nothing more). */
async function attempt(job: Job, ctx: JobContext): Promise<void> {
  const { entry, log, l, signal } = ctx;
  try {
    await ctx.access.ready();
    // Taken over from a replica that stopped: a write or a job taken over too often is answered, not run again.
    if (entry?.resumed && authorizeJob(job, ctx).allowed && (await answeredInstead(job, ctx, entry))) return;
    await perform(job, ctx);
  } catch (error) {
    // Stopped by its runner, who told the person, or taken over by another replica, which answers: whatever failed
    // since then is not theirs to hear about.
    if (signal?.aborted) return;
    log.error({ err: error, job: job.type }, 'job failed');
    await tellPerson(
      job.who,
      ctx,
      problemMessage(msg('slack.error.unexpected', { correlation: job.correlationId }), undefined, l),
      { responseUrl: responseUrlOf(job) },
    ).catch((failure: unknown) => log.warn({ err: failure }, 'could not tell the person either'));
  } finally {
    if (signal?.aborted) log.info({ job: job.type }, 'job stopped: it posts nothing more');
  }
}

async function perform(job: Job, ctx: JobContext): Promise<void> {
  const decision = authorizeJob(job, ctx);
  if (!decision.allowed) {
    ctx.log.info(
      {
        job: job.type,
        refused: decision.reason.id,
        ...workspaceAudit(decision, job.who.from),
        ...refusedWrite(job),
      },
      'job refused',
    );
    await tellPerson(
      job.who,
      ctx,
      refusalMessage(decision.reason, decision.setting, ctx.access.contact, ctx.l),
      {
        responseUrl: responseUrlOf(job),
        threadTs: 'reply' in job ? job.reply.threadTs : undefined,
      },
    );
    return;
  }
  switch (job.type) {
    case 'diagnose':
      return diagnoseJob({ ...job, query: { ...job.query, allowedApis: decision.apis } }, ctx);
    case 'scan':
      return scanJob(job, ctx);
    case 'doctor':
      return doctorJob(job, ctx);
    case 'flush':
      return flushJob(job, ctx);
    case 'replay':
      return replayJob(job, ctx);
    case 'trace':
    case 'details':
      return ephemeralJob({ ...job, query: { ...job.query, allowedApis: decision.apis } }, ctx);
    case 'scan-details':
      return scanDetailsJob(job, ctx);
    case 'mention':
      return mentionJob(job, ctx, perform);
    case 'alert':
      return alertJob(job, ctx, perform);
  }
}

/** The job's access question: the action and API it concerns, for who asked where. */
function authorizeJob(job: Job, ctx: JobContext): AccessDecision {
  const ask = (action: AccessAction, api: string | undefined) =>
    ctx.access.authorize({ user: job.who.user, channel: job.who.channel, api, action, from: job.who.from });
  switch (job.type) {
    case 'diagnose':
    case 'scan':
      return ask(job.fresh ? 'recheck' : job.type, job.query.restApiId);
    case 'doctor':
    case 'replay':
    case 'trace':
    case 'details':
      return ask(job.type, job.query.restApiId);
    case 'scan-details':
      return ask('details', job.query.restApiId);
    case 'flush':
      return ask('flush', job.target.restApiId);
    case 'mention': {
      // Shut out early only who may see nothing here; which API a mention is about is decided per diagnosis or scan.
      const decision = ask('diagnose', undefined);
      return decision.allowed || decision.reason.id.startsWith('slack.refuse.no-common-api')
        ? { allowed: true }
        : decision;
    }
    case 'alert':
      return { allowed: true };
  }
}

/** A write refused is an audit line too, with what it would have written to: who tried is on every line. */
function refusedWrite(job: Job): Record<string, string | undefined> {
  if (job.type === 'flush') return { audit: 'authorizer-cache-flush', outcome: 'refused', ...job.target };
  if (job.type === 'replay')
    return {
      audit: 'authorizer-test-invoke',
      outcome: 'refused',
      restApiId: job.query.restApiId,
      stage: job.query.stage,
      authorizerId: job.authorizerId,
      requestId: job.query.requestId,
    };
  return {};
}

/**
 * One message, in the asker's language, about a job that will not answer (it could not be started, or ran out of
 * time): to the person where the job would have answered, or, for an alarm post, in its thread.
 */
export async function tellAboutJob(
  job: Job,
  deps: JobDeps,
  message: (l: Localizer) => SlackMessage,
): Promise<void> {
  const log = deps.log.child({
    correlationId: job.correlationId,
    slackUser: job.who.user,
    channel: job.who.channel,
  });
  const l = await deps.locales.of(job.who.user, job.who.channel);
  const said = message(l);
  if (job.type === 'alert') {
    await deps.client.chat.postMessage(markedPost({ channel: job.who.channel, thread_ts: job.ts, ...said }));
    return;
  }
  const threadTs =
    job.type === 'mention' ? (job.threadTs ?? job.ts) : 'reply' in job ? job.reply.threadTs : undefined;
  await tellPerson(job.who, { ...deps, log, l }, said, { responseUrl: responseUrlOf(job), threadTs });
}

function responseUrlOf(job: Job): string | undefined {
  if ('responseUrl' in job) return job.responseUrl;
  return 'reply' in job ? job.reply.responseUrl : undefined;
}
