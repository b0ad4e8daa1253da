import { runDoctor } from '../../src/doctor';
import { english } from '../../src/render/localize';
import { startSandbox } from '../../src/sandbox/run';
import { SANDBOX_REGION, SCENARIOS } from '../../src/sandbox/world';
import { why403 } from '../support/cli';

/** `why403 doctor` on the sandbox's misconfigured orders API, through the real SDK against the simulated AWS. */
describe('doctor in the sandbox', () => {
  it('finds the orders API traps the diagnoses run into, reading STS, IAM and Lambda too', async () => {
    const now = Date.now();
    const sandbox = await startSandbox({ now });
    try {
      const report = await runDoctor(
        { restApiId: SCENARIOS.cached.restApiId, region: SANDBOX_REGION },
        { aws: sandbox.service.aws, config: sandbox.service.config, now: () => now },
      );

      const mustChange = report.findings
        .filter((f) => f.severity === 'must-change')
        .map((f) => `${f.check} ${f.scope.stage ?? '-'}`)
        .sort();
      expect(mustChange).toEqual([
        'access-log-format prod',
        'access-logging staging',
        'authorizer-cache-trap prod',
        'authorizer-invoke-permission -',
      ]);
      expect(report.passed.map((p) => english.t(p.text))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^IAM confirms arn:aws:iam::123456789012:role\/why403-bot may make all \d+ calls/,
          ),
        ]),
      );
      expect([...new Set(sandbox.fake.calls.map((c) => c.service))].sort()).toEqual([
        'apigateway',
        'iam',
        'lambda',
        'logs',
        'sts',
      ]);
      expect(JSON.stringify(report)).not.toMatch(/ana@example\.com|t-88/);
    } finally {
      await sandbox.close();
    }
  });

  it('is part of `why403 sandbox`: the report and what the Slack bot would post', async () => {
    const run = await why403(['sandbox', '--quiet']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`$ why403 doctor --api ${SCENARIOS.cached.restApiId}`);
    expect(run.stdout).toContain(
      '4 settings must change before the next incident can be diagnosed from evidence.',
    );
    expect(run.stdout).toContain(`/why403 doctor ${SCENARIOS.cached.restApiId}`);
  }, 60_000);
});
