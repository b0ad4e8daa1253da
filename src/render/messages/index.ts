import { en } from './en';

/** The message catalogs. English is the reference: every other language must translate every id. */

export type MessageId = keyof typeof en;

export const LOCALES = ['en', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalog = Readonly<Record<MessageId, string>>;

/**
 * English is always loaded; Traditional Chinese is read on first use (Node caches it), so a run in English — every
 * CLI start, the Lambda's cold start — does not pay for a catalog it never shows.
 */
export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  get 'zh-TW'(): Catalog {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: formatting is synchronous
    return (require('./zh-TW') as typeof import('./zh-TW')).zhTW;
  },
};
