import nock from 'nock';
import type { ClientRequest } from 'node:http';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { AwsClientPool } from '../../src/aws/clients';
import {
  AwsAccessDeniedError,
  AwsError,
  AwsMalformedResponseError,
  AwsServiceError,
  explainAwsError,
  AwsNotFoundError,
  AwsTimeoutError,
  AwsUnavailableError,
  LogGroupMissingError,
} from '../../src/aws/errors';
import { RateLimiter } from '../../src/aws/limiter';
import { LogsReader } from '../../src/aws/logs';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/aws/retry';
import { english } from '../../src/render/localize';
import { rejectionOf } from '../support/failures';

const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const API_ID = 'abc1234567';
const GROUP = `API-Gateway-Execution-Logs_${API_ID}/prod`;
const DEV_GROUP = `API-Gateway-Execution-Logs_${API_ID}/dev`;
const REQUEST_ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';
const PATTERN = `"${REQUEST_ID}"`;
/** 2026-11-24T09:00:00.250Z, on purpose not on a whole second. */
const START = Date.UTC(2026, 10, 24, 9, 0, 0, 250);
/** 2026-11-24T10:00:00.999Z */
const END = Date.UTC(2026, 10, 24, 10, 0, 0, 999);
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

interface Seen {
  target: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

type LogsOperation = 'FilterLogEvents' | 'DescribeLogGroups' | 'StartQuery' | 'GetQueryResults' | 'StopQuery';
type LogsReply = [status: number, body: object | string, headers?: Record<string, string>];

/** Answers to one CloudWatch Logs operation, in order, in awsJson1_1: `POST /`, the operation in X-Amz-Target. */
function logsAnswers(operation: LogsOperation, ...replies: Array<LogsReply | (() => LogsReply)>): nock.Scope {
  const scope = nock(LOGS);
  for (const reply of replies) {
    const interceptor = scope.post('/').matchHeader('x-amz-target', `Logs_20140328.${operation}`);
    if (typeof reply === 'function') interceptor.reply(() => [reply()[0], reply()[1], JSON_11]);
    else interceptor.reply(reply[0], reply[1], reply[2] ?? JSON_11);
  }
  return scope;
}

/** A FilterLogEvents page; the last one has no nextToken. */
function page(events: object[], nextToken?: string) {
  return { events, searchedLogStreams: [], ...(nextToken ? { nextToken } : {}) };
}

/** Every request the fake CloudWatch Logs endpoint answered: operation, parsed JSON body, headers. */
function recordRequests(scope: nock.Scope): Seen[] {
  const seen: Seen[] = [];
  scope.on(
    'request',
    (req: ClientRequest & { headers: Record<string, string> }, _interceptor, body: string) => {
      seen.push({
        target: req.headers['x-amz-target'],
        body: JSON.parse(body) as Record<string, unknown>,
        headers: req.headers,
      });
    },
  );
  return seen;
}

/** Requests nock had no answer for (with net connect disabled they would fail). */
function unmatchedRequests(): { list: string[]; stop: () => void } {
  const list: string[] = [];
  const listener = (req: { method?: string; path?: string; hostname?: string }) =>
    list.push(`${req.method} ${req.hostname}${req.path}`);
  nock.emitter.on('no match', listener);
  return { list, stop: () => nock.emitter.removeListener('no match', listener) };
}

function event(offsetMs: number, message: string, stream = '2026/11/24/[$LATEST]stream-a') {
  return {
    logStreamName: stream,
    timestamp: START + offsetMs,
    message,
    ingestionTime: START + offsetMs + 120,
    eventId: `3796${offsetMs}000000000000000000000000000000000000000000000000`,
  };
}

function fakeClock() {
  let now = 1_000_000;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
}

/** Retry waits, recorded instead of slept. */
function recordedWaits() {
  const waits: number[] = [];
  return {
    waits,
    retry: { sleep: async (ms: number) => void waits.push(ms) } satisfies Partial<RetryPolicy>,
  };
}

/**
 * A reader as production builds it: the pool, default credentials from the environment, region eu-west-1, the
 * default retry policy (its waits recorded, not slept, unless `retry` says otherwise).
 */
async function pooledReader(retry: Partial<RetryPolicy> = recordedWaits().retry): Promise<LogsReader> {
  return (await new AwsClientPool({ retry }).forTarget({ region: REGION })).logs;
}

/** A reader around a real client, with a limiter whose waits are recorded instead of slept. */
function readerWithClock(perSecond: number, burst: number) {
  const clock = fakeClock();
  const client = new CloudWatchLogsClient({
    region: REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLEEXAMPLE00', secretAccessKey: 'fake-secret' },
    maxAttempts: 1,
  });
  const retry = { ...DEFAULT_RETRY_POLICY, sleep: async () => undefined };
  return {
    clock,
    reader: new LogsReader(client, new RateLimiter(perSecond, burst, clock.now, clock.sleep), retry),
  };
}

function filterRequest(overrides: Partial<Parameters<LogsReader['filterEvents']>[0]> = {}) {
  return { logGroup: GROUP, pattern: PATTERN, start: START, end: END, pageBudget: 20, ...overrides };
}

describe('LogsReader.filterEvents', () => {
  it('sends the quoted request id and the window in epoch ms, and follows nextToken through empty pages', async () => {
    const scope = logsAnswers(
      'FilterLogEvents',
      [200, page([], 'T1')],
      [200, page([], 'T2')],
      [
        200,
        page([
          event(10, `(${REQUEST_ID}) Extended Request Id: cF1hXGmxIAMFbsQ=`),
          event(25, `(${REQUEST_ID}) Method completed with status: 403`),
        ]),
      ],
    );
    const seen = recordRequests(scope);

    const result = await (await pooledReader()).filterEvents(filterRequest());

    const first = { logGroupName: GROUP, filterPattern: PATTERN, startTime: START, endTime: END };
    expect(seen.map((s) => s.body)).toEqual([
      first,
      { ...first, nextToken: 'T1' },
      { ...first, nextToken: 'T2' },
    ]);
    expect(seen.every((s) => s.target === 'Logs_20140328.FilterLogEvents')).toBe(true);
    expect(seen[0].headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(result).toEqual({
      pages: 3,
      events: [
        {
          timestamp: START + 10,
          message: `(${REQUEST_ID}) Extended Request Id: cF1hXGmxIAMFbsQ=`,
          logStreamName: '2026/11/24/[$LATEST]stream-a',
        },
        {
          timestamp: START + 25,
          message: `(${REQUEST_ID}) Method completed with status: 403`,
          logStreamName: '2026/11/24/[$LATEST]stream-a',
        },
      ],
    });
    expect(result.partial).toBeUndefined();
  });

  it('keeps events from every page in order and stops only when nextToken is missing', async () => {
    const scope = logsAnswers(
      'FilterLogEvents',
      [200, page([event(1, 'one'), event(2, 'two')], 'A')],
      [200, page([event(3, 'three', 'stream-b')])],
    );
    const seen = recordRequests(scope);

    const result = await (
      await pooledReader()
    ).filterEvents(filterRequest({ pattern: '{ $.status = 403 }' }));

    expect(seen.map((s) => [s.body.filterPattern, s.body.nextToken])).toEqual([
      ['{ $.status = 403 }', undefined],
      ['{ $.status = 403 }', 'A'],
    ]);
    expect(result.events.map((e) => [e.message, e.logStreamName])).toEqual([
      ['one', '2026/11/24/[$LATEST]stream-a'],
      ['two', '2026/11/24/[$LATEST]stream-a'],
      ['three', 'stream-b'],
    ]);
    expect(result.pages).toBe(2);
  });

  it('takes a limiter token before every page', async () => {
    logsAnswers('FilterLogEvents', [200, page([], 'T1')], [200, page([], 'T2')], [200, page([])]);
    const { clock, reader } = readerWithClock(2, 1);

    const result = await reader.filterEvents(filterRequest());

    expect(result.pages).toBe(3);
    expect(clock.waits).toEqual([500, 500]);
  });

  it('stops at the page budget while nextToken keeps coming, and says why', async () => {
    const scope = logsAnswers(
      'FilterLogEvents',
      [200, page([], 'T1')],
      [200, page([event(2, 'found')], 'T2')],
      [200, page([], 'T3')],
    );
    const seen = recordRequests(scope);

    const result = await (await pooledReader()).filterEvents(filterRequest({ pageBudget: 3 }));

    expect(seen).toHaveLength(3);
    expect(result.pages).toBe(3);
    expect(english.t(result.partial ?? '')).toBe('stopped after 3 pages (the page budget)');
    expect(result.events.map((e) => e.message)).toEqual(['found']);
  });

  it('is complete, not partial, when the last page arrives exactly on the budget', async () => {
    logsAnswers('FilterLogEvents', [200, page([], 'T1')], [200, page([event(5, 'last')])]);

    const result = await (await pooledReader()).filterEvents(filterRequest({ pageBudget: 2 }));

    expect(result).toEqual({ pages: 2, events: [expect.objectContaining({ message: 'last' })] });
  });

  it('reads an event without a stream name or message as empty text', async () => {
    logsAnswers('FilterLogEvents', [200, page([{ timestamp: START, eventId: '1' }])]);

    const result = await (await pooledReader()).filterEvents(filterRequest());

    expect(result.events).toEqual([{ timestamp: START, message: '', logStreamName: undefined }]);
  });

  it.each<[string, number, object, abstract new (...args: never[]) => Error, string]>([
    [
      'ResourceNotFoundException',
      400,
      { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' },
      LogGroupMissingError,
      `log group ${GROUP} does not exist`,
    ],
    [
      'AccessDeniedException',
      400,
      {
        __type: 'AccessDeniedException',
        message: `User: arn:aws:sts::123456789012:assumed-role/why403/bot is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:eu-west-1:123456789012:log-group:${GROUP}:log-stream: because no identity-based policy allows the logs:FilterLogEvents action`,
      },
      AwsAccessDeniedError,
      `AccessDenied: logs:FilterLogEvents on ${GROUP}`,
    ],
  ])('turns a %s answer into a named error', async (type, status, body, expectedClass, message) => {
    logsAnswers('FilterLogEvents', [status, body]);

    const error = await rejectionOf<AwsError>((await pooledReader()).filterEvents(filterRequest()));

    expect(error).toBeInstanceOf(expectedClass);
    expect(error.message).toBe(message);
    expect(error.operation).toBe('FilterLogEvents');
    expect(error.resource).toBe(GROUP);
    expect((error.cause as Error).name).toBe(type);
  });

  it('names an InvalidParameterException in one line, with the service and the call', async () => {
    logsAnswers('FilterLogEvents', [
      400,
      { __type: 'InvalidParameterException', message: 'Invalid filter pattern' },
    ]);

    const error = await rejectionOf<AwsServiceError>(
      (await pooledReader()).filterEvents(filterRequest({ pattern: '"unterminated' })),
    );

    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe(
      'CloudWatch Logs FilterLogEvents failed: InvalidParameterException: Invalid filter pattern',
    );
  });

  it('retries a page throttled three times, waiting longer each time, and reads it complete', async () => {
    const throttled: LogsReply = [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }];
    const scope = logsAnswers('FilterLogEvents', throttled, throttled, throttled, [
      200,
      page([event(5, `(${REQUEST_ID}) Method completed with status: 403`)]),
    ]);
    const seen = recordRequests(scope);
    const { waits, retry } = recordedWaits();

    const result = await (await pooledReader({ ...retry, random: () => 0 })).filterEvents(filterRequest());

    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => JSON.stringify(s.body))).size).toBe(1); // the same page asked again
    expect(waits).toEqual([125, 250, 500]);
    expect(result).toEqual({ pages: 1, events: [expect.objectContaining({ timestamp: START + 5 })] });
  });

