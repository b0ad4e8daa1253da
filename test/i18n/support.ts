import { parse, type PluralCategory, type Token } from '@messageformat/parser';
import { CATALOGS, LOCALES, type Locale, type MessageId } from '../../src/render/messages';

/** What the i18n tests read from the ICU syntax of a message. */

export const IDS = Object.keys(CATALOGS.en) as MessageId[];
export const TRANSLATED: readonly Locale[] = LOCALES.filter((locale) => locale !== 'en');

/** Plural categories a language has (CLDR cardinal rules). */
export const PLURAL_CATEGORIES: Record<Locale, PluralCategory[]> = {
  en: ['one', 'other'],
  'zh-TW': ['other'],
};

export interface Argument {
  name: string;
  /** 'plain' for `{name}`, the function or select type otherwise (`plural`, `select`, `number`…). */
  kind: string;
}

export function parseMessage(locale: Locale, id: MessageId) {
  return parse(CATALOGS[locale][id], { cardinal: PLURAL_CATEGORIES[locale], strict: false });
}

/** Every argument a message uses, in the order it first appears, with how it is used. */
export function argumentsOf(tokens: readonly Token[]): Argument[] {
  const found = new Map<string, Argument>();
  const walk = (list: readonly Token[]) => {
    for (const token of list) {
      if (token.type === 'argument')
        found.set(token.arg, found.get(token.arg) ?? { name: token.arg, kind: 'plain' });
      else if (token.type === 'function') found.set(token.arg, { name: token.arg, kind: token.key });
      else if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
        found.set(token.arg, { name: token.arg, kind: token.type });
        for (const branch of token.cases) walk(branch.tokens);
      }
    }
  };
  walk(tokens);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The keys of every plural in a message, also inside a select: `one`, `other`, `=0`. */
export function caseKeys(tokens: readonly Token[]): string[] {
  const keys: string[] = [];
  for (const token of tokens) {
    if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
      for (const branch of token.cases) {
        if (token.type !== 'select') keys.push(branch.key);
        keys.push(...caseKeys(branch.tokens));
      }
    }
  }
  return keys;
}

/** Sample values for a message's parameters: numbers where it counts, a recognisable word otherwise. */
export function sampleParams(args: readonly Argument[], count: number): Record<string, string | number> {
  return Object.fromEntries(args.map(({ name, kind }) => [name, kind === 'plain' ? `‹${name}›` : count]));
}
