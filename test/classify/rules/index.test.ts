import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../src/classify/rules';
import { CAUSES } from '../../../src/evidence/types';
import { confidenceOf, evaluateRule } from '../../../src/classify/classify';
import type { FiredSignals } from '../../../src/classify/types';
import { evidenceFromBundle, isNarrativeOnly } from '../../../src/evidence/bundle';
import { accepted, loadCorpus } from '../../support/corpus';

const corpus = loadCorpus().filter((c) => !isNarrativeOnly(c));

/** Drift guards: a rule that exists must be registered, tested and documented; every cause must have a rule. */

const RULES_DIR = join(__dirname, '..', '..', '..', 'src', 'classify', 'rules');
const NOT_RULES = ['index.ts', 'helpers.ts'];
const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !NOT_RULES.includes(f));
const registered = allRules.map((rule) => rule.cause);

describe('Rule registry', () => {
  it('has exactly one rule per cause label', () => {
    expect([...registered].sort()).toEqual([...CAUSES].sort());
  });

  it.each(ruleFiles)('%s is registered under the cause it is named after', (file) => {
    expect(registered).toContain(file.replace(/\.ts$/, ''));
  });

  it.each(registered)('%s lives in its own file', (cause) => {
    expect(ruleFiles).toContain(`${cause}.ts`);
  });

  it.each(registered)('%s has a table-driven test', (cause) => {
    const testFile = join(__dirname, `${cause}.test.ts`);
    expect(existsSync(testFile)).toBe(true);
    const source = readFileSync(testFile, 'utf8');
    expect(source).toMatch(/testRule\(/);
    expect(source).toMatch(/matches:\s*\[/);
    expect(source).toMatch(/ignores:\s*\[/);
  });

  it.each(registered)('%s is listed in the README', (cause) => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`\`${cause}\``);
  });
});

describe('Confidence contract', () => {
  /** Causes that public evidence cannot tell apart from a neighbour by any single signal (see their rule files). */
  const NO_DECISIVE_SIGNAL = ['identity-validation-regex-mismatch'];

  it.each(registered)('%s states decisive signals (or says why it has none)', (cause) => {
    const rule = allRules.find((r) => r.cause === cause);
    expect((rule?.decisive.length ?? 0) > 0 || NO_DECISIVE_SIGNAL.includes(cause)).toBe(true);
  });

  it.each(registered)('%s: its confidence follows its signals', (cause) => {
    const rule = allRules.find((r) => r.cause === cause);
    expect(rule).toBeDefined();
    for (const c of corpus) {
      const finding = evaluateRule(rule as (typeof allRules)[number], evidenceFromBundle(c));
      if (!finding) continue;
      expect(finding.confidence).toBe(confidenceOf(finding.signals as FiredSignals));
    }
  });

  /** "Produced by no other cause": on real evidence labelled otherwise, a rule's decisive signals stay silent. */
  it.each(registered)('%s: its decisive signals never hold on a real case of another cause', (cause) => {
    const rule = allRules.find((r) => r.cause === cause);
    const offenders = corpus
      .filter((c) => !accepted(c).includes(cause))
      .filter((c) => (rule?.decisive ?? []).some((signal) => signal.holds(evidenceFromBundle(c))))
      .map((c) => c.id);
    expect(offenders).toEqual([]);
  });
});
