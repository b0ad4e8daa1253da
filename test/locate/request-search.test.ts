import nock from 'nock';
import { AwsClientPool } from '../../src/aws/clients';
import { AwsCredentialsError } from '../../src/aws/errors';
import { newestFirstSlices } from '../../src/config/duration';
import { searchRequest, type SearchTarget } from '../../src/locate/request-search';
import { english } from '../../src/render/localize';

/**
 * The search for one request id: every slice of the window of every group at once (one round trip whatever the
 * request's age), the newest first in line, the first hit stopping the rest; what the other slices could not read
 * matters only when nothing was found.
 */

const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const ID = '8c7b6a5f-4e3d-4c2b-9a1f-0e9d8c7b6a5f';
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const WINDOW = { start: NOW - 24 * 3_600_000, end: NOW };

type Body = Record<string, unknown>;

async function target(group = GROUP): Promise<SearchTarget> {
  const access = await new AwsClientPool({
    filterLogEventsPerSecond: 50,
    retry: { attempts: 1, sleep: async () => undefined },
  }).forTarget({ region: REGION });
  return { access, restApiId: 'a1b2c3d4e5', stage: 'prod', logGroup: group };
}

/** Holds every answer until `count` requests have arrived: they were all sent before any came back. */
function gate(count: number) {
  const arrived: Body[] = [];
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    arrived,
    async hold(body: Body) {
      arrived.push(body);
      if (arrived.length === count) open();
      await opened;
    },
  };
}

function page(events: Array<{ timestamp: number; message: string }>) {
  return {
    events: events.map((e, i) => ({
      logStreamName: 's',
      ingestionTime: e.timestamp,
      eventId: String(i),
      ...e,
    })),
    searchedLogStreams: [],
  };
}

