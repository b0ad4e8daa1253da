import { runChecks } from './checks';
import { gatherDoctorFacts, validateDoctorQuery, type DoctorDeps, type DoctorQuery } from './gather';
import type { DoctorFacts, DoctorReport } from './types';

/**
 * `why403 doctor`: the check to run before an incident. Reads an API's logging, authorizers, resource policy and
 * why403's own permissions, and says what must change so that the next 401/403/500 can be diagnosed from evidence.
 */

export type { DoctorDeps, DoctorQuery } from './gather';
export type { DoctorFinding, DoctorReport, PassedCheck, Severity } from './types';

export async function runDoctor(query: DoctorQuery, deps: DoctorDeps): Promise<DoctorReport> {
  const facts = await gatherDoctorFacts(validateDoctorQuery(query), deps);
  return reportOf(facts);
}

function reportOf(facts: DoctorFacts): DoctorReport {
  const { findings, passed } = runChecks(facts);
  return {
    at: facts.at,
    apis: facts.apis.map((api) => ({
      restApiId: api.restApiId,
      name: api.restApi.ok ? api.restApi.value.name : undefined,
      region: api.region,
      stages: api.stages.ok ? api.stages.value.map((s) => s.stage.stageName) : [],
    })),
    identities: facts.accounts.map((account) => ({
      region: account.region,
      account: account.caller.ok ? account.caller.value.account : undefined,
      arn: account.caller.ok ? account.caller.value.arn : undefined,
    })),
    findings,
    passed,
    mustChange: findings.filter((finding) => finding.severity === 'must-change').length,
  };
}