  it('retries the failed page only, keeping the pages read before it', async () => {
    const scope = logsAnswers(
      'FilterLogEvents',
      [200, page([event(1, 'first')], 'T1')],
      [503, { __type: 'ServiceUnavailableException', message: 'The service cannot complete the request.' }],
      [200, page([event(2, 'second')])],
    );
    const seen = recordRequests(scope);

    const result = await (await pooledReader()).filterEvents(filterRequest());

    expect(seen.map((s) => s.body.nextToken)).toEqual([undefined, 'T1', 'T1']);
    expect(result.events.map((e) => e.message)).toEqual(['first', 'second']);
    expect(result.partial).toBeUndefined();
  });

  it('takes a limiter token before every attempt, retries included', async () => {
    logsAnswers(
      'FilterLogEvents',
      [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }],
      [200, page([])],
    );
    const { clock, reader } = readerWithClock(2, 1);

    await reader.filterEvents(filterRequest());

    expect(clock.waits).toEqual([500]);
  });

  it.each<[string, LogsReply, string]>([
    [
      'throttling',
      [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }],
      'CloudWatch Logs FilterLogEvents was throttled (ThrottlingException) after 3 attempts',
    ],
    [
      'a 503',
      [503, { __type: 'ServiceUnavailableException', message: 'The service cannot complete the request.' }],
      'CloudWatch Logs FilterLogEvents kept failing (ServiceUnavailableException) after 3 attempts',
    ],
  ])('gives up on %s that outlasts the retries with a named error', async (_label, reply, message) => {
    logsAnswers('FilterLogEvents', reply, reply, reply);

    const error = await rejectionOf<AwsUnavailableError>(
      (await pooledReader({ ...recordedWaits().retry, attempts: 3 })).filterEvents(filterRequest()),
    );

    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error.message).toBe(message);
    expect(error.detail?.attempts).toBe(3);
    expect(error.resource).toBe(GROUP);
  });

  it('stops retrying when the time budget ends while it waits', async () => {
    const budget = new AbortController();
    const throttled: LogsReply = [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }];
    logsAnswers('FilterLogEvents', throttled, throttled);
    let waits = 0;
    const retry = { sleep: async () => void (++waits === 2 && budget.abort()) };

    const error = await rejectionOf<AwsUnavailableError>(
      (await pooledReader(retry)).filterEvents(filterRequest({ signal: budget.signal })),
    );

    expect(error).toBeInstanceOf(AwsUnavailableError);
    expect(error.detail).toMatchObject({ reason: 'throttled', attempts: 2, budgetEnded: true });
  });

  it.each<[string, LogsReply[], string]>([
    [
      'invalid JSON',
      [[200, '{"events": [{"timestamp": 17', JSON_11]],
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: not valid JSON) for ${GROUP}`,
    ],
    [
      "a proxy's HTML page (a 502, retried first)",
      Array<LogsReply>(6).fill([
        502,
        '<html><body><h1>502 Bad Gateway</h1></body></html>',
        { 'content-type': 'text/html' },
      ]),
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 502: an HTML page instead of AWS's JSON) for ${GROUP}`,
    ],
    [
      'a body cut off (retried first)',
      Array<LogsReply>(6).fill([200, '{"events": []}', { ...JSON_11, 'content-length': '400' }]),
      `CloudWatch Logs FilterLogEvents returned a malformed response (the body was cut off) for ${GROUP}`,
    ],
    [
      'events that are not a list',
      [[200, { events: 5, searchedLogStreams: [] }]],
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: "events" is not a list) for ${GROUP}`,
    ],
    [
      'an empty body',
      [[200, '', JSON_11]],
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: no "events") for ${GROUP}`,
    ],
  ])('names the call in one line when the body is malformed: %s', async (_label, replies, message) => {
    logsAnswers('FilterLogEvents', ...replies);

    const error = await rejectionOf<AwsMalformedResponseError>(
      (await pooledReader()).filterEvents(filterRequest()),
    );

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(explainAwsError(error).message).toBe(message);
  });

  it('keeps the events read when the signal aborts between pages, and says the read is partial', async () => {
    const controller = new AbortController();
    logsAnswers('FilterLogEvents', [200, page([event(1, 'first page')], 'T1')], () => {
      controller.abort();
      return [200, page([], 'T2')];
    });

    const result = await (await pooledReader()).filterEvents(filterRequest({ signal: controller.signal }));

    expect(result.events.map((e) => e.message)).toEqual(['first page']);
    expect(english.t(result.partial ?? '')).toBe(
      `CloudWatch Logs FilterLogEvents on ${GROUP} did not finish within the time budget`,
    );
  });

  it('still fails, named, when the signal aborts before any event was read', async () => {
    const controller = new AbortController();
    logsAnswers('FilterLogEvents', [200, page([], 'T1')], () => {
      controller.abort();
      return [200, page([], 'T2')];
    });

    const error = await rejectionOf<AwsError>(
      (await pooledReader()).filterEvents(filterRequest({ signal: controller.signal })),
    );

    expect(error).toBeInstanceOf(AwsTimeoutError);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const unmatched = unmatchedRequests();
    try {
      const error = await rejectionOf<AwsError>(
        (await pooledReader()).filterEvents(filterRequest({ signal: AbortSignal.abort() })),
      );

      expect(error).toBeInstanceOf(AwsTimeoutError);
      expect(unmatched.list).toEqual([]);
    } finally {
      unmatched.stop();
    }
  });
});

