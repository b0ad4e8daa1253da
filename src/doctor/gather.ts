import { setMaxListeners } from 'node:events';
import type { AwsAccess, AwsClientPool } from '../aws/clients';
import { AwsUnavailableError } from '../aws/errors';
import type { IdentityReader } from '../aws/iam';
import type { UsagePlanConfig } from '../aws/rest-api';
import type { LambdaPolicyReader } from '../aws/lambda-policy';
import { locateApi, type ApiLocation, type AppConfig } from '../config/app-config';
import { validateRegion, validateRestApiId, validateStage } from '../config/ids';
import { InputError } from '../errors';
import { functionArnInUri, parseFunctionArn } from '../evidence/lambda-arn';
import { executionLogGroup, executionLogGroupPrefix } from '../locate/log-groups';
import { msg, type Text } from '../text';
import { AUTHORIZER_OUTPUT_PATTERN, authorizerOutputs } from './authorizer-outputs';
import { authorizersInUse } from './checks/helpers';
import { partitionOf, principalToSimulate } from './principal';
import { probePermissions } from './probes';
import { problemOf, read } from './reads';
import { requiredPermissions } from './required-permissions';
import type {
  AccountFacts,
  ApiFacts,
  CallerFacts,
  DoctorFacts,
  FunctionPolicyFact,
  PermissionFacts,
  PermissionResult,
  Read,
  RequiredPermission,
  StageFacts,
} from './types';
import { resultTtlOf } from '../classify/signals';

/**
 * The one module of `why403 doctor` that talks to AWS: it reads what the checks judge and turns every failure
 * into a fact. The IAM, STS and Lambda clients are loaded here, on first use, so other commands never pay for them.
 */

export interface DoctorQuery {
  restApiId?: string;
  stage?: string;
  region?: string;
}

export interface DoctorDeps {
  aws: AwsClientPool;
  config: AppConfig;
  now: () => number;
  onProgress?: (message: Text) => void;
  signal?: AbortSignal;
}

/** How far back the stage's execution log is read for authorizer outputs, in widening slices, and how much. */
const LOG_SLICES_MS = [5 * 60_000, 3_600_000, 6 * 3_600_000];
const LOG_WINDOW_MS = LOG_SLICES_MS[LOG_SLICES_MS.length - 1];
const LOG_PAGE_BUDGET = 2;
const LOG_PAGE_LIMIT = 200;
/** APIs read at once: API Gateway allows 10 management calls a second per account, GetResources 5 every 2 s. */
const API_CONCURRENCY = 2;
/** Resources per SimulatePrincipalPolicy call. */
const SIMULATION_CHUNK = 50;

export function validateDoctorQuery(query: DoctorQuery): DoctorQuery {
  return {
    restApiId: query.restApiId === undefined ? undefined : validateRestApiId(query.restApiId),
    stage: query.stage === undefined ? undefined : validateStage(query.stage),
    region: query.region === undefined ? undefined : validateRegion(query.region),
  };
}

interface Target {
  location: ApiLocation;
  access: AwsAccess;
}

/**
 * The same deps, with a signal that also ends at the time budget (`search.timeBudgetSeconds`), counted from now: each
 * phase (the listing, the accounts, each API, each account's permissions) gets its own, so that an endpoint that
 * never answers costs a phase its budget, its reads become could-not-check findings, and the run goes on.
 */
function budgeted(deps: DoctorDeps): DoctorDeps {
  const budget = AbortSignal.timeout(deps.config.search.timeBudgetSeconds * 1000);
  const signal = deps.signal ? AbortSignal.any([deps.signal, budget]) : budget;
  setMaxListeners(200, signal);
  return { ...deps, signal };
}

export async function gatherDoctorFacts(query: DoctorQuery, deps: DoctorDeps): Promise<DoctorFacts> {
  const at = deps.now();
  const { locations, listing } = await apiLocations(query, budgeted(deps));
  const targets = await Promise.all(
    locations.map(async (location) => ({ location, access: await deps.aws.forTarget(location) })),
  );
  const clients = new DoctorClients(deps.aws);
  const usagePlans = new Map<string, Promise<Read<UsagePlanConfig[]>>>();
  const accounts = await gatherAccounts(targets, budgeted(deps), clients);
  const apis = await mapLimit(targets, API_CONCURRENCY, async ({ location, access }) => {
    deps.onProgress?.(msg('doctor.progress.api', { api: location.restApiId, region: access.region }));
    const caller = accounts.find((a) => a.key === access.key)?.caller;
    return gatherApi({ location, access }, query, {
      deps: budgeted(deps),
      clients,
      at,
      caller: caller?.ok ? caller.value : undefined,
      usagePlans,
    });
  });
  const found = apis.filter((api): api is ApiFacts => api !== undefined);
  for (const account of accounts) {
    const target = targets.find((t) => t.access.key === account.key);
    if (!target || !account.caller.ok) continue;
    deps.onProgress?.(msg('doctor.progress.permissions', { region: account.region }));
    account.permissions = await gatherPermissions(
      account.caller.value,
      found.filter((api) => api.accountKey === account.key),
      target,
      budgeted(deps),
      clients,
    );
  }
  return { accounts, apis: found, at, logWindowMs: LOG_WINDOW_MS, ...(listing ? { listing } : {}) };
}

