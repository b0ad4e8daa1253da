import { isDeepStrictEqual } from 'node:util';
import type { ApiScan } from '../../src/pipeline/scan-api';
import { apiScanJson } from '../../src/render/diagnosis';
import { SANDBOX_REGION } from '../../src/sandbox/world';
import {
  HANGS,
  MATRIX_TIMEOUT,
  QUICK,
  matrix,
  mentions,
  thrownProblems,
  type FaultKind,
  type Harness,
  type Outcome,
  type Read,
} from './fault-matrix-support';

/**
 * The fault matrix for `scan API_ID` (see fault-matrix.test.ts for diagnose): each read of a healthy scan (the
 * configuration, Logs Insights' StartQuery and GetQueryResults, the retention read) failed in each way, the scan run
 * again. Nothing but an AWS failure named in one line escapes; no cause is counted high more often than in the
 * healthy scan; an answer that differs from the healthy one names the failed read in `partial` or `gaps`; brief
 * faults change nothing.
 */

const ORDERS = 'a1b2c3d4e5';

interface ScanPath {
  name: string;
  run(harness: Harness): Promise<ApiScan>;
  expects: string[];
}

const SCAN_PATHS: ScanPath[] = [
  {
    name: 'scan API_ID --stage: Logs Insights over one stage',
    run: ({ service }) =>
      service.scan({ restApiId: ORDERS, stage: 'prod', region: SANDBOX_REGION, since: '1h' }),
    expects: ['StartQuery', 'GetQueryResults'],
  },
  {
    name: 'scan API_ID: every stage of the API',
    run: ({ service }) => service.scan({ restApiId: ORDERS, region: SANDBOX_REGION, since: '1h' }),
    expects: ['StartQuery', 'GetQueryResults', 'GetStages /restapis/a1b2c3d4e5/stages'],
  },
];

function scanHigh(scan: ApiScan): Map<string, number> {
  return new Map(scan.causes.map((c) => [`${c.stage ?? ''} ${c.cause}`, c.confidence.high]));
}

function scanProblems(healthy: ApiScan, outcome: Outcome<ApiScan>, read: Read, fault: FaultKind): string[] {
  if (!outcome.ok)
    return fault.lasting ? thrownProblems(outcome.error, read) : [`threw: ${outcome.error.message}`];
  const scan = outcome.value;
  const json = apiScanJson(scan);
  const healthyJson = apiScanJson(healthy);
  if (!fault.lasting) return isDeepStrictEqual(json, healthyJson) ? [] : ['a brief fault changed the answer'];
  const problems: string[] = [];
  const before = scanHigh(healthy);
  for (const [key, high] of scanHigh(scan))
    if (high > (before.get(key) ?? 0)) problems.push(`more high verdicts for ${key}: ${high}`);
  if (!isDeepStrictEqual(json, healthyJson)) {
    if (scan.complete && healthy.complete && scan.total !== healthy.total)
      problems.push('counted differently, yet says it is complete');
    if (!mentions(JSON.stringify([json.partial, json.gaps]), read))
      problems.push(`the answer does not name the failed read: ${JSON.stringify([json.partial, json.gaps])}`);
  }
  return problems;
}

describe.each(SCAN_PATHS)('$name', (path) => {
  it(
    'keeps the invariants when any read fails in any way',
    async () => {
      const { reads, problems } = await matrix(path, scanProblems, QUICK);
      expect(reads.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );

  it(
    'keeps them when any read hangs past the time budget',
    async () => {
      const { problems } = await matrix(path, scanProblems, HANGS);
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );
});
