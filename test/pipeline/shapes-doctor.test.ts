import { runDoctor } from '../../src/doctor';
import { startFakeAws, type FakeAws } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/** `doctor` through the real SDK against an authorizer whose function is in another account. */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const SHARED = `arn:aws:lambda:${SANDBOX_REGION}:999988887777:function:shared-authorizer`;

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it("says it could not check a cross-account function's permission, and never that the function does not exist", async () => {
  const world = buildSandboxWorld(NOW);
  world.restApis[ORDERS].authorizers[1].authorizerUri =
    `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${SHARED}/invocations`;
  fake = await startFakeAws(world);
  const service = serviceAt(fake.url, NOW);

  const report = await runDoctor(
    { restApiId: ORDERS, region: SANDBOX_REGION },
    { aws: service.aws, config: service.config, now: () => NOW },
  );

  const about = report.findings.filter((f) => english.t(f.title).includes('4stg9z'));
  expect(about.map((f) => [f.check, f.severity])).toEqual([['could-not-check', 'advice']]);
  expect(about.map((f) => english.t(f.title)).join(' ')).not.toMatch(/does not exist/);
});
