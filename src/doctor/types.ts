import type { ChecklistStep } from '../classify/types';
import type { ApiResource, UsagePlanConfig } from '../aws/rest-api';
import type { AuthorizerConfig, RestApiConfig, StageConfig } from '../evidence/types';
import type { Text } from '../text';

/**
 * `why403 doctor`: what was read (facts, gathered by one module that does the I/O) and what the checks made of
 * it (findings, from pure functions). A read that failed is a fact too: it becomes a "could not check" finding,
 * never an exception.
 */

/** Why a read gave nothing: AWS refused it, the thing is not there, or AWS was throttling or failing. */
export type ReadProblem =
  | { kind: 'denied'; operation: string; action: string; resource: string }
  | { kind: 'missing'; operation: string; resource: string }
  | { kind: 'unavailable'; operation: string; resource: string; detail: string };

export type Read<T> = { ok: true; value: T } | { ok: false; problem: ReadProblem };

export interface CallerFacts {
  account: string;
  arn: string;
  /** The IAM user or role to simulate (an assumed-role session becomes its role); absent for root or federated. */
  principal?: string;
}

/** One statement of iam/why403-read-only.json, made concrete for the APIs being checked. */
export interface RequiredPermission {
  sid: string;
  actions: string[];
  /** The statement's Resource patterns, as written. */
  patterns: string[];
  /** The resources of the checked APIs that those patterns cover (what the simulation asks about). */
  resources: string[];
}

export type PermissionOutcome = 'allowed' | 'denied' | 'unknown';

export interface PermissionResult {
  sid: string;
  action: string;
  outcome: PermissionOutcome;
  /** How it was found out. */
  via: 'simulation' | 'probe';
  /** Denied: the resources refused (simulation) or the one tried (probe). */
  resources: string[];
  /** Unknown: what stood in the way. */
  problem?: ReadProblem;
}

export interface PermissionFacts {
  required: RequiredPermission[];
  /** Absent when there was no principal to simulate. */
  simulation?: Read<true>;
  results: PermissionResult[];
}

/** An account and region reached through one set of credentials. */
export interface AccountFacts {
  key: string;
  region: string;
  caller: Read<CallerFacts>;
  cloudwatchRole: Read<string | null>;
  permissions?: PermissionFacts;
}

export type FunctionPolicyFact =
  | { kind: 'policy'; document: string }
  | { kind: 'none' }
  | { kind: 'no-function' }
  /** The authorizerUri picks the function through a stage variable: nothing to read. */
  | { kind: 'stage-variable' }
  /**
   * The function is in another account than the caller's, and its policy could not be read from here (Lambda
   * refuses, or says "not found", for a function it will not show): only that account can check it. `apiAccount`
   * is absent when the caller's account is not known.
   */
  | { kind: 'other-account'; accountId: string; apiAccount?: string };

/** One authorizer call seen in a stage's execution log. */
export interface AuthorizerOutputSample {
  requestId: string;
  authorizerId?: string;
  /** The method ARN the authorizer was asked about (only with data tracing). */
  methodArn?: string;
  /** The Resource values of the returned policy's Allow statements. */
  allowResources: string[];
  /** The returned policy had a Deny statement. */
  hasDeny: boolean;
  /** The `Authorizer result body before parsing:` message, redacted. */
  line: string;
}

export interface StageFacts {
  stage: StageConfig & { stageName: string };
  /** The recent authorizer outputs; absent when not looked for (no cached authorizer, or logging below INFO). */
  authorizerOutputs?: Read<AuthorizerOutputSample[]>;
}

export interface ApiFacts {
  restApiId: string;
  region: string;
  /** AccountFacts.key of the credentials used. */
  accountKey: string;
  /** The account that owns the API, as far as known. */
  accountId?: string;
  restApi: Read<RestApiConfig>;
  authorizers: Read<AuthorizerConfig[]>;
  resources: Read<ApiResource[]>;
  stages: Read<StageFacts[]>;
  /**
   * The usage plans of the API's account and region; absent when not read (no method requires an API key, or the
   * methods could not be read).
   */
  usagePlans?: Read<UsagePlanConfig[]>;
  /** Authorizer id → the policy of its function. */
  functionPolicies: Record<string, Read<FunctionPolicyFact>>;
  /** The stage filter asked for, when given. */
  stageFilter?: string;
}

export interface DoctorFacts {
  accounts: AccountFacts[];
  apis: ApiFacts[];
  /**
   * Listing the region's REST APIs (no --api and none configured) failed; `read` is how many APIs the pages before
   * the failure gave (they are checked, the rest are not).
   */
  listing?: { region: string; problem: ReadProblem; read: number };
  /** When the check ran (epoch ms) and how far back it read execution logs. */
  at: number;
  logWindowMs: number;
}

export type Severity = 'must-change' | 'advice';

export type CheckId =
  | 'execution-logging'
  | 'data-tracing'
  | 'access-logging'
  | 'access-log-format'
  | 'cloudwatch-role'
  | 'bot-permissions'
  | 'authorizer-cache-trap'
  | 'authorizer-invoke-permission'
  | 'resource-policy-ip-allow'
  | 'private-api-resource-policy'
  | 'api-key-usage-plan'
  | 'could-not-check';

export interface Scope {
  region: string;
  /** The account, when the finding is about the account (CloudWatch role, the bot's permissions). */
  accountId?: string;
  restApiId?: string;
  stage?: string;
}

export interface DoctorFinding {
  check: CheckId;
  severity: Severity;
  scope: Scope;
  /** What is wrong. */
  title: Text;
  /** Why it matters for diagnosing 401/403/500s. */
  why: Text;
  /** The exact command or IaC setting that fixes it. */
  fix: ChecklistStep[];
  /** What was seen: verbatim quotes (log lines, statements, a format) or messages; redacted when rendered. */
  evidence: Text[];
}

/** A check that ran and found nothing to change. */
export interface PassedCheck {
  check: CheckId;
  scope: Scope;
  text: Text;
}

export interface DoctorReport {
  at: number;
  apis: Array<{ restApiId: string; name?: string; region: string; stages: string[] }>;
  /** Who the checks ran as, per account and region. */
  identities: Array<{ region: string; account?: string; arn?: string }>;
  findings: DoctorFinding[];
  passed: PassedCheck[];
  mustChange: number;
}
