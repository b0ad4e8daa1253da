import { AwsError, explainAwsError } from '../../aws/errors';
import { describeError } from '../../errors';
import { noticeMessage } from '../../render/blocks';
import { slackParam } from '../../render/block-kit';
import { formatUtc } from '../../time';
import { parseJson } from '../../json';
import { tellPerson } from './tell';
import type { Job, JobContext } from './types';

const DOUBLE_PRESS_MS = 30_000;
const POLL_MS = 100;

/**
 * The one write, already authorized for this user in this channel: done with an AWS session named after the Slack
 * user (CloudTrail shows who), posted in the verdict's thread, and logged as an audit line with who, where and
 * what. A second press within half a minute (by anyone, on any replica) sends no second flush; pressed while the
 * first is under way, it waits for its outcome: told who flushed when it succeeded, flushing itself when it failed.
 */
export async function flushJob(job: Extract<Job, { type: 'flush' }>, ctx: JobContext): Promise<void> {
  const { reply, target, who } = job;
  const user = who.user as string;
  const where = `${target.restApiId}/${target.stage}`;
  const audit = { restApiId: target.restApiId, stage: target.stage };
  const key = `flush:${where}`;
  const running = JSON.stringify({ user });
  const claim = await claimFlush(ctx, key, running);
  if (claim !== 'ours') {
    if (claim === 'stuck')
      ctx.log.warn(
        { audit: 'authorizer-cache-flush', outcome: 'not-sent', ...audit, region: target.region },
        'another flush of this stage did not finish: none sent',
      );
    await tellPerson(
      who,
      ctx,
      claim === 'stuck'
        ? noticeMessage(ctx.l, 'slack.flush.stuck', { where: slackParam.code(where) })
        : noticeMessage(ctx.l, 'slack.flush.just-done', {
            where: slackParam.code(where),
            user: slackParam.user(claim.by),
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
    // Only this press's claim (a flush slower than the claim may find another's there), so the next press flushes.
    await ctx.state.release(key, running);
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
  await ctx.state.set(key, JSON.stringify({ user, done: true }), DOUBLE_PRESS_MS);
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

/**
 * Claims this stage's flush for this press: `ours` to send, else who flushed it just now. A flush under way
 * elsewhere is waited for (its claim expires if its replica dies); a claim gone between looking and reading is
 * claimed again; one this version cannot read is waited out like one under way, and one that outlasts its own
 * expiry (`stuck`) is not flushed over.
 */
async function claimFlush(
  ctx: JobContext,
  key: string,
  running: string,
): Promise<'ours' | 'stuck' | { by: string }> {
  const deadline = Date.now() + DOUBLE_PRESS_MS + 5_000;
  let waiting = false;
  while (Date.now() < deadline) {
    if (await ctx.state.claim(key, running, DOUBLE_PRESS_MS)) return 'ours';
    const held = readClaim(await ctx.state.get(key));
    if (held?.done) return { by: held.user };
    if (!waiting) ctx.log.debug({ held: held?.user }, 'a flush under way elsewhere');
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return 'stuck';
}

function readClaim(value: string | undefined): { user: string; done: boolean } | undefined {
  const parsed = value === undefined ? undefined : parseJson(value);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { user, done } = parsed as Record<string, unknown>;
  return typeof user === 'string' ? { user, done: done === true } : undefined;
}
