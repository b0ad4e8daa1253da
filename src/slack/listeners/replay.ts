import type {
  App,
  BlockAction,
  ButtonAction,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  types,
} from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';
import { noticeMessage, refusalMessage } from '../../render/blocks';
import type { SlackMessage } from '../../render/block-kit';
import {
  IDENTITY_BLOCK,
  INPUT_ACTION,
  NEW_REQUEST_BLOCK,
  REPLAY_ACTION,
  REPLAY_VIEW,
  afterDeployModal,
  readModalMetadata,
  replayRunningView,
  sourcesOf,
  verifyFixModal,
  type ModalOrigin,
  type VerifyRef,
} from '../../render/replay';
import { SealedIdentity } from '../../replay/sealed';
import { typedRequestId } from '../parse-command';
import { msg } from '../../text';
import { postEphemeral } from '../response-url';
import { workspaceAudit, type AccessAction } from '../access';
import { originOfInteraction } from '../origin';
import type { Dispatch } from '../dispatch';
import type { Job, JobBody } from '../jobs';
import type { Localizer } from '../../render/localize';
import { diagnosisRef, readRef, replyInPlace } from './refs';
import { tellInvalid } from './actions';

/**
 * Verify fix and Re-check after deploy. A button opens its modal at once (a trigger_id lasts three seconds), after
 * the access decision for whoever pressed it where they pressed it; the submission is acknowledged at once and the
 * work is a job, authorized again where it runs.
 *
 * The identity typed into the Verify fix modal is sealed the moment it is read and handed to a job in this
 * process only: it is never put in a log line, a Redis key, a message, or a job sent to another process. Where
 * jobs leave the process (the bot on AWS Lambda), the modal is not opened at all.
 */
export function registerReplay(app: App, deps: ListenerDeps): void {
  const pressed = (
    actionId: string,
    action: AccessAction,
    modal: (ref: VerifyRef, origin: ModalOrigin, l: Localizer) => types.ModalView,
  ) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action: button, client }) => {
      await ack();
      const user = body.user?.id;
      const channel = body.channel?.id ?? body.container?.channel_id;
      if (!user || !channel) return;
      const press = readPress(body, button.value, user, channel);
      if (!press) {
        await tellInvalid(deps, body, { user, channel, action: actionId });
        return;
      }
      const { ref, origin } = press;
      if (!(await allowed(deps, body, user, origin.channel, ref, action))) return;
      const l = deps.locales.cached(user, origin.channel);
      if (action === 'replay' && !deps.replay) {
        await tellEphemeral(deps, body, noticeMessage(l, 'slack.replay.unavailable'));
        return;
      }
      await openModal(deps, () =>
        client.views.open({ trigger_id: body.trigger_id, view: modal(ref, origin, l) }),
      );
    });
  pressed(REPLAY_ACTION.verify, 'replay', verifyFixModal);
  pressed(REPLAY_ACTION.afterDeploy, 'recheck', afterDeployModal);
  app.view<ViewSubmitAction>(REPLAY_VIEW.verify, (args) => submitVerifyFix(deps, args));
  app.view<ViewSubmitAction>(REPLAY_VIEW.afterDeploy, (args) => submitAfterDeploy(deps, args));
}

type Submission = SlackViewMiddlewareArgs<ViewSubmitAction>;

/** The identity typed for each source (all of them, or Slack shows which are missing), sealed, for a replay job. */
async function submitVerifyFix(deps: ListenerDeps, { ack, body, view }: Submission): Promise<void> {
  const opened = readModalMetadata(view.private_metadata);
  const values = opened ? identityValues(view.state?.values ?? {}, sourcesOf(opened.ref)) : undefined;
  if (!opened || !values || !deps.replay || !body.user?.id) {
    await ack();
    return;
  }
  const { ref, origin } = opened;
  const l = deps.locales.cached(body.user.id, origin.channel);
  if (values.empty.length > 0) {
    const required = l.t(msg('replay.identity.empty'));
    await ack({
      response_action: 'errors',
      errors: Object.fromEntries(values.empty.map((block) => [block, required])),
    });
    return;
  }
  await ack({ response_action: 'update', view: replayRunningView(ref, l) });
  await startJob(deps, deps.replay, body, origin, {
    type: 'replay',
    query: diagnosisRef(ref),
    identity: values.identity,
    authorizerId: ref.authorizerId,
    reply: origin,
  });
}

