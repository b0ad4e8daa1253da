import { AwsError, explainAwsError } from '../../aws/errors';
import { describeError } from '../../errors';
import { noticeMessage } from '../../render/blocks';
import { slackParam } from '../../render/block-kit';
import { formatUtc } from '../../time';
import { tellPerson } from './tell';
import type { Job, JobContext } from './types';

const DOUBLE_PRESS_MS = 30_000;

/**
 * The one write, already authorized for this user in this channel: done with an AWS session named after the Slack
 * user (CloudTrail shows who), posted in the verdict's thread, and logged as an audit line with who, where and
 * what. A second press within half a minute (by anyone, on any replica) sends no second flush.
 */
export async function flushJob(job: Extract<Job, { type: 'flush' }>, ctx: JobContext): Promise<void> {
  const { reply, target, who } = job;
  const user = who.user as string;
  const where = `${target.restApiId}/${target.stage}`;
  const audit = { restApiId: target.restApiId, stage: target.stage };
  if (!(await ctx.state.claim(`flush:${where}`, user, DOUBLE_PRESS_MS))) {
    const by = (await ctx.state.get(`flush:${where}`)) ?? user;
    await tellPerson(
      who,
      ctx,
      noticeMessage(ctx.l, 'slack.flush.just-done', {
        where: slackParam.code(where),
        user: slackParam.user(by),
      }),
      reply,
    );
    return;
  }
  let region: string;
  try {
    ({ region } = await ctx.service.flushAuthorizerCache(target, {
      sessionName: `why403-${user}`,
      sourceIdentity: user,
    }));
  } catch (error) {
    await ctx.state.delete(`flush:${where}`);
    const { message, hint } =
      error instanceof AwsError ? explainAwsError(error, ctx.l) : describeError(error, ctx.l);
    ctx.log.warn(
      { audit: 'authorizer-cache-flush', outcome: 'failed', ...audit, region: target.region, err: error },
      'authorizer cache flush failed',
    );
    const reason = hint ? `${message} — ${hint}` : message;
    await tellPerson(
      who,
      ctx,
      noticeMessage(ctx.l, 'slack.flush.failed', { where: slackParam.code(where), reason }),
      reply,
    );
    return;
  }
  ctx.log.info(
    { audit: 'authorizer-cache-flush', outcome: 'flushed', ...audit, region },
    'authorizer cache flushed',
  );
  await ctx.client.chat.postMessage({
    channel: reply.channel,
    ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}),
    ...noticeMessage(ctx.l, 'slack.flush.done', {
      user: slackParam.user(user),
      where: slackParam.code(where),
      region,
      time: formatUtc(Date.now()),
    }),
  });
}
