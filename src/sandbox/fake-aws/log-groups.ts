import { createHash } from 'node:crypto';
import { FakeAwsError, invalidParameter } from './errors';
import type { FakeState } from './state';

/** A log event as served: sorted position fixed, ids and stream filled in. */
export interface ServedEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

const INGESTION_DELAY_MS = 250;
const GROUP_ARN = /^arn:aws[\w-]*:logs:([^:]*):(\d{12}):log-group:(.+?)(?::\*)?$/;

export function groupArn(state: FakeState, name: string): string {
  return `arn:aws:logs:${state.world.region}:${state.world.accountId}:log-group:${name}`;
}

/** A `logGroupIdentifier` (name or ARN) → the group name it points at in this account and region. */
export function groupNameOf(state: FakeState, identifier: string): string {
  const arn = GROUP_ARN.exec(identifier);
  if (!arn) return identifier;
  const [, region, account, name] = arn;
  if (region !== state.world.region || account !== state.world.accountId) return identifier;
  return name;
}

export function requireGroup(state: FakeState, identifier: string): string {
  const name = groupNameOf(state, identifier);
  if (!Object.prototype.hasOwnProperty.call(state.world.logGroups, name)) {
    throw new FakeAwsError('ResourceNotFoundException', 'The specified log group does not exist.');
  }
  return name;
}

/** `logGroupName` or `logGroupIdentifier`: exactly one of them. */
export function singleGroupIdentifier(name: string | undefined, identifier: string | undefined): string {
  if (name !== undefined && identifier !== undefined) {
    throw invalidParameter('LogGroupName and LogGroupIdentifier are mutually exclusive parameters.');
  }
  const chosen = name ?? identifier;
  if (chosen === undefined)
    throw invalidParameter('Either LogGroupName or LogGroupIdentifier must be provided.');
  return chosen;
}

/**
 * The group's events sorted by timestamp (stable). Computed per request because a sandbox may append events
 * while running; event ids derive from the position in the world's array so they stay put across appends.
 */
export function servedEvents(state: FakeState, group: string): ServedEvent[] {
  const stream = defaultStream(group);
  return (state.world.logGroups[group] ?? [])
    .map((event, index) => ({
      logStreamName: event.logStreamName ?? stream,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.timestamp + INGESTION_DELAY_MS,
      eventId: `${String(event.timestamp).padStart(20, '0')}${String(index).padStart(12, '0')}`,
    }))
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** API Gateway names execution-log streams by a hex hash; so does the fake, when the world gives none. */
function defaultStream(group: string): string {
  return createHash('md5').update(group).digest('hex');
}

export function utf8Size(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
