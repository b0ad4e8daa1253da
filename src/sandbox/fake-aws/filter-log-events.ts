import { invalidParameter } from './errors';
import { parseFilterPattern, type MessageMatcher } from './filter-pattern';
import { optionalBoolean, optionalNumber, optionalString, optionalStrings, type LogsInput } from './input';
import {
  groupNameOf,
  requireGroup,
  servedEvents,
  singleGroupIdentifier,
  type ServedEvent,
} from './log-groups';
import type { FakeState } from './state';
import { decodeToken, encodeToken, tokenOffset } from './tokens';

const DEFAULT_PAGE_SIZE = 10_000;
const MAX_LIMIT = 10_000;
/** `startFromHead: false` is only accepted for windows starting at or after 2024-01-01T00:00:00Z. */
const NEWEST_FIRST_EARLIEST = Date.UTC(2024, 0, 1);

interface FilterRequest {
  group: string;
  startTime?: number;
  endTime?: number;
  limit?: number;
  matches: MessageMatcher;
  streams?: (stream: string) => boolean;
}

/** Where a query stands: the direction the first request fixed, the next event and the empty pages still due. */
interface Cursor {
  group: string;
  offset: number;
  emptyLeft: number;
  newestFirst: boolean;
}

export function filterLogEventsTarget(state: FakeState, input: LogsInput): string {
  const identifier =
    optionalString(input, 'logGroupName') ?? optionalString(input, 'logGroupIdentifier') ?? '';
  return groupNameOf(state, identifier);
}

export function filterLogEvents(state: FakeState, input: LogsInput): object {
  const request = readRequest(state, input);
  const token = optionalString(input, 'nextToken');
  const cursor =
    token === undefined ? freshCursor(state, input, request) : resumeCursor(token, request.group);
  if (cursor.emptyLeft > 0) {
    return page([], { ...cursor, emptyLeft: cursor.emptyLeft - 1 });
  }
  const events = selectEvents(state, request, cursor.newestFirst);
  const size = Math.min(state.options.pageSize ?? DEFAULT_PAGE_SIZE, request.limit ?? MAX_LIMIT);
  const end = cursor.offset + size;
  return page(events.slice(cursor.offset, end), end < events.length ? { ...cursor, offset: end } : undefined);
}

function page(events: ServedEvent[], next: Cursor | undefined): object {
  return { events, searchedLogStreams: [], ...(next ? { nextToken: encodeToken({ f: next }) } : {}) };
}

function readRequest(state: FakeState, input: LogsInput): FilterRequest {
  const identifier = singleGroupIdentifier(
    optionalString(input, 'logGroupName'),
    optionalString(input, 'logGroupIdentifier'),
  );
  const group = requireGroup(state, identifier);
  const startTime = optionalNumber(input, 'startTime');
  const endTime = optionalNumber(input, 'endTime');
  const limit = optionalNumber(input, 'limit');
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw invalidParameter('endTime must be greater than or equal to startTime');
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw invalidParameter(`limit must be between 1 and ${MAX_LIMIT}`);
  }
  const matches = parseFilterPattern(optionalString(input, 'filterPattern'));
  return { group, startTime, endTime, limit, matches, streams: streamFilter(input) };
}

function streamFilter(input: LogsInput): ((stream: string) => boolean) | undefined {
  const names = optionalStrings(input, 'logStreamNames');
  const prefix = optionalString(input, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  if (names !== undefined) return (stream) => names.includes(stream);
  if (prefix !== undefined) return (stream) => stream.startsWith(prefix);
  return undefined;
}

function freshCursor(state: FakeState, input: LogsInput, request: FilterRequest): Cursor {
  const newestFirst = optionalBoolean(input, 'startFromHead') === false;
  if (newestFirst && (request.startTime === undefined || request.startTime < NEWEST_FIRST_EARLIEST)) {
    throw invalidParameter('startFromHead=false requires a startTime on or after 2024-01-01T00:00:00Z');
  }
  return { group: request.group, offset: 0, emptyLeft: state.options.emptyPages ?? 0, newestFirst };
}

function resumeCursor(token: string, group: string): Cursor {
  const payload = decodeToken(token)?.f as Record<string, unknown> | undefined;
  const offset = tokenOffset(payload, 'offset');
  const emptyLeft = tokenOffset(payload, 'emptyLeft');
  if (payload?.group !== group || offset === undefined || emptyLeft === undefined) {
    throw invalidParameter('The specified nextToken is invalid.');
  }
  return { group, offset, emptyLeft, newestFirst: payload.newestFirst === true };
}

function selectEvents(state: FakeState, request: FilterRequest, newestFirst: boolean): ServedEvent[] {
  const { startTime = -Infinity, endTime = Infinity, matches, streams } = request;
  const selected = servedEvents(state, request.group).filter(
    (e) =>
      e.timestamp >= startTime &&
      e.timestamp <= endTime &&
      (streams === undefined || streams(e.logStreamName)) &&
      matches(e.message),
  );
  return newestFirst ? selected.reverse() : selected;
}
