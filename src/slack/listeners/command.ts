import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';
import { parseCommand, type CommandRequest } from '../parse-command';
import { problemMessage, refusalMessage, usageMessage } from '../../render/blocks';
import { msg } from '../../text';
import { postEphemeral } from '../response-url';
import type { Job, JobBody, ReplyTarget } from '../jobs';
import { workspaceAudit } from '../access';
import { originOfCommand } from '../origin';

export const COMMAND = '/why403';

/**
 * `/why403 …`: usage and refusals go back in the acknowledgement itself (ephemeral, no AWS call); anything else is
 * acknowledged empty and becomes a job. A delivery seen before (Socket Mode redelivers what a dropped connection
 * did not acknowledge) is acknowledged and dropped.
 */
export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack: acknowledge }) => {
    const correlationId = newCorrelationId();
    const log = deps.log.child({ correlationId, slackUser: command.user_id, channel: command.channel_id });
    let acked = false;
    const ack: typeof acknowledge = (response) => {
      acked = true;
      return acknowledge(response);
    };
    try {
      // Nobody to answer or to decide for: a person and a place are what every access decision is about.
      if (!command.user_id || !command.channel_id) {
        log.warn('a command without a user or a channel: dropped');
        await ack();
        return;
      }
      if (!(await deps.dedupe.firstTime(command.trigger_id && `command:${command.trigger_id}`))) {
        await ack();
        return;
      }
      const l = deps.locales.cached(command.user_id, command.channel_id);
      const request = parseCommand(command.text);
      if (request.kind === 'help' || request.kind === 'invalid') {
        await ack({
          response_type: 'ephemeral',
          ...usageMessage(request.kind === 'invalid' ? request.problem : undefined, l),
        });
        return;
      }
      const from = originOfCommand(command);
      const decision = deps.access.authorize({
        user: command.user_id,
        channel: command.channel_id,
        api: request.restApiId,
        action: request.kind,
        from,
      });
      if (!decision.allowed) {
        log.info({ refused: decision.reason.id, ...workspaceAudit(decision, from) }, 'command refused');
        await ack({
          response_type: 'ephemeral',
          ...refusalMessage(decision.reason, decision.setting, deps.access.contact, l),
        });
        return;
      }
      await ack();
      log.debug({ command: request.kind }, 'command accepted');
      const reply = { channel: command.channel_id, responseUrl: command.response_url };
      try {
        await deps.dispatch({
          ...jobOf(request, reply),
          who: { user: command.user_id, channel: command.channel_id, from },
          correlationId,
        } as Job);
      } catch (error) {
        log.error({ err: error }, 'could not start the job');
        await postEphemeral(
          command.response_url,
          problemMessage(msg('slack.error.unexpected', { correlation: correlationId }), undefined, l),
        );
      }
    } catch (error) {
      log.error({ err: error }, 'command failed');
      if (!acked) await acknowledge().catch(() => undefined);
    }
  });
}

/** The job a command asks for, to be answered where it was typed. */
function jobOf(
  request: Extract<CommandRequest, { kind: 'diagnose' | 'scan' | 'doctor' }>,
  reply: ReplyTarget,
): JobBody {
  const { stage } = request;
  if (request.kind === 'doctor')
    return { type: 'doctor', query: { restApiId: request.restApiId, stage }, reply };
  if (request.kind === 'scan')
    return { type: 'scan', query: { restApiId: request.restApiId, stage, since: request.since }, reply };
  const { requestId, restApiId, since } = request;
  return { type: 'diagnose', query: { requestId, restApiId, stage, since }, reply };
}
