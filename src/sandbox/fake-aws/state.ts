import type { FakeAwsOptions, FakeAwsWorld, FakeCall } from './types';
import type { StoredQuery } from './queries';

/** Everything one running fake holds: the world it serves, its options and what happened so far. */
export interface FakeState {
  world: FakeAwsWorld;
  options: FakeAwsOptions;
  calls: FakeCall[];
  /** How often each fault entry has fired. */
  faultsUsed: Map<object, number>;
  /** Calls received per operation, for faults that start `after` some. */
  callsSeen: Map<string, number>;
  queries: Map<string, StoredQuery>;
}

export function createState(world: FakeAwsWorld, options: FakeAwsOptions): FakeState {
  return { world, options, calls: [], faultsUsed: new Map(), callsSeen: new Map(), queries: new Map() };
}
