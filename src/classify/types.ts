import type { CauseId, Evidence, RequestFacts } from '../evidence/types';
import type { Decision, StatementRef, ConditionCheck } from './policy';

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
  setting: string;
}

export interface ChecklistStep {
  text: string;
  /** A copy-ready shell command, filled in from the evidence (placeholders in `<angle brackets>` where unknown). */
  command?: string;
  /** A code snippet (not a shell command), e.g. for the authorizer's own source. */
  code?: string;
  /** Where the same setting lives in infrastructure-as-code tools, when their names differ. */
  iac?: readonly IacSetting[];
}

/** A policy set against the request's method ARN, for showing what it covers. */
export interface PolicyView {
  label: string;
  decision: Decision;
  reason: string;
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
  /** One sentence about this request, in plain words. */
  summary: string;
  /** Log lines and facts that support the finding, most decisive first. */
  evidence: readonly string[];
  /** Ordered fix steps filled in from the evidence. */
  checklist: readonly ChecklistStep[];
  /** What would confirm or rule out this finding when it is not certain. */
  settle?: readonly string[];
  policies?: readonly PolicyView[];
}

export interface Rule {
  cause: CauseId;
  title: string;
  step: PipelineStep;
  /** What this cause means, in plain language, for someone who has never met it. */
  explanation: string;
  /** Pure and synchronous: reads the evidence, never does I/O. */
  check(evidence: Evidence): Finding | undefined;
}

export interface Fact {
  label: string;
  value: string;
}

export interface Candidate {
  cause: CauseId;
  confidence: Confidence;
  title: string;
  summary: string;
}

/** The classifier's answer. Every string in it has been redacted. */
export interface Verdict {
  cause: CauseId;
  confidence: Confidence;
  title: string;
  summary: string;
  explanation: string;
  checklist: readonly ChecklistStep[];
  evidence: readonly string[];
  /** Every cause that fits, best first (the verdict's own cause included). */
  candidates: readonly Candidate[];
  /** What evidence would settle it, when more than one cause fits or confidence is not high. */
  settle: readonly string[];
  policies: readonly PolicyView[];
  /** Configuration facts that bear on the outcome (authorizer, identity sources, TTL, logging level, …). */
  facts: readonly Fact[];
  request: RequestFacts;
  /** Evidence that could not be read. */
  gaps: readonly string[];
}
