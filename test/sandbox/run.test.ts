import { english } from '../../src/render/localize';
import { runSandbox, startSandbox } from '../../src/sandbox/run';
import { SANDBOX_REGION, SCAN_TARGET, SCENARIOS } from '../../src/sandbox/world';

/** The README's first command, end to end: the real SDK against the simulated AWS on loopback. */
describe('Sandbox: diagnose and scan end to end', () => {
  // A whole run is some hundred loopback HTTP calls: allow for a busy CI machine, well beyond the half second it takes here.
  it('diagnoses every scenario as the world was built, and scans the orders API', async () => {
    const run = await runSandbox();

    for (const { scenario, diagnosis } of run.diagnoses) {
      expect([scenario.title, diagnosis.verdict.cause]).toEqual([scenario.title, scenario.expected]);
    }
    expect(run.diagnoses).toHaveLength(Object.keys(SCENARIOS).length);
    expect(run.scan.total).toBeGreaterThan(10);
    expect(run.scan.causes.map((c) => c.cause)).toEqual(
      expect.arrayContaining([
        'authorizer-cached-policy-mismatch',
        'authorizer-explicit-deny',
        'identity-source-missing',
      ]),
    );
    expect(run.scan.bytesScanned).toBeGreaterThan(0);
    expect(run.awsCalls).toBeGreaterThan(10);
  }, 30_000);

  it('names the request that filled the cache and never prints the authorizer context', async () => {
    const sandbox = await startSandbox();
    try {
      const diagnosis = await sandbox.service.diagnose({
        requestId: SCENARIOS.cached.requestId,
        restApiId: SCENARIOS.cached.restApiId,
        stage: 'prod',
        region: SANDBOX_REGION,
      });
      expect(diagnosis.verdict.confidence).toBe('high');
      expect(english.t(diagnosis.verdict.summary)).toMatch(
        /^A policy cached for GET \/orders\/17 by request 9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a was reused for GET \/orders\/18/,
      );
      expect(JSON.stringify(diagnosis)).not.toMatch(/ana@example\.com|t-88/);
    } finally {
      await sandbox.close();
    }
  });

  it('reads the configuration once per API while the cache is warm', async () => {
    const sandbox = await startSandbox();
    try {
      const query = {
        requestId: SCENARIOS.deny.requestId,
        restApiId: 'a1b2c3d4e5',
        stage: 'prod',
        region: SANDBOX_REGION,
      };
      await sandbox.service.diagnose(query);
      const cold = sandbox.fake.calls.filter((c) => c.service === 'apigateway').length;
      sandbox.fake.resetCalls();
      await sandbox.service.diagnose(query);
      const warm = sandbox.fake.calls.filter((c) => c.service === 'apigateway').length;
      expect(cold).toBe(4);
      expect(warm).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('scans with Logs Insights: counts per cause, example ids, methods and a checklist per cause', async () => {
    const sandbox = await startSandbox();
    try {
      const scan = await sandbox.service.scan({ ...SCAN_TARGET, region: SANDBOX_REGION });
      const queries = sandbox.fake.calls.filter((c) => c.operation === 'StartQuery');
      expect(queries.length).toBeGreaterThanOrEqual(2);
      for (const cause of scan.causes) {
        expect(cause.requestIds.length).toBeGreaterThan(0);
        expect(cause.checklist.length).toBeGreaterThan(0);
      }
      expect(scan.total).toBe(scan.causes.reduce((sum, c) => sum + c.count, 0));
      expect(scan.window.end - scan.window.start).toBe(3_600_000);
    } finally {
      await sandbox.close();
    }
  });
});
