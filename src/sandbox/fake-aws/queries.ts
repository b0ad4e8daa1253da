import { randomUUID } from 'node:crypto';
import { FakeAwsError, invalidParameter, malformedQuery } from './errors';
import {
  DEFAULT_QUERY_LIMIT,
  runQuery,
  type QueryStatistics,
  type ResultField,
  type ScannedRecord,
} from './insights';
import { MAX_QUERY_LIMIT, parseQuery } from './insights-parser';
import { optionalNumber, optionalString, optionalStrings, type LogsInput } from './input';
import { groupNameOf, requireGroup, servedEvents } from './log-groups';
import type { FakeState } from './state';

/** A query is evaluated when started; polling only reveals the result after `queryPolls` Running answers. */
export interface StoredQuery {
  groups: string[];
  polls: number;
  cancelled: boolean;
  rows: ResultField[][];
  statistics: QueryStatistics;
}

const DEFAULT_POLLS = 1;

export function startQueryTarget(state: FakeState, input: LogsInput): string {
  return [...new Set(groupIdentifiers(input).map((g) => groupNameOf(state, g)))].join(',');
}

export function startQuery(state: FakeState, input: LogsInput): object {
  const groups = readGroups(state, input);
  const { startMs, endMs } = readWindow(input);
  const queryString = optionalString(input, 'queryString');
  if (queryString === undefined || queryString.trim() === '') throw malformedQuery('queryString is required');
  const plan = parseQuery(queryString);
  const limit = Math.min(plan.limit ?? DEFAULT_QUERY_LIMIT, readLimit(input) ?? MAX_QUERY_LIMIT);
  const records = groups.flatMap((group) => scan(state, group, startMs, endMs));
  const queryId = randomUUID();
  state.queries.set(queryId, { groups, polls: 0, cancelled: false, ...runQuery(plan, records, limit) });
  return { queryId };
}

export function queryTarget(state: FakeState, input: LogsInput): string {
  const queryId = optionalString(input, 'queryId') ?? '';
  return state.queries.get(queryId)?.groups.join(',') ?? queryId;
}

export function getQueryResults(state: FakeState, input: LogsInput): object {
  const query = requireQuery(state, input);
  if (query.cancelled) return { status: 'Cancelled', results: [], statistics: query.statistics };
  if (query.polls < (state.options.queryPolls ?? DEFAULT_POLLS)) {
    query.polls += 1;
    return {
      status: 'Running',
      results: [],
      statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
    };
  }
  return { status: 'Complete', results: query.rows, statistics: query.statistics };
}

export function stopQuery(state: FakeState, input: LogsInput): object {
  const query = requireQuery(state, input);
  query.cancelled = true;
  return { success: true };
}

function requireQuery(state: FakeState, input: LogsInput): StoredQuery {
  const query = state.queries.get(optionalString(input, 'queryId') ?? '');
  if (!query) throw new FakeAwsError('ResourceNotFoundException', 'The specified query does not exist.');
  return query;
}

function groupIdentifiers(input: LogsInput): string[] {
  const single = optionalString(input, 'logGroupName');
  return [
    ...(single === undefined ? [] : [single]),
    ...(optionalStrings(input, 'logGroupNames') ?? []),
    ...(optionalStrings(input, 'logGroupIdentifiers') ?? []),
  ];
}

function readGroups(state: FakeState, input: LogsInput): string[] {
  const given = ['logGroupName', 'logGroupNames', 'logGroupIdentifiers'].filter(
    (k) => input[k] !== undefined,
  );
  if (given.length !== 1) {
    throw invalidParameter(
      'Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be provided.',
    );
  }
  const identifiers = groupIdentifiers(input);
  if (identifiers.length === 0 || identifiers.length > 50)
    throw invalidParameter('Between 1 and 50 log groups.');
  if (identifiers.some((id) => id.startsWith('arn:') && id.endsWith('*'))) {
    throw invalidParameter('A log group ARN in logGroupIdentifiers must not end with *.');
  }
  return [...new Set(identifiers.map((id) => requireGroup(state, id)))];
}

/** StartQuery takes epoch seconds, both ends inclusive. */
function readWindow(input: LogsInput): { startMs: number; endMs: number } {
  const start = optionalNumber(input, 'startTime');
  const end = optionalNumber(input, 'endTime');
  if (start === undefined || end === undefined) throw invalidParameter('startTime and endTime are required.');
  if (start > end) throw invalidParameter('endTime must be greater than or equal to startTime');
  return { startMs: start * 1000, endMs: end * 1000 + 999 };
}

function readLimit(input: LogsInput): number | undefined {
  const limit = optionalNumber(input, 'limit');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)) {
    throw invalidParameter(`limit must be between 1 and ${MAX_QUERY_LIMIT}`);
  }
  return limit;
}

function scan(state: FakeState, group: string, startMs: number, endMs: number): ScannedRecord[] {
  const log = `${state.world.accountId}:${group}`;
  return servedEvents(state, group)
    .filter((e) => e.timestamp >= startMs && e.timestamp <= endMs)
    .map((e) => ({
      '@timestamp': e.timestamp,
      '@message': e.message,
      '@logStream': e.logStreamName,
      '@log': log,
      eventId: e.eventId,
    }));
}
