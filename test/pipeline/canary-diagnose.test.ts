import {
  startFakeAws,
  type FakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
} from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import {
  CANARY_ACCESS_GROUP,
  CANARY_API,
  CANARY_EXECUTION_GROUP,
  withCanaryRelease,
  type CanaryReleaseOptions,
} from '../../src/sandbox/canary-world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * `diagnose` on a stage with a canary release, through the real SDK against the simulated account: the request is
 * judged against the release that served it (told by `$context.isCanaryRequest`, or by the canary's own log group),
 * drift and its fix name that release, and when which one served it cannot be told and it matters, no `high`.
 * The request: the sandbox's IP-deny scenario (203.0.113.7 refused by the reports API's stage v1, whose deployment
 * denies that range; the working copy allows it).
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const { requestId } = SCENARIOS.ipDeny;
/** Allows neither the office ranges nor 203.0.113.0/24: what an intermediate working copy held. */
const NARROW = ['198.51.100.0/24'];

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function diagnoseWith(
  canary: CanaryReleaseOptions,
  faults: FakeAwsOptions = {},
  edit: (world: FakeAwsWorld) => void = () => undefined,
) {
  const world = withCanaryRelease(buildSandboxWorld(NOW), canary);
  edit(world);
  const fake = await startFakeAws(world, faults);
  started.push(fake);
  const service = serviceAt(fake.url, NOW);
  const diagnosis = await service.diagnose({
    requestId,
    restApiId: CANARY_API,
    stage: 'v1',
    region: SANDBOX_REGION,
  });
  return { diagnosis, fake };
}

function facts(diagnosis: Awaited<ReturnType<typeof diagnoseWith>>['diagnosis']): string[] {
  return diagnosis.verdict.facts.map((f) => `${english.t(f.label)}: ${english.t(f.value)}`);
}

it('judges a request the canary served (access log says so) against the canary, and deploys the fix to the canary', async () => {
  const { diagnosis } = await diagnoseWith({
    canaryAllows: NARROW,
    previewStage: true,
    served: 'canary',
    logIsCanary: true,
  });
  expect(diagnosis.verdict.cause).toBe('resource-policy-explicit-deny');
  expect(diagnosis.verdict.confidence).toBe('high');
  expect(facts(diagnosis).join('\n')).toMatch(
    /Canary release: this request was served by the canary \(deployment cnryv12, 10% of requests\)/,
  );
  expect(diagnosis.drift?.deploymentId).toBe('cnryv12');
  expect(diagnosis.drift?.canary).toEqual({
    served: 'canary',
    deploymentId: 'cnryv12',
    path: 'deploy-canary',
  });
  const [first] = diagnosis.verdict.checklist;
  expect(english.t(first.text)).toMatch(/Deploy the working copy to stage v1's canary/);
  expect(first.command).toBe(
    `aws apigateway create-deployment --rest-api-id ${CANARY_API} --stage-name v1 --canary-settings '{"percentTraffic":10,"useStageCache":false}' --region ${SANDBOX_REGION}`,
  );
});

it("tells a canary request by the canary's own execution-log group when the access log does not say", async () => {
  const { diagnosis, fake } = await diagnoseWith({
    canaryAllows: NARROW,
    previewStage: true,
    served: 'canary',
  });
  expect(
    fake.calls.some(
      (c) => c.operation === 'FilterLogEvents' && c.target === `${CANARY_EXECUTION_GROUP}/Canary`,
    ),
  ).toBe(true);
  expect(diagnosis.drift?.canary?.served).toBe('canary');
  expect(diagnosis.verdict.confidence).toBe('high');
});

it("says the stage's own deployment served a request absent from the canary's group, and promotes the canary that runs the fix", async () => {
  const { diagnosis } = await diagnoseWith({ previewStage: true, served: 'production' });
  expect(diagnosis.verdict.cause).toBe('resource-policy-explicit-deny');
  expect(diagnosis.verdict.confidence).toBe('high');
  expect(facts(diagnosis).join('\n')).toMatch(
    /served by the stage's own deployment depv11, not by its canary \(deployment cnryv12/,
  );
  expect(diagnosis.drift?.canary).toEqual({ served: 'production', deploymentId: 'cnryv12', path: 'promote' });
  const [first] = diagnosis.verdict.checklist;
  expect(english.t(first.text)).toMatch(/Promote stage v1's canary \(deployment cnryv12\)/);
  expect(first.command).toBe(
    `aws apigateway update-stage --rest-api-id ${CANARY_API} --stage-name v1 --patch-operations op=copy,path=/deploymentId,from=/canarySettings/deploymentId op=replace,path=/canarySettings/percentTraffic,value=0.0 --region ${SANDBOX_REGION}`,
  );
});

/** The client's message (`… with an explicit deny`) is left out of the access log: only the policies tell. */
function withoutMessage(world: FakeAwsWorld): void {
  const group = world.logGroups[CANARY_ACCESS_GROUP];
  world.logGroups[CANARY_ACCESS_GROUP] = group.map((event) => {
    const record = JSON.parse(event.message) as Record<string, unknown>;
    delete record.errorMessage;
    return { ...event, message: JSON.stringify(record) };
  });
}

it('keeps high when the releases agree (the message proves the deny), but claims no drift that depends on the release', async () => {
  const { diagnosis } = await diagnoseWith(
    { previewStage: true, served: 'production' },
    { deny: [{ operation: 'FilterLogEvents', target: '/Canary' }] },
  );
  expect(diagnosis.verdict.cause).toBe('resource-policy-explicit-deny');
  expect(diagnosis.verdict.confidence).toBe('high');
  expect(diagnosis.drift).toBeUndefined();
  const gaps = diagnosis.verdict.gaps.map((g) => english.t(g)).join('\n');
  expect(gaps).toMatch(/depends on which release served it/);
  expect(facts(diagnosis).join('\n')).toMatch(/which release served this request could not be told/);
});

it('promises no high when which release served the request is unknown and the releases judge it differently', async () => {
  const { diagnosis } = await diagnoseWith(
    { previewStage: true, served: 'production' },
    { deny: [{ operation: 'FilterLogEvents', target: '/Canary' }] },
    withoutMessage,
  );
  expect(diagnosis.verdict.cause).toBe('resource-policy-explicit-deny');
  expect(diagnosis.verdict.confidence).toBe('medium');
  expect(diagnosis.verdict.candidates.every((c) => c.confidence !== 'high')).toBe(true);
  const gaps = diagnosis.verdict.gaps.map((g) => english.t(g)).join('\n');
  expect(gaps).toMatch(/nothing tells which release served this request, and the two judge it differently/);
  expect(gaps).toMatch(/depends on which release served it/);
  expect(diagnosis.drift).toBeUndefined();
  expect(diagnosis.verdict.settle.map((s) => english.t(s)).join('\n')).toMatch(/\$context\.isCanaryRequest/);
});

it('judges the working copy, and says why, when the canary served the request and no stage runs its deployment', async () => {
  const { diagnosis } = await diagnoseWith({ served: 'canary', logIsCanary: true });
  expect(diagnosis.judged).toBe('live');
  expect(diagnosis.drift).toBeUndefined();
  expect(diagnosis.unread.map((u) => english.t(u)).join('\n')).toMatch(
    /GetExport reads a stage's own deployment only/,
  );
});
