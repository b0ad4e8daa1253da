import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';

/** Edits, deletions and other housekeeping never trigger a scan. */
const IGNORED_SUBTYPES = [
  'message_changed',
  'message_deleted',
  'message_replied',
  'channel_join',
  'channel_leave',
  'thread_broadcast_removed',
];

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

/** Alarm posts from configured alerting bots in configured channels get one reply in their thread. */
export function registerAlerts(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, logger }) => {
    try {
      const message = event as unknown as AlertEvent;
      if (message.subtype && IGNORED_SUBTYPES.includes(message.subtype)) return;
      if (message.thread_ts && message.thread_ts !== message.ts) return;
      if (!deps.permissions.isAlertSource(message.channel, message.bot_id, message.app_id)) return;
      if (!deps.dedupe.firstTime(body.event_id, `${message.channel}:${message.ts}`)) return;
      await deps.dispatch({
        type: 'alert',
        message: { text: message.text, attachments: message.attachments, blocks: message.blocks },
        channel: message.channel,
        ts: message.ts,
      });
    } catch (error) {
      logger.error('why403 alert handling failed', error);
    }
  });
}
