import { en } from './en';
import { zhTW } from './zh-TW';

/** The message catalogs. English is the reference: every other language must translate every id. */

export type MessageId = keyof typeof en;

export const LOCALES = ['en', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = {
  en,
  'zh-TW': zhTW,
};
