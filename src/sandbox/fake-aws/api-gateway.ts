import type { IncomingMessage } from 'node:http';
import { matchRoute } from './api-gateway-routes';
import { HANDLERS } from './api-gateway-handlers';
import { FakeAwsError } from './errors';
import { deniedPrincipal, garbledReply, pickFaultEntry, serverErrorStatus, throttleHeaders } from './faults';
import { jsonReply, type Reply } from './http';
import type { FakeState } from './state';

/** API Gateway's management API over restJson1: errors are status + `x-amzn-errortype` + `{ message }`. */
const CONTENT_TYPE = 'application/json';

export function serveApiGateway(state: FakeState, req: IncomingMessage, at: number, body = ''): Reply {
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = req.method ?? 'GET';
  const segments = decodeSegments(url.pathname);
  const target = '/' + (segments ?? []).join('/');
  const route = segments ? matchRoute(method, segments) : undefined;
  state.calls.push({ service: 'apigateway', operation: route?.operation ?? 'Unknown', target, at });
  if (!route) {
    return errorReply(
      new FakeAwsError('NotFoundException', `The fake does not serve ${method} ${url.pathname}`, 404),
    );
  }
  try {
    const garbled = injectFault(state, route.operation, method, target);
    if (garbled) return garbled;
    const answer = HANDLERS[route.operation](state, route.params, url.searchParams, body);
    return jsonReply(answer.status ?? 200, answer.body, CONTENT_TYPE);
  } catch (error) {
    return errorReply(error);
  }
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** Throws the AWS error a fault answers with, or returns the reply of a fault that is not an AWS error. */
function injectFault(state: FakeState, operation: string, method: string, target: string): Reply | undefined {
  const { fault, entry } = pickFaultEntry(state, operation, target) ?? {};
  const garbled = garbledReply(fault);
  if (garbled) return garbled;
  if (fault === 'deny')
    throw new FakeAwsError('AccessDeniedException', deniedMessage(state, method, target), 403);
  if (fault === 'throttle') {
    throw new FakeAwsError('TooManyRequestsException', 'Too Many Requests', 429, throttleHeaders(entry, '1'));
  }
  if (fault === 'serverError')
    throw new FakeAwsError(
      'ServiceUnavailableException',
      'Service Unavailable',
      serverErrorStatus(entry, 503),
    );
  return undefined;
}

function deniedMessage(state: FakeState, method: string, target: string): string {
  const action = `apigateway:${method}`;
  return (
    `User: ${deniedPrincipal(state.world.accountId)} is not authorized to perform: ${action} ` +
    `on resource: arn:aws:apigateway:${state.world.region}::${target} ` +
    `because no identity-based policy allows the ${action} action`
  );
}

function errorReply(error: unknown): Reply {
  const failure =
    error instanceof FakeAwsError
      ? error
      : new FakeAwsError('InternalFailure', `The fake failed: ${String(error)}`, 500);
  return jsonReply(failure.status, { message: failure.message }, CONTENT_TYPE, {
    'x-amzn-errortype': failure.code,
    ...failure.headers,
  });
}
