import { diagnosisDetails, noticeMessage, traceMessage } from '../../render/blocks';
import { slackParam, type SlackMessage } from '../../render/block-kit';
import type { Diagnosis, DiagnoseQuery } from '../../pipeline/diagnose';
import { msg, type Text } from '../../text';
import { postEphemeral } from '../response-url';
import type { AnswerRecord } from '../answers';
import { openWorkingReply } from './reply';
import { verdictMessage } from './replay';
import { failure, tellPerson } from './tell';
import type { Job, JobContext } from './types';

/**
 * One request's verdict: a short answer where it was asked, its details in the thread (or behind "Show details"),
 * and, for a second ask of the same request in the same channel, a link to the first answer instead.
 */
export async function diagnoseJob(job: Extract<Job, { type: 'diagnose' }>, ctx: JobContext): Promise<void> {
  const { query, reply, who } = job;
  const record: AnswerRecord = { user: who.user, at: Date.now(), job: job.correlationId };
  if (!job.fresh) {
    const claim = await ctx.answers.claim(reply.channel, query.requestId, record);
    // Claimed by this very job on the replica it was taken over from: still this job's to answer.
    if (!claim.claimed && claim.earlier.job !== job.correlationId) {
      await tellPerson(
        who,
        ctx,
        await repeatNotice(query.requestId, reply.channel, claim.earlier, ctx),
        reply,
      );
      return;
    }
  }
  const message = await openWorkingReply(
    who,
    reply,
    ctx,
    msg('slack.progress.diagnose', { id: query.requestId }),
  );
  if (!job.fresh && message.ts)
    await ctx.answers.posted(reply.channel, query.requestId, { ...record, ts: message.ts });
  let diagnosis: Diagnosis;
  try {
    if (job.fresh && query.restApiId) await ctx.service.gatherer.cache.forget(query.restApiId);
    diagnosis = await runDiagnosis(query, ctx, message.report, job.fresh);
  } catch (error) {
    // Not when taken over by another replica: the claim is that replica's answer now.
    if (!job.fresh && !ctx.entry?.lost) await ctx.answers.release(reply.channel, query.requestId);
    await message.finish(failure(error, msg('slack.error.diagnose', { id: query.requestId }), ctx, job));
    return;
  }
  const threadTs = message.threadTs;
  await message.finish(
    verdictMessage(ctx, reply.channel, diagnosis, {
      requestedBy: who.user,
      since: query.since,
      details: threadTs ? 'thread' : 'button',
    }),
  );
  if (!job.fresh)
    await ctx.answers.posted(reply.channel, query.requestId, { ...record, ts: message.ts, done: true });
  if (threadTs) await message.details(diagnosisDetails(diagnosis, { l: ctx.l }));
}

/** Show full trace / Show details: the diagnosis again (cached configuration), ephemerally for whoever pressed. */
export async function ephemeralJob(
  job: Extract<Job, { type: 'trace' | 'details' }>,
  ctx: JobContext,
): Promise<void> {
  let message: SlackMessage;
  try {
    const diagnosis = await runDiagnosis(job.query, ctx);
    message =
      job.type === 'trace' ? traceMessage(diagnosis, ctx.l) : diagnosisDetails(diagnosis, { l: ctx.l });
  } catch (error) {
    message = failure(error, msg('slack.error.diagnose', { id: job.query.requestId }), ctx, job);
  }
  await postEphemeral(job.responseUrl, message, ctx.signal);
}

/** The engine's diagnosis, run once across replicas for identical queries (a Re-check always runs afresh). */
function runDiagnosis(
  query: DiagnoseQuery,
  ctx: JobContext,
  progress?: (text: Text) => void,
  fresh = false,
): Promise<Diagnosis> {
  const key = `diagnose|${JSON.stringify([query.requestId, query.restApiId, query.stage, query.region, query.since, query.at, query.allowedApis])}`;
  const run = () => ctx.service.diagnose(query, progress, ctx.signal);
  // A job taken over runs its own: the flight of the replica that stopped would be waited for until it expired.
  return fresh || ctx.entry?.resumed ? run() : ctx.flight.run(key, run, ctx.signal);
}

async function repeatNotice(
  requestId: string,
  channel: string,
  earlier: AnswerRecord,
  ctx: JobContext,
): Promise<SlackMessage> {
  const minutes = Math.max(0, Math.floor((Date.now() - earlier.at) / 60_000));
  const common = {
    id: slackParam.code(requestId),
    user: slackParam.user(earlier.user ?? 'USLACKBOT'),
    ago: msg('slack.ago', { minutes }),
  };
  if (!earlier.ts)
    return noticeMessage(ctx.l, earlier.done ? 'slack.repeat.no-link' : 'slack.repeat.running', common);
  const link = await ctx.client.chat
    .getPermalink({ channel, message_ts: earlier.ts })
    .then((answer) => answer.permalink)
    .catch(() => undefined);
  return link
    ? noticeMessage(ctx.l, 'slack.repeat.link', {
        ...common,
        link: slackParam.link(link, ctx.l.t(msg('slack.repeat.link-label'))),
      })
    : noticeMessage(ctx.l, 'slack.repeat.no-link', common);
}
