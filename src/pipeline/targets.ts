import type { AwsAccess } from '../aws/clients';
import { AwsError, describeAwsError } from '../aws/errors';
import { locateApi } from '../config/app-config';
import { executionLogGroup, executionLogGroupPrefix, parseExecutionLogGroup } from '../locate/log-groups';
import type { SearchTarget } from '../locate/request-search';
import type { PipelineDeps } from './context';
import { InputError } from '../errors';
import { msg, type Text } from '../text';

/** The groups to search, and why stages may be missing from them (a listing that failed), for the answer to say. */
export interface Targets {
  targets: SearchTarget[];
  /** Each listing that failed: stages it alone would have named (those that log nothing) are not among the targets. */
  unlisted: Text[];
}

/**
 * Which execution-log groups to search: the given API and stage; the given API's stages; the APIs the
 * configuration lists; or, with none of those, every API Gateway execution-log group in the region.
 */
export async function resolveTargets(
  query: { restApiId?: string; stage?: string; region?: string; allowedApis?: string[] },
  deps: PipelineDeps,
  signal?: AbortSignal,
): Promise<Targets> {
  const allowed = query.allowedApis;
  if (query.restApiId) {
    checkAllowed(query);
    return targetsOfApi(query.restApiId, query.stage, query.region, deps, signal);
  }
  const listed = allowed ?? deps.config.apis.map((api) => api.id);
  if (listed.length > 0) {
    const perApi: Targets[] = await Promise.all(
      listed.map((id) =>
        targetsOfApi(
          id,
          query.stage,
          query.region ?? deps.config.apis.find((api) => api.id === id)?.region,
          deps,
          signal,
        ),
      ),
    );
    return {
      targets: perApi.flatMap((api) => api.targets),
      unlisted: perApi.flatMap((api) => api.unlisted),
    };
  }
  const access = await deps.aws.forTarget({ region: query.region ?? deps.config.region });
  deps.onProgress?.(msg('progress.listing-groups', { region: access.region }));
  const names = await access.logs.logGroupNames(executionLogGroupPrefix(), signal);
  const targets = names.flatMap((name) => {
    const parsed = parseExecutionLogGroup(name);
    if (!parsed || (query.stage && parsed.stage !== query.stage)) return [];
    return [{ access, ...parsed, logGroup: name }];
  });
  return { targets, unlisted: [] };
}

/** Refuses an API the caller (a Slack channel) may not see, before any AWS call. */
export function checkAllowed(query: { restApiId?: string; allowedApis?: string[] }): void {
  const allowed = query.allowedApis;
  if (query.restApiId && allowed && !allowed.includes(query.restApiId)) {
    throw new InputError(
      msg('cli.api.not-allowed', { restApiId: query.restApiId }),
      msg('cli.api.not-allowed.hint', { apis: allowed.join(', ') }),
    );
  }
}

async function targetsOfApi(
  restApiId: string,
  stage: string | undefined,
  region: string | undefined,
  deps: PipelineDeps,
  signal?: AbortSignal,
): Promise<Targets> {
  const location = locateApi(deps.config, restApiId, region);
  const access = await deps.aws.forTarget(location);
  const given = stage ? [stage] : location.stages;
  const { stages, unlisted } = given
    ? { stages: given, unlisted: [] }
    : await discoverStages(access, restApiId, deps, signal);
  return {
    targets: stages.map((s) => ({ access, restApiId, stage: s, logGroup: executionLogGroup(restApiId, s) })),
    unlisted,
  };
}

/**
 * The API's stages: those with an execution-log group, and those GetStages lists (a stage with execution logging
 * off has no group, yet its access log may hold the request). GetStages is read beside the listing (and usually
 * already in flight); when it fails, the groups alone say which stages there are, and `unlisted` says that stages
 * without a group may be missing: a request not found is then not proven absent.
 */
async function discoverStages(
  access: AwsAccess,
  restApiId: string,
  deps: PipelineDeps,
  signal?: AbortSignal,
): Promise<{ stages: string[]; unlisted: Text[] }> {
  const [names, configured] = await Promise.all([
    access.logs.logGroupNames(executionLogGroupPrefix(restApiId), signal),
    deps.gatherer.stages(access, restApiId, signal).then(
      (stages) => ({ stages }),
      (error: unknown) => ({ stages: [], failure: error }),
    ),
  ]);
  const logged = names.flatMap((name) => parseExecutionLogGroup(name)?.stage ?? []);
  const unlogged = configured.stages.flatMap((s) =>
    s.stageName && !logged.includes(s.stageName) ? [s.stageName] : [],
  );
  const unlisted =
    'failure' in configured
      ? [msg('search.partial.stages-unlisted', { restApiId, reason: reasonOf(configured.failure) })]
      : [];
  return { stages: [...logged, ...unlogged], unlisted };
}

function reasonOf(error: unknown): Text {
  if (error instanceof AwsError) return describeAwsError(error);
  return error instanceof Error ? error.message : String(error);
}
