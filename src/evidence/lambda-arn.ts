import type { ConfigFacts, Trace } from './types';

/** Lambda function ARNs, as authorizer URIs and execution logs carry them. */

const FUNCTION_IN_URI = /\/functions\/(?<arn>arn:[^/]+?)\/invocations/;
const FUNCTION_ARN = /^arn:[\w-]+:lambda:(?<region>[\w-]+):(?<accountId>\d{12}):function:(?<name>[^:]+)/;

/** The function ARN inside an invocation URI or an authorizerUri (`…/functions/<arn>/invocations`). */
export function functionArnInUri(uri: string | undefined): string | undefined {
  return uri ? FUNCTION_IN_URI.exec(uri)?.groups?.arn : undefined;
}

/** `arn:aws:lambda:us-east-1:123456789012:function:name[:alias]` → its region, account and name. */
export function parseFunctionArn(
  arn: string | undefined,
): { region: string; accountId: string; name: string } | undefined {
  const groups = arn ? FUNCTION_ARN.exec(arn)?.groups : undefined;
  return groups ? { region: groups.region, accountId: groups.accountId, name: groups.name } : undefined;
}

/** The authorizer function: as the trace called it, else as the authorizer's configuration names it. */
export function authorizerFunctionArn(trace: Trace, config: ConfigFacts): string | undefined {
  const fromTrace = trace.authorizer.functionArn;
  if (fromTrace && !/[<>#]/.test(fromTrace)) return fromTrace;
  return functionArnInUri(config.authorizer?.authorizerUri);
}
