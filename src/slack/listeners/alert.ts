import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';

/** Edits, deletions and other housekeeping never trigger a scan. */
const IGNORED_SUBTYPES = [
  'message_changed',
  'message_deleted',
  'message_replied',
  'channel_join',
  'channel_leave',
  'thread_broadcast_removed',
];

/** Every message of the channels the bot is in (message.channels, message.groups). */
export const ALERT_EVENT = 'message';

interface AlertEvent {
  subtype?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
  app_id?: string;
  text?: string;
  attachments?: unknown[];
  blocks?: unknown[];
}

/**
 * The bot receives every message of the channels it is in (it needs them to spot alarm posts); it looks only at
 * top-level posts by the configured alerting bots in the configured alert channels and keeps nothing else.
 */
export function registerAlerts(app: App, deps: ListenerDeps): void {
  app.event(ALERT_EVENT, async ({ event, body }) => {
    const message = event as unknown as AlertEvent;
    try {
      if (message.subtype && IGNORED_SUBTYPES.includes(message.subtype)) return;
      if (message.thread_ts && message.thread_ts !== message.ts) return;
      if (!deps.access.isAlertSource(message.channel, message.bot_id, message.app_id)) return;
      if (!(await deps.dedupe.firstTime(body.event_id, `${message.channel}:${message.ts}`))) return;
      const correlationId = newCorrelationId();
      deps.log.debug(
        { correlationId, channel: message.channel, eventId: body.event_id },
        'alarm post accepted',
      );
      await deps.dispatch({
        type: 'alert',
        who: { channel: message.channel },
        correlationId,
        message: { text: message.text, attachments: message.attachments, blocks: message.blocks },
        ts: message.ts,
      });
    } catch (error) {
      deps.log.error({ err: error, channel: message.channel }, 'alarm handling failed');
    }
  });
}
