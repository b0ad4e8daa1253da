import type { IncomingMessage } from 'node:http';
import { FakeAwsError } from './errors';
import { deniedPrincipal, garbledReply, pickFaultEntry, serverErrorStatus, throttleHeaders } from './faults';
import { jsonReply, type Reply } from './http';
import { identityWorld } from './identity-world';
import type { FakeState } from './state';

/**
 * Lambda's GetPolicy over REST JSON: `GET /2015-03-31/functions/{FunctionName}/policy[?Qualifier=…]` answers
 * `{ Policy: "<the policy as a JSON string>", RevisionId }`. Errors are status + `x-amzn-errortype` +
 * `{ Type, Message }`; a function without a policy and a missing function are both ResourceNotFoundException.
 */

const POLICY_PATH = /^\/2015-03-31\/functions\/(?<name>[^/]+)\/policy\/?$/;

export function isLambdaRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith('/2015-03-31/functions/');
}

export function serveLambda(state: FakeState, req: IncomingMessage, at: number): Reply {
  const url = new URL(req.url ?? '/', 'http://fake');
  const name = POLICY_PATH.exec(url.pathname)?.groups?.name;
  const qualifier = url.searchParams.get('Qualifier');
  const functionName = name ? decodeURIComponent(name) : '';
  const target = qualifier ? `${functionName}:${qualifier}` : functionName;
  state.calls.push({
    service: 'lambda',
    operation: name && req.method === 'GET' ? 'GetPolicy' : 'Unknown',
    target,
    at,
  });
  try {
    if (!name || req.method !== 'GET')
      throw new FakeAwsError(
        'ResourceNotFoundException',
        `The fake does not serve ${req.method} ${url.pathname}`,
        404,
      );
    return injectFault(state, target) ?? getPolicy(state, target);
  } catch (error) {
    return errorReply(error);
  }
}

/** Throws the AWS error a fault answers with, or returns the reply of a fault that is not an AWS error. */
function injectFault(state: FakeState, target: string): Reply | undefined {
  const { fault, entry } = pickFaultEntry(state, 'GetPolicy', target) ?? {};
  const garbled = garbledReply(fault);
  if (garbled) return garbled;
  if (fault === 'deny') {
    throw new FakeAwsError(
      'AccessDeniedException',
      `User: ${deniedPrincipal(state.world.accountId)} is not authorized to perform: lambda:GetPolicy on resource: ${target} because no identity-based policy allows the lambda:GetPolicy action`,
      403,
    );
  }
  if (fault === 'throttle')
    throw new FakeAwsError('TooManyRequestsException', 'Rate exceeded', 429, throttleHeaders(entry));
  if (fault === 'serverError')
    throw new FakeAwsError('ServiceException', 'Service Unavailable', serverErrorStatus(entry, 500));
  return undefined;
}

function getPolicy(state: FakeState, arn: string): Reply {
  const fn = identityWorld(state.world).functions?.[arn];
  // Another account's function is not this account's to read: Lambda refuses, it does not say "not found".
  const owner = /^arn:[\w-]+:lambda:[\w-]+:(\d{12}):function:/.exec(arn)?.[1];
  const foreign = identityWorld(state.world).foreignFunctions ?? 'access-denied';
  if (!fn && owner !== undefined && owner !== state.world.accountId && foreign === 'access-denied') {
    throw new FakeAwsError(
      'AccessDeniedException',
      `User: ${deniedPrincipal(state.world.accountId)} is not authorized to perform: lambda:GetPolicy on resource: ${arn} because no resource-based policy allows the lambda:GetPolicy action`,
      403,
    );
  }
  if (!fn) throw new FakeAwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
  if (!fn.policy)
    throw new FakeAwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
  return jsonReply(
    200,
    { Policy: JSON.stringify(fn.policy), RevisionId: 'f0a1b2c3-d4e5-4f60-8a7b-8c9d0e1f2a3b' },
    'application/json',
  );
}

function errorReply(error: unknown): Reply {
  const failure =
    error instanceof FakeAwsError
      ? error
      : new FakeAwsError('ServiceException', `The fake failed: ${String(error)}`, 500);
  return jsonReply(failure.status, { Type: 'User', Message: failure.message }, 'application/json', {
    'x-amzn-errortype': failure.code,
    ...failure.headers,
  });
}
