import { msg } from '../../text';
import type { ApiFacts, DoctorFacts, DoctorFinding, PassedCheck } from '../types';
import { checkAccount } from './account';
import { checkAuthorizers } from './authorizers';
import { accountOf, apiScope, couldNotCheck, merge, output, type CheckOutput } from './helpers';
import { checkUsagePlans } from './api-keys';
import { checkPrivateApiPolicy } from './private-api';
import { checkResourcePolicy } from './resource-policy';
import { checkStageLogging } from './stage-logging';

/** Every check over the gathered facts: pure, so the same facts always give the same findings. */
export function runChecks(facts: DoctorFacts): { findings: DoctorFinding[]; passed: PassedCheck[] } {
  const listing = facts.listing ? output([listingFinding(facts.listing)]) : output();
  return merge([
    listing,
    ...facts.accounts.map(checkAccount),
    ...facts.apis.map((api) => checkApi(api, facts)),
  ]);
}

/** The region's listing failed: at once, or after pages whose APIs were checked (the rest were not). */
function listingFinding({ region, problem, read }: NonNullable<DoctorFacts['listing']>): DoctorFinding {
  const what =
    read === 0
      ? msg('doctor.what.rest-apis', { region })
      : msg('doctor.what.rest-apis.rest', { region, count: read });
  return couldNotCheck(what, problem, { region });
}

function checkApi(api: ApiFacts, facts: DoctorFacts): CheckOutput {
  const caller = accountOf(api, facts.accounts)?.caller;
  const account = api.accountId ?? (caller?.ok ? caller.value.account : undefined);
  // An API that is not there: one finding, not one per part that could not be read either.
  if (!api.restApi.ok && api.restApi.problem.kind === 'missing')
    return output([
      couldNotCheck(msg('doctor.what.rest-api', { api: api.restApiId }), api.restApi.problem, apiScope(api)),
    ]);
  const stages = api.stages.ok ? api.stages.value : [];
  return merge([
    unreadable(api),
    ...stages.map((stage) => checkStageLogging(api, stage, account)),
    checkAuthorizers(api, account, facts.logWindowMs),
    checkResourcePolicy(api, account),
    checkPrivateApiPolicy(api, account),
    checkUsagePlans(api),
  ]);
}

/** Each part of the API's configuration that could not be read, once. */
function unreadable(api: ApiFacts): CheckOutput {
  const reads = [
    ['doctor.what.rest-api', api.restApi],
    ['doctor.what.authorizers', api.authorizers],
    ['doctor.what.resources', api.resources],
    ['doctor.what.stages', api.stages],
  ] as const;
  return output(
    reads.flatMap(([what, read]) =>
      read.ok ? [] : [couldNotCheck(msg(what, { api: api.restApiId }), read.problem, apiScope(api))],
    ),
  );
}
