import { invalidParameter } from './errors';
import { optionalNumber, optionalString, type LogsInput } from './input';
import { groupArn, servedEvents, utf8Size } from './log-groups';
import type { FakeState } from './state';
import { decodeToken, encodeToken, tokenOffset } from './tokens';

const DEFAULT_LIMIT = 50;
/** The world has no creation dates: groups are said to exist this long before their first event. */
const AGE_BEFORE_FIRST_EVENT_MS = 30 * 24 * 3600 * 1000;
const CREATION_TIME_WHEN_EMPTY = Date.UTC(2024, 0, 1);

export function describeLogGroupsTarget(_state: FakeState, input: LogsInput): string {
  return optionalString(input, 'logGroupNamePrefix') ?? optionalString(input, 'logGroupNamePattern') ?? '';
}

export function describeLogGroups(state: FakeState, input: LogsInput): object {
  const prefix = optionalString(input, 'logGroupNamePrefix');
  const pattern = optionalString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.');
  }
  const limit = readLimit(input);
  const offset = readOffset(input);
  const names = Object.keys(state.world.logGroups)
    .filter(
      (name) =>
        (prefix === undefined || name.startsWith(prefix)) &&
        (pattern === undefined || name.includes(pattern)),
    )
    .sort();
  const end = offset + limit;
  const logGroups = names.slice(offset, end).map((name) => describeGroup(state, name, pattern !== undefined));
  return { logGroups, ...(end < names.length ? { nextToken: encodeToken({ g: end }) } : {}) };
}

function readLimit(input: LogsInput): number {
  const limit = optionalNumber(input, 'limit') ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > DEFAULT_LIMIT) {
    throw invalidParameter(`limit must be between 1 and ${DEFAULT_LIMIT}`);
  }
  return limit;
}

function readOffset(input: LogsInput): number {
  const token = optionalString(input, 'nextToken');
  if (token === undefined) return 0;
  const offset = tokenOffset(decodeToken(token), 'g');
  if (offset === undefined) throw invalidParameter('The specified nextToken is invalid.');
  return offset;
}

/** A name pattern search returns only name, ARN and creation time, as AWS does. */
function describeGroup(state: FakeState, name: string, brief: boolean): object {
  const events = servedEvents(state, name);
  const arn = groupArn(state, name);
  const creationTime =
    events.length > 0 ? events[0].timestamp - AGE_BEFORE_FIRST_EVENT_MS : CREATION_TIME_WHEN_EMPTY;
  if (brief) return { logGroupName: name, arn: `${arn}:*`, creationTime };
  const storedBytes = events.reduce((sum, e) => sum + utf8Size(e.message), 0);
  const retentionInDays = state.world.retentionDays?.[name];
  return {
    logGroupName: name,
    arn: `${arn}:*`,
    logGroupArn: arn,
    creationTime,
    ...(retentionInDays === undefined ? {} : { retentionInDays }),
    storedBytes,
    metricFilterCount: 0,
  };
}
