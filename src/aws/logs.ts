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
import { toAwsError } from './errors';
import type { RateLimiter } from './limiter';
import { toEpochSeconds } from '../time';

/** CloudWatch Logs, as the rest of the product needs it. SDK shapes stop here. */

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
  partial?: string;
}

export interface QueryResults {
  status: string;
  rows: Array<Record<string, string>>;
  bytesScanned: number;
  recordsMatched: number;
}

export class LogsReader {
  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly limiter: RateLimiter,
  ) {}

  /** Follows nextToken through empty pages until the end, the page budget or the signal. */
  async filterEvents(request: FilterRequest): Promise<FilterResult> {
    const events: LogEvent[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (pages >= request.pageBudget) return { events, pages, partial: `stopped after ${pages} pages` };
      await this.limiter.take();
      const page = await this.send('FilterLogEvents', request.logGroup, request.signal, () =>
        this.client.send(
          new FilterLogEventsCommand({
            logGroupName: request.logGroup,
            filterPattern: request.pattern,
            startTime: request.start,
            endTime: request.end,
            nextToken,
            limit: request.limit,
          }),
          { abortSignal: request.signal },
        ),
      );
      pages++;
      events.push(...(page.events ?? []).map(toLogEvent));
      nextToken = page.nextToken;
    } while (nextToken);
    return { events, pages };
  }

  /** Every log group whose name starts with `prefix`, all pages. */
  async logGroupNames(prefix: string, signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.send('DescribeLogGroups', `${prefix}*`, signal, () =>
        this.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 50, nextToken }), {
          abortSignal: signal,
        }),
      );
      for (const group of page.logGroups ?? []) if (group.logGroupName) names.push(group.logGroupName);
      nextToken = page.nextToken;
    } while (nextToken);
    return names;
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
    if (!output.queryId) throw new Error('StartQuery returned no query id');
    return output.queryId;
  }

  async queryResults(queryId: string, signal?: AbortSignal): Promise<QueryResults> {
    const output: GetQueryResultsCommandOutput = await this.send('GetQueryResults', queryId, signal, () =>
      this.client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: signal }),
    );
    return {
      status: output.status ?? 'Unknown',
      rows: (output.results ?? []).map((row) =>
        Object.fromEntries(row.map((cell) => [cell.field ?? '', cell.value ?? ''])),
      ),
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

  private async send<T>(
    operation: string,
    resource: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toAwsError(
        signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError', cause: error }) : error,
        operation,
        resource,
      );
    }
  }
}

function toLogEvent(event: FilteredLogEvent): LogEvent {
  return {
    timestamp: event.timestamp ?? 0,
    message: event.message ?? '',
    logStreamName: event.logStreamName,
  };
}
