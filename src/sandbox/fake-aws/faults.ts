import type { FakeState } from './state';
import type { Reply } from './http';

import type { FaultEntry, MalformedBody } from './types';

export type Fault = 'deny' | 'throttle' | 'serverError' | 'hang' | MalformedBody;

/** The injected failure this call gets, if any; all but denials are used up as they fire. */
export function pickFault(state: FakeState, operation: string, target: string): Fault | undefined {
  const { deny = [], throttle = [], serverErrors = [], hang = [], malformed = [] } = state.options;
  const call = (state.callsSeen.get(operation) ?? 0) + 1;
  state.callsSeen.set(operation, call);
  const denied = deny.some(
    (d) => d.operation === operation && (d.target === undefined || target.includes(d.target)),
  );
  if (denied) return 'deny';
  if (consume(state, throttle, operation, call)) return 'throttle';
  if (consume(state, serverErrors, operation, call)) return 'serverError';
  if (consume(state, hang, operation, call)) return 'hang';
  return consume(state, malformed, operation, call)?.body;
}

/** What a call answered by something other than AWS gets instead of AWS's answer. */
export function malformedReply(body: MalformedBody): Reply {
  if (body === 'html') {
    return {
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>proxy</p></body></html>',
    };
  }
  if (body === 'not-json')
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"events": [{"timestamp": 17',
    };
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"events": [], "searchedLogStreams"',
    cutOff: true,
  };
}

/** A call the fake never answers: the connection stays open until the client gives up or the fake closes. */
export const HANG: Reply = { status: 0, headers: {}, body: '', hang: true };

/** The first entry for the operation that is due (past its `after` calls) and not used up, counted as used. */
function consume<T extends FaultEntry>(
  state: FakeState,
  entries: readonly T[],
  operation: string,
  call: number,
): T | undefined {
  const entry = entries.find(
    (e) => e.operation === operation && call > (e.after ?? 0) && (state.faultsUsed.get(e) ?? 0) < e.times,
  );
  if (entry) state.faultsUsed.set(entry, (state.faultsUsed.get(entry) ?? 0) + 1);
  return entry;
}

/** The assumed-role principal every AccessDenied message names. */
export function deniedPrincipal(accountId: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/why403/session`;
}
