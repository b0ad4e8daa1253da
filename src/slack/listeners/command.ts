import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { parseCommand } from '../parse-command';
import { problemMessage, usageMessage } from '../../render/blocks';

export const COMMAND = '/why403';

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, logger }) => {
    try {
      const request = parseCommand(command.text);
      if (!deps.permissions.mayUse(command.user_id)) {
        await ack({
          response_type: 'ephemeral',
          ...problemMessage('You may not use why403.', 'ask an admin to add you under slack.allowedUsers'),
        });
        return;
      }
      if (request.kind === 'help' || request.kind === 'invalid') {
        await ack({
          response_type: 'ephemeral',
          ...usageMessage(request.kind === 'invalid' ? request.problem : undefined),
        });
        return;
      }
      const allowed = deps.permissions.apisFor(command.channel_id);
      if (request.restApiId && allowed && !allowed.includes(request.restApiId)) {
        await ack({
          response_type: 'ephemeral',
          ...problemMessage(
            `This channel may not see API ${request.restApiId}.`,
            `it may see: ${allowed.join(', ')}`,
          ),
        });
        return;
      }
      await ack();
      const reply = { channel: command.channel_id, responseUrl: command.response_url, user: command.user_id };
      await deps.dispatch(
        request.kind === 'scan'
          ? {
              type: 'scan',
              query: { restApiId: request.restApiId, stage: request.stage, since: request.since },
              reply,
            }
          : {
              type: 'diagnose',
              query: {
                requestId: request.requestId,
                restApiId: request.restApiId,
                stage: request.stage,
                since: request.since,
                allowedApis: allowed,
              },
              reply,
            },
      );
    } catch (error) {
      logger.error('why403 command failed', error);
    }
  });
}
