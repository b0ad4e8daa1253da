import type { ApiScan, ScanQuery } from '../../src/pipeline/scan-api';
import type { FakeAwsWorld, FakeCall } from '../../src/sandbox/fake-aws';
import { AwsError, explainAwsError } from '../../src/aws/errors';
import { SANDBOX_REGION, SCENARIOS } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { renderApiScanText } from '../../src/render/diagnosis';
import { scanMessage } from '../../src/render/blocks';
import type { Rule } from '../support/hostile-aws';
import { SCAN_NOW, scanSandbox, type ScanSetup } from '../support/scan-sandbox';

/**
 * `scan API_ID` end to end through the real SDK against the simulated account, with Logs Insights answers a proxy
 * bends: every failed request found is counted or named among those not counted, each count is with its stage and
 * its confidence, and what the scan could not see (a stage that does not log, a retention shorter than the window,
 * Logs Insights' row limit, rows without their text) keeps an answer from passing for complete.
 */

const NOW = SCAN_NOW;
const ORDERS = 'a1b2c3d4e5';
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const STAGING_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/staging`;

type Setup = ScanSetup;

async function scan(query: Partial<ScanQuery>, setup: Setup = {}): Promise<ApiScan> {
  return (await scanSandbox(query, setup)).result;
}

/** Edits the GetQueryResults answers of the queries whose StartQuery body `pick` chooses. */
function resultsOf(
  pick: (startBody: string) => boolean,
  edit: (json: Record<string, unknown>) => unknown,
): Rule {
  const chosen = new Set<string>();
  return (call) => {
    if (call.operation === 'StartQuery' && pick(call.body))
      return {
        kind: 'edit',
        edit: (json) => {
          chosen.add(String(json.queryId));
          return json;
        },
      };
    if (call.operation === 'GetQueryResults' && [...chosen].some((id) => call.body.includes(id)))
      return { kind: 'edit', edit };
    return undefined;
  };
}

const isTraces = (body: string) => body.includes('sort @timestamp asc');
/** The execution log's failed-requests query (the access-log query sorts newest first too). */
const isFailed = (body: string) => body.includes('Method completed with status');

type Row = Array<{ field: string; value: string }>;

function partialText(result: ApiScan): string {
  return english.t(result.partial ?? '');
}

describe('scan API_ID: counts that add up', () => {
  it('counts every failed request once, each cause with its stage and how sure it is, examples the surest first', async () => {
    const result = await scan({});

    expect(result.complete).toBe(true);
    expect(result.total).toBe(result.failedRequests);
    expect(result.notCounted).toBe(0);
    const ids = result.causes.flatMap((c) => c.requestIds);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cause of result.causes) {
      expect(cause.confidence.high + cause.confidence.medium + cause.confidence.low).toBe(cause.count);
      expect(cause.requestIds.length).toBe(Math.min(5, cause.count));
    }
    const staging = result.causes.find((c) => c.stage === 'staging');
    expect(staging).toMatchObject({
      cause: 'authorizer-invoke-permission',
      count: 1,
      requestIds: [SCENARIOS.permission.requestId],
    });
    // Judged with the staging stage's own authorizer (orders-authorizer-v2), not prod's.
    const commands = staging?.checklist.map((step) => step.command ?? '').join('\n');
    expect(commands).toContain('function:orders-authorizer-v2');
    expect(commands).not.toMatch(/function:orders-authorizer(?!-v2)/);
    expect(renderApiScanText(result)).toContain('authorizer-invoke-permission (staging)');
  });

  it('names a query limited to one stage by that stage only, with the stage in its commands', async () => {
    const result = await scan({ stage: 'staging' });

    expect(result.logGroups).toEqual([STAGING_GROUP]);
    expect(result.causes.map((c) => [c.cause, c.stage, c.count])).toEqual([
      ['authorizer-invoke-permission', 'staging', 1],
    ]);
    expect(renderApiScanText(result)).toMatch(/^ {2}authorizer-invoke-permission +1 {2}6b5a4f3e/m);
  });

  it('says the count of each confidence under each cause, in the text and in Slack', async () => {
    const result = await scan({ stage: 'prod' });
    const deny = result.causes.find((c) => c.cause === 'authorizer-explicit-deny');

    expect(deny?.confidence).toEqual({ high: deny?.count, medium: 0, low: 0 });
    expect(renderApiScanText(result)).toContain(`confidence: ${deny?.count} high`);
    expect(JSON.stringify(scanMessage(result, { actions: false }).blocks)).toContain(
      `confidence: ${deny?.count} high`,
    );
  });

  it('an API with no failed requests, all of it seen, says so plainly', async () => {
    const result = await scan(
      { stage: 'prod' },
      {
        edit: (world) => {
          world.logGroups[PROD_GROUP] = [];
          world.logGroups['/aws/apigateway/orders-access'] = [];
        },
      },
    );

    expect(result).toMatchObject({ total: 0, failedRequests: 0, complete: true, gaps: [] });
    expect(renderApiScanText(result)).toContain('  No failed requests.');
  });
});

describe('scan API_ID: stages it cannot see whole', () => {
  it('a stage with no execution-log group is named as not seen, and the other stages are counted', async () => {
    const result = await scan(
      {},
      {
        edit: (world) => {
          delete world.logGroups[STAGING_GROUP];
          world.restApis[ORDERS].stages.staging.methodSettings = {};
        },
      },
    );

    expect(result.logGroups).toEqual([PROD_GROUP]);
    expect(result.total).toBeGreaterThan(10);
    expect(result.complete).toBe(false);
    expect(result.gaps.map(english.t)).toContain(
      `Stage staging has no execution-log group (${STAGING_GROUP}): execution logging was never on there, so its failed requests are not counted.`,
    );
  });

  it('scanning only such a stage answers with nothing found, not proof, instead of failing', async () => {
    const result = await scan(
      { stage: 'staging' },
      {
        edit: (world) => {
          delete world.logGroups[STAGING_GROUP];
          world.restApis[ORDERS].stages.staging.methodSettings = {};
        },
      },
    );

    expect(result).toMatchObject({ total: 0, complete: false, logGroups: [] });
    expect(renderApiScanText(result)).toContain(
      'No failed requests found, but the scan could not see everything (below).',
    );
    const slack = scanMessage(result, { actions: false });
    expect(JSON.stringify(slack.blocks)).toContain('could not see everything');
    expect(JSON.stringify(slack.blocks)).toContain('Stage staging has no execution-log group');
  });

  it.each([
    [
      'logs at ERROR',
      { '*/*': { loggingLevel: 'ERROR' } },
      'Stage prod logs at ERROR level: a plain 401 or 403 may leave no line there, so its counts are a lower bound.',
    ],
    [
      'has logging off',
      { '*/*': { loggingLevel: 'OFF' } },
      'Execution logging is off on stage prod: failed requests there since it was turned off are not in its log and not counted.',
    ],
  ])('a stage that %s makes an empty answer not proof', async (_, methodSettings, gap) => {
    const result = await scan(
      { stage: 'prod' },
      {
        edit: (world) => {
          world.logGroups[PROD_GROUP] = [];
          world.restApis[ORDERS].stages.prod.methodSettings = methodSettings;
        },
      },
    );

    expect(result.complete).toBe(false);
    expect(result.gaps.map(english.t)).toContain(gap);
    expect(renderApiScanText(result)).not.toContain('  No failed requests.\n');
  });

  it('a stage changed during the window says its logging before then is not known', async () => {
    const changed = NOW - 20 * 60_000;
    const result = await scan(
      { stage: 'prod' },
      {
        edit: (world) => {
          world.restApis[ORDERS].stages.prod.lastUpdatedDate = changed / 1000;
        },
      },
    );

    expect(result.complete).toBe(false);
    expect(result.gaps.map(english.t)).toContain(
      'Stage prod was changed at 2026-11-24T09:40:00Z, within the window: how it logged before then is not known, so failed requests before then may be missing.',
    );
  });

  it('a window longer than the retention says since when events are kept', async () => {
    const result = await scan(
      { stage: 'prod', since: '7d' },
      {
        edit: (world) => {
          world.retentionDays = { [PROD_GROUP]: 3 };
        },
      },
    );

    expect(result.complete).toBe(false);
    expect(partialText(result)).toBe(
      `${PROD_GROUP} keeps events for 3 days: what was written before 2026-11-21T10:00:00Z is deleted`,
    );
  });
});

describe('scan API_ID: Logs Insights answers that are not whole', () => {
  it('trace lines without their text leave out the requests they may belong to, and say how many', async () => {
    const result = await scan(
      { stage: 'prod' },
      {
        rule: resultsOf(isTraces, (json) => {
          const rows = json.results as Row[];
          const cached = rows.filter((row) =>
            row.some((cell) => cell.value.startsWith(`(${SCENARIOS.cached.requestId}) Starting authorizer`)),
          );
          return {
            ...json,
            results: rows.map((row) =>
              cached.includes(row) ? row.filter((cell) => cell.field !== '@message') : row,
            ),
          };
        }),
      },
    );

    expect(result.causes.flatMap((c) => c.requestIds)).not.toContain(SCENARIOS.cached.requestId);
    expect(result.notCounted).toBe(1);
    expect(result.total + result.notCounted).toBe(result.failedRequests);
    expect(partialText(result)).toBe(
      '1 failed request whose lines came back without their text is not counted',
    );
  });

  it('failure lines without a request id are said, and their requests not counted', async () => {
    const result = await scan(
      { stage: 'prod' },
      {
        rule: resultsOf(isFailed, (json) => ({
          ...json,
          results: (json.results as Row[]).map((row, i) =>
            i < 2 ? row.filter((cell) => cell.field !== '@message') : row,
          ),
        })),
      },
    );

    expect(result.complete).toBe(false);
    expect(partialText(result)).toBe(
      '2 lines that end a failed request came back without a request id; those requests are not counted',
    );
  });

  it('more failure lines than Logs Insights returns make every count a lower bound, and says so', async () => {
    const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => [
      { field: '@timestamp', value: '2026-11-24 09:59:00.000' },
      {
        field: '@message',
        value: `(${String(i).padStart(8, '0')}-0000-4000-8000-000000000000) Method completed with status: 403`,
      },
      { field: '@log', value: `123456789012:${PROD_GROUP}` },
      { field: '@ptr', value: `p${i}` },
    ]);
    const result = await scan(
      { stage: 'prod', maxRequests: 10 },
      {
        rule: resultsOf(isFailed, (json) => ({
          ...json,
          results: rows,
          statistics: { recordsMatched: 25_000, recordsScanned: 90_000, bytesScanned: 9_000_000 },
        })),
      },
    );

    expect(result.failedRequests).toBe(10_000);
    expect(result.complete).toBe(false);
    expect(partialText(result)).toMatch(
      /^Logs Insights matched 25,000 lines that end a failed request, and returns at most 10,000: only the newest 10,000 failed requests are known, so every count is a lower bound; classified the newest 10 of 10000 failed requests; /,
    );
    expect(result.total + result.notCounted).toBe(10);
  });

  it.each(['Failed', 'Cancelled', 'Timeout'])(
    'a failed-requests query that ended %s says the failed requests it had not reached are not counted',
    async (status) => {
      const result = await scan(
        { stage: 'prod' },
        { rule: resultsOf(isFailed, (json) => ({ ...json, status })) },
      );

      expect(result.complete).toBe(false);
      expect(partialText(result)).toBe(
        `the Logs Insights query for failed requests ended ${status} before it completed: failed requests it had not reached are not counted`,
      );
    },
  );

  it('a traces query that ended Cancelled counts none of its requests and says how many', async () => {
    const result = await scan(
      { stage: 'prod' },
      { rule: resultsOf(isTraces, (json) => ({ ...json, status: 'Cancelled' })) },
    );

    expect(result.total).toBe(0);
    expect(result.notCounted).toBe(result.failedRequests);
    expect(partialText(result)).toBe(
      `the traces of ${result.failedRequests} failed requests could not be read (the Logs Insights query ended Cancelled); they are not counted`,
    );
  });
});

describe('scan API_ID: requests at the window edge', () => {
  it('reads the lines of a request that began before the window, so that it is judged whole', async () => {
    const { requestId } = SCENARIOS.deny;
    const start = NOW - 3_600_000 - 5_000;
    const result = await scan(
      { stage: 'prod' },
      {
        edit: (world) => {
          const lines = world.logGroups[PROD_GROUP].filter((e) =>
            e.message.startsWith(`(${requestId}) `),
          ).map((e, i, all) => ({ ...e, timestamp: i === all.length - 1 ? start + 6_000 : start + i }));
          world.logGroups[PROD_GROUP] = [
            ...world.logGroups[PROD_GROUP].filter((e) => !e.message.startsWith(`(${requestId}) `)),
            ...lines,
          ];
        },
      },
    );

    const deny = result.causes.find((c) => c.requestIds.includes(requestId));
    expect(deny?.cause).toBe('authorizer-explicit-deny');
    expect(deny?.confidence.high).toBe(deny?.count);
  });
  it('asks for the traces from 30 s before the window to its end, never for the future', async () => {
    const asked: Array<{ startTime: number; endTime: number }> = [];
    await scan(
      { stage: 'prod' },
      {
        rule: (call) => {
          if (call.operation === 'StartQuery' && isTraces(call.body))
            asked.push(JSON.parse(call.body) as { startTime: number; endTime: number });
          return undefined;
        },
      },
    );

    expect(asked.length).toBeGreaterThan(0);
    for (const times of asked) {
      expect(times.startTime).toBe((NOW - 3_600_000 - 30_000) / 1000);
      expect(times.endTime).toBe(NOW / 1000);
    }
  });
});

describe('scan API_ID: a stage that writes only an access log', () => {
  const ACCESS = '/aws/apigateway/staging-access';
  const FORMAT =
    '{"rid":"$context.requestId","code":"$context.status","why":"$context.error.responseType","msg":"$context.error.message","verb":"$context.httpMethod","route":"$context.resourcePath"}';
  const record = (rid: string, code: string, why: string, message: string) => ({
    timestamp: NOW - 10 * 60_000,
    message: JSON.stringify({ rid, code, why, msg: message, verb: 'GET', route: '/orders/{id}' }),
    logStreamName: 'access',
  });
  const ids = {
    denied: '11111111-2222-4333-8444-555555555555',
    unauthorized: '22222222-3333-4444-8555-666666666666',
    ok: '33333333-4444-4555-8666-777777777777',
  };

  function accessOnly(world: FakeAwsWorld): void {
    delete world.logGroups[STAGING_GROUP];
    world.restApis[ORDERS].stages.staging.methodSettings = {};
    world.restApis[ORDERS].stages.staging.accessLogSettings = {
      destinationArn: `arn:aws:logs:${SANDBOX_REGION}:123456789012:log-group:${ACCESS}`,
      format: FORMAT,
    };
    world.logGroups[ACCESS] = [
      record(ids.denied, '403', 'ACCESS_DENIED', 'User is not authorized to access this resource'),
      record(ids.unauthorized, '401', 'UNAUTHORIZED', 'Unauthorized'),
      record(ids.ok, '200', '-', '-'),
      { timestamp: NOW - 5 * 60_000, message: 'not a record of this format 403', logStreamName: 'access' },
    ];
  }

  it('counts its failed requests from the access log in its own JSON format, less sure, and says so', async () => {
    const result = await scan({ stage: 'staging' }, { edit: accessOnly });

    const counted = result.causes.flatMap((c) => c.requestIds);
    expect(counted.sort()).toEqual([ids.denied, ids.unauthorized].sort());
    expect(result.total).toBe(2);
    expect(result.failedRequests).toBe(2);
    for (const cause of result.causes) {
      expect(cause.stage).toBe('staging');
      expect(cause.confidence.high).toBe(0);
    }
    expect(result.complete).toBe(false);
    expect(result.gaps.map(english.t)).toContain(
      `Stage staging has no execution-log group (${STAGING_GROUP}): its 2 failed requests were counted from its access log ${ACCESS} alone, which tells less than a trace (see each confidence).`,
    );
    expect(partialText(result)).toBe(
      `1 record of the access log ${ACCESS} did not fit the stage's format and was not counted`,
    );
  });

  it("a window longer than the access log's retention makes its count a lower bound, and says since when", async () => {
    const result = await scan(
      { stage: 'staging', since: '7d' },
      {
        edit: (world) => {
          accessOnly(world);
          world.retentionDays = { [ACCESS]: 3 };
        },
      },
    );

    expect(result.total).toBe(2);
    expect(result.complete).toBe(false);
    expect(partialText(result)).toContain(
      `${ACCESS} keeps events for 3 days: what was written before 2026-11-21T10:00:00Z is deleted`,
    );
  });
});

