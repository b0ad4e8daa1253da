import { startSandbox } from '../src/sandbox/run';
import { SANDBOX_REGION, SCENARIOS } from '../src/sandbox/world';
import type { DiagnoseQuery } from '../src/pipeline/diagnose';
import { fmt, table } from './measure';

/**
 * AWS calls per diagnosis (cold and warm configuration cache), time to verdict against the simulated AWS with a
 * fixed latency per call, as a multiple of that latency (the critical path in round trips), and how 50 concurrent
 * diagnoses of the same request coalesce.
 */

const LATENCY_MS = 50;

const CASES: Array<{ label: string; query: DiagnoseQuery }> = [
  {
    label: 'cache hit + origin (--api --stage)',
    query: { requestId: SCENARIOS.cached.requestId, restApiId: 'a1b2c3d4e5', stage: 'prod' },
  },
  {
    label: 'explicit deny (--api --stage)',
    query: { requestId: SCENARIOS.deny.requestId, restApiId: 'a1b2c3d4e5', stage: 'prod' },
  },
  { label: 'explicit deny (no --api: discovery)', query: { requestId: SCENARIOS.deny.requestId } },
  {
    label: 'not in the logs (logging off)',
    query: { requestId: SCENARIOS.unlogged.requestId, restApiId: 'd4e5f6a7b8', stage: 'prod' },
  },
];

export async function benchAws(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  for (const { label, query } of CASES) {
    const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
    try {
      const cold = await timed(() => sandbox.service.diagnose({ ...query, region: SANDBOX_REGION }));
      const coldCalls = sandbox.fake.calls.length;
      sandbox.fake.resetCalls();
      const warm = await timed(() => sandbox.service.diagnose({ ...query, region: SANDBOX_REGION }));
      rows.push([
        label,
        cold.result.verdict.cause,
        coldCalls,
        sandbox.fake.calls.length,
        fmt(cold.ms),
        fmt(cold.ms / LATENCY_MS, 1),
        fmt(warm.ms),
        fmt(warm.ms / LATENCY_MS, 1),
      ]);
    } finally {
      await sandbox.close();
    }
  }
  console.log(`\n## AWS calls and time to verdict (simulated AWS, ${LATENCY_MS} ms per call)\n`);
  console.log(
    table(
      ['diagnosis', 'verdict', 'calls cold', 'calls warm', 'ms cold', '× latency', 'ms warm', '× latency'],
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