/** The APIs to check: the one asked for, else the configured ones, else every REST API of the region. */
async function apiLocations(
  query: DoctorQuery,
  deps: DoctorDeps,
): Promise<{ locations: ApiLocation[]; listing?: DoctorFacts['listing'] }> {
  if (query.restApiId) return { locations: [locateApi(deps.config, query.restApiId, query.region)] };
  if (deps.config.apis.length > 0)
    return { locations: deps.config.apis.map((api) => locateApi(deps.config, api.id, query.region)) };
  const access = await deps.aws.forTarget({ region: query.region ?? deps.config.region });
  deps.onProgress?.(msg('doctor.progress.listing', { region: access.region }));
  // A page that failed after others were read keeps what they gave: those APIs are checked, the rest reported.
  const { items, failure } = await access.restApi.getRestApisAsFarAsRead(deps.signal);
  const locations = items.flatMap((api) => (api.id ? [locateApi(deps.config, api.id, access.region)] : []));
  if (failure === undefined) return { locations };
  const problem = problemOf(failure, 'GetRestApis', '/restapis');
  return { locations, listing: { region: access.region, problem, read: locations.length } };
}

async function gatherAccounts(
  targets: readonly Target[],
  deps: DoctorDeps,
  clients: DoctorClients,
): Promise<AccountFacts[]> {
  const distinct = [...new Map(targets.map((t) => [t.access.key, t])).values()];
  return Promise.all(
    distinct.map(async ({ location, access }) => {
      const identity = await clients.identityFor(location, access);
      const [caller, cloudwatchRole] = await Promise.all([
        read('GetCallerIdentity', '*', async (): Promise<CallerFacts> => {
          const { account, arn } = await identity.callerIdentity(deps.signal);
          const principal = principalToSimulate(arn);
          return principal ? { account, arn, principal } : { account, arn };
        }),
        read(
          'GetAccount',
          '/account',
          async () => (await access.restApi.getAccount(deps.signal)).cloudwatchRoleArn ?? null,
        ),
      ]);
      return { key: access.key, region: access.region, caller, cloudwatchRole };
    }),
  );
}

/** The IAM/STS and Lambda clients of one run, created on first use (their SDKs load only then). */
class DoctorClients {
  private readonly identity = new Map<string, Promise<IdentityReader>>();
  private readonly lambda = new Map<string, Promise<LambdaPolicyReader>>();

  constructor(private readonly aws: AwsClientPool) {}

  identityFor(location: ApiLocation, access: AwsAccess): Promise<IdentityReader> {
    return cached(this.identity, access.key, () =>
      import('../aws/iam').then(({ createIdentityReader }) =>
        createIdentityReader(
          { ...this.aws.clientSettings(location), region: access.region },
          this.aws.retryPolicy(),
        ),
      ),
    );
  }

  lambdaFor(location: ApiLocation, region: string): Promise<LambdaPolicyReader> {
    return cached(this.lambda, `${location.roleArn ?? 'default'}|${region}`, () =>
      import('../aws/lambda-policy').then(({ createLambdaPolicyReader }) =>
        createLambdaPolicyReader({ ...this.aws.clientSettings(location), region }, this.aws.retryPolicy()),
      ),
    );
  }
}

function cached<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = create();
    map.set(key, value);
  }
  return value;
}

interface ApiContext {
  deps: DoctorDeps;
  clients: DoctorClients;
  at: number;
  caller?: CallerFacts;
  /** The usage plans of each account and region (AccountFacts.key), read once for every API there. */
  usagePlans: Map<string, Promise<Read<UsagePlanConfig[]>>>;
}

