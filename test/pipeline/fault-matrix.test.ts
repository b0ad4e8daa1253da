import { isDeepStrictEqual } from 'node:util';
import type { Diagnosis } from '../../src/pipeline/diagnose';
import type { SourceId } from '../../src/evidence/types';
import { diagnosisJson } from '../../src/render/diagnosis';
import { SANDBOX_REGION, SCENARIOS } from '../../src/sandbox/world';
import {
  HANGS,
  MATRIX_TIMEOUT,
  QUICK,
  label,
  matrix,
  mentions,
  rank,
  thrownProblems,
  type FaultKind,
  type Harness,
  type Outcome,
  type Read,
} from './fault-matrix-support';

/**
 * The fault matrix for diagnose (scan's is fault-matrix-scan.test.ts): each path is run healthy against the simulated AWS and its reads are
 * recorded; then each read is failed in each way of FAULTS (throttled with and without Retry-After, 500, 503,
 * AccessDenied in the service's own error shape, a hang past the time budget, a proxy's HTML, a truncated body,
 * a cut connection, an empty 200, and two brief bursts the retries must ride out), and the path run again. Every
 * row must keep the invariants:
 *  1. nothing but an AWS failure named in one line escapes, and only where the run cannot continue;
 *  2. the confidence is never higher than the healthy run's, and a high verdict rests on decisive evidence that
 *     held in the healthy run and does not come from the failed read;
 *  3. the answer (its JSON) names the failed read (sources, unread, gaps, partial), unless it is the healthy answer
 *     to the letter (the read did not bear on it);
 *  brief faults change nothing at all.
 */

const ORDERS = 'a1b2c3d4e5';
/** Not in any log. */
const UNLOGGED = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';

/** Which sources each decisive signal's evidence comes from: such a signal cannot hold when they were not read. */
const SIGNAL_SOURCES: Array<[RegExp, SourceId]> = [
  [/function-log/, 'authorizer-log'],
  [/cache-filler/, 'cache-filler'],
];

interface DiagnosePath {
  name: string;
  run(harness: Harness): Promise<Diagnosis>;
  /** Reads the healthy run must make, so that the matrix cannot shrink unnoticed. */
  expects: string[];
  /**
   * Reads (by label, or its start) whose failure cannot change this answer, and why: the only ones whose failure
   * may leave the answer exactly the healthy one when the request was not found.
   */
  inert?: Record<string, string>;
}

/** The account is asked of STS only to tell the API's account from the function's; the sandbox's are the same. */
const STS_INERT = {
  'GetCallerIdentity *':
    "without it the authorizer function's account is taken for the API's, which the sandbox's is",
};

const DIAGNOSE_PATHS: DiagnosePath[] = [
  {
    name: 'diagnose --api --stage: a cache hit, confirmed by the function log and the call that filled the cache',
    run: ({ service }) =>
      service.diagnose({
        requestId: SCENARIOS.cached.requestId,
        restApiId: ORDERS,
        stage: 'prod',
        region: SANDBOX_REGION,
      }),
    expects: [
      'FilterLogEvents API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
      'FilterLogEvents /aws/lambda/orders-authorizer',
      'GetRestApi /restapis/a1b2c3d4e5',
      'GetAuthorizers /restapis/a1b2c3d4e5/authorizers',
      'GetResources /restapis/a1b2c3d4e5/resources',
      'GetStage /restapis/a1b2c3d4e5/stages/prod',
      'GetExport /restapis/a1b2c3d4e5/stages/prod/exports/oas30',
    ],
  },
  {
    name: 'diagnose --api: the same request, every stage of the API',
    run: ({ service }) =>
      service.diagnose({ requestId: SCENARIOS.cached.requestId, restApiId: ORDERS, region: SANDBOX_REGION }),
    expects: ['GetStages /restapis/a1b2c3d4e5/stages'],
  },
  {
    name: 'diagnose --api --stage: an authorizer the API may not invoke (the account asked of STS)',
    run: ({ service }) =>
      service.diagnose({
        requestId: SCENARIOS.permission.requestId,
        restApiId: ORDERS,
        stage: 'staging',
        region: SANDBOX_REGION,
      }),
    expects: ['GetCallerIdentity *', 'GetStage /restapis/a1b2c3d4e5/stages/staging'],
  },
  {
    name: 'diagnose without --api: every execution-log group of the region',
    run: ({ service }) =>
      service.diagnose({ requestId: SCENARIOS.permission.requestId, region: SANDBOX_REGION }),
    expects: ['DescribeLogGroups API-Gateway-Execution-Logs_'],
  },
  {
    name: 'diagnose --api --stage: a request in no log (access log, account, retention)',
    run: ({ service }) =>
      service.diagnose({
        requestId: UNLOGGED,
        restApiId: ORDERS,
        stage: 'prod',
        region: SANDBOX_REGION,
        since: '30m',
      }),
    expects: ['FilterLogEvents /aws/apigateway/orders-access'],
  },
  {
    name: 'diagnose --api --stage --since 3d: a request in no log, over a window longer than the shortest retention',
    run: ({ service }) =>
      service.diagnose({
        requestId: UNLOGGED,
        restApiId: ORDERS,
        stage: 'prod',
        region: SANDBOX_REGION,
        since: '3d',
      }),
    expects: [
      'DescribeLogGroups API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
      'DescribeLogGroups /aws/apigateway/orders-access',
    ],
  },
  {
    name: 'diagnose --api --stage: a request not found where execution logging is off (the CloudWatch role asked)',
    run: ({ service }) =>
      service.diagnose({
        requestId: SCENARIOS.unlogged.requestId,
        restApiId: SCENARIOS.unlogged.restApiId,
        stage: SCENARIOS.unlogged.stage,
        region: SANDBOX_REGION,
      }),
    expects: ['GetAccount /account'],
  },
];

