import MessageFormat, { type MessageFunction } from '@messageformat/core';
import { CATALOGS, LOCALES, type Locale, type MessageId } from './messages';
import { isMessage, type Message, type MessageParam, type Text } from '../text';

/**
 * Turns messages into words in one language (ICU MessageFormat through @messageformat/core, so plurals follow the
 * language's rules; "<rest-api-id>" placeholders are plain text). Verbatim text passes through unchanged.
 * Compiled messages are cached per language.
 */

export interface Localizer {
  readonly locale: Locale;
  t(text: Text): string;
}

const compiled = new Map<string, MessageFunction<'string'>>();
const compilers = new Map<Locale, MessageFormat<'string'>>();

function formatOf(locale: Locale, id: MessageId): MessageFunction<'string'> {
  const key = `${locale}\u0000${id}`;
  let format = compiled.get(key);
  if (!format) {
    const source = CATALOGS[locale][id] ?? CATALOGS.en[id];
    if (source === undefined) throw new Error(`unknown message id: ${id}`);
    let compiler = compilers.get(locale);
    if (!compiler) {
      compiler = new MessageFormat<'string'>(locale);
      compilers.set(locale, compiler);
    }
    format = compiler.compile(source);
    compiled.set(key, format);
  }
  return format;
}

function formatMessage(locale: Locale, message: Message): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) values[name] = paramValue(locale, value);
  return formatOf(locale, message.id)(values);
}

function paramValue(locale: Locale, value: MessageParam): string | number {
  return isMessage(value) ? formatMessage(locale, value) : value;
}

const localizers = new Map<Locale, Localizer>();

export function localizer(locale: Locale = 'en'): Localizer {
  let found = localizers.get(locale);
  if (!found) {
    found = { locale, t: (text) => (isMessage(text) ? formatMessage(locale, text) : text) };
    localizers.set(locale, found);
  }
  return found;
}

/** English, for logs and tests. */
export const english = localizer('en');

/**
 * The supported language a locale tag asks for: BCP 47 (`zh-TW`, `zh-Hant-HK`) or POSIX (`zh_TW.UTF-8`).
 * Traditional Chinese in any region reads zh-TW; other Chinese (Simplified) and unknown languages: none.
 */
export function localeOf(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const normalized = tag.split(/[.@]/)[0].replace(/_/g, '-').toLowerCase();
  if (normalized === 'c' || normalized === 'posix' || normalized === '') return undefined;
  const [language, ...rest] = normalized.split('-');
  if (language === 'en') return 'en';
  if (language === 'zh') {
    if (rest.includes('hant') || rest.some((part) => ['tw', 'hk', 'mo'].includes(part))) return 'zh-TW';
    return undefined;
  }
  return LOCALES.find((locale) => locale.toLowerCase() === normalized);
}

/** The CLI's language: `--lang`, else LC_ALL, LC_MESSAGES, LANG (the POSIX order), else English. */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (flag !== undefined) {
    const chosen = localeOf(flag);
    if (chosen) return chosen;
  }
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (value) return localeOf(value) ?? 'en';
  }
  return 'en';
}
