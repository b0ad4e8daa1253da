import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsError,
  AwsNotFoundError,
  LogGroupMissingError,
} from '../aws/errors';
import type { Read, ReadProblem } from './types';

/**
 * One AWS read as a fact: its value, or why there is none. Missing credentials or region are not a fact about
 * the account but about the setup, so they still end the run with the usual hint.
 */
export async function read<T>(operation: string, resource: string, call: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, problem: problemOf(error, operation, resource) };
  }
}

export function problemOf(error: unknown, operation: string, resource: string): ReadProblem {
  if (error instanceof AwsCredentialsError) throw error;
  if (error instanceof AwsAccessDeniedError)
    return { kind: 'denied', operation: error.operation, action: error.action, resource: error.resource };
  if (error instanceof LogGroupMissingError || error instanceof AwsNotFoundError)
    return { kind: 'missing', operation: error.operation, resource: error.resource };
  if (error instanceof AwsError)
    return {
      kind: 'unavailable',
      operation: error.operation,
      resource: error.resource,
      detail: error.message,
    };
  if (isServiceError(error) || isNetworkError(error))
    return { kind: 'unavailable', operation, resource, detail: (error as Error).message };
  throw error;
}

/** An answer from an AWS service (the SDK's exceptions carry `$metadata`): the call got past authorization. */
export function isServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(code);
}
