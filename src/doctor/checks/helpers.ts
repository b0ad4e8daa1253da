import type { ChecklistStep } from '../../classify/types';
import { msg, type Message } from '../../text';
import type { AuthorizerConfig, CanarySettings } from '../../evidence/types';
import { READ_ONLY_POLICY_FILE } from '../required-permissions';
import type { AccountFacts, ApiFacts, DoctorFinding, PassedCheck, ReadProblem, Scope } from '../types';

/** What one check made of the facts. */
export interface CheckOutput {
  findings: DoctorFinding[];
  passed: PassedCheck[];
}

export function output(findings: DoctorFinding[] = [], passed: PassedCheck[] = []): CheckOutput {
  return { findings, passed };
}

/** A check that found nothing to change: what it saw. */
export function passed(check: PassedCheck['check'], scope: Scope, text: Message): CheckOutput {
  return output([], [{ check, scope, text }]);
}

export function merge(outputs: readonly CheckOutput[]): CheckOutput {
  return {
    findings: outputs.flatMap((o) => o.findings),
    passed: outputs.flatMap((o) => o.passed),
  };
}

/**
 * A check that could not run: what stood in the way, and what to grant or do so that it can. `missing` says what
 * to do when the thing read is not there (each read has its own reason to be missing).
 */
export function couldNotCheck(
  what: Message,
  problem: ReadProblem,
  scope: Scope,
  options: { policyFile?: string; missing?: Message } = {},
): DoctorFinding {
  return {
    check: 'could-not-check',
    severity: 'advice',
    scope,
    title: msg('doctor.unchecked.title', { what }),
    why: reasonOf(problem),
    fix: [fixFor(problem, options.policyFile ?? READ_ONLY_POLICY_FILE, options.missing)],
    evidence: [],
  };
}

function reasonOf(problem: ReadProblem): Message {
  switch (problem.kind) {
    case 'denied':
      return msg('doctor.unchecked.denied', { action: problem.action, resource: problem.resource });
    case 'missing':
      return msg('doctor.unchecked.missing', { resource: problem.resource });
    case 'unavailable':
      return msg('doctor.unchecked.unavailable', { operation: problem.operation });
  }
}

function fixFor(problem: ReadProblem, policyFile: string, missing?: Message): ChecklistStep {
  if (problem.kind === 'denied')
    return {
      text: msg('doctor.unchecked.fix.grant', {
        action: problem.action,
        resource: problem.resource,
        file: policyFile,
      }),
    };
  if (problem.kind === 'missing') return { text: missing ?? msg('doctor.unchecked.fix.missing') };
  return { text: msg('doctor.unchecked.fix.retry') };
}

/** The API's own scope. */
export function apiScope(api: ApiFacts, stage?: string): Scope {
  return stage === undefined
    ? { region: api.region, restApiId: api.restApiId }
    : { region: api.region, restApiId: api.restApiId, stage };
}

export function accountOf(api: ApiFacts, accounts: readonly AccountFacts[]): AccountFacts | undefined {
  return accounts.find((account) => account.key === api.accountKey);
}

/** Lambda authorizers (TOKEN and REQUEST); Cognito authorizers have no function. */
function isLambdaAuthorizer(authorizer: AuthorizerConfig): boolean {
  return authorizer.type === 'TOKEN' || authorizer.type === 'REQUEST';
}

/**
 * The Lambda authorizers methods use; every Lambda authorizer when the methods could not be read. An authorizer
 * no method uses cannot fail a request.
 */
export function authorizersInUse(api: ApiFacts): AuthorizerConfig[] {
  const authorizers = api.authorizers.ok ? api.authorizers.value.filter(isLambdaAuthorizer) : [];
  if (!api.resources.ok) return authorizers;
  const used = new Set(
    api.resources.value.flatMap((resource) =>
      Object.values(resource.methods)
        .filter((method) => method.authorizationType === 'CUSTOM' && method.authorizerId)
        .map((method) => method.authorizerId as string),
    ),
  );
  return authorizers.filter((authorizer) => authorizer.id && used.has(authorizer.id));
}

export function list(items: readonly string[], max = 6): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (+${items.length - max})` : shown;
}

/** The canary release of one of the API's stages, as its stage read says (undefined: none, or not read). */
export function stageCanary(api: ApiFacts, stage: string): CanarySettings | undefined {
  if (!api.stages.ok) return undefined;
  return api.stages.value.find((facts) => facts.stage.stageName === stage)?.stage.canarySettings;
}
