import { AwsError } from '../../aws/errors';
import type { Diagnosis } from '../../pipeline/diagnose';
import { diagnosisMessage, noticeMessage, type DetailsPlacement } from '../../render/blocks';
import type { SlackMessage } from '../../render/block-kit';
import { withReplayButtons, withReplayOutcome, type ReplayOffer } from '../../render/replay';
import { runReplay, type Replay } from '../../replay/run';
import { isSealedIdentity } from '../../replay/sealed';
import { msg } from '../../text';
import { ReplyMessage } from './reply';
import { failure, tellPerson } from './tell';
import type { Job, JobContext } from './types';

/**
 * Verify fix, already authorized for this user in this channel: the failed request diagnosed afresh, its authorizer
 * run once through TestInvokeAuthorizer in an AWS session named after the Slack user (CloudTrail shows who), an
 * audit line with who, where, which API, stage and authorizer and the outcome (never the identity), and the verdict
 * message updated in place with the answer. What goes wrong is told to the person alone; the verdict stays.
 */
export async function replayJob(job: Extract<Job, { type: 'replay' }>, ctx: JobContext): Promise<void> {
  const { query, reply, who } = job;
  const user = who.user as string;
  const about = {
    restApiId: query.restApiId,
    stage: query.stage,
    authorizerId: job.authorizerId,
    requestId: query.requestId,
  };
  const tell = (message: Parameters<typeof tellPerson>[2]) => tellPerson(who, ctx, message, reply);
  if (!isSealedIdentity(job.identity)) {
    ctx.log.warn(
      { job: 'replay', ...about },
      'the identity did not reach this process: the replay was not run',
    );
    await tell(noticeMessage(ctx.l, 'slack.replay.unavailable'));
    return;
  }
  let replay: Replay;
  try {
    replay = await runReplay(ctx.service, {
      query,
      identity: job.identity,
      authorizerId: job.authorizerId,
      session: { sessionName: `why403-${user}`, sourceIdentity: user },
      fresh: true,
    });
  } catch (error) {
    if (error instanceof AwsError && error.operation === 'TestInvokeAuthorizer')
      ctx.log.warn(
        { audit: 'authorizer-test-invoke', outcome: 'error', ...about, region: query.region, err: error },
        'authorizer test invoke failed',
      );
    const where = `${query.restApiId ?? '?'}/${query.stage ?? '?'}`;
    await tell(failure(error, msg('slack.replay.failed', { where }), ctx, job));
    return;
  }
  const { result, target, diagnosis } = replay;
  ctx.log.info(
    {
      audit: 'authorizer-test-invoke',
      outcome: result.outcome,
      ...about,
      ...target,
      clientStatus: result.clientStatus,
    },
    'authorizer test-invoked',
  );
  const verdict = verdictMessage(ctx, reply.channel, diagnosis, {
    requestedBy: user,
    since: query.since,
    details: reply.viaResponseUrl ? 'button' : 'thread',
  });
  await ReplyMessage.open(
    who,
    reply,
    ctx,
    withReplayOutcome(verdict, replay, { user, at: Date.now() }, ctx.l),
  );
}

/** The verdict for the channel, with the buttons this channel offers for it (the flush and the verify-the-fix ones). */
export function verdictMessage(
  ctx: JobContext,
  channel: string,
  diagnosis: Diagnosis,
  options: { requestedBy?: string; since?: string; details: DetailsPlacement },
): SlackMessage {
  const flushCache = ctx.access.offerFlush(channel, diagnosis.request.restApiId, diagnosis.verdict.cause);
  const verdict = diagnosisMessage(diagnosis, { ...options, actions: { flushCache }, l: ctx.l });
  return withReplayButtons(verdict, diagnosis, replayOffer(ctx, channel, diagnosis), options.since, ctx.l);
}

/**
 * The verify-the-fix buttons a verdict gets in this channel: Verify fix where replays are allowed, someone may run
 * one, the cause is an authorizer's, the method ARN is known and the replay can run in this process; Re-check after
 * deploy wherever replays are allowed.
 */
function replayOffer(ctx: JobContext, channel: string, diagnosis: Diagnosis): ReplayOffer {
  const api = diagnosis.request.restApiId;
  return {
    verify: Boolean(
      ctx.replayHere &&
      diagnosis.verdict.request.methodArn &&
      ctx.access.offerReplay(channel, api, diagnosis.verdict.cause),
    ),
    afterDeploy: ctx.access.offerAfterDeploy(channel, api),
  };
}
