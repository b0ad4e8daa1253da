import type { App } from '@slack/bolt';
import type { ListenerDeps } from './index';
import { newCorrelationId } from './index';
import { originOfEvent } from '../origin';

export const MENTION_EVENT = 'app_mention';

/** `@why403 <request-id>` in a channel or thread; with no id, the ids in the thread's first message. */
export function registerMention(app: App, deps: ListenerDeps): void {
  app.event(MENTION_EVENT, async ({ event, body }) => {
    const correlationId = newCorrelationId();
    const log = deps.log.child({ correlationId, slackUser: event.user, channel: event.channel });
    try {
      if (!event.user || !event.channel || !isNewMentionByPerson(event)) return;
      if (!(await deps.dedupe.firstTime(body.event_id, `${event.channel}:${event.ts}`))) {
        log.debug({ eventId: body.event_id }, 'mention seen before: dropped');
        return;
      }
      log.debug({ eventId: body.event_id }, 'mention accepted');
      await deps.dispatch({
        type: 'mention',
        who: { user: event.user, channel: event.channel, from: originOfEvent(event, body) },
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

/** Posts that carry a person's question; any other subtype is housekeeping (an edit, a deletion, a join). */
const ASKING_SUBTYPES = [undefined, 'file_share', 'thread_broadcast'];

/**
 * Only a person's new message asks: an edited or deleted message is not a new question, and another bot's post is
 * not a person's (two bots answering each other would never stop; alarm posts by bots have their own path, in the
 * alert channels).
 */
function isNewMentionByPerson(event: object): boolean {
  const { subtype, edited, bot_id: botId } = event as { subtype?: string; edited?: unknown; bot_id?: string };
  return ASKING_SUBTYPES.includes(subtype) && !edited && !botId;
}
