import type { Confidence, Finding, Rule } from '../../src/classify/types';
import type { Evidence } from '../../src/evidence/types';

/**
 * ESLint-style table runner for rules: `matches` must produce a finding with the given confidence (and, where
 * given, summary, evidence and checklist text); `ignores` must produce none.
 */
export interface MatchCase {
  name: string;
  evidence: Evidence;
  confidence: Confidence;
  summary?: string | RegExp;
  /** Each must appear in some evidence line. */
  evidence_lines?: ReadonlyArray<string | RegExp>;
  /** Each must appear in some checklist step (its text, command or code). */
  checklist?: ReadonlyArray<string | RegExp>;
}

export interface IgnoreCase {
  name: string;
  evidence: Evidence;
}

export function testRule(
  rule: Rule,
  table: { matches: readonly MatchCase[]; ignores: readonly IgnoreCase[] },
): void {
  describe(`Rule: ${rule.cause}`, () => {
    it('explains itself', () => {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(80);
    });

    it('has at least one matching and one ignored case', () => {
      expect(table.matches.length).toBeGreaterThan(0);
      expect(table.ignores.length).toBeGreaterThan(0);
    });

    it.each(table.matches.map((c) => [c.name, c] as const))('matches: %s', (_name, c) => {
      const finding = rule.check(c.evidence);
      expect(finding).toBeDefined();
      const f = finding as Finding;
      expect(f.cause).toBe(rule.cause);
      expect(f.confidence).toBe(c.confidence);
      expect(f.summary.length).toBeGreaterThan(0);
      expect(f.checklist.length).toBeGreaterThan(0);
      if (c.summary !== undefined) expect(f.summary).toMatch(c.summary);
      for (const expected of c.evidence_lines ?? [])
        expect(f.evidence.some((line) => matches(line, expected))).toBe(true);
      const steps = f.checklist.map((s) => [s.text, s.command, s.code].filter(Boolean).join('\n'));
      for (const expected of c.checklist ?? [])
        expect(steps.some((step) => matches(step, expected))).toBe(true);
    });

    it.each(table.ignores.map((c) => [c.name, c] as const))('ignores: %s', (_name, c) => {
      expect(rule.check(c.evidence)).toBeUndefined();
    });
  });
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}
