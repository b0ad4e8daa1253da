import type { ApiScan, ScanQuery } from '../../src/pipeline/scan-api';
import type { FakeAwsOptions, FakeAwsWorld, FakeCall } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { SCAN_NOW, scanSandbox } from '../support/scan-sandbox';

/**
 * `scan API_ID` reading access logs beside the execution log, against account shapes that break naive reading:
 * stages that share one access-log group (records with and without `$context.stage`), one of them writing no
 * execution log, and a stage whose configuration cannot be read. Every request is counted at most once, each
 * group is queried once, and an answer that could not see a stage's access log is never complete.
 */

const NOW = SCAN_NOW;
const ORDERS = 'a1b2c3d4e5';
const ACCESS = '/aws/apigateway/orders-access';
const STAGING_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/staging`;
const WEB_ACL = `arn:aws:wafv2:${SANDBOX_REGION}:123456789012:regional/webacl/orders/1`;
const PROD_BLOCK = '44444444-5555-4666-8777-888888888888';
const STAGING_BLOCK = '55555555-5555-4666-8777-888888888888';

function scan(
  query: Partial<ScanQuery>,
  edit: (world: FakeAwsWorld) => void,
  options: FakeAwsOptions = {},
): Promise<{ result: ApiScan; calls: FakeCall[] }> {
  return scanSandbox(query, { edit, options });
}

/** A request AWS WAF blocked: a record in the access log only, naming its stage or not. */
function wafBlock(requestId: string, stage: string, named: boolean) {
  return {
    timestamp: NOW - 10 * 60_000,
    message: JSON.stringify({
      requestId,
      ip: '203.0.113.50',
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      path: `/${stage}/orders/17`,
      status: '403',
      responseType: 'WAF_FILTERED',
      errorMessage: 'Forbidden',
      ...(named ? { stage } : {}),
    }),
    logStreamName: 'access',
  };
}

/** Stage staging writes to prod's access-log group, in prod's format (plus `$context.stage` when `named`). */
function sharedGroup(world: FakeAwsWorld, named: boolean): void {
  const stages = world.restApis[ORDERS].stages;
  const settings = stages.prod.accessLogSettings as { destinationArn: string; format: string };
  if (named) settings.format = settings.format.replace(/}$/, ',"stage":"$context.stage"}');
  stages.staging.accessLogSettings = { ...settings };
  stages.prod.webAclArn = WEB_ACL;
  stages.staging.webAclArn = WEB_ACL;
  world.logGroups[ACCESS].push(
    wafBlock(PROD_BLOCK, 'prod', named),
    wafBlock(STAGING_BLOCK, 'staging', named),
  );
}

function unlogged(world: FakeAwsWorld): void {
  delete world.logGroups[STAGING_GROUP];
  world.restApis[ORDERS].stages.staging.methodSettings = {};
}

function countedIds(result: ApiScan): string[] {
  return result.causes.flatMap((c) => c.requestIds);
}

function stageOf(result: ApiScan, requestId: string): string | undefined {
  return result.causes.find((c) => c.requestIds.includes(requestId))?.stage;
}

describe('scan API_ID: stages sharing one access-log group', () => {
  it('reads the group once and counts each record under the stage it names', async () => {
    const { result, calls } = await scan({}, (world) => sharedGroup(world, true));

    expect(calls.filter((c) => c.operation === 'StartQuery' && c.target === ACCESS)).toHaveLength(1);
    expect(stageOf(result, PROD_BLOCK)).toBe('prod');
    expect(stageOf(result, STAGING_BLOCK)).toBe('staging');
    const ids = countedIds(result);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.total + result.notCounted).toBe(result.failedRequests);
  });

  it('does not give a record that names no stage to whichever stage was read first, and says so', async () => {
    const { result } = await scan({}, (world) => sharedGroup(world, false));

    expect(countedIds(result)).not.toContain(PROD_BLOCK);
    expect(countedIds(result)).not.toContain(STAGING_BLOCK);
    expect(result.complete).toBe(false);
    expect(english.t(result.partial ?? '')).toContain(
      `2 failed requests of the access log ${ACCESS}, which stages prod, staging share, did not say their stage ($context.stage) and were not counted`,
    );
    expect(result.total + result.notCounted).toBe(result.failedRequests);
  });

  it.each([
    ['naming their stage', true],
    ['naming no stage', false],
  ])('with one stage writing no execution log, counts no request twice (records %s)', async (_, named) => {
    const { result, calls } = await scan({}, (world) => {
      sharedGroup(world, named);
      unlogged(world);
    });

    expect(calls.filter((c) => c.operation === 'StartQuery' && c.target === ACCESS)).toHaveLength(1);
    // Counted by cause: the sum of the counts is the number of distinct requests counted.
    const perStage = result.causes.filter((c) => c.stage === 'staging');
    expect(perStage.every((c) => c.cause === 'waf-block')).toBe(true);
    expect(result.total).toBe(result.failedRequests - result.notCounted);
    // prod's traced requests, whose records are in the shared group too, are never counted again as staging's.
    const prodOnly = await scan({ stage: 'prod' }, (world) => sharedGroup(world, named));
    const prodTraced = prodOnly.result.causes.filter((c) => c.cause !== 'waf-block');
    const traced = prodTraced.reduce((sum, c) => sum + c.count, 0);
    expect(result.total).toBe(traced + (named ? 2 : 0));
  });
});

describe('scan API_ID: a stage whose configuration cannot be read', () => {
  it('is not complete: whether it writes an access log, and what that holds, is not known', async () => {
    const { result } = await scan(
      { stage: 'prod' },
      (world) => {
        world.restApis[ORDERS].stages.prod.webAclArn = WEB_ACL;
        world.logGroups[ACCESS].push(wafBlock(PROD_BLOCK, 'prod', false));
      },
      { deny: [{ operation: 'GetStage' }, { operation: 'GetStages' }] },
    );

    expect(countedIds(result)).not.toContain(PROD_BLOCK);
    expect(result.complete).toBe(false);
    expect(result.gaps.map((g) => english.t(g))).toContain(
      "The configuration of stage prod could not be read, so whether it writes an access log is not known: failed requests that leave no failure line in its execution log (a web ACL's block, say) may be missing from the counts.",
    );
  });
});
