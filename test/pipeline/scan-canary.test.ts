import {
  startFakeAws,
  type FakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
} from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import {
  CANARY_API,
  CANARY_EXECUTION_GROUP,
  withCanaryRelease,
  type CanaryReleaseOptions,
} from '../../src/sandbox/canary-world';
import { english } from '../../src/render/localize';
import { msg } from '../../src/text';
import type { ApiSnapshot } from '../../src/gather/api-config';
import type { ServedRelease } from '../../src/gather/canary';
import {
  canaryGaps,
  emptyCanaryScan,
  judgeReleased,
  releaseOfRecord,
  releaseOfTrace,
  unknownReleaseReason,
  type CanaryScan,
  type Judgement,
} from '../../src/pipeline/scan-canary';
import { serviceAt } from '../support/sandbox-service';
import { startHostileAws } from '../support/hostile-aws';

/**
 * `scan API_ID` on a stage with a canary release: a failed request is judged against the release that served it,
 * told by the canary's own execution-log group, read with the traces (through the real SDK against the simulated
 * account); when which release served it cannot be told and the releases judge it differently, no `high` (a table
 * over the judgement). The request: the sandbox's IP-deny one on the reports API's stage v1, its execution log given
 * the resource policy's refusal line.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const { requestId } = SCENARIOS.ipDeny;
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:b2c3d4e5f6/v1/GET/reports';

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

/** The refusal written in the execution log as the Knowledge Center shows a resource policy's explicit deny. */
function refusalLogged(world: FakeAwsWorld): void {
  for (const group of [CANARY_EXECUTION_GROUP, `${CANARY_EXECUTION_GROUP}/Canary`]) {
    const events = world.logGroups[group];
    const first = events?.find((e) => e.message.includes(requestId));
    if (!events || !first) continue;
    events.push({
      ...first,
      timestamp: first.timestamp + 1,
      message: `(${requestId}) ExplicitDenyException User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN} with an explicit deny: ${requestId}`,
    });
    events.sort((a, b) => a.timestamp - b.timestamp);
  }
}

/** The API's execution-log groups, listed to find the canary's. */
const LISTING = `API-Gateway-Execution-Logs_${CANARY_API}/`;
const QUERY = { restApiId: CANARY_API, stage: 'v1', region: SANDBOX_REGION };

async function scan(canary: CanaryReleaseOptions, faults: FakeAwsOptions = {}) {
  const world = withCanaryRelease(buildSandboxWorld(NOW), canary);
  refusalLogged(world);
  const fake = await startFakeAws(world, faults);
  started.push(fake);
  const result = await serviceAt(fake.url, NOW).scan({ ...QUERY, since: '2d' });
  const counted = result.causes.find((c) => c.requestIds.includes(requestId));
  const gaps = result.gaps.map((g) => english.t(g)).join('\n');
  return { counted, gaps, fake };
}

it('judges a request found in the canary group as the canary runs it, and says how many there were', async () => {
  const { counted, gaps, fake } = await scan({ previewStage: true, served: 'canary' });
  expect(counted?.count).toBe(1);
  expect(fake.calls.some((c) => c.operation === 'DescribeLogGroups' && c.target === LISTING)).toBe(true);
  expect(gaps).toMatch(
    /Stage v1 has a canary release \(deployment cnryv12, 10% of requests\): 1 failed request was found in its canary group API-Gateway-Execution-Logs_b2c3d4e5f6\/v1\/Canary and judged as the canary runs it\./,
  );
});

it("judges a request absent from the canary group as the stage's own deployment runs it", async () => {
  const { counted, gaps, fake } = await scan({ previewStage: true, served: 'production' });
  expect(counted?.cause).toBe('resource-policy-explicit-deny');
  expect(gaps).not.toMatch(/canary/i);
  // The canary group was read with the traces, not searched request by request.
  expect(fake.calls.filter((c) => c.operation === 'FilterLogEvents')).toEqual([]);
});

it('still answers when the log groups cannot be listed, the release then unknown', async () => {
  const { counted } = await scan(
    { previewStage: true, served: 'canary' },
    {
      deny: [{ operation: 'DescribeLogGroups' }],
    },
  );
  expect(counted?.count).toBe(1);
});

it('reads no canary group when the stage has no canary', async () => {
  const world = buildSandboxWorld(NOW);
  refusalLogged(world);
  const fake = await startFakeAws(world);
  started.push(fake);
  const result = await serviceAt(fake.url, NOW).scan({ ...QUERY, since: '2d' });
  expect(result.causes.some((c) => c.requestIds.includes(requestId))).toBe(true);
  expect(fake.calls.some((c) => c.operation === 'DescribeLogGroups' && c.target === LISTING)).toBe(false);
});