/** What the diagnosis says it could not read: the only places a failed read may be named. */
function gapText(json: Record<string, unknown>): string {
  const sources = Object.entries((json.sources ?? {}) as Record<string, { read: string }>).filter(
    ([, status]) => status.read !== 'complete',
  );
  return JSON.stringify([json.unread, json.partial, json.gaps, sources, json.search]);
}

function diagnosisProblems(
  path: DiagnosePath,
  healthy: Diagnosis,
  outcome: Outcome<Diagnosis>,
  read: Read,
  fault: FaultKind,
): string[] {
  if (!outcome.ok)
    return fault.lasting ? thrownProblems(outcome.error, read) : [`threw: ${outcome.error.message}`];
  const verdict = outcome.value.verdict;
  const json = diagnosisJson(outcome.value);
  const healthyJson = diagnosisJson(healthy);
  if (!fault.lasting)
    return verdict.cause === healthy.verdict.cause &&
      verdict.confidence === healthy.verdict.confidence &&
      isDeepStrictEqual(json.sources, healthyJson.sources)
      ? []
      : [
          `a brief fault changed the answer: ${verdict.cause} ${verdict.confidence}, ${JSON.stringify(json.sources)}`,
        ];
  const problems: string[] = [];
  if (rank(verdict.confidence) > rank(healthy.verdict.confidence))
    problems.push(`confidence rose from ${healthy.verdict.confidence} to ${verdict.confidence}`);
  if (verdict.confidence === 'high') problems.push(...highProblems(healthy, outcome.value));
  if (isDeepStrictEqual(json, healthyJson)) {
    if (!outcome.value.search.found && !inertRead(path, read))
      problems.push(`the answer is the healthy one to the letter, as if the read had not failed`);
  } else if (!mentions(gapText(json), read))
    problems.push(`the answer does not name the failed read (${verdict.cause} ${verdict.confidence})`);
  return problems;
}

function inertRead(path: DiagnosePath, read: Read): boolean {
  const l = label(read);
  return Object.keys({ ...STS_INERT, ...path.inert }).some((key) => l === key || l.startsWith(`${key} `));
}

/** A high verdict under a fault: the healthy cause, on decisive evidence that held then and was read whole now. */
function highProblems(healthy: Diagnosis, faulted: Diagnosis): string[] {
  const { verdict } = faulted;
  if (verdict.cause !== healthy.verdict.cause)
    return [`high on another cause than the healthy run's: ${verdict.cause}`];
  const decisive = verdict.signals?.decisive ?? [];
  const before = new Set(healthy.verdict.signals?.decisive ?? []);
  const problems = decisive
    .filter((signal) => !before.has(signal))
    .map((signal) => `high on a decisive signal the healthy run did not have: ${signal}`);
  for (const signal of decisive)
    for (const [pattern, source] of SIGNAL_SOURCES) {
      const status = verdict.sources[source];
      if (pattern.test(signal) && status && status.read !== 'complete')
        problems.push(`high on ${signal}, but ${source} was ${status.read}`);
    }
  return problems;
}

describe.each(DIAGNOSE_PATHS)('$name', (path) => {
  it(
    'keeps the invariants when any read fails in any way',
    async () => {
      const { reads, problems } = await matrix(path, (...row) => diagnosisProblems(path, ...row), QUICK);
      expect(reads.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );

  it(
    'keeps them when any read hangs past the time budget',
    async () => {
      const { problems } = await matrix(path, (...row) => diagnosisProblems(path, ...row), HANGS);
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );
});
