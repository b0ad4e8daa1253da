import type { Candidate, ChecklistStep, Fact, IacTool, PolicyView, Verdict } from '../classify/types';
import type { Localizer } from './localize';

/**
 * A verdict put into words in one language: every message turned into a string, verbatim text kept. The
 * renderers (terminal, JSON, Block Kit) work on this and never on message ids.
 */

export interface WordedStep extends Omit<ChecklistStep, 'text' | 'iac'> {
  text: string;
  iac?: Array<{ tool: IacTool; setting: string }>;
}

export interface WordedPolicy extends Omit<PolicyView, 'label' | 'reason'> {
  label: string;
  reason: string;
}

export interface WordedVerdict extends Omit<
  Verdict,
  | 'title'
  | 'summary'
  | 'explanation'
  | 'checklist'
  | 'evidence'
  | 'candidates'
  | 'settle'
  | 'policies'
  | 'facts'
  | 'gaps'
> {
  title: string;
  summary: string;
  explanation: string;
  checklist: readonly WordedStep[];
  evidence: readonly string[];
  candidates: ReadonlyArray<Omit<Candidate, 'title' | 'summary'> & { title: string; summary: string }>;
  settle: readonly string[];
  policies: readonly WordedPolicy[];
  facts: ReadonlyArray<{ label: string; value: string }>;
  gaps: readonly string[];
}

export function wordSteps(steps: readonly ChecklistStep[], l: Localizer): WordedStep[] {
  return steps.map(({ iac, ...step }) => ({
    ...step,
    text: l.t(step.text),
    ...(iac ? { iac: iac.map(({ tool, setting }) => ({ tool, setting: l.t(setting) })) } : {}),
  }));
}

function wordFacts(facts: readonly Fact[], l: Localizer): Array<{ label: string; value: string }> {
  return facts.map((fact) => ({ label: l.t(fact.label), value: l.t(fact.value) }));
}

export function wordVerdict(verdict: Verdict, l: Localizer): WordedVerdict {
  return {
    ...verdict,
    title: l.t(verdict.title),
    summary: l.t(verdict.summary),
    explanation: l.t(verdict.explanation),
    checklist: wordSteps(verdict.checklist, l),
    evidence: verdict.evidence.map(l.t),
    candidates: verdict.candidates.map((c) => ({ ...c, title: l.t(c.title), summary: l.t(c.summary) })),
    settle: verdict.settle.map(l.t),
    policies: verdict.policies.map((p) => ({ ...p, label: l.t(p.label), reason: l.t(p.reason) })),
    facts: wordFacts(verdict.facts, l),
    gaps: verdict.gaps.map(l.t),
  };
}
