import type { FakeState } from './state';

export type Fault = 'deny' | 'throttle' | 'serverError';

/** The injected failure this call gets, if any; throttles and server errors are used up as they fire. */
export function pickFault(state: FakeState, operation: string, target: string): Fault | undefined {
  const { deny = [], throttle = [], serverErrors = [] } = state.options;
  const denied = deny.some(
    (d) => d.operation === operation && (d.target === undefined || target.includes(d.target)),
  );
  if (denied) return 'deny';
  if (consume(state, throttle, operation)) return 'throttle';
  if (consume(state, serverErrors, operation)) return 'serverError';
  return undefined;
}

function consume(
  state: FakeState,
  entries: Array<{ operation: string; times: number }>,
  operation: string,
): boolean {
  const entry = entries.find((e) => e.operation === operation && (state.faultsUsed.get(e) ?? 0) < e.times);
  if (!entry) return false;
  state.faultsUsed.set(entry, (state.faultsUsed.get(entry) ?? 0) + 1);
  return true;
}

/** The assumed-role principal every AccessDenied message names. */
export function deniedPrincipal(accountId: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/why403/session`;
}