describe('searchRequest', () => {
  it('sends every slice at once, and a request three hours old is found in that one round trip', async () => {
    const slices = newestFirstSlices(WINDOW);
    const g = gate(slices.length);
    const old = NOW - 3 * 3_600_000;
    nock(LOGS)
      .persist()
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/')
      .reply(async (_uri, raw) => {
        const body = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Body;
        await g.hold(body);
        const within = (body.startTime as number) <= old && old <= (body.endTime as number);
        return [
          200,
          page(within ? [{ timestamp: old, message: `(${ID}) Method completed with status: 403` }] : []),
        ];
      });

    const outcome = await searchRequest(ID, [await target()], WINDOW, { pageBudget: 5 });

    // All three were sent before any was answered (their arrival order is the network's).
    const byStart = (a: number[], b: number[]) => a[0] - b[0];
    expect(g.arrived.map((b) => [b.startTime as number, b.endTime as number]).sort(byStart)).toEqual(
      slices.map((s) => [s.start, s.end]).sort(byStart),
    );
    expect(outcome.found?.events).toHaveLength(1);
    expect(outcome.report).toMatchObject({ found: true, foundIn: GROUP });
    expect(outcome.report.partial).toBeUndefined();
  });

  it('does not report what other slices failed to read once the request is found', async () => {
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (b: Body) => (b.startTime as number) >= NOW - 3_700_000)
      .reply(200, page([{ timestamp: NOW - 60_000, message: `(${ID}) Method completed with status: 403` }]))
      .post('/', (b: Body) => (b.startTime as number) < NOW - 3_700_000)
      .times(2)
      .reply(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });

    const outcome = await searchRequest(ID, [await target()], WINDOW, { pageBudget: 5 });

    expect(outcome.found).toBeDefined();
    expect(outcome.report.partial).toBeUndefined();
  });

  it.each([
    ['throttled', 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, 'still throttled'],
    ['unavailable', 503, { __type: 'ServiceUnavailableException', message: 'down' }, 'ServiceUnavailable'],
  ])(
    'says the trace it found may be cut short when the page after its first one is %s',
    async (_name, status, body, said) => {
      nock(LOGS)
        .persist()
        .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
        .post('/', (b: Body) => b.nextToken === undefined && (b.startTime as number) >= NOW - 3_700_000)
        .reply(200, {
          ...page([{ timestamp: NOW - 60_000, message: `(${ID}) Starting authorizer: abc123` }]),
          nextToken: 'page-2',
        })
        .post('/', (b: Body) => b.nextToken === 'page-2')
        .reply(status, body)
        .post('/', (b: Body) => (b.startTime as number) < NOW - 3_700_000)
        .reply(200, page([]));

      const outcome = await searchRequest(ID, [await target()], WINDOW, { pageBudget: 5 });

      expect(outcome.found).toMatchObject({ complete: false });
      expect(outcome.found?.events).toHaveLength(1);
      expect(outcome.found).not.toHaveProperty('cut');
      expect(english.t(outcome.report.partial ?? '')).toContain(GROUP);
      expect(english.t(outcome.report.partial ?? '')).toContain(said);
    },
  );

  it('when nothing is found, says once per group what could not be read, and a missing group once', async () => {
    const missing = 'API-Gateway-Execution-Logs_a1b2c3d4e5/dev';
    nock(LOGS)
      .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
      .post('/', (b: Body) => b.logGroupName === GROUP)
      .times(3)
      .reply(400, { __type: 'ThrottlingException', message: 'Rate exceeded' })
      .post('/', (b: Body) => b.logGroupName === missing)
      .times(3)
      .reply(400, {
        __type: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      });

    const outcome = await searchRequest(ID, [await target(), await target(missing)], WINDOW, {
      pageBudget: 5,
      now: () => NOW,
    });

    expect(outcome.found).toBeUndefined();
    expect(outcome.report.missingLogGroups).toEqual([missing]);
    expect(english.t(outcome.report.partial ?? '')).toBe(
      `${GROUP}: CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 1 attempt`,
    );
  });

  describe('credentials AWS refuses (expired, unknown)', () => {
    const expired = {
      __type: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    };
    const dev = 'API-Gateway-Execution-Logs_a1b2c3d4e5/dev';

    it('refused for every group: the search fails with that one error, not "not found"', async () => {
      nock(LOGS).post('/').times(newestFirstSlices(WINDOW).length).reply(400, expired);
      await expect(searchRequest(ID, [await target()], WINDOW, { pageBudget: 5 })).rejects.toBeInstanceOf(
        AwsCredentialsError,
      );
    });

    it('refused for one group of two: the other is searched, and the search is partial', async () => {
      nock(LOGS)
        .post('/', (b: Body) => b.logGroupName === GROUP)
        .times(newestFirstSlices(WINDOW).length)
        .reply(400, expired)
        .post('/', (b: Body) => b.logGroupName === dev)
        .times(newestFirstSlices(WINDOW).length)
        .reply(200, page([]));
      const outcome = await searchRequest(ID, [await target(), await target(dev)], WINDOW, {
        pageBudget: 5,
        now: () => NOW,
      });
      expect(outcome.found).toBeUndefined();
      expect(english.t(outcome.report.partial ?? '')).toContain(`${GROUP}: AWS refused the credentials`);
    });
  });

  describe("when nothing is found, a window reaching back past the group's retention", () => {
    const MONTH = { start: NOW - 30 * 86_400_000, end: NOW };
    function emptySlices(window: typeof MONTH) {
      nock(LOGS)
        .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
        .post('/')
        .times(newestFirstSlices(window).length)
        .reply(200, page([]));
    }
    function nothingFound(retentionInDays: number | undefined) {
      emptySlices(MONTH);
      nock(LOGS)
        .matchHeader('x-amz-target', 'Logs_20140328.DescribeLogGroups')
        .post('/', (b: Body) => b.logGroupNamePrefix === GROUP && b.limit === 1)
        .reply(200, {
          logGroups: [{ logGroupName: GROUP, ...(retentionInDays ? { retentionInDays } : {}) }],
        });
    }

    it('is searched but not read: the search is partial, and says since when events are kept', async () => {
      nothingFound(7);
      const outcome = await searchRequest(ID, [await target()], MONTH, { pageBudget: 5, now: () => NOW });
      expect(outcome.found).toBeUndefined();
      expect(english.t(outcome.report.partial ?? '')).toBe(
        `${GROUP} keeps events for 7 days: what was written before 2026-11-17T10:00:00Z is deleted`,
      );
    });

    it.each([
      ['a retention longer than the window', 30],
      ['a group that keeps its events for ever', undefined],
    ])('with %s, leaves the search complete', async (_what, days) => {
      nothingFound(days);
      const outcome = await searchRequest(ID, [await target()], MONTH, { pageBudget: 5, now: () => NOW });
      expect(outcome.report.partial).toBeUndefined();
    });

    it('whose retention cannot be read, is partial and names the group and the failed read', async () => {
      emptySlices(MONTH);
      nock(LOGS)
        .matchHeader('x-amz-target', 'Logs_20140328.DescribeLogGroups')
        .post('/')
        .reply(500, { __type: 'ServiceUnavailableException', message: 'try again' });
      const outcome = await searchRequest(ID, [await target()], MONTH, { pageBudget: 5, now: () => NOW });
      expect(english.t(outcome.report.partial ?? '')).toBe(
        `${GROUP}: its retention could not be read (DescribeLogGroups failed), so what was written more than a day ago may be deleted`,
      );
    });

    it('reads none for a window within the last day: every retention keeps a day at least', async () => {
      emptySlices(WINDOW);
      const outcome = await searchRequest(ID, [await target()], WINDOW, { pageBudget: 5, now: () => NOW });
      expect(outcome.report.partial).toBeUndefined();
      expect(nock.isDone()).toBe(true);
    });
  });
});
