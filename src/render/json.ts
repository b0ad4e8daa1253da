import type { Verdict } from '../classify/types';

/**
 * The `--json` contract of `why403 classify` (and the core of `diagnose --json`): the fields named in the CLI
 * contract first, then the rest of the verdict. Later tools and the Slack bot depend on the first group.
 */
export function verdictJson(verdict: Verdict): Record<string, unknown> {
  return {
    cause: verdict.cause,
    confidence: verdict.confidence,
    candidates: verdict.candidates.map(({ cause, confidence }) => ({ cause, confidence })),
    title: verdict.title,
    explanation: verdict.explanation,
    checklist: verdict.checklist,
    evidence: verdict.evidence,
    summary: verdict.summary,
    settle: verdict.settle,
    policies: verdict.policies,
    facts: verdict.facts,
    request: verdict.request,
    gaps: verdict.gaps,
  };
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
