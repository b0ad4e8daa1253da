import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';

/** `@why403 <request-id>` in a channel or thread; with no id, the ids in the thread's first message. */
export function registerMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body, logger }) => {
    try {
      if (!deps.dedupe.firstTime(body.event_id, `${event.channel}:${event.ts}`)) return;
      await deps.dispatch({
        type: 'mention',
        text: event.text ?? '',
        channel: event.channel,
        ts: event.ts,
        threadTs: event.thread_ts,
        user: event.user,
      });
    } catch (error) {
      logger.error('why403 mention failed', error);
    }
  });
}
