import type { Confidence, Finding, Rule } from '../../src/classify/types';
import type { Evidence } from '../../src/evidence/types';
import { evaluateRule } from '../../src/classify/classify';
import { english } from '../../src/render/localize';

/**
 * ESLint-style table runner for rules: `matches` must produce a finding with the given confidence (and, where
 * given, summary, evidence and checklist text); `ignores` must produce none.
 */
export interface MatchCase {
  name: string;
  evidence: Evidence;
  confidence: Confidence;
  summary?: string | RegExp;
  /** The finding's own title and explanation, where a variant of the cause has them instead of the rule's. */
  title?: string | RegExp;
  explanation?: string | RegExp;
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
      expect(english.t({ id: `${rule.cause}.title` as never }).length).toBeGreaterThan(10);
      expect(english.t({ id: `${rule.cause}.explanation` as never }).length).toBeGreaterThan(80);
    });

    it('states its signals', () => {
      const all = [...rule.decisive, ...rule.supporting, ...rule.contradicting].map((signal) => signal.id);
      expect(new Set(all).size).toBe(all.length);
    });

    it('has at least one matching and one ignored case', () => {
      expect(table.matches.length).toBeGreaterThan(0);
      expect(table.ignores.length).toBeGreaterThan(0);
    });

    it.each(table.matches.map((c) => [c.name, c] as const))('matches: %s', (_name, c) => {
      const finding = evaluateRule(rule, c.evidence);
      expect(finding).toBeDefined();
      const f = finding as Finding;
      expect(f.cause).toBe(rule.cause);
      expect(f.confidence).toBe(c.confidence);
      if (f.confidence === 'high') expect(f.signals?.decisive.length).toBeGreaterThan(0);
      const summary = english.t(f.summary);
      expect(summary.length).toBeGreaterThan(0);
      expect(f.checklist.length).toBeGreaterThan(0);
      if (c.summary !== undefined) expect(summary).toMatch(c.summary);
      if (c.title !== undefined)
        expect(english.t(f.title ?? { id: `${rule.cause}.title` as never })).toMatch(c.title);
      if (c.explanation !== undefined)
        expect(english.t(f.explanation ?? { id: `${rule.cause}.explanation` as never })).toMatch(
          c.explanation,
        );
      const evidenceLines = f.evidence.map(english.t);
      for (const expected of c.evidence_lines ?? [])
        expect(evidenceLines.some((line) => matches(line, expected))).toBe(true);
      const steps = f.checklist.map((s) => [english.t(s.text), s.command, s.code].filter(Boolean).join('\n'));
      for (const expected of c.checklist ?? [])
        expect(steps.some((step) => matches(step, expected))).toBe(true);
    });

    it.each(table.ignores.map((c) => [c.name, c] as const))('ignores: %s', (_name, c) => {
      expect(evaluateRule(rule, c.evidence)).toBeUndefined();
    });
  });
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}
