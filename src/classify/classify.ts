import type { CauseId, Evidence } from '../evidence/types';
import type { Candidate, Confidence, Finding, FiredSignals, Rule, Signal, Verdict } from './types';
import type { MessageId } from '../render/messages';
import { allRules } from './rules';
import { describeConfig } from './facts';
import { redactValue } from '../redact';
import { distinctTexts, msg, type Text } from '../text';

/** Surest first: sorts by confidence. */
export const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/** No `high`: what a verdict may promise when something it rests on is not known. */
export function atMostMedium(confidence: Confidence): Confidence {
  return confidence === 'high' ? 'medium' : confidence;
}

interface RankedFinding {
  rule: Rule;
  finding: Finding;
  order: number;
}

/**
 * The confidence contract: `high` rests on a decisive signal that nothing contradicts; a supporting signal
 * (or a decisive one that something contradicts) gives `medium`; a cause that merely fits the answer is `low`.
 */
export function confidenceOf(fired: FiredSignals): Confidence {
  const contradicted = fired.contradicting.length > 0;
  if (fired.decisive.length > 0) return contradicted ? 'medium' : 'high';
  return fired.supporting.length > 0 && !contradicted ? 'medium' : 'low';
}

function holding(signals: readonly Signal[], evidence: Evidence): string[] {
  return signals.filter((signal) => signal.holds(evidence)).map((signal) => signal.id);
}

function fireSignals(rule: Rule, evidence: Evidence): FiredSignals {
  return {
    decisive: holding(rule.decisive, evidence),
    supporting: holding(rule.supporting, evidence),
    contradicting: holding(rule.contradicting, evidence),
  };
}

/** One rule over the evidence: its finding, with the confidence its signals earn. */
export function evaluateRule(rule: Rule, evidence: Evidence): Finding | undefined {
  const fired = fireSignals(rule, evidence);
  const draft = rule.check(evidence, fired);
  if (!draft) return undefined;
  return { ...draft, cause: rule.cause, confidence: confidenceOf(fired), signals: fired };
}

/**
 * Runs every rule over the evidence and ranks what fits: confidence first, then registry (pipeline) order.
 * Decisive signals belong to one cause each, so two causes claiming `high` means the evidence contradicts itself:
 * neither keeps `high`.
 */
function rankFindings(evidence: Evidence, rules: readonly Rule[] = allRules): RankedFinding[] {
  const ranked: RankedFinding[] = [];
  for (const [order, rule] of rules.entries()) {
    const finding = evaluateRule(rule, evidence);
    if (finding) ranked.push({ rule, finding, order });
  }
  const certain = ranked.filter((r) => r.finding.confidence === 'high');
  if (certain.length > 1) {
    for (const r of certain) r.finding = { ...r.finding, confidence: 'medium' };
  }
  return ranked.sort(
    (a, b) =>
      CONFIDENCE_RANK[a.finding.confidence] - CONFIDENCE_RANK[b.finding.confidence] || a.order - b.order,
  );
}

/**
 * Only the cause, for callers that tally many requests (scan --file): the cause `classify` gives, with no verdict
 * built. Every rule's signals set its confidence; a rule's findings are drafted only while it could still rank first.
 */
export function causeOf(evidence: Evidence, rules: readonly Rule[] = allRules): CauseId {
  const weighed = rules.map((rule, order) => {
    const fired = fireSignals(rule, evidence);
    return { rule, order, fired, confidence: confidenceOf(fired) };
  });
  const fits = (r: (typeof weighed)[number]) => r.rule.check(evidence, r.fired) !== undefined;
  const certain = weighed.filter((r) => r.confidence === 'high' && fits(r));
  if (certain.length === 1) return certain[0].rule.cause;
  // Two causes claiming high rank as medium, among the others in registry order (as in rankFindings).
  const medium = weighed.filter((r) => r.confidence === 'medium' || certain.includes(r));
  const first =
    medium.find((r) => certain.includes(r) || fits(r)) ??
    weighed.find((r) => r.confidence === 'low' && fits(r));
  return first?.rule.cause ?? 'other';
}

/** The whole judgement for one request. Pure: no I/O; every string in the result is redacted. */
export function classify(evidence: Evidence, rules: readonly Rule[] = allRules): Verdict {
  const ranked = rankFindings(evidence, rules);
  const top = ranked[0];
  const verdict = top ? verdictFrom(evidence, top, ranked) : inconclusive(evidence);
  return redactValue(verdict);
}

export function causeTitle(cause: CauseId): MessageId {
  return `${cause}.title` as MessageId;
}

function causeExplanation(cause: CauseId): MessageId {
  return `${cause}.explanation` as MessageId;
}

function verdictFrom(evidence: Evidence, top: RankedFinding, ranked: RankedFinding[]): Verdict {
  const { finding } = top;
  const candidates: Candidate[] = ranked.map(({ finding: f }) => ({
    cause: f.cause,
    confidence: f.confidence,
    title: titleOf(f),
    summary: f.summary,
  }));
  return {
    cause: finding.cause,
    confidence: finding.confidence,
    title: titleOf(finding),
    summary: finding.summary,
    explanation: finding.explanation ?? msg(causeExplanation(finding.cause)),
    checklist: finding.checklist,
    evidence: finding.evidence,
    candidates,
    settle: settleFor(top, ranked),
    policies: finding.policies ?? [],
    signals: finding.signals ?? { decisive: [], supporting: [], contradicting: [] },
    ...whatWasSeen(evidence),
  };
}

function titleOf(finding: Finding): Text {
  return finding.title ?? msg(causeTitle(finding.cause));
}

/** What every verdict carries of the evidence itself: the configuration facts, the request, what was not seen. */
function whatWasSeen(evidence: Evidence): Pick<Verdict, 'facts' | 'request' | 'gaps' | 'sources'> {
  return {
    facts: describeConfig(evidence),
    request: evidence.request,
    gaps: evidence.gaps,
    sources: evidence.sources,
  };
}

/**
 * What would settle it: the top finding's own questions, and, when other causes fit just as well or nearly, theirs
 * too, so the reader knows which single piece of evidence to fetch next.
 */
function settleFor(top: RankedFinding, ranked: RankedFinding[]) {
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
  return distinctTexts(questions);
}

function inconclusive(evidence: Evidence): Verdict {
  const nothing = evidence.trace.lines.length === 0 && !evidence.response;
  return {
    cause: 'other',
    confidence: 'low',
    title: msg('inconclusive.title'),
    summary: msg(nothing ? 'inconclusive.summary.nothing' : 'inconclusive.summary.unknown'),
    explanation: msg('inconclusive.explanation'),
    checklist: [
      { text: msg('inconclusive.fix.response') },
      { text: msg('inconclusive.fix.execution-log') },
      { text: msg('inconclusive.fix.access-log') },
    ],
    evidence: evidence.trace.lines.slice(0, 5).map((line) => line.message),
    candidates: [],
    settle: [
      msg('inconclusive.settle.response'),
      msg('inconclusive.settle.execution-log'),
      msg('inconclusive.settle.access-log'),
    ],
    policies: [],
    signals: { decisive: [], supporting: [], contradicting: [] },
    ...whatWasSeen(evidence),
  };
}
