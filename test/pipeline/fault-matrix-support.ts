import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { AwsError, explainAwsError } from '../../src/aws/errors';
import { InputError } from '../../src/errors';
import { withDoctorWorld } from '../../src/sandbox/doctor-world';
import { startFakeAws, type FakeAwsOptions, type FakeCall } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';

/**
 * The fault matrix: every AWS read a healthy run of a path makes (recorded on the simulated AWS), each failed in
 * every way AWS and the network fail, the path run again through the real SDK. What a run gives back is judged by
 * the invariants in the matrix tests; this module runs the rows.
 */

export const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

/** One read as the fake saw it: an operation about one log group, REST path or query. */
export interface Read {
  operation: string;
  target: string;
}

/** How a read fails: for good (`lasting`), or briefly, so that the retries must ride it out. */
export interface FaultKind {
  name: string;
  lasting: boolean;
  options(read: Read): FakeAwsOptions;
  /** Hangs need a budget that ends them; the request timeout outlasts it, so only the budget can. */
  hangs?: boolean;
}

/** How long a row may take: its run's time budget, and each read's timeout. */
interface Timing {
  budgetSeconds: number;
  requestTimeoutMs: number;
}

/**
 * A row whose read hangs: the hang is ended by the budget, not by the request timeout. The budget is longer than the
 * 2 s that the account lookup (STS) is given on its own, so that a hung STS costs what it costs in production (2 s of
 * a 25 s budget), not the whole budget; and long enough that the reads before the hung one finish within it on a busy
 * CI machine (AT_ONCE rows at once beside other test files), or it would run out on a read the row did not fail.
 */
const HANGING: Timing = { budgetSeconds: 10, requestTimeoutMs: 60_000 };

/**
 * Every other row waits as long as a busy CI machine may need: a read cut short by the clock would be a fault the row
 * did not inject.
 */
const UNHURRIED: Timing = { budgetSeconds: 300, requestTimeoutMs: 30_000 };

/** Enough failures to outlast every retry of every call of the read. */
const LASTING = 1000;

function entry(read: Read, times = LASTING) {
  return { operation: read.operation, target: read.target, times };
}

export const FAULTS: FaultKind[] = [
  {
    name: 'throttled, no Retry-After',
    lasting: true,
    options: (r) => ({ throttle: [{ ...entry(r), retryAfter: null }] }),
  },
  {
    name: 'throttled, Retry-After 1 s',
    lasting: true,
    options: (r) => ({ throttle: [{ ...entry(r), retryAfter: '1' }] }),
  },
  {
    name: 'throttled, Retry-After 120 s (longer than it waits)',
    lasting: true,
    options: (r) => ({ throttle: [{ ...entry(r), retryAfter: '120' }] }),
  },
  { name: 'HTTP 500', lasting: true, options: (r) => ({ serverErrors: [{ ...entry(r), status: 500 }] }) },
  { name: 'HTTP 503', lasting: true, options: (r) => ({ serverErrors: [{ ...entry(r), status: 503 }] }) },
  {
    name: 'AccessDenied',
    lasting: true,
    options: (r) => ({ deny: [{ operation: r.operation, target: r.target }] }),
  },
  { name: 'hang past the budget', lasting: true, hangs: true, options: (r) => ({ hang: [entry(r)] }) },
  { name: 'HTML 502 page', lasting: true, options: (r) => ({ malformed: [{ ...entry(r), body: 'html' }] }) },
  {
    name: 'truncated body',
    lasting: true,
    options: (r) => ({ malformed: [{ ...entry(r), body: 'not-json' }] }),
  },
  {
    name: 'connection cut mid-body',
    lasting: true,
    options: (r) => ({ malformed: [{ ...entry(r), body: 'cut-off' }] }),
  },
  { name: 'empty 200', lasting: true, options: (r) => ({ malformed: [{ ...entry(r), body: 'empty' }] }) },
  {
    name: 'a burst of two throttles',
    lasting: false,
    options: (r) => ({ throttle: [{ ...entry(r, 2), retryAfter: null }] }),
  },
  {
    name: 'one 503 and one cut-off body',
    lasting: false,
    options: (r) => ({
      serverErrors: [{ ...entry(r, 1), status: 503 }],
      malformed: [{ ...entry(r, 1), after: 1, body: 'cut-off' }],
    }),
  },
];

