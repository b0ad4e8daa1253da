import {
  GetQueryResultsCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { DEV_GROUP, failure, OTHER_ID, PROD_GROUP, REQUEST_ID, T0, useFakeAws } from './fixtures';

const QUERY = `fields @timestamp, @message, @logStream
| filter @message like /Method completed with status: (401|403|500)|Unauthorized request: /
| sort @timestamp desc
| limit 1000`;

const seconds = (ms: number) => Math.floor(ms / 1000);
const WINDOW = { startTime: seconds(T0) - 3600, endTime: seconds(T0) + 3600 };

async function run(logs: CloudWatchLogsClient, queryString: string, groups = [PROD_GROUP], window = WINDOW) {
  const { queryId } = await logs.send(
    new StartQueryCommand({ logGroupNames: groups, queryString, ...window }),
  );
  const statuses: string[] = [];
  for (let poll = 0; poll < 10; poll += 1) {
    const answer = await logs.send(new GetQueryResultsCommand({ queryId }));
    statuses.push(answer.status ?? '');
    if (answer.status === 'Complete') return { ...answer, statuses };
  }
  throw new Error(`query never completed: ${statuses.join(', ')}`);
}

function column(results: Array<Array<{ field?: string; value?: string }>> | undefined, field: string) {
  return (results ?? []).map((row) => row.find((f) => f.field === field)?.value);
}

describe('fake CloudWatch Logs: Insights queries', () => {
  const start = useFakeAws();

  it('runs from Running to Complete with rows, order and statistics', async () => {
    const { logs } = await start({ queryPolls: 2 });

    const answer = await run(logs, QUERY, [PROD_GROUP, DEV_GROUP]);

    expect(answer.statuses).toEqual(['Running', 'Running', 'Complete']);
    expect(answer.results?.[0]).toEqual([
      { field: '@timestamp', value: '2026-11-24 09:00:00.005' },
      { field: '@message', value: `(${REQUEST_ID}) Method completed with status: 403` },
      { field: '@logStream', value: 'stream-a' },
      { field: '@ptr', value: expect.any(String) },
    ]);
    expect(column(answer.results, '@timestamp')).toEqual([
      '2026-11-24 09:00:00.005',
      '2026-11-24 09:00:00.004',
      '2026-11-24 08:59:00.000',
    ]);
    // Ten prod events and one dev event fall in the window.
    expect(answer.statistics).toEqual({
      recordsMatched: 3,
      recordsScanned: 11,
      bytesScanned: expect.any(Number),
    });
    expect(answer.statistics?.bytesScanned).toBeGreaterThan(300);
  });

  it('ANDs filters, ORs like tests, sorts ascending and limits', async () => {
    const { logs } = await start();

    const anded = await run(logs, `${QUERY.split('\n| sort')[0]} | filter @message like "Unauthorized"`);
    const ored = await run(
      logs,
      'fields @message | filter @message like "status: 200" or @message like /(?i)UNAUTHORIZED/ | sort @timestamp asc',
    );
    const limited = await run(logs, 'fields @timestamp | sort @timestamp asc | limit 2');

    expect(column(anded.results, '@message')).toEqual([
      `(${REQUEST_ID}) Unauthorized request: ${REQUEST_ID}`,
    ]);
    expect(column(ored.results, '@message')).toEqual([
      `(${REQUEST_ID}) Unauthorized request: ${REQUEST_ID}`,
      `(${OTHER_ID}) Method completed with status: 200`,
    ]);
    expect(column(limited.results, '@timestamp')).toEqual([
      '2026-11-24 09:00:00.000',
      '2026-11-24 09:00:00.001',
    ]);
    expect(limited.statistics?.recordsMatched).toBe(10);
    expect(limited.results?.[0].map((f) => f.field)).toEqual(['@timestamp', '@ptr']);
  });

  it('keeps to the window in seconds, both ends inclusive, and reports @log', async () => {
    const { logs } = await start({ queryPolls: 0 });

    const answer = await run(logs, 'fields @log, @message | filter @message like "status:"', [PROD_GROUP], {
      startTime: seconds(T0 + 10_000),
      endTime: seconds(T0 + 10_000),
    });

    expect(column(answer.results, '@message')).toEqual([`(${OTHER_ID}) Method completed with status: 200`]);
    expect(column(answer.results, '@log')).toEqual([`123456789012:${PROD_GROUP}`]);
    expect(answer.statistics?.recordsScanned).toBe(4);
  });

  it('takes the groups as logGroupIdentifiers, names or ARNs, and counts each group once', async () => {
    const { fake, logs } = await start({ queryPolls: 0 });
    const arn = `arn:aws:logs:eu-west-1:123456789012:log-group:${PROD_GROUP}`;

    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupIdentifiers: [arn, PROD_GROUP],
        queryString: 'fields @message',
        ...WINDOW,
      }),
    );
    const answer = await logs.send(new GetQueryResultsCommand({ queryId }));

    expect(answer.statistics?.recordsScanned).toBe(10);
    expect(fake.calls[0].target).toBe(PROD_GROUP);
  });

  it('refuses unsupported commands, unknown groups and unknown query ids', async () => {
    const { logs } = await start();
    const startQuery = (queryString: string, logGroupName = PROD_GROUP) =>
      logs.send(new StartQueryCommand({ logGroupName, queryString, ...WINDOW }));

    const malformed = await Promise.all(
      [
        'stats count(*) by bin(5m)',
        'fields @message | parse @message /(?<id>x)/',
        'filter @message like /unterminated',
        'fields @message |',
        'filter @message = "x"',
        'limit 20000',
      ].map((q) => failure(startQuery(q))),
    );
    const missingGroup = await failure(startQuery('fields @message', 'API-Gateway-Execution-Logs_nope/prod'));
    const missingQuery = await failure(logs.send(new GetQueryResultsCommand({ queryId: 'nope' })));
    const starredArn = await failure(
      logs.send(
        new StartQueryCommand({
          logGroupIdentifiers: [`arn:aws:logs:eu-west-1:123456789012:log-group:${PROD_GROUP}:*`],
          queryString: 'fields @message',
          ...WINDOW,
        }),
      ),
    );

    expect(malformed.map((e) => e.name)).toEqual(Array(6).fill('MalformedQueryException'));
    expect(missingGroup.name).toBe('ResourceNotFoundException');
    expect(missingQuery.name).toBe('ResourceNotFoundException');
    expect(starredArn.name).toBe('InvalidParameterException');
  });
});
