import type { CauseId, Evidence } from '../evidence/types';
import type { Candidate, Confidence, Finding, Rule, Verdict } from './types';
import { allRules } from './rules';
import { describeConfig } from './facts';
import { redactValue } from '../redact';

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

interface RankedFinding {
  rule: Rule;
  finding: Finding;
  order: number;
}

/** Runs every rule over the evidence and ranks what fits: confidence first, then registry (pipeline) order. */
export function rankFindings(evidence: Evidence, rules: readonly Rule[] = allRules): RankedFinding[] {
  const ranked: RankedFinding[] = [];
  for (const [order, rule] of rules.entries()) {
    const finding = rule.check(evidence);
    if (finding) ranked.push({ rule, finding, order });
  }
  return ranked.sort(
    (a, b) =>
      CONFIDENCE_RANK[a.finding.confidence] - CONFIDENCE_RANK[b.finding.confidence] || a.order - b.order,
  );
}

/** Only the cause, for callers that tally many requests (scan --file): no verdict text is built. */
export function causeOf(evidence: Evidence, rules: readonly Rule[] = allRules): CauseId {
  return rankFindings(evidence, rules)[0]?.finding.cause ?? 'other';
}

/** The whole judgement for one request. Pure: no I/O; every string in the result is redacted. */
export function classify(evidence: Evidence, rules: readonly Rule[] = allRules): Verdict {
  const ranked = rankFindings(evidence, rules);
  const top = ranked[0];
  const verdict = top ? verdictFrom(evidence, top, ranked) : inconclusive(evidence);
  return redactValue(verdict);
}

function verdictFrom(evidence: Evidence, top: RankedFinding, ranked: RankedFinding[]): Verdict {
  const { finding, rule } = top;
  const candidates: Candidate[] = ranked.map(({ rule: r, finding: f }) => ({
    cause: f.cause,
    confidence: f.confidence,
    title: r.title,
    summary: f.summary,
  }));
  return {
    cause: finding.cause,
    confidence: finding.confidence,
    title: rule.title,
    summary: finding.summary,
    explanation: rule.explanation,
    checklist: finding.checklist,
    evidence: finding.evidence,
    candidates,
    settle: settleFor(top, ranked),
    policies: finding.policies ?? [],
    facts: describeConfig(evidence),
    request: evidence.request,
    gaps: evidence.gaps,
  };
}

/**
 * What would settle it: the top finding's own questions, and, when other causes fit just as well or nearly, theirs
 * too, so the reader knows which single piece of evidence to fetch next.
 */
function settleFor(top: RankedFinding, ranked: RankedFinding[]): string[] {
  if (
    top.finding.confidence === 'high' &&
    ranked.every((r) => r === top || r.finding.confidence !== 'high')
  ) {
    return [...(top.finding.settle ?? [])];
  }
  const questions = ranked
    .filter(
      (r) =>
        r === top || CONFIDENCE_RANK[r.finding.confidence] <= CONFIDENCE_RANK[top.finding.confidence] + 1,
    )
    .flatMap((r) => r.finding.settle ?? []);
  return [...new Set(questions)];
}

function inconclusive(evidence: Evidence): Verdict {
  return {
    cause: 'other',
    confidence: 'low',
    title: 'Inconclusive: the evidence matches no known cause',
    summary:
      evidence.trace.lines.length === 0 && !evidence.response
        ? 'There is no evidence to judge: no execution-log line and no response.'
        : 'The evidence does not match any known API Gateway authorization failure.',
    explanation:
      'None of the known causes fits what was given. Most 401/403/500 authorization failures become clear with the ' +
      "response body and x-amzn-ErrorType header, and the request's execution log at INFO level.",
    checklist: [
      {
        text: 'Give the response body and the x-amzn-ErrorType and x-amzn-RequestId headers (curl -i shows them).',
      },
      {
        text: 'Turn on INFO execution logging with data tracing on the stage, reproduce, and give the lines for the request id.',
      },
      {
        text: 'Turn on access logging with $context.error.responseType: it names the gateway response for every request.',
      },
    ],
    evidence: evidence.trace.lines.slice(0, 5).map((line) => line.message),
    candidates: [],
    settle: [
      'The response body and x-amzn-ErrorType.',
      'The execution log for the request id at INFO level.',
      'The access log record with $context.error.responseType.',
    ],
    policies: [],
    facts: describeConfig(evidence),
    request: evidence.request,
    gaps: evidence.gaps,
  };
}