describe('LogsReader.logGroupNames', () => {
  const prefix = `API-Gateway-Execution-Logs_${API_ID}/`;
  const group = (name: string) => ({
    logGroupName: name,
    creationTime: 1_700_000_000_000,
    retentionInDays: 30,
    metricFilterCount: 0,
    arn: `arn:aws:logs:eu-west-1:123456789012:log-group:${name}:*`,
    logGroupArn: `arn:aws:logs:eu-west-1:123456789012:log-group:${name}`,
    storedBytes: 1024,
  });

  it('lists every stage group by prefix across pages, 50 at a time', async () => {
    const scope = logsAnswers(
      'DescribeLogGroups',
      [200, { logGroups: [group(DEV_GROUP)], nextToken: 'N1' }],
      [200, { logGroups: [group(GROUP), { arn: 'arn:without:name' }] }],
    );
    const seen = recordRequests(scope);

    const names = await (await pooledReader()).logGroupNames(prefix);

    expect(names).toEqual([DEV_GROUP, GROUP]);
    expect(seen.map((s) => s.body)).toEqual([
      { logGroupNamePrefix: prefix, limit: 50 },
      { logGroupNamePrefix: prefix, limit: 50, nextToken: 'N1' },
    ]);
  });

  it('returns no names when nothing matches', async () => {
    logsAnswers('DescribeLogGroups', [200, { logGroups: [] }]);
    await expect((await pooledReader()).logGroupNames(prefix)).resolves.toEqual([]);
  });

  it('names logs:DescribeLogGroups and the prefix when access is denied', async () => {
    logsAnswers('DescribeLogGroups', [
      400,
      { __type: 'AccessDeniedException', message: 'not authorized to perform: logs:DescribeLogGroups' },
    ]);

    const error = await rejectionOf<AwsAccessDeniedError>((await pooledReader()).logGroupNames(prefix));

    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.action).toBe('logs:DescribeLogGroups');
    expect(error.resource).toBe(`${prefix}*`);
  });
});

