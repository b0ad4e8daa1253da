import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';

/** `@why403 <request-id>` in a channel or thread; with no id, the ids in the thread's first message. */
export function registerMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, body }) => {
    const correlationId = newCorrelationId();
    const log = deps.log.child({ correlationId, slackUser: event.user, channel: event.channel });
    try {
      if (!event.user) return;
      if (!(await deps.dedupe.firstTime(body.event_id, `${event.channel}:${event.ts}`))) {
        log.debug({ eventId: body.event_id }, 'mention seen before: dropped');
        return;
      }
      log.debug({ eventId: body.event_id }, 'mention accepted');
      await deps.dispatch({
        type: 'mention',
        who: { user: event.user, channel: event.channel },
        correlationId,
        text: event.text ?? '',
        ts: event.ts,
        threadTs: event.thread_ts,
      });
    } catch (error) {
      log.error({ err: error }, 'mention failed');
    }
  });
}