/** What a run gave back: its answer, or what it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface Harness {
  service: Why403Service;
  calls: readonly FakeCall[];
}

/**
 * Runs `path` once against a fresh simulated AWS (the doctor world: the sandbox plus the bot's identity and the
 * authorizer functions' policies) with `options`, through a fresh service (no configuration cached).
 */
export async function runAgainst<T>(
  options: FakeAwsOptions,
  path: (harness: Harness) => Promise<T>,
  hangs = false,
): Promise<{ outcome: Outcome<T>; calls: FakeCall[] }> {
  const fake = await startFakeAws(withDoctorWorld(buildSandboxWorld(NOW)), options);
  const timing = hangs ? HANGING : UNHURRIED;
  const service = new Why403Service({
    config: {
      ...DEFAULT_CONFIG,
      region: SANDBOX_REGION,
      search: { ...DEFAULT_CONFIG.search, timeBudgetSeconds: timing.budgetSeconds },
    },
    aws: {
      endpoint: fake.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
      requestTimeoutMs: timing.requestTimeoutMs,
      retry: { sleep: async () => undefined },
    },
    now: () => NOW,
    sleep: async () => undefined,
  });
  try {
    const value = await path({ service, calls: fake.calls });
    return { outcome: { ok: true, value }, calls: [...fake.calls] };
  } catch (error) {
    return { outcome: { ok: false, error: error as Error }, calls: [...fake.calls] };
  } finally {
    await fake.close();
  }
}

/** The distinct reads of a run, in the order first made. */
export function readsOf(calls: readonly FakeCall[]): Read[] {
  const seen = new Map<string, Read>();
  for (const call of calls) {
    const key = `${call.operation} ${call.target}`;
    if (!seen.has(key)) seen.set(key, { operation: call.operation, target: call.target });
  }
  return [...seen.values()];
}

export function label(read: Read): string {
  return `${read.operation} ${read.target}`;
}

/**
 * Invariant 1 for a run that could not continue: what it threw is one the CLI turns into one clear line (an AWS
 * failure or bad input, never an internal error), and that line names the failed call. Returns the problems.
 */
export function thrownProblems(error: Error, read: Read): string[] {
  if (!(error instanceof AwsError) && !(error instanceof InputError))
    return [`threw an internal error: ${error.name}: ${error.message.split('\n')[0]}`];
  const { message } = explainAwsError(error);
  const problems: string[] = [];
  if (message.includes('\n')) problems.push(`its line is several lines: ${JSON.stringify(message)}`);
  if (!mentions(message, read)) problems.push(`its line does not name ${label(read)}: ${message}`);
  return problems;
}

/** Whether a text names the read: its operation, or what it was about (a log group, a REST path). */
export function mentions(text: string, read: Read): boolean {
  const targets = read.target.split(',').filter((t) => t !== '' && t !== '*');
  const names = [read.operation, ...(SERVICE_NAMES[read.operation] ?? []), ...targets];
  return names.some((name) => text.includes(name));
}

/** Reads a person knows by their service's name: a scan's answer speaks of Logs Insights, not of its calls. */
const SERVICE_NAMES: Record<string, string[]> = {
  StartQuery: ['Logs Insights'],
  GetQueryResults: ['Logs Insights'],
  StopQuery: ['Logs Insights'],
};

const RANK = { low: 0, medium: 1, high: 2 } as const;
export type Confidence = keyof typeof RANK;

