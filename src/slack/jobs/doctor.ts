import { apiWhere } from '../../render/block-kit';
import { doctorMessage } from '../../render/doctor-blocks';
import type { DoctorReport } from '../../doctor';
import { msg } from '../../text';
import { openWorkingReply } from './reply';
import { failure } from './tell';
import type { Job, JobContext } from './types';

/** `/why403 doctor API_ID [STAGE]`: the checks to run before an incident, answered where they were asked. */
export async function doctorJob(job: Extract<Job, { type: 'doctor' }>, ctx: JobContext): Promise<void> {
  const { query, reply, who } = job;
  const where = apiWhere(query.restApiId, query.stage);
  const message = await openWorkingReply(who, reply, ctx, msg('slack.progress.doctor', { where }));
  let report: DoctorReport;
  try {
    // Loaded on use, as in the CLI: the doctor alone needs the IAM, STS and Lambda clients.
    const { runDoctor } = await import('../../doctor');
    report = await runDoctor(query, {
      aws: ctx.service.aws,
      config: ctx.service.config,
      now: Date.now,
      onProgress: message.report,
      signal: ctx.signal,
    });
    // Stopped (the Lambda deadline): the checks it cut short would read as a report; whoever stopped it told the person.
    ctx.signal?.throwIfAborted();
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    await message.finish(failure(error, msg('slack.error.doctor', { where }), ctx, job));
    return;
  }
  await message.finish(
    doctorMessage(report, { command: `/why403 doctor ${where.replace('/', ' ')}`, l: ctx.l }),
  );
}
