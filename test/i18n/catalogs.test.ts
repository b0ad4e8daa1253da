import { CATALOGS, LOCALES } from '../../src/render/messages';
import { localizer } from '../../src/render/localize';
import { msg } from '../../src/text';
import {
  IDS,
  PLURAL_CATEGORIES,
  TRANSLATED,
  argumentsOf,
  caseKeys,
  parseMessage,
  sampleParams,
} from './support';

/**
 * Every message id is translated in every language, with the same parameters used the same way, in ICU syntax
 * that compiles and formats. English is the reference catalog.
 */

describe('message catalogs', () => {
  it.each(TRANSLATED)('%s translates exactly the English ids', (locale) => {
    const ids = Object.keys(CATALOGS[locale]).sort();
    expect(ids).toEqual([...IDS].sort());
  });

  it.each(TRANSLATED)('%s has no empty translation and none left in English', (locale) => {
    const untranslated = IDS.filter((id) => {
      const text = CATALOGS[locale][id] ?? '';
      return text.trim() === '' || (text === CATALOGS.en[id] && /[a-z]{3,} [a-z]{3,}/i.test(text));
    });
    expect(untranslated).toEqual([]);
  });

  describe.each(TRANSLATED)('%s keeps the parameters', (locale) => {
    it.each(IDS)('%s', (id) => {
      const english = argumentsOf(parseMessage('en', id));
      const translated = argumentsOf(parseMessage(locale, id));
      expect(translated).toEqual(english);
    });
  });

  describe.each(LOCALES)('%s plural forms', (locale) => {
    const plural = IDS.filter((id) => argumentsOf(parseMessage('en', id)).some((a) => a.kind === 'plural'));

    it('has plural messages to check', () => {
      expect(plural.length).toBeGreaterThan(5);
    });

    it.each(plural)('%s uses only the categories of the language, and always other', (id) => {
      const keys = caseKeys(parseMessage(locale, id));
      expect(keys).toContain('other');
      expect(
        keys.filter((key) => !key.startsWith('=') && !(PLURAL_CATEGORIES[locale] as string[]).includes(key)),
      ).toEqual([]);
    });
  });

  describe.each(LOCALES)('%s formats every message', (locale) => {
    const l = localizer(locale);

    it.each(IDS)('%s', (id) => {
      const args = argumentsOf(parseMessage('en', id));
      for (const count of [0, 1, 2, 1234]) {
        const text = l.t(msg(id, sampleParams(args, count)));
        expect(text.trim()).not.toBe('');
        for (const { name, kind } of args) {
          if (kind === 'plain') expect(text).toContain(`‹${name}›`);
        }
        // A brace that is not in the English output is an ICU quoting mistake (an apostrophe before a brace).
        const english = localizer('en').t(msg(id, sampleParams(args, count)));
        if (!english.includes('{')) expect(text).not.toContain('{');
        if (!english.includes('}')) expect(text).not.toContain('}');
      }
    });
  });
});

/** Markup that must survive translation: Slack mrkdwn (bold, code, links, emoji) and placeholders such as `<id>`. */
function markup(text: string): Record<string, unknown> {
  const count = (char: string) => text.split(char).length - 1;
  return {
    backticks: count('`'),
    asterisks: count('*'),
    angles: [count('<'), count('>')],
    newlines: count('\n'),
    emoji: text.match(/:[a-z_]+:/g) ?? [],
    contextVariables: (text.match(/\$context(?:\.[\w*]+)+/g) ?? []).sort(),
  };
}

describe.each(TRANSLATED)('%s keeps the markup', (locale) => {
  it.each(IDS)('%s', (id) => {
    expect(markup(CATALOGS[locale][id])).toEqual(markup(CATALOGS.en[id]));
  });
});

/**
 * Words a translation keeps verbatim: identifiers (camelCase settings, SCREAMING_CASE values), IAM actions and
 * condition keys, headers, context variables. A translation that drops or translates one is wrong.
 */
function verbatim(text: string): string[] {
  const patterns = [
    /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g,
    /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g,
    /\b[a-z][\w-]*:[A-Z*][\w*]*\b/g,
    /\bx-amzn?-[\w-]+/gi,
  ];
  return [...new Set(patterns.flatMap((pattern) => text.match(pattern) ?? []))].sort();
}

/** ARN segment names are words for a reader ("apiId" reads 識別碼（API ID）), not identifiers to type. */
const SEGMENT_NAMES = IDS.filter((id) => id.startsWith('policy.segment.'));

describe.each(TRANSLATED)('%s keeps identifiers verbatim', (locale) => {
  it.each(IDS.filter((id) => !SEGMENT_NAMES.includes(id)))('%s', (id) => {
    const kept = verbatim(CATALOGS.en[id]).filter((word) => !CATALOGS[locale][id].includes(word));
    expect(kept).toEqual([]);
  });
});

describe('plurals', () => {
  it.each<[string, number, string]>([
    ['en', 1, 'The lines of 1 other request were left out'],
    ['en', 3, 'The lines of 3 other requests were left out'],
    ['en', 1234, 'The lines of 1,234 other requests were left out'],
    ['zh-TW', 1, '已略過其他 1 個請求的日誌行'],
    ['zh-TW', 3, '已略過其他 3 個請求的日誌行'],
  ])('%s, %d', (locale, count, expected) => {
    const text = localizer(locale as 'en' | 'zh-TW').t(msg('evidence.other-requests-left-out', { count }));
    expect(text.startsWith(expected)).toBe(true);
  });

  it('counts in every language', () => {
    expect(localizer('zh-TW').t(msg('cli.sandbox.calls', { count: 1 }))).toBe(
      '（透過真正的 AWS SDK，對模擬的 AWS 發出了 1 次呼叫。）',
    );
    expect(localizer('en').t(msg('cli.sandbox.calls', { count: 1 }))).toBe(
      '(1 call to the simulated AWS, through the real AWS SDK.)',
    );
  });
});
