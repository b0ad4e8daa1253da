import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type FilteredLogEvent,
  type GetQueryResultsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { callAws } from './call';
import { AwsError, describeAwsError, wrongShape } from './errors';
import { PageGuard } from './paging';
import {
  listProblem,
  logEventShape,
  logGroupShape,
  queryRowShape,
  queryStatisticsShape,
  shapeProblem,
} from './shapes';
import type { RateLimiter } from './limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { toEpochSeconds } from '../time';
import { msg, type Text } from '../text';

/**
 * CloudWatch Logs, as the rest of the product needs it. SDK shapes stop here. Every call is retried when AWS
 * throttles or fails (see retry.ts), each FilterLogEvents attempt waits for the rate limiter, and an answer of the
 * wrong shape is a malformed response, not an empty one.
 */

export interface LogEvent {
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export interface FilterRequest {
  logGroup: string;
  /** A CloudWatch filter pattern built from validated values only. */
  pattern: string;
  start: number;
  end: number;
  /** Stop after this many pages (pages may be empty while more follow). */
  pageBudget: number;
  /** At most this many events per page (AWS: up to 10,000). */
  limit?: number;
  signal?: AbortSignal;
}

export interface FilterResult {
  events: LogEvent[];
  pages: number;
  /** Why paging stopped before the end, when it did. */
  partial?: Text;
}

export interface QueryResults {
  status: string;
  rows: Array<Record<string, string>>;
  bytesScanned: number;
  recordsMatched: number;
}

const REPEATED_TOKEN = '"nextToken" came back again: the listing would never end';

export class LogsReader {
  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly limiter: RateLimiter,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /**
   * Follows nextToken through empty pages until the end, the page budget or the signal. A page that fails (after its
   * retries) once events were read ends the read partial, with those events: lines already in hand are not thrown
   * away. A nextToken that comes back again ends it partial too, before the pages it would read twice.
   */
  async filterEvents(request: FilterRequest): Promise<FilterResult> {
    const events: LogEvent[] = [];
    const sent = new Set<string>();
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (pages >= request.pageBudget)
        return { events, pages, partial: msg('search.partial.page-budget', { pages }) };
      try {
        const page = await this.filterPage(request, nextToken);
        pages++;
        events.push(...page.events);
        nextToken = page.nextToken;
      } catch (error) {
        if (events.length === 0 || !(error instanceof AwsError)) throw error;
        return { events, pages, partial: describeAwsError(error) };
      }
      if (nextToken && sent.has(nextToken)) {
        const repeated = wrongShape('FilterLogEvents', request.logGroup, REPEATED_TOKEN);
        return { events, pages, partial: describeAwsError(repeated) };
      }
      if (nextToken) sent.add(nextToken);
    } while (nextToken);
    return { events, pages };
  }

  /** One FilterLogEvents page, its answer checked. */
  private async filterPage(
    request: FilterRequest,
    nextToken: string | undefined,
  ): Promise<{ events: LogEvent[]; nextToken?: string }> {
    const page = await this.send('FilterLogEvents', request.logGroup, request.signal, async () => {
      await this.limiter.take(request.signal);
      return this.client.send(
        new FilterLogEventsCommand({
          logGroupName: request.logGroup,
          filterPattern: request.pattern,
          startTime: request.start,
          endTime: request.end,
          nextToken,
          limit: request.limit,
        }),
        { abortSignal: request.signal },
      );
    });
    const pageEvents = expectList(page.events, 'events', 'FilterLogEvents', request.logGroup);
    expectShape(listProblem(logEventShape, pageEvents, 'events'), 'FilterLogEvents', request.logGroup);
    return {
      events: pageEvents.map(toLogEvent),
      nextToken: nextTokenOf(page.nextToken, 'FilterLogEvents', request.logGroup),
    };
  }