async function gatherApi(
  { location, access }: Target,
  query: DoctorQuery,
  ctx: ApiContext,
): Promise<ApiFacts | undefined> {
  const { restApiId } = location;
  const { signal } = ctx.deps;
  const [restApi, authorizers, resources, stages] = await Promise.all([
    read('GetRestApi', restApiId, () => access.restApi.getRestApi(restApiId, signal)),
    read('GetAuthorizers', restApiId, () => access.restApi.getAuthorizers(restApiId, signal)),
    read('GetResources', restApiId, () => access.restApi.getResources(restApiId, signal)),
    read('GetStages', restApiId, () => access.restApi.getStages(restApiId, signal)),
  ]);
  if (!restApi.ok && restApi.problem.kind === 'missing' && query.restApiId) {
    throw new InputError(
      msg('cli.api.missing', { restApiId, region: access.region }),
      msg('cli.api.missing.hint'),
    );
  }
  const chosen = stages.ok ? stages.value.filter((s) => !query.stage || s.stageName === query.stage) : [];
  if (query.restApiId && query.stage && stages.ok && chosen.length === 0) {
    throw new InputError(
      msg('cli.api.no-stage', { restApiId, stage: query.stage }),
      msg('cli.api.no-stage.hint', { stages: stages.value.map((s) => s.stageName).join(', ') || '—' }),
    );
  }
  if (query.stage && stages.ok && chosen.length === 0) return undefined;
  const api: ApiFacts = {
    restApiId,
    region: access.region,
    accountKey: access.key,
    accountId: ctx.caller?.account,
    restApi,
    authorizers,
    resources,
    stages: stages.ok
      ? {
          ok: true,
          value: chosen.map((stage) => ({ stage: { ...stage, stageName: stage.stageName ?? '' } })),
        }
      : stages,
    functionPolicies: {},
    ...(query.stage ? { stageFilter: query.stage } : {}),
  };
  await Promise.all([
    gatherUsagePlans(api, access, ctx),
    gatherFunctionPolicies(api, location, ctx),
    ...(api.stages.ok ? api.stages.value.map((stage) => gatherOutputs(api, stage, access, ctx)) : []),
  ]);
  return api;
}

/** The account's usage plans, when a method of the API requires an API key (only then can a plan be missing). */
async function gatherUsagePlans(api: ApiFacts, access: AwsAccess, ctx: ApiContext): Promise<void> {
  if (!api.resources.ok || !api.stages.ok) return;
  const keyed = api.resources.value.some((resource) =>
    Object.values(resource.methods).some((method) => method.apiKeyRequired === true),
  );
  if (!keyed) return;
  api.usagePlans = await cached(ctx.usagePlans, access.key, () =>
    read('GetUsagePlans', '/usageplans', () => access.restApi.getUsagePlans(ctx.deps.signal)),
  );
}

async function gatherFunctionPolicies(api: ApiFacts, location: ApiLocation, ctx: ApiContext): Promise<void> {
  const needed = authorizersInUse(api).filter(
    (authorizer) => authorizer.id && !authorizer.authorizerCredentials,
  );
  await Promise.all(
    needed.map(async (authorizer) => {
      const arn = functionArnInUri(authorizer.authorizerUri);
      const fn = parseFunctionArn(arn);
      let policy: Read<FunctionPolicyFact>;
      if (!arn || !fn || arn.includes('${')) {
        policy = { ok: true, value: { kind: 'stage-variable' } };
      } else {
        const reader = await ctx.clients.lambdaFor(location, fn.region);
        const owner = ctx.caller?.account ?? accountOfRole(location.roleArn);
        policy = acrossAccounts(
          await read('GetPolicy', arn, () => reader.getPolicy(arn, ctx.deps.signal)),
          fn.accountId,
          owner,
        );
      }
      api.functionPolicies[authorizer.id as string] = policy;
    }),
  );
}

function accountOfRole(roleArn: string | undefined): string | undefined {
  return roleArn ? /^arn:[\w-]+:iam::(\d{12}):/.exec(roleArn)?.[1] : undefined;
}

/**
 * A function policy read in the light of whose the function is. Another account's function that could not be read
 * tells nothing about the function (Lambda answers "not found" or AccessDenied alike for one it will not show); when
 * the caller's own account is not known, neither can "not found" be taken as proof the function is gone.
 */
function acrossAccounts(
  policy: Read<FunctionPolicyFact>,
  functionAccount: string,
  owner: string | undefined,
): Read<FunctionPolicyFact> {
  if (owner === functionAccount || (policy.ok && policy.value.kind === 'policy')) return policy;
  if (owner === undefined && !(policy.ok && policy.value.kind === 'no-function')) return policy;
  return {
    ok: true,
    value: { kind: 'other-account', accountId: functionAccount, ...(owner ? { apiAccount: owner } : {}) },
  };
}

