import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { SANDBOX_REGION } from '../../src/sandbox/world';

/**
 * The pipeline's service against a simulated AWS account (the sandbox's, or a proxy in front of it) at `endpoint`:
 * the sandbox's keys and region, its clock at `now`, and no real waiting between retries.
 */
export function serviceAt(endpoint: string, now: number): Why403Service {
  return new Why403Service({
    config: { ...DEFAULT_CONFIG, region: SANDBOX_REGION },
    aws: {
      endpoint,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
      retry: { sleep: async () => undefined },
    },
    now: () => now,
    sleep: async () => undefined,
  });
}
