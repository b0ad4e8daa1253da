import {
  FilterLogEventsCommand,
  paginateFilterLogEvents,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { FakeAwsOptions } from '../../../src/sandbox/fake-aws';
import { ACCOUNT, failure, OTHER_ID, PROD_GROUP, REGION, REQUEST_ID, T0, useFakeAws } from './fixtures';

describe('fake CloudWatch Logs: FilterLogEvents', () => {
  const start = useFakeAws();

  /** Every page the SDK paginator walks through, empty ones included. */
  async function pages(options: FakeAwsOptions, input: Partial<FilterLogEventsCommandInput>) {
    const { logs } = await start(options);
    const seen = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs },
      { logGroupName: PROD_GROUP, ...input },
    )) {
      seen.push({ events: page.events ?? [], nextToken: page.nextToken });
    }
    return seen;
  }

  async function messages(input: Partial<FilterLogEventsCommandInput>) {
    return (await pages({}, input)).flatMap((p) => p.events.map((e) => e.message));
  }

  it('finds one request by its quoted id across pages and through empty pages', async () => {
    const seen = await pages({ pageSize: 2, emptyPages: 2 }, { filterPattern: `"${REQUEST_ID}"` });

    expect(seen.map((p) => p.events.length)).toEqual([0, 0, 2, 2, 2]);
    expect(seen.slice(0, -1).every((p) => typeof p.nextToken === 'string')).toBe(true);
    expect(seen[seen.length - 1].nextToken).toBeUndefined();
    const events = seen.flatMap((p) => p.events);
    expect(events.map((e) => e.timestamp)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i));
    expect(events.every((e) => e.message?.startsWith(`(${REQUEST_ID})`))).toBe(true);
    expect(events[0]).toEqual({
      logStreamName: 'stream-a',
      timestamp: T0,
      message: `(${REQUEST_ID}) Extended Request Id: Xa1=`,
      ingestionTime: expect.any(Number),
      eventId: expect.any(String),
    });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(6);
  });

  it('pages by hand with nextToken, and limit caps a page', async () => {
    const { logs } = await start({ emptyPages: 1 });
    const input = { logGroupName: PROD_GROUP, filterPattern: 'Method completed', limit: 1 };

    const empty = await logs.send(new FilterLogEventsCommand(input));
    const first = await logs.send(new FilterLogEventsCommand({ ...input, nextToken: empty.nextToken }));
    const second = await logs.send(new FilterLogEventsCommand({ ...input, nextToken: first.nextToken }));

    expect(empty).toMatchObject({ events: [], searchedLogStreams: [] });
    expect(empty.nextToken).toEqual(expect.any(String));
    expect(first.events?.map((e) => e.message)).toEqual([
      `(${REQUEST_ID}) Method completed with status: 403`,
    ]);
    expect(second.events?.map((e) => e.message)).toEqual([`(${OTHER_ID}) Method completed with status: 200`]);
    expect(second.nextToken).toBeUndefined();
  });

  it('keeps to the time window, both ends inclusive', async () => {
    const seen = await pages({}, { startTime: T0 + 4, endTime: T0 + 10_001 });

    expect(seen.flatMap((p) => p.events).map((e) => e.timestamp)).toEqual([
      T0 + 4,
      T0 + 5,
      T0 + 10_000,
      T0 + 10_001,
    ]);
  });

  it('ORs ?term alternatives, ANDs bare terms and excludes -terms', async () => {
    expect(await messages({ filterPattern: '?"status: 403" ?"****zzz999"' })).toEqual([
      `(${REQUEST_ID}) Method completed with status: 403`,
      `(${OTHER_ID}) Incoming identity: ****zzz999`,
    ]);
    expect(await messages({ filterPattern: 'Starting authorizer 8xkq2m' })).toHaveLength(2);
    expect(await messages({ filterPattern: 'Method -"status: 200"' })).toEqual([
      `(${REQUEST_ID}) Method completed with status: 403`,
    ]);
  });

  it('matches a quoted phrase exactly and case-sensitively', async () => {
    expect(await messages({ filterPattern: '"Incoming identity: ****abc123"' })).toEqual([
      `(${REQUEST_ID}) Incoming identity: ****abc123`,
    ]);
    expect(await messages({ filterPattern: '"incoming identity"' })).toEqual([]);
  });

  it('answers newest first when startFromHead is false, on every page', async () => {
    const seen = await pages(
      { pageSize: 1 },
      { startTime: T0, startFromHead: false, filterPattern: 'Method' },
    );

    expect(seen.flatMap((p) => p.events).map((e) => e.timestamp)).toEqual([T0 + 10_003, T0 + 5]);
  });

  it('accepts the group as logGroupIdentifier, by name or ARN', async () => {
    const { fake, logs } = await start();
    const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${PROD_GROUP}`;

    const byArn = await logs.send(
      new FilterLogEventsCommand({ logGroupIdentifier: arn, filterPattern: '"status: 403"' }),
    );
    const byName = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: PROD_GROUP, limit: 1 }));

    expect(byArn.events).toHaveLength(1);
    expect(byName.events).toHaveLength(1);
    expect(fake.calls.map((c) => c.target)).toEqual([PROD_GROUP, PROD_GROUP]);
  });

  it('refuses an unknown group, unsupported patterns and a foreign nextToken', async () => {
    const { logs } = await start();
    const filter = (input: object) =>
      logs.send(new FilterLogEventsCommand({ logGroupName: PROD_GROUP, ...input }));

    const missing = await failure(filter({ logGroupName: 'API-Gateway-Execution-Logs_nope/prod' }));
    const invalid = await Promise.all([
      failure(filter({ filterPattern: '{ $.status = 403 }' })),
      failure(filter({ filterPattern: REQUEST_ID })),
      failure(filter({ filterPattern: '"unterminated' })),
      failure(filter({ nextToken: 'not-a-token' })),
      failure(filter({ startFromHead: false, startTime: Date.UTC(2023, 0, 1) })),
    ]);

    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe('The specified log group does not exist.');
    expect(missing.$metadata?.httpStatusCode).toBe(400);
    expect(invalid.map((e) => e.name)).toEqual(Array(5).fill('InvalidParameterException'));
  });
});
