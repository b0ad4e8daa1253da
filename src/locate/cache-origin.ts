import type { AwsAccess } from '../aws/clients';
import type { TimeWindow } from '../config/duration';
import type { LogLine } from '../evidence/types';
import { parseLogEvents } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import type { Text } from '../text';
import { anyOfTerms } from './log-groups';

/**
 * The authorizer calls of one stage within a window: every request whose execution log shows the authorizer's
 * Lambda called and what it returned, read with ONE FilterLogEvents call over the stage's execution-log group
 * (the lines that name the authorizer, the identity, the Lambda's input and its result, for every request at once).
 * For a request the authorizer cache answered, the window is the TTL before it: the request that filled the cache
 * is among these calls, and src/pipeline/cache-filler.ts picks it out.
 */

export interface AuthorizerCall {
  requestId: string;
  /** When its authorizer section started (epoch ms). */
  time: number;
  authorizerId?: string;
  /** Its `Incoming identity:` line (masked by API Gateway). */
  identity?: string;
  /** The method ARN the Lambda was given. */
  methodArn?: string;
  resultBody: string;
  principalId?: string;
  policyDocument?: unknown;
}

export interface AuthorizerCalls {
  calls: AuthorizerCall[];
  /** Why the window was not read to its end, when it was not. */
  partial?: Text;
}

const LINES = [
  'Incoming identity:',
  'Endpoint request body after transformations:',
  'Authorizer result body before parsing:',
];

/** The filter pattern: any of the authorizer's lines (the start line of this authorizer when its id is known). */
export function authorizerCallsPattern(authorizerId: string | undefined): string {
  const start =
    authorizerId && /^[\w-]+$/.test(authorizerId)
      ? `Starting authorizer: ${authorizerId}`
      : 'Starting authorizer:';
  return anyOfTerms([start, ...LINES]);
}

export async function readAuthorizerCalls(
  access: AwsAccess,
  logGroup: string,
  window: TimeWindow,
  options: { authorizerId?: string; pageBudget: number; signal?: AbortSignal },
): Promise<AuthorizerCalls> {
  const result = await access.logs.filterEvents({
    logGroup,
    pattern: authorizerCallsPattern(options.authorizerId),
    ...window,
    pageBudget: options.pageBudget,
    signal: options.signal,
  });
  const byRequest = new Map<string, LogLine[]>();
  for (const line of parseLogEvents([...result.events].sort((a, b) => a.timestamp - b.timestamp))) {
    if (!line.requestId) continue;
    const lines = byRequest.get(line.requestId) ?? [];
    lines.push(line);
    byRequest.set(line.requestId, lines);
  }
  const calls = [...byRequest.entries()].flatMap(([requestId, lines]) =>
    callOf(requestId, lines, options.authorizerId),
  );
  return { calls, ...(result.partial !== undefined ? { partial: result.partial } : {}) };
}

function callOf(requestId: string, lines: LogLine[], authorizerId: string | undefined): AuthorizerCall[] {
  const trace = buildTrace(lines);
  const { authorizer } = trace;
  const result = authorizer.result;
  if (!result || result.policyDocument === undefined) return [];
  const startedBy = authorizer.started?.authorizerId;
  if (authorizerId && startedBy && startedBy !== authorizerId) return [];
  return [
    {
      requestId,
      time: trace.startedAt ?? result.line.timestamp ?? 0,
      ...(startedBy ? { authorizerId: startedBy } : {}),
      ...(authorizer.incomingIdentity ? { identity: authorizer.incomingIdentity.message } : {}),
      ...(authorizer.methodArn ? { methodArn: authorizer.methodArn } : {}),
      resultBody: result.raw,
      ...(result.principalId !== undefined ? { principalId: result.principalId } : {}),
      policyDocument: result.policyDocument,
    },
  ];
}
