import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../src/classify/rules';
import { CAUSES } from '../../../src/evidence/types';

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
