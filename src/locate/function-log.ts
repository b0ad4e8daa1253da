import type { AwsAccess } from '../aws/clients';
import type { AuthorizerLogFacts } from '../evidence/types';
import { parseFunctionArn } from '../evidence/lambda-arn';
import { parseLambdaLog, type AuthorizerInvocation } from '../evidence/lambda-log';
import { redactValue } from '../redact';
import type { Text } from '../text';
import { anyOfTerms } from './log-groups';

/**
 * The authorizer function's own log (`/aws/lambda/<function>`) around one request: API Gateway calls the authorizer
 * as the request arrives and waits for it at most 29 s, so every invocation that could have served the request
 * starts just before or after it and ends within that span. Only the lines that mark an invocation's start and end,
 * its errors and time-outs are asked for (one FilterLogEvents call, followed through its pages within the budget);
 * what an invocation failed with is redacted as soon as it is read.
 */

/** Before the request: clocks differ a little between API Gateway and Lambda. */
const BEFORE_MS = 10_000;
/** After it: the authorizer's longest run (29 s), and its END/REPORT lines. */
const AFTER_MS = 35_000;

const MARKERS = [
  'START RequestId',
  'END RequestId',
  'REPORT RequestId',
  'INIT_START',
  'ERROR',
  'Task timed out',
  'platform.start',
  'platform.initStart',
  'platform.report',
  'platform.runtimeDone',
];

export const FUNCTION_LOG_PATTERN = anyOfTerms(MARKERS);

export function functionLogGroup(functionArn: string): string | undefined {
  const fn = parseFunctionArn(functionArn);
  return fn ? `/aws/lambda/${fn.name}` : undefined;
}

export interface FunctionLogRead {
  facts: AuthorizerLogFacts;
  /** Why the span was not read to its end, when it was not. */
  partial?: Text;
}

export async function readFunctionLog(
  access: AwsAccess,
  logGroup: string,
  time: number,
  options: { pageBudget: number; signal?: AbortSignal },
): Promise<FunctionLogRead> {
  const window = { start: time - BEFORE_MS, end: time + AFTER_MS };
  const result = await access.logs.filterEvents({
    logGroup,
    pattern: FUNCTION_LOG_PATTERN,
    ...window,
    pageBudget: options.pageBudget,
    signal: options.signal,
  });
  const invocations: AuthorizerInvocation[] = parseLambdaLog(result.events).map(redactInvocation);
  return {
    facts: { logGroup, window, invocations },
    ...(result.partial !== undefined ? { partial: result.partial } : {}),
  };
}

/** An error's message and stack lines may quote the token or the claims the function was handling. */
function redactInvocation(invocation: AuthorizerInvocation): AuthorizerInvocation {
  return invocation.error ? { ...invocation, error: redactValue(invocation.error) } : invocation;
}
