import { runDoctor } from '../../src/doctor';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../src/sandbox/fake-aws';
import type { IdentityWorld } from '../../src/sandbox/fake-aws/identity-world';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * `doctor` through the real SDK on an authorizer whose function is in another account, when Lambda answers GetPolicy
 * with "Function not found" (as it may for a function it will not show) or refuses: never "the function does not
 * exist, redeploy", but "could not check", with what to run in that account. A function of the caller's own account
 * that is not found still is a must-change.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const FOREIGN = `arn:aws:lambda:${SANDBOX_REGION}:999988887777:function:shared-authorizer`;
const OWN_MISSING = `arn:aws:lambda:${SANDBOX_REGION}:123456789012:function:deleted-authorizer`;

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function doctorWith(
  functionArn: string,
  foreign: IdentityWorld['foreignFunctions'],
  faults: FakeAwsOptions = {},
) {
  const world = buildSandboxWorld(NOW) as ReturnType<typeof buildSandboxWorld> & IdentityWorld;
  world.foreignFunctions = foreign;
  world.restApis[ORDERS].authorizers[1].authorizerUri =
    `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
  fake = await startFakeAws(world, faults);
  const service = serviceAt(fake.url, NOW);
  const report = await runDoctor(
    { restApiId: ORDERS, region: SANDBOX_REGION },
    { aws: service.aws, config: service.config, now: () => NOW },
  );
  return report.findings.filter((f) => english.t(f.title).includes('4stg9z'));
}

it.each(['not-found', 'access-denied'] as const)(
  "says it could not check another account's function when Lambda answers %s, and what to run there",
  async (answer) => {
    const about = await doctorWith(FOREIGN, answer);
    expect(about.map((f) => [f.check, f.severity])).toEqual([['could-not-check', 'advice']]);
    const [finding] = about;
    expect(english.t(finding.title)).toBe(
      `Could not check authorizer orders-jwt-v2 (4stg9z)'s function ${FOREIGN}: it is another account's function (account 999988887777)`,
    );
    expect(english.t(finding.why)).toMatch(/why403 runs in account 123456789012/);
    expect(finding.fix.map((step) => step.command)).toEqual([
      `aws lambda get-policy --function-name ${FOREIGN} --region ${SANDBOX_REGION}`,
      `aws lambda add-permission --function-name ${FOREIGN} --statement-id apigateway-authorizer-4stg9z --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:${SANDBOX_REGION}:123456789012:${ORDERS}/authorizers/4stg9z --region ${SANDBOX_REGION}`,
    ]);
    const words = [finding.title, finding.why, ...finding.fix.map((s) => s.text)].map((t) => english.t(t));
    expect(words.join(' ')).not.toMatch(/does not exist|redeploy/i);
  },
);

it("still says a function of the caller's own account that is not found does not exist", async () => {
  const about = await doctorWith(OWN_MISSING, 'not-found');
  expect(about.map((f) => [f.check, f.severity])).toEqual([['authorizer-invoke-permission', 'must-change']]);
  expect(english.t(about[0].title)).toMatch(/does not exist/);
});

it("does not take 'not found' as proof when the caller's own account is unknown", async () => {
  const about = await doctorWith(OWN_MISSING, 'not-found', { deny: [{ operation: 'GetCallerIdentity' }] });
  expect(about.map((f) => [f.check, f.severity])).toEqual([['could-not-check', 'advice']]);
  expect(english.t(about[0].why)).toMatch(/could not tell its own account/);
});
