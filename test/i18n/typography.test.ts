import type { Token } from '@messageformat/parser';
import { localizer } from '../../src/render/localize';
import { msg } from '../../src/text';
import { IDS, argumentsOf, parseMessage, sampleParams } from './support';

/**
 * Chinese typography as rendered, every branch of every plural and select: no space between two Chinese
 * characters (a space before a plural whose branch starts in Chinese reads "需要的 全部 3 項"), and full-width
 * punctuation in Chinese sentences (a half-width comma, semicolon or parenthesis touching a Chinese character is a
 * slip; a half-width colon is kept where it is syntax, such as YAML's "鍵: 值").
 */

const HAN = '\\p{Script=Han}';
const SLIPS: readonly [string, RegExp][] = [
  ['a space between Chinese characters', new RegExp(`${HAN} +${HAN}`, 'u')],
  ['a half-width comma, semicolon or parenthesis', new RegExp(`${HAN}[,;()]|[,;()]${HAN}`, 'u')],
  ['a half-width colon', new RegExp(`${HAN}:${HAN}`, 'u')],
];

/** The case keys of every select in a message (plural counts are tried separately). */
function selectKeys(
  tokens: readonly Token[],
  found = new Map<string, Set<string>>(),
): Map<string, Set<string>> {
  for (const token of tokens) {
    if (token.type !== 'plural' && token.type !== 'select' && token.type !== 'selectordinal') continue;
    if (token.type === 'select') {
      const keys = found.get(token.arg) ?? new Set<string>();
      for (const branch of token.cases) keys.add(branch.key);
      found.set(token.arg, keys);
    }
    for (const branch of token.cases) selectKeys(branch.tokens, found);
  }
  return found;
}

/** Every rendering worth checking: each plural count, and each case of each select. */
function renderings(id: (typeof IDS)[number]): string[] {
  const zh = localizer('zh-TW');
  const args = argumentsOf(parseMessage('en', id));
  const selects = selectKeys(parseMessage('zh-TW', id));
  const texts: string[] = [];
  for (const count of [0, 1, 2]) {
    const base = sampleParams(args, count);
    texts.push(zh.t(msg(id, base)));
    for (const [name, keys] of selects)
      for (const key of keys) texts.push(zh.t(msg(id, { ...base, [name]: key === 'other' ? 'zz' : key })));
  }
  return texts;
}

describe('zh-TW typography', () => {
  it.each(IDS)('%s', (id) => {
    const slips = renderings(id).flatMap((text) =>
      SLIPS.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${what}: ${text}`),
    );
    expect(slips).toEqual([]);
  });

  it.each<[string, string]>([
    ['a space before a plural that starts in Chinese', '需要的 全部 3 項呼叫'],
    ['a half-width comma', '階段,方法'],
    ['a half-width parenthesis', '階段(prod)'],
  ])('catches %s', (_name, text) => {
    expect(SLIPS.some(([, pattern]) => pattern.test(text))).toBe(true);
  });
});