describe('LogsReader.startQuery', () => {
  const QUERY = [
    'fields @timestamp, @logStream, @message',
    '| filter @message like /Method completed with status: 403/',
    '| parse @message /^\\((?<requestId>[^)]+)\\)/',
    '| sort @timestamp desc | limit 50',
  ].join('\n');

  it('sends the groups, the query and the window in epoch seconds, and returns the query id', async () => {
    const scope = logsAnswers('StartQuery', [200, { queryId: '12ab3456-12ab-123a-789e-1234567890ab' }]);
    const seen = recordRequests(scope);

    const queryId = await (await pooledReader()).startQuery([GROUP, DEV_GROUP], QUERY, START, END);

    expect(queryId).toBe('12ab3456-12ab-123a-789e-1234567890ab');
    expect(seen.map((s) => s.body)).toEqual([
      {
        logGroupNames: [GROUP, DEV_GROUP],
        queryString: QUERY,
        startTime: Math.floor(START / 1000),
        endTime: Math.floor(END / 1000),
        limit: 10_000,
      },
    ]);
    expect(seen[0].body.startTime).toBe(1_795_510_800);
    expect(seen[0].body.endTime).toBe(1_795_514_400);
  });

  it('calls an answer without a query id malformed', async () => {
    logsAnswers('StartQuery', [200, {}]);
    const error = await rejectionOf<AwsMalformedResponseError>(
      (await pooledReader()).startQuery([GROUP], QUERY, START, END),
    );
    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.message).toBe(
      `CloudWatch Logs StartQuery returned a malformed response (HTTP 200: no queryId) for ${GROUP}`,
    );
  });

  // Too many concurrent queries is retried like throttling (twice here); the others are answered once.
  it.each<[string, object, abstract new (...args: never[]) => Error, number]>([
    [
      'LimitExceededException',
      {
        __type: 'LimitExceededException',
        message: 'Account maximum query concurrency limit of [100] reached.',
      },
      AwsUnavailableError,
      2,
    ],
    [
      'ResourceNotFoundException',
      { __type: 'ResourceNotFoundException', message: 'Log group does not exist' },
      AwsNotFoundError,
      1,
    ],
    [
      'AccessDeniedException',
      { __type: 'AccessDeniedException', message: 'not authorized to perform: logs:StartQuery' },
      AwsAccessDeniedError,
      1,
    ],
  ])('turns %s into a named error about the groups', async (_type, body, expectedClass, answers) => {
    logsAnswers('StartQuery', ...Array<LogsReply>(answers).fill([400, body]));

    const error = await rejectionOf<AwsError>(
      (await pooledReader({ ...recordedWaits().retry, attempts: 2 })).startQuery(
        [GROUP, DEV_GROUP],
        QUERY,
        START,
        END,
      ),
    );

    expect(error).toBeInstanceOf(expectedClass);
    expect(error.operation).toBe('StartQuery');
    expect(error.resource).toBe(`${GROUP}, ${DEV_GROUP}`);
  });

  it('names a MalformedQueryException in one line', async () => {
    logsAnswers('StartQuery', [
      400,
      {
        __type: 'MalformedQueryException',
        message: 'unexpected symbol found |',
        queryCompileError: { location: { start: 0, end: 1 }, message: 'unexpected symbol' },
      },
    ]);

    const error = await rejectionOf<Error>((await pooledReader()).startQuery([GROUP], '| |', START, END));

    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error.message).toBe(
      'CloudWatch Logs StartQuery failed: MalformedQueryException: unexpected symbol found |',
    );
  });
});

