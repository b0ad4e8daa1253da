import { startSandbox } from '../src/sandbox/run';
import { OLDER_REQUEST, SANDBOX_REGION, SCENARIOS } from '../src/sandbox/world';
import type { FakeCall } from '../src/sandbox/fake-aws';
import type { DiagnoseQuery } from '../src/pipeline/diagnose';
import { fmt, table } from './measure';

/**
 * AWS calls per diagnosis (cold and warm configuration cache), the round trips on the critical path (the longest
 * chain of AWS calls each of which started only after the one before it answered, read off the simulated AWS's
 * record of when each call arrived and when its answer left), time to verdict against the simulated AWS with a fixed
 * latency per call, and how 50 concurrent diagnoses of the same request coalesce.
 */

const LATENCY_MS = 200;
const ORDERS = SCENARIOS.cached.restApiId;

const CASES: Array<{ label: string; query: DiagnoseQuery }> = [
  {
    label: 'cache hit + filler + function log (--api --stage)',
    query: { requestId: SCENARIOS.cached.requestId, restApiId: ORDERS, stage: 'prod' },
  },
  {
    label: 'explicit deny, 5 min old (--api --stage)',
    query: { requestId: SCENARIOS.deny.requestId, restApiId: ORDERS, stage: 'prod' },
  },
  {
    label: 'explicit deny, 3 h old (--api --stage)',
    query: { requestId: OLDER_REQUEST.requestId, restApiId: ORDERS, stage: 'prod' },
  },
  { label: 'explicit deny (--api alone)', query: { requestId: SCENARIOS.deny.requestId, restApiId: ORDERS } },
  { label: 'explicit deny (no --api: discovery)', query: { requestId: SCENARIOS.deny.requestId } },
  {
    label: 'resource policy deny + drift (--api --stage)',
    query: {
      requestId: SCENARIOS.ipDeny.requestId,
      restApiId: SCENARIOS.ipDeny.restApiId,
      stage: SCENARIOS.ipDeny.stage,
    },
  },
  {
    label: 'not in the logs (logging off)',
    query: {
      requestId: SCENARIOS.unlogged.requestId,
      restApiId: SCENARIOS.unlogged.restApiId,
      stage: SCENARIOS.unlogged.stage,
    },
  },
];

/**
 * The round trips on the critical path: each call waits on the calls that answered before it arrived, so its depth is
 * one more than the deepest of them; the deepest call is the diagnosis's critical path.
 */
function criticalPath(calls: readonly FakeCall[]): number {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const depth = new Map<FakeCall, number>();
  for (const call of sorted) {
    let before = 0;
    for (const earlier of sorted) {
      if (earlier === call || earlier.at > call.at) break;
      if (earlier.done !== undefined && earlier.done <= call.at)
        before = Math.max(before, depth.get(earlier) ?? 0);
    }
    depth.set(call, before + 1);
  }
  return Math.max(0, ...depth.values());
}

export async function benchAws(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  for (const { label, query } of CASES) {
    const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
    try {
      const cold = await timed(() => sandbox.service.diagnose({ ...query, region: SANDBOX_REGION }));
      const coldCalls = [...sandbox.fake.calls];
      sandbox.fake.resetCalls();
      const warm = await timed(() => sandbox.service.diagnose({ ...query, region: SANDBOX_REGION }));
      const warmCalls = [...sandbox.fake.calls];
      rows.push([
        label,
        `${cold.result.verdict.cause} (${cold.result.verdict.confidence})`,
        coldCalls.length,
        warmCalls.length,
        criticalPath(coldCalls),
        criticalPath(warmCalls),
        fmt(cold.ms),
        fmt(warm.ms),
      ]);
    } finally {
      await sandbox.close();
    }
  }
  console.log(`\n## AWS calls, round trips and time to verdict (simulated AWS, ${LATENCY_MS} ms per call)\n`);
  console.log(
    table(
      [
        'diagnosis',
        'verdict',
        'calls cold',
        'calls warm',
        'round trips cold',
        'round trips warm',
        'ms cold',
        'ms warm',
      ],
      rows,
    ),
  );
  await benchCoalescing();
}

async function benchCoalescing(): Promise<void> {
  const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
  try {
    const query = { ...CASES[0].query, region: SANDBOX_REGION };
    const single = await timed(() => sandbox.service.diagnose(query));
    const singleCalls = sandbox.fake.calls.length;
    sandbox.service.gatherer.cache.clear();
    sandbox.fake.resetCalls();
    const many = await timed(() =>
      Promise.all(Array.from({ length: 50 }, () => sandbox.service.diagnose(query))),
    );
    const distinct = new Set(many.result).size;
    console.log(
      `\n50 concurrent diagnoses of the same request: ${sandbox.fake.calls.length} AWS calls (one diagnosis alone: ${singleCalls}), ` +
        `${distinct} distinct run, ${fmt(many.ms)} ms (one alone: ${fmt(single.ms)} ms).`,
    );
  } finally {
    await sandbox.close();
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
