import type { Verdict } from '../classify/types';
import { english, type Localizer } from './localize';
import { wordVerdict } from './worded';
import { describeSources } from './sources';

/**
 * The `--json` contract of `why403 classify` (and the core of `diagnose --json`): the fields named in the CLI
 * contract first, then the rest of the verdict, in the reader's language. `signals` says which of the rule's
 * decisive, supporting and contradicting signals held; `sources` how completely each source was read.
 */
export function verdictJson(verdict: Verdict, l: Localizer = english): Record<string, unknown> {
  const w = wordVerdict(verdict, l);
  return {
    cause: w.cause,
    confidence: w.confidence,
    candidates: w.candidates.map(({ cause, confidence }) => ({ cause, confidence })),
    title: w.title,
    explanation: w.explanation,
    checklist: w.checklist,
    evidence: w.evidence,
    summary: w.summary,
    settle: w.settle,
    policies: w.policies,
    facts: w.facts,
    request: w.request,
    gaps: w.gaps,
    signals: w.signals,
    sources: describeSources(verdict.sources, l),
  };
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
