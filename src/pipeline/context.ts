import { setMaxListeners } from 'node:events';
import type { AwsClientPool } from '../aws/clients';
import type { AppConfig } from '../config/app-config';
import type { ConfigGatherer } from '../gather/api-config';
import type { Text } from '../text';

/** What every pipeline run needs from outside: AWS, the configuration, the clock, and someone to tell progress. */
export interface PipelineDeps {
  aws: AwsClientPool;
  gatherer: ConfigGatherer;
  config: AppConfig;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (message: Text) => void;
  signal?: AbortSignal;
}

/** The caller's signal, cut off at the configured time budget. */
export function budgetSignal(deps: PipelineDeps): AbortSignal {
  const budget = AbortSignal.timeout(deps.config.search.timeBudgetSeconds * 1000);
  return manyListeners(deps.signal ? AbortSignal.any([deps.signal, budget]) : budget);
}

/** A diagnosis's reads run side by side, each listening to its signal: more than Node's default warning of 10. */
function manyListeners(signal: AbortSignal): AbortSignal {
  setMaxListeners(200, signal);
  return signal;
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