/**
 * A stage's recent authorizer outputs, when a cached Lambda authorizer runs there and the log is at INFO. Read
 * newest slice first (FilterLogEvents pages oldest first), widening only while nothing was found: a sample of the
 * latest calls, within a small page budget.
 */
async function gatherOutputs(
  api: ApiFacts,
  facts: StageFacts,
  access: AwsAccess,
  ctx: ApiContext,
): Promise<void> {
  const cached = authorizersInUse(api).some((authorizer) => resultTtlOf(authorizer) > 0);
  const level = facts.stage.methodSettings?.['*/*']?.loggingLevel?.toUpperCase();
  if (!cached || level !== 'INFO') return;
  const logGroup = executionLogGroup(api.restApiId, facts.stage.stageName);
  facts.authorizerOutputs = await read('FilterLogEvents', logGroup, async () => {
    let newer = ctx.at;
    for (const width of LOG_SLICES_MS) {
      const result = await access.logs.filterEvents({
        logGroup,
        pattern: AUTHORIZER_OUTPUT_PATTERN,
        start: ctx.at - width,
        end: newer,
        pageBudget: LOG_PAGE_BUDGET,
        limit: LOG_PAGE_LIMIT,
        signal: ctx.deps.signal,
      });
      const samples = authorizerOutputs(result.events);
      if (samples.length > 0) return samples;
      // Cut short before its page budget (a page failed, or the run was stopped): seeing none proves nothing.
      if (result.partial !== undefined && result.pages < LOG_PAGE_BUDGET) throw cutShort(logGroup);
      newer = ctx.at - width;
    }
    return [];
  });
}

function cutShort(logGroup: string): AwsUnavailableError {
  return new AwsUnavailableError(
    `CloudWatch Logs FilterLogEvents on ${logGroup} was cut short`,
    'FilterLogEvents',
    logGroup,
  );
}

async function gatherPermissions(
  caller: CallerFacts,
  apis: readonly ApiFacts[],
  { location, access }: Target,
  deps: DoctorDeps,
  clients: DoctorClients,
): Promise<PermissionFacts> {
  const required = requiredPermissions(apis, {
    region: access.region,
    account: caller.account,
    partition: partitionOf(caller.arn),
  });
  if (caller.principal) {
    const identity = await clients.identityFor(location, access);
    const simulation = await read('SimulatePrincipalPolicy', caller.principal, () =>
      simulate(identity, caller.principal as string, required, deps.signal),
    );
    if (simulation.ok) return { required, simulation: { ok: true, value: true }, results: simulation.value };
    return { required, simulation, results: await probe(required, apis, access, deps) };
  }
  return { required, results: await probe(required, apis, access, deps) };
}

async function simulate(
  identity: IdentityReader,
  principal: string,
  required: readonly RequiredPermission[],
  signal?: AbortSignal,
): Promise<PermissionResult[]> {
  const results: PermissionResult[] = [];
  for (const permission of required) {
    const refused = new Map<string, string[]>(permission.actions.map((action) => [action, []]));
    for (let i = 0; i < permission.resources.length; i += SIMULATION_CHUNK) {
      const chunk = permission.resources.slice(i, i + SIMULATION_CHUNK);
      for (const result of await identity.simulate(principal, permission.actions, chunk, signal)) {
        if (result.decision === 'allowed') continue;
        const resources = result.refused.length > 0 ? result.refused : chunk;
        refused.get(result.action)?.push(...resources);
      }
    }
    for (const [action, resources] of refused) {
      results.push({
        sid: permission.sid,
        action,
        outcome: resources.length === 0 ? 'allowed' : 'denied',
        via: 'simulation',
        resources,
      });
    }
  }
  return results;
}

function probe(
  required: readonly RequiredPermission[],
  apis: readonly ApiFacts[],
  access: AwsAccess,
  deps: DoctorDeps,
): Promise<PermissionResult[]> {
  const api = apis[0];
  const stage = api?.stages.ok ? api.stages.value[0]?.stage.stageName : undefined;
  deps.onProgress?.(msg('doctor.progress.probes', { region: access.region }));
  return probePermissions(required, {
    access,
    logGroup:
      api && stage ? executionLogGroup(api.restApiId, stage) : executionLogGroup('why403doc', 'probe'),
    logGroupPrefix: executionLogGroupPrefix(api?.restApiId),
    now: deps.now(),
    signal: deps.signal,
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