/** What the CLI and the Slack bot print when the scan fails: the error's line and its hint. */
async function refusal(query: Partial<ScanQuery>, setup: Setup): Promise<{ message: string; hint?: string }> {
  const error: unknown = await scan(query, setup).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsError);
  return explainAwsError(error as AwsError);
}

const WINDOW = `--start-time ${NOW - 3_600_000} --end-time ${NOW}`;

describe('scan API_ID: Logs Insights refused', () => {
  it('StartQuery denied names the action and the groups, and gives the export and diagnose commands instead', async () => {
    const calls: FakeCall[] = [];
    const { message, hint } = await refusal({}, { options: { deny: [{ operation: 'StartQuery' }] }, calls });

    expect(message).toBe(`AWS denied logs:StartQuery on ${PROD_GROUP}, ${STAGING_GROUP}`);
    expect(hint).toBe(
      `scan API_ID reads the execution logs with Logs Insights: grant logs:StartQuery on ${PROD_GROUP}, ${STAGING_GROUP} (and logs:GetQueryResults, logs:StopQuery on *), as iam/why403-read-only.json does. ` +
        `Without Logs Insights, count an export: aws logs filter-log-events --region ${SANDBOX_REGION} --log-group-name '${PROD_GROUP}' ${WINDOW} > prod.json && why403 scan --file prod.json; ` +
        `aws logs filter-log-events --region ${SANDBOX_REGION} --log-group-name '${STAGING_GROUP}' ${WINDOW} > staging.json && why403 scan --file staging.json; ` +
        'or explain one request: why403 diagnose <request-id>',
    );
    // No fallback to reading the whole window with FilterLogEvents.
    expect(calls.filter((c) => c.operation === 'FilterLogEvents')).toEqual([]);
  });

  it('GetQueryResults denied says the query was started but its results cannot be read', async () => {
    const { message, hint } = await refusal(
      { stage: 'prod' },
      { options: { deny: [{ operation: 'GetQueryResults' }] } },
    );

    expect(message).toBe('AWS denied logs:GetQueryResults on *');
    expect(hint).toBe(
      `scan API_ID reads the execution logs with Logs Insights: it started a query on ${PROD_GROUP} but may not read its results: grant logs:GetQueryResults and logs:StopQuery on *, as iam/why403-read-only.json does. ` +
        `Without Logs Insights, count an export: aws logs filter-log-events --region ${SANDBOX_REGION} --log-group-name '${PROD_GROUP}' ${WINDOW} > prod.json && why403 scan --file prod.json; ` +
        'or explain one request: why403 diagnose <request-id>',
    );
  });

  it('LimitExceededException says the account runs too many queries at once, and how to see and stop them', async () => {
    const { message, hint } = await refusal(
      { stage: 'prod' },
      {
        rule: (call) =>
          call.operation === 'StartQuery'
            ? {
                kind: 'reply',
                status: 400,
                headers: { 'content-type': 'application/x-amz-json-1.1' },
                body: JSON.stringify({
                  __type: 'LimitExceededException',
                  message: 'Account maximum query concurrency limit of [30] reached.',
                }),
              }
            : undefined,
      },
    );

    expect(message).toBe(
      'CloudWatch Logs StartQuery was still refused (LimitExceededException) after 6 attempts: the account already runs as many Logs Insights queries at once as its quota allows (queries of dashboards and other tools count too)',
    );
    expect(hint).toBe(
      `wait a few minutes for them to end, or stop some: aws logs describe-queries --status Running --region ${SANDBOX_REGION}, then aws logs stop-query --query-id <queryId> --region ${SANDBOX_REGION}`,
    );
  });
});

