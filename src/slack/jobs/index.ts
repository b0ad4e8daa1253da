import { diagnosisMessage, scanMessage, traceMessage } from '../../render/blocks';
import { postToResponseUrl } from '../response-url';
import type { Job, JobDeps } from './types';
import { answer } from './reply';
import { flush } from './flush';
import { mention } from './mention';
import { alert } from './alert';

export type { Job, JobDeps, ReplyTarget } from './types';

/**
 * The slow half of every interaction, after Slack got its acknowledgement: run the diagnosis or scan, keep the
 * person informed, and replace the "working…" message with the answer. Jobs are plain data so that they can run
 * in-process (HTTP, Socket Mode) or in a second, asynchronous Lambda invocation.
 */

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
      return mention(job, deps, runJob);
    case 'alert':
      return alert(job, deps, runJob);
  }
}

function forgetConfig(deps: JobDeps, restApiId: string | undefined): void {
  if (restApiId) deps.service.gatherer.cache.forget(restApiId);
}
