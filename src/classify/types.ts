import type { CauseId, Evidence, RequestFacts, SourceReport } from '../evidence/types';
import type { Decision, StatementRef, ConditionCheck } from './policy';
import type { Text } from '../text';

export type Confidence = 'high' | 'medium' | 'low';

/** Where in API Gateway's request pipeline (domain.md §2) a cause stops the request; earlier steps win ties. */
export type PipelineStep =
  | 'logging'
  | 'edge'
  | 'waf'
  | 'route'
  | 'resource-policy'
  | 'identity'
  | 'authorizer'
  | 'iam'
  | 'api-key'
  | 'integration';

export type IacTool = 'CDK' | 'SAM' | 'Serverless Framework' | 'Terraform';

export interface IacSetting {
  tool: IacTool;
  /** The setting's names verbatim; any words around them a message. */
  setting: Text;
}

export interface ChecklistStep {
  text: Text;
  /** A copy-ready shell command, filled in from the evidence (placeholders in `<angle brackets>` where unknown). */
  command?: string;
  /** A code snippet (not a shell command), e.g. for the authorizer's own source. */
  code?: string;
  /** Where the same setting lives in infrastructure-as-code tools, when their names differ. */
  iac?: readonly IacSetting[];
}

/** A policy set against the request's method ARN, for showing what it covers. */
export interface PolicyView {
  label: Text;
  decision: Decision;
  reason: Text;
  methodArn?: string;
  statement?: StatementRef;
  condition?: ConditionCheck;
  /** Resources the policy's Allow statements name. */
  allowed: readonly string[];
  /** Resources the policy's Deny statements name. */
  denied: readonly string[];
  /** The first part of the ARN that differs between the closest Allow and the request. */
  difference?: { segment: string; expected: string; actual: string };
}

export interface Finding {
  cause: CauseId;
  confidence: Confidence;
  /** One sentence about this request. */
  summary: Text;
  /** Log lines (verbatim) and facts that support the finding, most decisive first. */
  evidence: readonly Text[];
  /** Ordered fix steps filled in from the evidence. */
  checklist: readonly ChecklistStep[];
  /** What would confirm or rule out this finding when it is not certain. */
  settle?: readonly Text[];
  policies?: readonly PolicyView[];
  /** A title for this finding when it differs from the rule's (an inconclusive search, say). */
  title?: Text;
  /** An explanation for this finding when the rule's would not fit it (one variant of a cause that has several). */
  explanation?: Text;
  /** The rule's signals that held for this evidence (set by the classifier). */
  signals?: FiredSignals;
}

/**
 * One observable fact a rule reads. Decisive signals are enough for `high` on their own and are produced by no
 * other cause; supporting ones make the cause likelier; contradicting ones argue against it.
 */
export interface Signal {
  /** Stable, kebab-case; shown in the JSON output so a reader can see why the confidence is what it is. */
  id: string;
  holds(evidence: Evidence): boolean;
}

export interface FiredSignals {
  decisive: readonly string[];
  supporting: readonly string[];
  contradicting: readonly string[];
}

/** What a rule's check returns: everything of a finding but its cause, confidence and signals. */
export type FindingDraft = Omit<Finding, 'cause' | 'confidence' | 'signals'>;

/**
 * One cause. The confidence of its finding is not the rule's to choose: it follows from which of its signals
 * held (see `confidenceOf` in classify.ts), so `high` always rests on a decisive signal and a decisive signal
 * always gives `high` unless something contradicts it.
 */
export interface Rule {
  cause: CauseId;
  step: PipelineStep;
  decisive: readonly Signal[];
  supporting: readonly Signal[];
  contradicting: readonly Signal[];
  /**
   * Whether the cause is possible at all for this evidence, and if so what to say. Pure and synchronous: reads the
   * evidence, never does I/O. `fired` tells which signals held, so the wording can follow the confidence.
   */
  check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined;
}

export interface Fact {
  label: Text;
  value: Text;
}

export interface Candidate {
  cause: CauseId;
  confidence: Confidence;
  title: Text;
  summary: Text;
}

/** The classifier's answer. Every string in it has been redacted. */
export interface Verdict {
  cause: CauseId;
  confidence: Confidence;
  title: Text;
  summary: Text;
  explanation: Text;
  checklist: readonly ChecklistStep[];
  evidence: readonly Text[];
  /** Every cause that fits, best first (the verdict's own cause included). */
  candidates: readonly Candidate[];
  /** What evidence would settle it, when more than one cause fits or confidence is not high. */
  settle: readonly Text[];
  policies: readonly PolicyView[];
  /** Why the confidence is what it is: the top finding's signals that held. */
  signals: FiredSignals;
  /** Configuration facts that bear on the outcome (authorizer, identity sources, TTL, logging level, …). */
  facts: readonly Fact[];
  request: RequestFacts;
  /** Evidence that could not be read. */
  gaps: readonly Text[];
  /** How completely each source of evidence was read. */
  sources: SourceReport;
}