describe('LogsReader.queryResults', () => {
  const QUERY_ID = '12ab3456-12ab-123a-789e-1234567890ab';

  it('turns each row of {field, value} cells into a record and keeps the scan statistics', async () => {
    const scope = logsAnswers('GetQueryResults', [
      200,
      {
        status: 'Complete',
        results: [
          [
            { field: '@timestamp', value: '2026-11-24 09:00:00.010' },
            { field: '@message', value: `(${REQUEST_ID}) Method completed with status: 403` },
            { field: 'requestId', value: REQUEST_ID },
            { field: '@ptr', value: 'CmAKJwojMTIzNDU2Nzg5MDEyOkFQSS1HYXRld2F5' },
          ],
          [
            { field: '@timestamp', value: '2026-11-24 09:00:02.000' },
            { field: '@ptr', value: 'CmAKJwojMTIzNDU2Nzg5MDEyOkFQSS1HYXRld2F6' },
          ],
        ],
        statistics: {
          recordsMatched: 2.0,
          recordsScanned: 5120.0,
          estimatedRecordsSkipped: 0.0,
          bytesScanned: 1048576.0,
          estimatedBytesSkipped: 0.0,
          logGroupsScanned: 2.0,
        },
      },
    ]);
    const seen = recordRequests(scope);

    const results = await (await pooledReader()).queryResults(QUERY_ID);

    expect(seen.map((s) => s.body)).toEqual([{ queryId: QUERY_ID }]);
    expect(results).toEqual({
      status: 'Complete',
      rows: [
        {
          '@timestamp': '2026-11-24 09:00:00.010',
          '@message': `(${REQUEST_ID}) Method completed with status: 403`,
          requestId: REQUEST_ID,
          '@ptr': 'CmAKJwojMTIzNDU2Nzg5MDEyOkFQSS1HYXRld2F5',
        },
        { '@timestamp': '2026-11-24 09:00:02.000', '@ptr': 'CmAKJwojMTIzNDU2Nzg5MDEyOkFQSS1HYXRld2F6' },
      ],
      bytesScanned: 1048576,
      recordsMatched: 2,
    });
  });

  it.each([
    [
      'Scheduled',
      {
        status: 'Scheduled',
        results: [],
        statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
      },
      'Scheduled',
      0,
    ],
    [
      'Running with partial rows',
      {
        status: 'Running',
        results: [[{ field: '@ptr', value: 'p' }]],
        statistics: { recordsMatched: 1, recordsScanned: 10, bytesScanned: 300 },
      },
      'Running',
      1,
    ],
    ['no statistics', { status: 'Complete' }, 'Complete', 0],
  ])('reads a %s answer', async (_label, body, status, rows) => {
    logsAnswers('GetQueryResults', [200, body]);

    const results = await (await pooledReader()).queryResults(QUERY_ID);

    expect(results.status).toBe(status);
    expect(results.rows).toHaveLength(rows);
  });

  it('calls an answer without a status malformed', async () => {
    logsAnswers('GetQueryResults', [200, {}]);

    const error = await rejectionOf<AwsMalformedResponseError>((await pooledReader()).queryResults(QUERY_ID));

    expect(error).toBeInstanceOf(AwsMalformedResponseError);
    expect(error.problem).toBe('no status');
  });

  it('names the query id when the query is unknown', async () => {
    logsAnswers('GetQueryResults', [
      400,
      { __type: 'ResourceNotFoundException', message: 'Query does not exist' },
    ]);

    const error = await rejectionOf<AwsError>((await pooledReader()).queryResults(QUERY_ID));

    expect(error).toBeInstanceOf(AwsNotFoundError);
    expect(error.message).toBe(`${QUERY_ID} was not found (Query does not exist)`);
  });
});

describe('LogsReader.stopQuery', () => {
  const QUERY_ID = '12ab3456-12ab-123a-789e-1234567890ab';

  it('sends Logs_20140328.StopQuery with the query id', async () => {
    const scope = logsAnswers('StopQuery', [200, { success: true }]);
    const seen = recordRequests(scope);

    await expect((await pooledReader()).stopQuery(QUERY_ID)).resolves.toBe(true);

    expect(seen).toEqual([
      expect.objectContaining({ target: 'Logs_20140328.StopQuery', body: { queryId: QUERY_ID } }),
    ]);
  });

  it('names logs:StopQuery when it is denied', async () => {
    logsAnswers('StopQuery', [
      400,
      { __type: 'AccessDeniedException', message: 'not authorized to perform: logs:StopQuery' },
    ]);

    const error = await rejectionOf<AwsAccessDeniedError>((await pooledReader()).stopQuery(QUERY_ID));

    expect(error.action).toBe('logs:StopQuery');
  });
});
