import { IAC, deployCommands } from '../../classify/fix';
import { msg } from '../../text';
import { addStageToUsagePlanCommand, createUsagePlanCommands } from '../commands';
import { DOCTOR_POLICY_FILE } from '../required-permissions';
import type { ApiFacts, DoctorFinding } from '../types';
import type { UsagePlanConfig } from '../../aws/rest-api';
import {
  apiScope,
  couldNotCheck,
  list,
  merge,
  output,
  passed,
  stageCanary,
  type CheckOutput,
} from './helpers';

/**
 * A method with `apiKeyRequired: true` answers 403 Forbidden to every call on a stage that no usage plan lists,
 * whatever key is sent (domain.md §5, `api-key-missing-or-invalid`): the key must sit in a plan for this API and stage.
 * Judged from the usage plans only when they were read; a plan that could not be read is a could-not-check.
 */
export function checkUsagePlans(api: ApiFacts): CheckOutput {
  const plans = api.usagePlans;
  if (!plans || !api.resources.ok || !api.stages.ok) return output();
  const methods = api.resources.value.flatMap((resource) =>
    Object.entries(resource.methods)
      .filter(([, method]) => method.apiKeyRequired === true)
      .map(([verb, method]) => `${method.httpMethod ?? verb} ${resource.path}`),
  );
  if (methods.length === 0) return output();
  if (!plans.ok)
    return output([
      couldNotCheck(msg('doctor.what.usage-plans', { api: api.restApiId }), plans.problem, apiScope(api), {
        policyFile: DOCTOR_POLICY_FILE,
      }),
    ]);
  return merge(
    api.stages.value.map(({ stage: { stageName: stage } }) => {
      const listing = plans.value.filter((plan) =>
        plan.apiStages.some((s) => s.apiId === api.restApiId && s.stage === stage),
      );
      if (listing.length > 0)
        return passed(
          'api-key-usage-plan',
          apiScope(api, stage),
          msg('doctor.usage-plan.ok', { stage, plans: list(listing.map(planName)) }),
        );
      return output([noPlan(api, stage, methods, plans.value)]);
    }),
  );
}

function planName(plan: UsagePlanConfig): string {
  return plan.name ? `${plan.name} (${plan.id})` : (plan.id ?? '?');
}

function noPlan(api: ApiFacts, stage: string, methods: string[], plans: UsagePlanConfig[]): DoctorFinding {
  const ref = { restApiId: api.restApiId, stage, region: api.region };
  const existing = plans.find((plan) => plan.id);
  return {
    check: 'api-key-usage-plan',
    severity: 'must-change',
    scope: apiScope(api, stage),
    title: msg('doctor.usage-plan.title', { stage, methods: list(methods) }),
    why: msg('doctor.usage-plan.why', { api: api.restApiId, stage }),
    fix: [
      ...(existing
        ? [
            {
              text: msg('doctor.usage-plan.fix.add', { plans: list(plans.map(planName)) }),
              command: addStageToUsagePlanCommand(existing.id as string, ref),
              iac: IAC.apiKey,
            },
          ]
        : []),
      {
        text: msg(existing ? 'doctor.usage-plan.fix.create.or' : 'doctor.usage-plan.fix.create'),
        command: createUsagePlanCommands(ref),
        iac: IAC.apiKey,
      },
      {
        text: msg('doctor.usage-plan.fix.deployed'),
        command: deployCommands(ref, stageCanary(api, stage)),
      },
    ],
    evidence: [msg('doctor.usage-plan.evidence', { api: api.restApiId, stage, count: plans.length })],
  };
}
