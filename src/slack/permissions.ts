import type { SlackConfig } from '../config/app-config';
import type { CauseId } from '../evidence/types';

/** Who may run the bot, which APIs each channel may see, and who may flush an authorizer cache. */
export class Permissions {
  constructor(private readonly slack: SlackConfig | undefined) {}

  mayUse(user: string | undefined): boolean {
    const allowed = this.slack?.allowedUsers ?? [];
    return allowed.length === 0 || (user !== undefined && allowed.includes(user));
  }

  /** The APIs a channel is limited to; undefined means every configured API. */
  apisFor(channel: string | undefined): string[] | undefined {
    return channel ? this.slack?.channelApis[channel] : undefined;
  }

  mayFlush(user: string | undefined, channel: string | undefined): boolean {
    const flush = this.slack?.flushCache;
    return Boolean(
      flush && ((user && flush.users.includes(user)) || (channel && flush.channels.includes(channel))),
    );
  }

  /** Show the flush button where someone may press it, and only for causes a flush helps after the fix. */
  offerFlush(channel: string | undefined, cause: CauseId): boolean {
    const flush = this.slack?.flushCache;
    const someone = Boolean(
      flush && (flush.users.length > 0 || (channel && flush.channels.includes(channel))),
    );
    return someone && FLUSH_HELPS.includes(cause);
  }

  isAlertSource(channel: string | undefined, botId: string | undefined, appId: string | undefined): boolean {
    const slack = this.slack;
    if (!slack || !channel || !slack.alertChannels.includes(channel)) return false;
    return Boolean((botId && slack.alertBots.includes(botId)) || (appId && slack.alertBots.includes(appId)));
  }
}

const FLUSH_HELPS: readonly CauseId[] = [
  'authorizer-cached-policy-mismatch',
  'authorizer-explicit-deny',
  'authorizer-policy-not-covering-resource',
];
