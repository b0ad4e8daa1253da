import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { ACTION, type DiagnosisRef, type ScanRef } from '../../render/blocks';

/** The buttons under a verdict. Each acknowledges at once; the work is a job. */
export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.flushCache, async ({ ack, body, action, logger }) => {
    await ack();
    const ref = readRef<DiagnosisRef>(action.value);
    if (!ref?.restApiId || !ref.stage || !body.channel) return;
    await dispatchSafely(deps, logger, {
      type: 'flush',
      target: { restApiId: ref.restApiId, stage: ref.stage, region: ref.region },
      reply: {
        channel: body.channel.id,
        threadTs: body.container?.message_ts,
        user: body.user.id,
        responseUrl: body.response_url,
      },
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION.showTrace, async ({ ack, body, action, logger }) => {
    await ack();
    const ref = readRef<DiagnosisRef>(action.value);
    if (!ref || !body.response_url || !allowed(deps, body, ref.restApiId)) return;
    await dispatchSafely(deps, logger, { type: 'trace', query: ref, responseUrl: body.response_url });
  });

  app.action<BlockAction<ButtonAction>>(ACTION.recheck, async ({ ack, body, action, logger }) => {
    await ack();
    const ref = readRef<DiagnosisRef>(action.value);
    if (!ref || !body.channel || !allowed(deps, body, ref.restApiId)) return;
    await dispatchSafely(deps, logger, {
      type: 'diagnose',
      query: ref,
      reply: replyInPlace(body),
      fresh: true,
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION.recheckScan, async ({ ack, body, action, logger }) => {
    await ack();
    const ref = readRef<ScanRef>(action.value);
    if (!ref?.restApiId || !body.channel || !allowed(deps, body, ref.restApiId)) return;
    await dispatchSafely(deps, logger, { type: 'scan', query: ref, reply: replyInPlace(body), fresh: true });
  });

  // A link button: Slack still sends the click, which must be acknowledged.
  app.action(ACTION.openCloudWatch, async ({ ack }) => {
    await ack();
  });
}

function replyInPlace(body: BlockAction) {
  return {
    channel: body.channel?.id as string,
    messageTs: body.container?.message_ts,
    responseUrl: body.response_url,
    viaResponseUrl: Boolean(body.container?.is_ephemeral),
    user: body.user.id,
  };
}

function allowed(deps: ListenerDeps, body: BlockAction, restApiId: string | undefined): boolean {
  if (!deps.permissions.mayUse(body.user.id)) return false;
  const apis = deps.permissions.apisFor(body.channel?.id);
  return !apis || (restApiId !== undefined && apis.includes(restApiId));
}

function readRef<T>(value: string | undefined): T | undefined {
  try {
    const parsed: unknown = value ? JSON.parse(value) : undefined;
    return parsed && typeof parsed === 'object' ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

async function dispatchSafely(
  deps: ListenerDeps,
  logger: { error(...args: unknown[]): void },
  job: Parameters<ListenerDeps['dispatch']>[0],
): Promise<void> {
  try {
    await deps.dispatch(job);
  } catch (error) {
    logger.error('why403 action failed', error);
  }
}
