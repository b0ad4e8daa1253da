import type { ApiScan, ScanQuery } from '../../src/pipeline/scan-api';
import {
  startFakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
  type FakeCall,
} from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { startHostileAws, type Rule } from './hostile-aws';
import { serviceAt } from './sandbox-service';

/** The clock of the scans: the sandbox's traces lie in the hour before it. */
export const SCAN_NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

export interface ScanSetup {
  edit?: (world: FakeAwsWorld) => void;
  options?: FakeAwsOptions;
  /** Bends the simulated account's answers through a hostile proxy. */
  rule?: Rule;
  /** Filled with every call the simulated account received, also when the scan fails. */
  calls?: FakeCall[];
}

/**
 * `scan API_ID` of the sandbox's orders API (or `query`'s) through the real SDK against the simulated account,
 * edited and faulted as `setup` says, its Logs Insights queries answered without waiting; and every call the
 * account received, once it is closed.
 */
export async function scanSandbox(
  query: Partial<ScanQuery>,
  setup: ScanSetup = {},
): Promise<{ result: ApiScan; calls: FakeCall[] }> {
  const world = buildSandboxWorld(SCAN_NOW);
  setup.edit?.(world);
  const fake = await startFakeAws(world, { queryPolls: 0, ...setup.options });
  const hostile = setup.rule ? await startHostileAws(fake.url, setup.rule) : undefined;
  try {
    const result = await serviceAt(hostile?.url ?? fake.url, SCAN_NOW).scan({
      restApiId: 'a1b2c3d4e5',
      region: SANDBOX_REGION,
      ...query,
    });
    return { result, calls: fake.calls };
  } finally {
    await hostile?.close();
    await fake.close();
    setup.calls?.push(...fake.calls);
  }
}
