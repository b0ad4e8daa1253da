import type { AwsAccess } from '../aws/clients';
import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsError,
  AwsMalformedResponseError,
  AwsTimeoutError,
  AwsUnavailableError,
} from '../aws/errors';
import { isServiceError, problemOf } from './reads';
import type { PermissionResult, RequiredPermission } from './types';
import { partitionOfRegion } from '../evidence/assemble';

/**
 * When IAM will not simulate, one harmless call per action why403 needs tells whether it is allowed: a read of
 * a minute of one log group (at most one event), a Logs Insights query over that minute that is stopped at once,
 * one page of log-group names, the account settings. AWS checks permission before it looks for the resource, so
 * any answer but AccessDenied (a missing group, an unknown query) means the action is allowed.
 */

interface ProbeContext {
  access: AwsAccess;
  logGroup: string;
  logGroupPrefix: string;
  now: number;
  signal?: AbortSignal;
  /** A query StartQuery started, for GetQueryResults and StopQuery to use. */
  queryId?: string;
}

type Probe = (ctx: ProbeContext) => Promise<void>;

const MINUTE = 60_000;
/** A well-formed id no query has. */
const NO_SUCH_QUERY = '00000000-0000-4000-8000-000000000000';

const PROBES: Record<string, Probe> = {
  'logs:FilterLogEvents': async (ctx) => {
    await ctx.access.logs.filterEvents({
      logGroup: ctx.logGroup,
      pattern: '',
      start: ctx.now - MINUTE,
      end: ctx.now,
      pageBudget: 1,
      limit: 1,
      signal: ctx.signal,
    });
  },
  'logs:StartQuery': async (ctx) => {
    ctx.queryId = await ctx.access.logs.startQuery(
      [ctx.logGroup],
      'fields @timestamp | limit 1',
      ctx.now - MINUTE,
      ctx.now,
      ctx.signal,
    );
  },
  'logs:GetQueryResults': async (ctx) => {
    await ctx.access.logs.queryResults(ctx.queryId ?? NO_SUCH_QUERY, ctx.signal);
  },
  'logs:StopQuery': async (ctx) => {
    await ctx.access.logs.stopQuery(ctx.queryId ?? NO_SUCH_QUERY, ctx.signal);
  },
  'logs:DescribeLogGroups': async (ctx) => {
    await ctx.access.logs.logGroupNames(ctx.logGroupPrefix, ctx.signal);
  },
  'apigateway:GET': async (ctx) => {
    await ctx.access.restApi.getAccount(ctx.signal);
  },
};

/** The resource each probe touches, to name in a denial. */
function resourceOf(action: string, ctx: ProbeContext): string {
  if (action === 'apigateway:GET')
    return `arn:${partitionOfRegion(ctx.access.region)}:apigateway:${ctx.access.region}::/account`;
  if (action === 'logs:DescribeLogGroups') return `${ctx.logGroupPrefix}*`;
  if (action === 'logs:GetQueryResults' || action === 'logs:StopQuery') return '*';
  return ctx.logGroup;
}

export async function probePermissions(
  required: readonly RequiredPermission[],
  ctx: Omit<ProbeContext, 'queryId'>,
): Promise<PermissionResult[]> {
  const context: ProbeContext = { ...ctx };
  const results: PermissionResult[] = [];
  const seen = new Set<string>();
  for (const permission of required) {
    for (const action of permission.actions) {
      if (seen.has(action)) continue;
      seen.add(action);
      results.push(await probe(permission.sid, action, context));
    }
  }
  return results;
}

async function probe(sid: string, action: string, ctx: ProbeContext): Promise<PermissionResult> {
  const run = PROBES[action];
  const resources = [resourceOf(action, ctx)];
  if (!run) return { sid, action, outcome: 'unknown', via: 'probe', resources };
  try {
    await run(ctx);
    return { sid, action, outcome: 'allowed', via: 'probe', resources };
  } catch (error) {
    if (error instanceof AwsAccessDeniedError)
      return { sid, action, outcome: 'denied', via: 'probe', resources: [error.resource] };
    // A malformed answer (a proxy's page, a body cut off or empty) is not AWS's: it says nothing of the permission.
    const answered =
      (error instanceof AwsError &&
        !(
          error instanceof AwsUnavailableError ||
          error instanceof AwsTimeoutError ||
          error instanceof AwsCredentialsError ||
          error instanceof AwsMalformedResponseError
        )) ||
      isServiceError(error);
    if (answered) return { sid, action, outcome: 'allowed', via: 'probe', resources };
    const problem = problemOf(error, action, resources[0]);
    return { sid, action, outcome: 'unknown', via: 'probe', resources, problem };
  }
}