  /** Every log group whose name starts with `prefix`, all pages. */
  async logGroupNames(prefix: string, signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    const guard = new PageGuard('nextToken');
    let nextToken: string | undefined;
    do {
      const page = await this.send('DescribeLogGroups', `${prefix}*`, signal, () =>
        this.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 50, nextToken }), {
          abortSignal: signal,
        }),
      );
      const groups = expectList(page.logGroups ?? [], 'logGroups', 'DescribeLogGroups', `${prefix}*`);
      expectShape(listProblem(logGroupShape, groups, 'logGroups'), 'DescribeLogGroups', `${prefix}*`);
      for (const group of groups) if (group.logGroupName) names.push(group.logGroupName);
      nextToken = nextTokenOf(page.nextToken, 'DescribeLogGroups', `${prefix}*`);
      expectShape(guard.problem(nextToken, groups.length), 'DescribeLogGroups', `${prefix}*`);
    } while (nextToken);
    return names;
  }

  /**
   * How many days a log group keeps its events: undefined when it keeps them for ever (the default of the groups API
   * Gateway creates) or when the group does not exist. Of the groups whose names start with this one's, the group
   * itself comes first.
   */
  async retentionDays(logGroup: string, signal?: AbortSignal): Promise<number | undefined> {
    const page = await this.send('DescribeLogGroups', logGroup, signal, () =>
      this.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup, limit: 1 }), {
        abortSignal: signal,
      }),
    );
    const groups = expectList(page.logGroups ?? [], 'logGroups', 'DescribeLogGroups', logGroup);
    expectShape(listProblem(logGroupShape, groups, 'logGroups'), 'DescribeLogGroups', logGroup);
    const group = groups.find((g) => g.logGroupName === logGroup);
    return group?.retentionInDays ?? undefined;
  }

  async startQuery(
    logGroups: string[],
    query: string,
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<string> {
    const output = await this.send('StartQuery', logGroups.join(', '), signal, () =>
      this.client.send(
        new StartQueryCommand({
          logGroupNames: logGroups,
          queryString: query,
          startTime: toEpochSeconds(start),
          endTime: toEpochSeconds(end),
          limit: 10_000,
        }),
        { abortSignal: signal },
      ),
    );
    if (!output.queryId) throw wrongShape('StartQuery', logGroups.join(', '), 'no queryId');
    return output.queryId;
  }

  async queryResults(queryId: string, signal?: AbortSignal): Promise<QueryResults> {
    const output: GetQueryResultsCommandOutput = await this.send('GetQueryResults', queryId, signal, () =>
      this.client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal }),
    );
    if (typeof output.status !== 'string') throw wrongShape('GetQueryResults', queryId, 'no status');
    const rows = expectList(output.results ?? [], 'results', 'GetQueryResults', queryId);
    expectShape(
      listProblem(queryRowShape, rows, 'results') ??
        shapeProblem(queryStatisticsShape, output.statistics, 'statistics'),
      'GetQueryResults',
      queryId,
    );
    return {
      status: output.status,
      rows: rows.map((row) => Object.fromEntries(row.map((cell) => [cell.field ?? '', cell.value ?? '']))),
      bytesScanned: output.statistics?.bytesScanned ?? 0,
      recordsMatched: output.statistics?.recordsMatched ?? 0,
    };
  }

  /** Stops a running Logs Insights query (why403 doctor: a harmless check that the action is allowed). */
  async stopQuery(queryId: string, signal?: AbortSignal): Promise<boolean> {
    const output = await this.send('StopQuery', queryId, signal, () =>
      this.client.send(new StopQueryCommand({ queryId }), { abortSignal: signal }),
    );
    return output.success ?? false;
  }

  private send<T>(
    operation: string,
    resource: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    return callAws(call, { operation, resource, policy: this.retry, signal });
  }
}

/** A list the answer must hold; anything else means the body was not what AWS sends. */
function expectList<T>(value: T[] | undefined, field: string, operation: string, resource: string): T[] {
  if (Array.isArray(value)) return value;
  throw wrongShape(operation, resource, value === undefined ? `no "${field}"` : `"${field}" is not a list`);
}

/** A problem found with an answer's shape is a malformed response of the call. */
function expectShape(problem: string | undefined, operation: string, resource: string): void {
  if (problem) throw wrongShape(operation, resource, problem);
}

function nextTokenOf(token: unknown, operation: string, resource: string): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw wrongShape(operation, resource, '"nextToken" is not a string');
  return token;
}

function toLogEvent(event: FilteredLogEvent): LogEvent {
  return {
    timestamp: event.timestamp ?? 0,
    message: event.message ?? '',
    logStreamName: event.logStreamName,
  };
}