export function rank(confidence: Confidence): number {
  return RANK[confidence];
}

/**
 * Runs each item with at most `limit` at once, in order of the items; the matrix's rows are independent (each has
 * its own simulated AWS and service).
 */
export async function inBatches<I, O>(
  items: readonly I[],
  limit: number,
  run: (item: I) => Promise<O>,
): Promise<O[]> {
  const results: O[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map(run))));
  return results;
}

/** Rows run at once: each has its own simulated AWS. */
const AT_ONCE = 8;

/**
 * `WHY403_FAULT_MATRIX=full` (`npm run test:faults`) runs every fault on every read. The default run, part of every
 * `npm test`, keeps one fault per way the adapters fail (each wire fault's mapping is tested in test/aws) and at
 * most SAMPLED reads of each operation (the others read other log groups of the same kind the same way).
 */
const FULL = process.env.WHY403_FAULT_MATRIX === 'full';

/** A matrix test's time limit: the full matrix runs hundreds of rows per path. */
export const MATRIX_TIMEOUT = FULL ? 1_800_000 : 180_000;

/** One fault per error the readers turn a failure into, and both brief ones. */
const REPRESENTATIVE = new Set([
  'throttled, no Retry-After',
  'throttled, Retry-After 120 s (longer than it waits)',
  'HTTP 503',
  'AccessDenied',
  'truncated body',
  'empty 200',
  'a burst of two throttles',
  'one 503 and one cut-off body',
]);

export const QUICK = FAULTS.filter((f) => !f.hangs && (FULL || REPRESENTATIVE.has(f.name)));
export const HANGS = FAULTS.filter((f) => f.hangs);

const SAMPLED = 2;

/** The reads a run fails in turn: all of them, or the expected ones and the first SAMPLED of each operation. */
function sampled(reads: Read[], expects: readonly string[]): Read[] {
  if (FULL) return reads;
  const taken = new Map<string, number>();
  return reads.filter((read) => {
    const l = label(read);
    const expected = expects.some((e) => l === e || l.startsWith(`${e} `));
    const count = taken.get(read.operation) ?? 0;
    if (!expected && count >= SAMPLED) return false;
    taken.set(read.operation, count + 1);
    return true;
  });
}

/**
 * Runs `path` healthy, records its reads (checking it made those `expects` names), then runs it again with each
 * read failed in each of `faults`, and gives back what `judge` found wrong with each row.
 */
export async function matrix<T>(
  path: {
    run(harness: Harness): Promise<T>;
    expects: string[];
    /** The faults of the healthy run itself (the faults of each row include them). */
    base?: FakeAwsOptions;
    /** Reads that are no subject of the matrix. */
    skip?: (read: Read) => boolean;
  },
  judge: (healthy: T, outcome: Outcome<T>, read: Read, fault: FaultKind) => string[],
  faults: readonly FaultKind[],
): Promise<{ rows: number; reads: Read[]; problems: string[] }> {
  const healthy = await runAgainst(path.base ?? {}, path.run);
  if (!healthy.outcome.ok) throw healthy.outcome.error;
  const healthyValue = healthy.outcome.value;
  const made = readsOf(healthy.calls).filter((read) => !path.skip?.(read));
  const labels = made.map(label);
  for (const expected of path.expects)
    expect(labels.filter((l) => l === expected || l.startsWith(`${expected} `))).not.toEqual([]);
  const reads = sampled(made, path.expects);
  const rows = reads.flatMap((read) => faults.map((fault) => ({ read, fault })));
  const problems = await inBatches(rows, AT_ONCE, async ({ read, fault }) => {
    const { outcome } = await runAgainst(fault.options(read), path.run, fault.hangs);
    return judge(healthyValue, outcome, read, fault).map((p) => `${label(read)} × ${fault.name}: ${p}`);
  });
  return { rows: rows.length, reads, problems: problems.flat() };
}