/** The request id of a new call (or Slack shows that it is not one), diagnosed afresh where the verdict is. */
async function submitAfterDeploy(deps: ListenerDeps, { ack, body, view }: Submission): Promise<void> {
  const opened = readModalMetadata(view.private_metadata);
  if (!opened || !body.user?.id) {
    await ack();
    return;
  }
  const { ref, origin } = opened;
  const typed = view.state?.values?.[NEW_REQUEST_BLOCK]?.[INPUT_ACTION]?.value ?? '';
  let requestId: string;
  try {
    requestId = typedRequestId(typed);
  } catch {
    const l = deps.locales.cached(body.user.id, origin.channel);
    await ack({
      response_action: 'errors',
      errors: { [NEW_REQUEST_BLOCK]: l.t(msg('slack.replay.after.invalid')) },
    });
    return;
  }
  await ack();
  await startJob(deps, deps.dispatch, body, origin, {
    type: 'diagnose',
    query: { ...diagnosisRef(ref), requestId },
    reply: origin,
    fresh: true,
  });
}

/** A submission seen for the first time becomes a job of its own, for whoever submitted it where the verdict is. */
async function startJob(
  deps: ListenerDeps,
  dispatch: Dispatch,
  body: Submission['body'],
  origin: ModalOrigin,
  work: JobBody,
): Promise<void> {
  const { view } = body;
  if (!(await deps.dedupe.firstTime(`view:${view.id}:${view.hash}`))) return;
  const correlationId = newCorrelationId();
  const user = body.user.id;
  deps.log.debug(
    { correlationId, slackUser: user, channel: origin.channel, view: view.callback_id },
    'modal submitted',
  );
  const job = {
    ...work,
    who: { user, channel: origin.channel, from: originOfInteraction(body) },
    correlationId,
  } as Job;
  try {
    await dispatch(job);
  } catch (error) {
    deps.log.error({ err: error, correlationId }, 'could not start the job');
  }
}

/** The button's reference (as the bot wrote it) and where the verdict it sits under is. */
function readPress(
  body: BlockAction,
  value: string | undefined,
  user: string,
  channel: string,
): { ref: VerifyRef; origin: ModalOrigin; user: string } | undefined {
  const ref = readRef(value);
  if (typeof ref?.requestId !== 'string') return undefined;
  return {
    ref: { ...ref, requestId: ref.requestId },
    user,
    origin: replyInPlace(body, channel),
  };
}

/** The access decision before a modal opens; a refusal goes to the person who pressed, ephemerally. */
async function allowed(
  deps: ListenerDeps,
  body: BlockAction,
  user: string,
  channel: string,
  ref: VerifyRef,
  action: AccessAction,
): Promise<boolean> {
  const from = originOfInteraction(body);
  const decision = deps.access.authorize({ user, channel, api: ref.restApiId, action, from });
  if (decision.allowed) return true;
  const audit =
    action === 'replay'
      ? { audit: 'authorizer-test-invoke', outcome: 'refused', restApiId: ref.restApiId, stage: ref.stage }
      : {};
  deps.log.info(
    {
      slackUser: user,
      channel,
      action,
      refused: decision.reason.id,
      ...workspaceAudit(decision, from),
      ...audit,
    },
    'button refused',
  );
  const l = deps.locales.cached(user, channel);
  await tellEphemeral(deps, body, refusalMessage(decision.reason, decision.setting, deps.access.contact, l));
  return false;
}

async function tellEphemeral(deps: ListenerDeps, body: BlockAction, message: SlackMessage): Promise<void> {
  if (!body.response_url) return;
  await postEphemeral(body.response_url, message).catch((error: unknown) =>
    deps.log.warn({ err: error }, 'could not tell the person'),
  );
}

async function openModal(deps: ListenerDeps, open: () => Promise<unknown>): Promise<void> {
  try {
    await open();
  } catch (error) {
    deps.log.warn({ err: error }, 'could not open the modal');
  }
}

/**
 * The values typed for each identity source, sealed at once; with the sources unknown, the one input is the token.
 * `empty` names the inputs left blank (Slack requires them, but whitespace passes its check).
 */
function identityValues(
  state: ViewSubmitAction['view']['state']['values'],
  sources: readonly string[],
): { identity: SealedIdentity; empty: string[] } | undefined {
  const blocks = (sources.length > 0 ? sources : [undefined]).map((source, i) => ({
    source,
    block: `${IDENTITY_BLOCK}${i}`,
    value: (state[`${IDENTITY_BLOCK}${i}`]?.[INPUT_ACTION]?.value ?? '').trim(),
  }));
  const empty = blocks.filter((b) => b.value === '').map((b) => b.block);
  if (sources.length === 0) return { identity: SealedIdentity.single(blocks[0].value), empty };
  return {
    identity: SealedIdentity.named(Object.fromEntries(blocks.map((b) => [b.source as string, b.value]))),
    empty,
  };
}