describe('judging a request by the release that served it', () => {
  const snapshot = {
    stage: {
      stageName: 'v1',
      deploymentId: 'own',
      canarySettings: { deploymentId: 'cnry', percentTraffic: 10 },
    },
    canary: { settings: { deploymentId: 'cnry', percentTraffic: 10 }, status: { read: 'complete' } },
    sources: {},
  } as ApiSnapshot;
  type Verdicts = Record<'own' | 'cnry', Judgement>;
  const judgeBy = (verdicts: Verdicts) => (s: ApiSnapshot | undefined) =>
    verdicts[s?.stage?.deploymentId as 'own' | 'cnry'];
  const deny: Judgement = { cause: 'resource-policy-explicit-deny', confidence: 'high' };
  const other: Judgement = { cause: 'other', confidence: 'low' };

  it.each<[string, ServedRelease, Verdicts, Judgement, { served: number; undecided: number } | undefined]>([
    ['production: its own verdict', 'production', { own: deny, cnry: other }, deny, undefined],
    [
      "canary: the canary's verdict",
      'canary',
      { own: deny, cnry: other },
      other,
      { served: 1, undecided: 0 },
    ],
    [
      'unknown, releases differing: its own verdict, at most medium',
      'unknown',
      { own: deny, cnry: other },
      { ...deny, confidence: 'medium' },
      { served: 0, undecided: 1 },
    ],
    [
      'unknown, releases agreeing: the lower confidence',
      'unknown',
      { own: deny, cnry: { ...deny, confidence: 'medium' } },
      { ...deny, confidence: 'medium' },
      undefined,
    ],
  ])('%s', (_, served, verdicts, expected, counts) => {
    const scan = emptyCanaryScan();
    const judged = judgeReleased(judgeBy(verdicts), snapshot, served, { scan, stage: 'v1', reason: 'why' });
    expect(judged).toEqual(expected);
    const count = scan.counts.get('v1');
    expect(count && { served: count.served, undecided: count.undecided }).toEqual(counts);
  });

  it('says how many requests could not be told apart, and why', () => {
    const scan = emptyCanaryScan();
    const tell = { scan, stage: 'v1', reason: msg('canary.scan.unflagged') };
    for (let i = 0; i < 2; i++) judgeReleased(judgeBy({ own: deny, cnry: other }), snapshot, 'unknown', tell);
    expect(canaryGaps(scan, new Map([['v1', snapshot]])).map((g) => english.t(g))).toEqual([
      "Stage v1 has a canary release (deployment cnry, 10% of requests) and which release served 2 failed requests could not be told (its access log does not write $context.isCanaryRequest); the two releases judge them differently, so they are counted as the stage's own deployment judges them, none with high confidence.",
    ]);
  });

  it.each<[string, Record<string, unknown>, ServedRelease]>([
    ['says canary', { isCanaryRequest: 'true' }, 'canary'],
    ['says production', { isCanaryRequest: 'false' }, 'production'],
    ['does not say', { status: '403' }, 'unknown'],
  ])('a request seen only in an access log whose record %s', (_, record, served) => {
    expect(releaseOfRecord(record, snapshot)).toBe(served);
    expect(releaseOfRecord(record, { sources: {} })).toBe('production');
  });

  const ID = '7c3e9b2a-1d4f-4a6b-8c5d-9e0f1a2b3c4d';
  /** A line of the canary group that came back without its text (a malformed GetQueryResults) may be these requests'. */
  const withUnsure = (ids: string[]): CanaryScan => ({
    ...emptyCanaryScan(),
    groups: new Map([['v1', `${CANARY_EXECUTION_GROUP}/Canary`]]),
    unsure: new Set(ids),
  });

  it("a request a textless canary line may belong to is of an unknown release, not the stage's own", () => {
    expect(releaseOfTrace(withUnsure([ID]), ID, 'v1', snapshot)).toBe('unknown');
    expect(releaseOfTrace(withUnsure([]), ID, 'v1', snapshot)).toBe('production');
  });

  it('judged both ways, at most medium where they differ, and says why', () => {
    const scan = withUnsure([ID]);
    const verdicts: Record<string, Judgement> = {
      own: { cause: 'resource-policy-explicit-deny', confidence: 'high' },
      cnry: { cause: 'other', confidence: 'low' },
    };
    const judged = judgeReleased(
      (s) => verdicts[s?.stage?.deploymentId ?? 'own'],
      snapshot,
      releaseOfTrace(scan, ID, 'v1', snapshot),
      { scan, stage: 'v1', reason: unknownReleaseReason(scan, ID, 'v1') },
    );
    expect(judged).toEqual({ cause: 'resource-policy-explicit-deny', confidence: 'medium' });
    expect(canaryGaps(scan, new Map([['v1', snapshot]])).map((g) => english.t(g))).toEqual([
      "Stage v1 has a canary release (deployment cnry, 10% of requests) and which release served 1 failed request could not be told (lines of its canary group came back from Logs Insights without their text); the two releases judge it differently, so it is counted as the stage's own deployment judges it, none with high confidence.",
    ]);
  });
});

it('a canary line that came back without its text leaves its request counted once, never as found in the canary group', async () => {
  const chosen = new Set<string>();
  const world = withCanaryRelease(buildSandboxWorld(NOW), { previewStage: true, served: 'canary' });
  refusalLogged(world);
  const fake = await startFakeAws(world);
  started.push(fake);
  const hostile = await startHostileAws(fake.url, (call) => {
    if (call.operation === 'StartQuery' && call.body.includes('sort @timestamp asc'))
      return { kind: 'edit', edit: (json) => (chosen.add(String(json.queryId)), json) };
    if (call.operation !== 'GetQueryResults' || ![...chosen].some((id) => call.body.includes(id)))
      return undefined;
    type Row = Array<{ field: string; value: string }>;
    const textless = (row: Row) =>
      row.some((c) => c.field === '@log' && c.value.endsWith('/Canary'))
        ? row.filter((c) => c.field !== '@message')
        : row;
    return { kind: 'edit', edit: (json) => ({ ...json, results: (json.results as Row[]).map(textless) }) };
  });
  started.push(hostile as unknown as FakeAws);
  const result = await serviceAt(hostile.url, NOW).scan({ ...QUERY, since: '2d' });
  const gaps = result.gaps.map((g) => english.t(g)).join('\n');
  expect(result.causes.flatMap((c) => c.requestIds).filter((id) => id === requestId)).toHaveLength(1);
  expect(result.total + result.notCounted).toBe(result.failedRequests);
  expect(gaps).not.toMatch(/found in its canary group/);
});
