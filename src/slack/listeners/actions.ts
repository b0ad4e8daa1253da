import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';
import { ACTION, noticeMessage, problemMessage, type ScanRef } from '../../render/blocks';
import { msg } from '../../text';
import { postEphemeral } from '../response-url';
import type { Job, JobBody } from '../jobs';
import { diagnosisRef, readRef, replyInPlace } from './refs';
import { originOfInteraction } from '../origin';

/**
 * The buttons under a verdict. Each acknowledges at once; the work, and the access decision for whoever pressed it
 * where they pressed it, is a job (a refusal comes back to them ephemerally).
 */
export function registerActions(app: App, deps: ListenerDeps): void {
  const button = (
    actionId: string,
    toJob: (
      ref: Record<string, string | undefined>,
      body: BlockAction,
      channel: string,
    ) => JobBody | undefined,
  ) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      const user = body.user?.id;
      const channel = body.channel?.id ?? body.container?.channel_id;
      // No person or no place: nothing to decide access for, nobody to answer.
      if (!user || !channel) return;
      if (!(await deps.dedupe.firstTime(pressKey(body, action, actionId)))) return;
      const ref = readRef(action.value);
      const job = ref ? toJob(ref, body, channel) : undefined;
      if (!job) {
        await tellInvalid(deps, body, { user, channel, action: actionId });
        return;
      }
      const correlationId = newCorrelationId();
      deps.log.debug({ correlationId, slackUser: user, channel, action: actionId }, 'button pressed');
      await dispatchOrTell(deps, body, {
        ...job,
        who: { user, channel, from: originOfInteraction(body) },
        correlationId,
      } as Job);
    });

  button(ACTION.flushCache, (ref, body, channel) =>
    ref.restApiId && ref.stage
      ? {
          type: 'flush',
          target: { restApiId: ref.restApiId, stage: ref.stage, region: ref.region },
          reply: {
            channel,
            threadTs: threadOf(body),
            responseUrl: body.response_url,
          },
        }
      : undefined,
  );
  button(ACTION.showTrace, (ref, body) =>
    ref.requestId && body.response_url
      ? {
          type: 'trace',
          query: diagnosisRef({ ...ref, requestId: ref.requestId }),
          responseUrl: body.response_url,
        }
      : undefined,
  );
  button(ACTION.showDetails, (ref, body) =>
    ref.requestId && body.response_url
      ? {
          type: 'details',
          query: diagnosisRef({ ...ref, requestId: ref.requestId }),
          responseUrl: body.response_url,
        }
      : undefined,
  );
  button(ACTION.recheck, (ref, body, channel) =>
    ref.requestId
      ? {
          type: 'diagnose',
          query: diagnosisRef({ ...ref, requestId: ref.requestId }),
          reply: replyInPlace(body, channel),
          fresh: true,
        }
      : undefined,
  );
  button(ACTION.recheckScan, (ref, body, channel) =>
    ref.restApiId
      ? { type: 'scan', query: scanRef(ref), reply: replyInPlace(body, channel), fresh: true }
      : undefined,
  );
  button(ACTION.showScanDetails, (ref, body) =>
    ref.restApiId && body.response_url
      ? { type: 'scan-details', query: scanRef(ref), responseUrl: body.response_url }
      : undefined,
  );

  // A link button: Slack still sends the click, which must be acknowledged.
  app.action(ACTION.openCloudWatch, async ({ ack }) => {
    await ack();
  });
}

function scanRef(ref: Record<string, string | undefined>): ScanRef {
  return { restApiId: ref.restApiId as string, stage: ref.stage, region: ref.region, since: ref.since };
}

/** The thread the pressed message belongs to (it may itself be a reply), else the message itself. */
function threadOf(body: BlockAction): string | undefined {
  const message = body.message as { thread_ts?: string; ts?: string } | undefined;
  return message?.thread_ts ?? body.container?.thread_ts ?? body.container?.message_ts;
}

/**
 * One press, however often it is delivered (Socket Mode redelivers what a dropped connection did not acknowledge):
 * Slack's trigger id for it, else the time of the action and who pressed.
 */
export function pressKey(
  body: BlockAction,
  action: { action_ts?: string },
  actionId: string,
): string | undefined {
  if (body.trigger_id) return `action:${body.trigger_id}:${actionId}`;
  return action.action_ts ? `action:${body.user?.id}:${action.action_ts}:${actionId}` : undefined;
}

/** A button whose value is not as the bot wrote it: one line for whoever pressed it. */
/** A button value not as the bot wrote it: logged, and the person who pressed it told in one private line. */
export async function tellInvalid(
  deps: ListenerDeps,
  body: BlockAction,
  who: { user: string; channel: string; action: string },
): Promise<void> {
  const { user, channel, action } = who;
  deps.log.warn({ slackUser: user, channel, action }, 'a button value not as the bot wrote it');
  if (!body.response_url) return;
  const l = deps.locales.cached(user, channel);
  await postEphemeral(body.response_url, noticeMessage(l, 'slack.button.invalid')).catch((error: unknown) =>
    deps.log.warn({ err: error }, 'could not tell the person'),
  );
}

async function dispatchOrTell(deps: ListenerDeps, body: BlockAction, job: Job): Promise<void> {
  try {
    await deps.dispatch(job);
  } catch (error) {
    deps.log.error({ err: error, correlationId: job.correlationId }, 'could not start the job');
    if (!body.response_url) return;
    const l = deps.locales.cached(body.user.id, job.who.channel);
    await postEphemeral(
      body.response_url,
      problemMessage(msg('slack.error.unexpected', { correlation: job.correlationId }), undefined, l),
    ).catch((failure: unknown) => deps.log.warn({ err: failure }, 'could not tell the person either'));
  }
}
