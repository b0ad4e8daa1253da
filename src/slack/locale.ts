import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { localeOf, localizer, type Localizer } from '../render/localize';
import type { Locale } from '../render/messages';
import type { Log } from '../log';
import type { Access } from './access';

/**
 * The language of an answer: the asker's Slack locale where Slack gives one the product speaks (users.info with
 * include_locale, which needs the users:read scope), else the channel's language from the configuration, else the
 * workspace's, else English. Locales are remembered for an hour per replica.
 */
export class Locales {
  /** Per user: the locale, once Slack answered (or did not); the question, while it is being asked. */
  private readonly known = new LRUCache<string, { locale?: Locale }>({ max: 5000, ttl: 60 * 60_000 });
  private readonly asking = new Map<string, Promise<Locale | undefined>>();
  private warned = false;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly access: Access,
    private readonly log: Log,
  ) {}

  async of(user: string | undefined, channel: string | undefined): Promise<Localizer> {
    const own = user ? await this.userLocale(user) : undefined;
    return localizer(own ?? this.configured(channel));
  }

  /** Without a Slack call (an acknowledgement cannot wait for one): what is known already. */
  cached(user: string | undefined, channel: string | undefined): Localizer {
    const own = user ? this.known.get(user)?.locale : undefined;
    return localizer(own ?? this.configured(channel));
  }

  private configured(channel: string | undefined): Locale {
    return this.access.languageOf(channel) ?? 'en';
  }

  private userLocale(user: string): Promise<Locale | undefined> {
    const cached = this.known.get(user);
    if (cached) return Promise.resolve(cached.locale);
    let question = this.asking.get(user);
    if (!question) {
      question = this.ask(user).finally(() => this.asking.delete(user));
      this.asking.set(user, question);
    }
    return question;
  }

  private async ask(user: string): Promise<Locale | undefined> {
    try {
      const info = await this.client.users.info({ user, include_locale: true });
      const locale = localeOf(info.user?.locale);
      this.known.set(user, { locale });
      return locale;
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.log.warn(
          { err: { message: (error as Error).message } },
          'could not read a Slack user’s locale (users.info needs the users:read scope): answering in the configured language',
        );
      }
      this.known.set(user, {});
      return undefined;
    }
  }
}