describe('scan API_ID: failed requests that left no failure line in the execution log', () => {
  const ORDERS_ACCESS = '/aws/apigateway/orders-access';
  const blocked = '44444444-5555-4666-8777-888888888888';
  const WEB_ACL = `arn:aws:wafv2:${SANDBOX_REGION}:123456789012:regional/webacl/orders/1`;

  /** A request AWS WAF blocked on stage prod: in the access log only, its execution log holding no line of it. */
  function blockedByWaf(world: FakeAwsWorld): void {
    world.restApis[ORDERS].stages.prod.webAclArn = WEB_ACL;
    world.logGroups[ORDERS_ACCESS].push({
      timestamp: NOW - 10 * 60_000,
      message: JSON.stringify({
        requestId: blocked,
        ip: '203.0.113.50',
        httpMethod: 'GET',
        resourcePath: '/orders/{id}',
        path: '/prod/orders/17',
        status: '403',
        responseType: 'WAF_FILTERED',
        errorMessage: 'Forbidden',
      }),
      logStreamName: 'access',
    });
  }

  it('counts them from the access log, each once, and says how many and from where', async () => {
    const result = await scan({ stage: 'prod' }, { edit: blockedByWaf });

    const waf = result.causes.find((c) => c.requestIds.includes(blocked));
    expect(waf?.cause).toBe('waf-block');
    const counted = result.causes.flatMap((c) => c.requestIds);
    expect(new Set(counted).size).toBe(counted.length);
    expect(result.total).toBe(result.failedRequests);
    expect(result.gaps.map((g) => english.t(g))).toContain(
      `1 failed request of stage prod left no failure line in its execution log (refused before the method ran: by a web ACL, say) and was counted from its access log ${ORDERS_ACCESS} alone, which tells less than a trace (see each confidence).`,
    );
  });

  it('says that a web ACL blocks uncounted requests when the stage writes no access log', async () => {
    const result = await scan(
      { stage: 'prod' },
      {
        edit: (world) => {
          blockedByWaf(world);
          delete world.restApis[ORDERS].stages.prod.accessLogSettings;
        },
      },
    );

    expect(result.causes.flatMap((c) => c.requestIds)).not.toContain(blocked);
    expect(result.complete).toBe(false);
    expect(result.gaps.map((g) => english.t(g))).toContain(
      'Stage prod has a web ACL and writes no access log to CloudWatch Logs: requests AWS WAF blocks leave no line in the execution log, so they are not counted.',
    );
  });

  it('does not read the access log when the execution log’s failed requests are not all known', async () => {
    const calls: FakeCall[] = [];
    const result = await scan(
      { stage: 'prod' },
      {
        edit: blockedByWaf,
        rule: resultsOf(isFailed, (json) => ({ ...json, status: 'Timeout' })),
        calls,
      },
    );

    expect(result.causes.flatMap((c) => c.requestIds)).not.toContain(blocked);
    expect(calls.filter((c) => c.operation === 'StartQuery' && c.target === ORDERS_ACCESS)).toEqual([]);
  });
});
