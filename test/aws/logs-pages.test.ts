import nock from 'nock';
import { AwsClientPool } from '../../src/aws/clients';
import { AwsAccessDeniedError, AwsUnavailableError } from '../../src/aws/errors';
import type { LogsReader } from '../../src/aws/logs';
import { english } from '../../src/render/localize';
import { rejectionOf } from '../support/failures';

/**
 * FilterLogEvents paging against faults that come after the first page: the lines already read are the request's
 * evidence and are kept (the read is partial, and says why), and a nextToken that comes back again ends the read
 * before it reads a page twice.
 */

const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const GROUP = 'API-Gateway-Execution-Logs_abc1234567/prod';
const REQUEST_ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';
const START = Date.UTC(2026, 10, 24, 9, 0, 0);
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

type Reply = [status: number, body: object | string, headers?: Record<string, string>];

function event(offsetMs: number, message: string) {
  return {
    logStreamName: 'stream-a',
    timestamp: START + offsetMs,
    message: `(${REQUEST_ID}) ${message}`,
    ingestionTime: START + offsetMs + 120,
    eventId: `${offsetMs}`,
  };
}

function page(events: object[], nextToken?: string) {
  return { events, searchedLogStreams: [], ...(nextToken ? { nextToken } : {}) };
}

/** FilterLogEvents answers in order, each for the nextToken it is asked with (none for the first). */
function answers(...replies: Array<[token: string | undefined, reply: Reply]>): nock.Scope {
  const scope = nock(LOGS);
  for (const [token, [status, body, headers]] of replies)
    scope
      .post('/', (sent: { nextToken?: string }) => sent.nextToken === token)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .reply(status, body, headers ?? JSON_11);
  return scope;
}

async function reader(): Promise<LogsReader> {
  const pool = new AwsClientPool({ filterLogEventsPerSecond: 1000, retry: { sleep: async () => undefined } });
  return (await pool.forTarget({ region: REGION })).logs;
}

function read(logs: LogsReader) {
  return logs.filterEvents({
    logGroup: GROUP,
    pattern: `"${REQUEST_ID}"`,
    start: START,
    end: START + 3_600_000,
    pageBudget: 20,
  });
}

const FIRST: Reply = [200, page([event(1, 'Starting authorizer: 8xkq2m')], 'T1')];
const throttled: Reply = [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }];
const unavailable: Reply = [503, { __type: 'ServiceUnavailableException', message: 'Service Unavailable' }];
const denied: Reply = [400, { __type: 'AccessDeniedException', message: 'not authorized' }];
const html: Reply = [502, '<html><h1>502 Bad Gateway</h1></html>', { 'content-type': 'text/html' }];
const truncated: Reply = [200, '{"events": [{"timestamp": 17', JSON_11];

describe('FilterLogEvents: a page that fails after events were read', () => {
  it.each<[string, Reply[], string]>([
    [
      'throttling that outlasts the retries',
      Array<Reply>(6).fill(throttled),
      'CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 6 attempts',
    ],
    [
      '5xx that outlast the retries',
      Array<Reply>(6).fill(unavailable),
      'CloudWatch Logs FilterLogEvents kept failing (ServiceUnavailableException) after 6 attempts',
    ],
    ['AccessDenied', [denied], `AWS denied logs:FilterLogEvents on ${GROUP}`],
    [
      "a proxy's HTML page",
      Array<Reply>(6).fill(html),
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 502: an HTML page instead of AWS's JSON) for ${GROUP}`,
    ],
    [
      'a truncated body',
      [truncated],
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: not valid JSON) for ${GROUP}`,
    ],
  ])('%s: keeps the lines read, and the read is partial, saying why', async (_fault, replies, reason) => {
    answers([undefined, FIRST], ...replies.map((reply): [string, Reply] => ['T1', reply]));

    const result = await read(await reader());

    expect(result.events.map((e) => e.message)).toEqual([`(${REQUEST_ID}) Starting authorizer: 8xkq2m`]);
    expect(english.t(result.partial ?? '')).toContain(reason);
  });

  it.each<[string, Reply[], new (...args: never[]) => Error]>([
    ['AccessDenied', [denied], AwsAccessDeniedError],
    ['throttling', Array<Reply>(6).fill(throttled), AwsUnavailableError],
  ])('%s on the first page still fails, named: nothing was read', async (_fault, replies, type) => {
    answers(...replies.map((reply): [undefined, Reply] => [undefined, reply]));

    const error = await rejectionOf<Error>(read(await reader()));

    expect(error).toBeInstanceOf(type);
  });
});

describe('FilterLogEvents: a nextToken that comes back again', () => {
  it('stops before reading a page twice, keeps every event once, and says the read is partial', async () => {
    answers([undefined, FIRST], ['T1', [200, page([event(2, 'Incoming identity: ****Xy9pQ2')], 'T1')]]);

    const result = await read(await reader());

    expect(result.events.map((e) => e.timestamp - START)).toEqual([1, 2]);
    expect(result.pages).toBe(2);
    expect(english.t(result.partial ?? '')).toBe(
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: "nextToken" came back again: the listing would never end) for ${GROUP}`,
    );
  });

  it('follows new tokens through empty pages as before', async () => {
    answers(
      [undefined, [200, page([], 'T1')]],
      ['T1', [200, page([], 'T2')]],
      ['T2', [200, page([event(3, 'Method completed with status: 403')])]],
    );

    const result = await read(await reader());

    expect(result.events).toHaveLength(1);
    expect(result.partial).toBeUndefined();
  });
});
