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
  });

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
      // The function's own log, read around the request, is silent: the cache answered.
      expect(diagnosis.verdict.signals.decisive).toEqual(
        expect.arrayContaining([
          'cache-filler-policy-misses-method',
          'function-log-silent-and-implicit-deny',
        ]),
      );
      expect(diagnosis.verdict.evidence.map(english.t)).toContain(
        "The authorizer function's own log (/aws/lambda/orders-authorizer), read completely around the request time, shows no invocation: the Lambda did not run for this request.",
      );
      expect(diagnosis.verdict.sources).toMatchObject({
        'authorizer-log': { read: 'complete' },
        'cache-filler': { read: 'complete' },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('finds the resource policy changed but not redeployed, and judges what the stage runs', async () => {
    const sandbox = await startSandbox();
    try {
      const diagnosis = await sandbox.service.diagnose({
        requestId: SCENARIOS.ipDeny.requestId,
        restApiId: SCENARIOS.ipDeny.restApiId,
        stage: SCENARIOS.ipDeny.stage,
        region: SANDBOX_REGION,
      });
      // The working copy now allows 203.0.113.0/24; the stage still runs the policy that denied the caller.
      expect(diagnosis.verdict).toMatchObject({ cause: 'resource-policy-explicit-deny', confidence: 'high' });
      expect(diagnosis.judged).toBe('deployed');
      expect(diagnosis.drift).toMatchObject({
        stage: 'v1',
        deploymentId: 'depv11',
        changes: [{ field: 'resource-policy', subject: 'Sid DenyOutsideOffice' }],
        command: `aws apigateway create-deployment --rest-api-id ${SCENARIOS.ipDeny.restApiId} --stage-name v1 --region ${SANDBOX_REGION}`,
      });
      expect(diagnosis.verdict.checklist[0].command).toBe(diagnosis.drift?.command);
      expect(diagnosis.verdict.facts.map((f) => `${english.t(f.label)}: ${english.t(f.value)}`)).toContain(
        'Not redeployed: the resource policy the stage runs differs from the working copy in Sid DenyOutsideOffice',
      );
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
      expect(cold).toBe(5); // the REST API, its authorizers, resources, the stage and its deployment
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
