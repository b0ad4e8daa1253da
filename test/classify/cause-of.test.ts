import { causeOf, classify } from '../../src/classify/classify';
import type { Confidence, Rule, Signal } from '../../src/classify/types';
import type { CauseId } from '../../src/evidence/types';
import { msg } from '../../src/text';
import { loadCorpus } from '../support/corpus';
import { variantsOf } from '../support/metamorphic';
import { evidence } from '../support/evidence';

/** `scan --file` tallies causeOf; a diagnosis shows classify. They must never disagree. */

describe('causeOf: the cause classify gives, with no verdict built', () => {
  it('on every corpus case and every metamorphic variant of it', () => {
    const differ: string[] = [];
    for (const c of loadCorpus()) {
      for (const variant of variantsOf(c)) {
        const e = variant.evidence();
        if (causeOf(e) !== classify(e).cause) differ.push(`${c.id} ${variant.transform}`);
      }
    }
    expect(differ).toEqual([]);
  });

  const always: Signal = { id: 'always', holds: () => true };

  /** A rule that reaches `confidence` and fits the evidence or not. */
  function rule(cause: CauseId, confidence: Confidence, fits = true): Rule {
    return {
      cause,
      step: 'edge',
      decisive: confidence === 'high' ? [always] : [],
      supporting: confidence === 'medium' ? [always] : [],
      contradicting: [],
      check: () =>
        fits ? { summary: msg('inconclusive.summary.nothing'), evidence: [], checklist: [] } : undefined,
    };
  }

  it.each([
    ['one high after a medium', [rule('waf-block', 'medium'), rule('iam-auth-failure', 'high')]],
    [
      'two highs: both medium, registry order among the mediums',
      [rule('waf-block', 'medium'), rule('iam-auth-failure', 'high'), rule('other', 'high')],
    ],
    [
      'two highs first',
      [rule('iam-auth-failure', 'high'), rule('other', 'high'), rule('waf-block', 'medium')],
    ],
    ['a high that does not fit', [rule('iam-auth-failure', 'high', false), rule('waf-block', 'medium')]],
    ['a medium that does not fit', [rule('waf-block', 'medium', false), rule('other', 'low')]],
    ['nothing fits', [rule('waf-block', 'medium', false), rule('other', 'low', false)]],
    ['lows only', [rule('waf-block', 'low'), rule('other', 'low')]],
  ])('%s', (_name, rules) => {
    const e = evidence({ status: 403 });
    expect(causeOf(e, rules)).toBe(classify(e, rules).cause);
  });
});
