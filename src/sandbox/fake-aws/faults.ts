import type { FakeState } from './state';
import type { Reply } from './http';

import type { FaultEntry, MalformedBody } from './types';

export type Fault = 'deny' | 'throttle' | 'serverError' | 'hang' | MalformedBody;

/** The fault a call gets, with the entry that asked for it (absent for a denial, which is never used up). */
export interface PickedFault {
  fault: Fault;
  entry?: FaultEntry;
}

/** The injected failure this call gets, if any; all but denials are used up as they fire. */
export function pickFault(state: FakeState, operation: string, target: string): Fault | undefined {
  return pickFaultEntry(state, operation, target)?.fault;
}

export function pickFaultEntry(state: FakeState, operation: string, target: string): PickedFault | undefined {
  const { deny = [], throttle = [], serverErrors = [], hang = [], malformed = [] } = state.options;
  const call = (state.callsSeen.get(operation) ?? 0) + 1;
  state.callsSeen.set(operation, call);
  const denied = deny.some(
    (d) => d.operation === operation && (d.target === undefined || target.includes(d.target)),
  );
  if (denied) return { fault: 'deny' };
  const kinds: Array<[Fault, readonly FaultEntry[]]> = [
    ['throttle', throttle],
    ['serverError', serverErrors],
    ['hang', hang],
  ];
  for (const [fault, entries] of kinds) {
    const entry = consume(state, entries, operation, target, call);
    if (entry) return { fault, entry };
  }
  const garbled = consume(state, malformed, operation, target, call);
  return garbled ? { fault: garbled.body, entry: garbled } : undefined;
}

/**
 * The reply of a fault that is no AWS error (a hang, a body that is not AWS's), in the service's format (`xml` for
 * STS and IAM); undefined for the faults each service answers with its own error shape.
 */
export function garbledReply(fault: Fault | undefined, format: 'json' | 'xml' = 'json'): Reply | undefined {
  if (fault === 'hang') return HANG;
  if (fault === 'html' || fault === 'not-json' || fault === 'cut-off' || fault === 'empty')
    return malformedReply(fault, format);
  return undefined;
}

/** The headers a throttled answer carries: the entry's Retry-After (null: none), else the service's usual one. */
export function throttleHeaders(entry: FaultEntry | undefined, usual?: string): Record<string, string> {
  const value = entry?.retryAfter === undefined ? usual : (entry.retryAfter ?? undefined);
  return value === undefined ? {} : { 'retry-after': value };
}

/** The 5xx status a server error answers with: the entry's, else the service's usual one. */
export function serverErrorStatus(entry: FaultEntry | undefined, usual: number): number {
  return entry?.status ?? usual;
}

/** What a call answered by something other than AWS gets instead of AWS's answer. */
export function malformedReply(body: MalformedBody, format: 'json' | 'xml' = 'json'): Reply {
  const contentType = format === 'xml' ? 'text/xml' : 'application/json';
  if (body === 'html') {
    return {
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>proxy</p></body></html>',
    };
  }
  if (body === 'empty') return { status: 200, headers: { 'content-type': contentType }, body: '' };
  if (body === 'not-json')
    return {
      status: 200,
      headers: { 'content-type': contentType },
      body: format === 'xml' ? '<Response><Result><Arn>arn:aws:' : '{"events": [{"timestamp": 17',
    };
  return {
    status: 200,
    headers: { 'content-type': contentType },
    body: format === 'xml' ? '<Response><Result>' : '{"events": [], "searchedLogStreams"',
    cutOff: true,
  };
}

/** A call the fake never answers: the connection stays open until the client gives up or the fake closes. */
export const HANG: Reply = { status: 0, headers: {}, body: '', hang: true };

/**
 * The first entry for the operation (and target, when it names one) that is due (past its `after` calls) and not
 * used up, counted as used.
 */
function consume<T extends FaultEntry>(
  state: FakeState,
  entries: readonly T[],
  operation: string,
  target: string,
  call: number,
): T | undefined {
  const entry = entries.find(
    (e) =>
      e.operation === operation &&
      (e.target === undefined || e.target === target) &&
      call > (e.after ?? 0) &&
      (state.faultsUsed.get(e) ?? 0) < e.times,
  );
  if (entry) state.faultsUsed.set(entry, (state.faultsUsed.get(entry) ?? 0) + 1);
  return entry;
}

/** The assumed-role principal every AccessDenied message names. */
export function deniedPrincipal(accountId: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/why403/session`;
}
