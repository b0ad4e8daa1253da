import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { scanApi, type ScanQuery } from '../../src/pipeline/scan-api';
import type { PipelineDeps } from '../../src/pipeline/context';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCAN_TARGET, buildSandboxWorld } from '../../src/sandbox/world';
import { AwsAccessDeniedError, explainAwsError } from '../../src/aws/errors';
import { english } from '../../src/render/localize';

/**
 * `scan API_ID` through the real SDK against the simulated AWS's Logs Insights: retried throttling, a time budget
 * or a caller's signal that ends while a query runs (a partial answer, and StopQuery for the abandoned query), and a
 * poll that fails (StopQuery, then one line naming the call).
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const PROD_GROUP = `API-Gateway-Execution-Logs_${SCAN_TARGET.restApiId}/prod`;
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const QUERY: ScanQuery = { ...SCAN_TARGET, region: SANDBOX_REGION };

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function start(
  options: FakeAwsOptions = {},
  timeBudgetSeconds = DEFAULT_CONFIG.search.timeBudgetSeconds,
) {
  const fake = await startFakeAws(buildSandboxWorld(NOW), options);
  started.push(fake);
  const service = new Why403Service({
    config: {
      ...DEFAULT_CONFIG,
      region: SANDBOX_REGION,
      search: { ...DEFAULT_CONFIG.search, timeBudgetSeconds },
    },
    aws: {
      endpoint: fake.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      retry: { sleep: async () => undefined },
    },
    now: () => NOW,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
  });
  return { fake, service };
}

/** Pipeline deps whose signal the test ends on the `abortAt`-th poll wait: no clock involved. */
function stoppedAtPoll(service: Why403Service, abortAt: number): PipelineDeps {
  const controller = new AbortController();
  let waits = 0;
  return {
    aws: service.aws,
    gatherer: service.gatherer,
    config: service.config,
    now: () => NOW,
    signal: controller.signal,
    sleep: async () => {
      waits += 1;
      if (waits === abortAt) controller.abort();
    },
  };
}

function operations(fake: FakeAws, operation: string) {
  return fake.calls.filter((c) => c.operation === operation);
}

describe('scan API_ID against the simulated AWS', () => {
  it('rides out throttled StartQuery and GetQueryResults calls and answers in full', async () => {
    const { fake, service } = await start({
      queryPolls: 1,
      throttle: [
        { operation: 'StartQuery', times: 2 },
        { operation: 'GetQueryResults', times: 2 },
      ],
    });

    const scan = await service.scan(QUERY);

    expect(scan.partial).toBeUndefined();
    expect(scan.total).toBeGreaterThan(10);
    expect(scan.total).toBe(scan.failedRequests);
    expect(operations(fake, 'StopQuery')).toEqual([]);
  });

  it('answers partially when its signal ends while Logs Insights looks for failed requests, and stops the query', async () => {
    const { fake, service } = await start({ queryPolls: 50 });

    const scan = await scanApi(QUERY, stoppedAtPoll(service, 3));

    expect(english.t(scan.partial ?? '')).toBe(
      'the time budget ran out while Logs Insights was still looking for failed requests (the query was stopped)',
    );
    expect(scan).toMatchObject({ total: 0, causes: [] });
    expect(operations(fake, 'StartQuery')).toHaveLength(1);
    expect(operations(fake, 'StopQuery').map((c) => c.target)).toEqual([PROD_GROUP]);
  });

  it('answers partially when its signal ends while the traces are read, and stops those queries', async () => {
    const { fake, service } = await start({ queryPolls: 1 });

    // Poll waits: 1 and 2 for the first query (Running, Complete), 3 and 4 for the traces query and the access
    // log's, read beside it: both have started by the fourth.
    const scan = await scanApi(QUERY, stoppedAtPoll(service, 4));

    expect(scan.failedRequests).toBeGreaterThan(10);
    expect(scan.total).toBe(0);
    expect(english.t(scan.partial ?? '')).toBe(
      `the time budget ran out before the traces of ${scan.failedRequests} failed requests were read (the query was stopped); they are not counted; ` +
        `the access log ${ACCESS_GROUP} was not read to the end (Logs Insights stopped or reached its 10,000 lines): its counts are a lower bound`,
    );
    expect(operations(fake, 'StartQuery')).toHaveLength(3);
    expect(
      operations(fake, 'StopQuery')
        .map((c) => c.target)
        .sort(),
    ).toEqual([ACCESS_GROUP, PROD_GROUP]);
  });

  it('answers partially at its time budget, and stops the query it abandons', async () => {
    const { fake, service } = await start({ queryPolls: 1_000_000 }, 1);

    const scan = await service.scan(QUERY);

    expect(english.t(scan.partial ?? '')).toMatch(/^the time budget ran out while Logs Insights/);
    expect(operations(fake, 'StopQuery')).toHaveLength(1);
    expect(fake.calls.at(-1)?.operation).toBe('StopQuery');
  });

  it('stops the query when a poll fails, then names the denied action in one line', async () => {
    const { fake, service } = await start({ deny: [{ operation: 'GetQueryResults' }] });

    const error = await service.scan(QUERY).catch((e: Error) => e);

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(explainAwsError(error as Error).message).toMatch(/^AWS denied logs:GetQueryResults on /);
    expect(operations(fake, 'StopQuery')).toHaveLength(1);
  });

  it('counts what it read when the traces query fails, and says which requests are not counted', async () => {
    const { fake, service } = await start({
      queryPolls: 0,
      throttle: [{ operation: 'StartQuery', times: 100, after: 1 }],
    });

    const scan = await service.scan(QUERY);

    expect(scan.total).toBe(0);
    const throttled = 'CloudWatch Logs StartQuery was still throttled (ThrottlingException) after 6 attempts';
    expect(english.t(scan.partial ?? '')).toBe(
      `the traces of ${scan.failedRequests} failed requests could not be read (${throttled}); they are not counted; ` +
        `the access log ${ACCESS_GROUP} could not be read (${throttled})`,
    );
    // The failed-requests query, then six attempts each for the traces and the access log.
    expect(operations(fake, 'StartQuery')).toHaveLength(13);
  });

  it('says when StopQuery itself fails', async () => {
    const { service } = await start({ queryPolls: 50, deny: [{ operation: 'StopQuery' }] });

    const scan = await scanApi(QUERY, stoppedAtPoll(service, 2));

    expect(scan.gaps.map(english.t)).toEqual([
      expect.stringMatching(
        /^Could not stop Logs Insights query [0-9a-f-]{36}: AWS denied logs:StopQuery on [0-9a-f-]{36}\. It may go on scanning until it times out\.$/,
      ),
    ]);
  });
});
