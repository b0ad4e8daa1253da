import { scanDetails, scanMessage } from '../../render/blocks';
import { apiWhere, type SlackMessage } from '../../render/block-kit';
import type { ApiScan, ScanQuery } from '../../pipeline/scan-api';
import { msg, type Text } from '../../text';
import { postEphemeral } from '../response-url';
import { openWorkingReply } from './reply';
import { failure } from './tell';
import type { Job, JobContext } from './types';

/** An API's recent failures: counts per cause where asked, the fixes in the thread (or behind "Show details"). */
export async function scanJob(job: Extract<Job, { type: 'scan' }>, ctx: JobContext): Promise<void> {
  const { query, reply, who } = job;
  const where = apiWhere(query.restApiId, query.stage);
  const message = await openWorkingReply(who, reply, ctx, msg('slack.progress.scan', { where }));
  let scan: ApiScan;
  try {
    if (job.fresh) await ctx.service.gatherer.cache.forget(query.restApiId);
    scan = await runScan(query, ctx, message.report, job.fresh);
  } catch (error) {
    await message.finish(failure(error, msg('slack.error.scan', { where }), ctx, job));
    return;
  }
  const threadTs = message.threadTs;
  await message.finish(
    scanMessage(scan, { actions: true, title: job.title, details: threadTs ? 'thread' : 'button', l: ctx.l }),
  );
  if (threadTs && scan.causes.length > 0) await message.details(scanDetails(scan, { l: ctx.l }));
}

/** Show details of a scan, ephemerally for whoever pressed. */
export async function scanDetailsJob(
  job: Extract<Job, { type: 'scan-details' }>,
  ctx: JobContext,
): Promise<void> {
  let message: SlackMessage;
  try {
    message = scanDetails(await runScan(job.query, ctx), { l: ctx.l });
  } catch (error) {
    const where = apiWhere(job.query.restApiId, job.query.stage);
    message = failure(error, msg('slack.error.scan', { where }), ctx, job);
  }
  await postEphemeral(job.responseUrl, message, ctx.signal);
}

function runScan(
  query: ScanQuery,
  ctx: JobContext,
  progress?: (text: Text) => void,
  fresh = false,
): Promise<ApiScan> {
  const key = `scan|${JSON.stringify([query.restApiId, query.stage, query.region, query.since])}`;
  const run = () => ctx.service.scan(query, progress, ctx.signal);
  // A job taken over runs its own: the flight of the replica that stopped would be waited for until it expired.
  return fresh || ctx.entry?.resumed ? run() : ctx.flight.run(key, run, ctx.signal);
}
