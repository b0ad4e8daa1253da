import type { StageConfig } from '../evidence/types';
import type { TimeWindow } from '../config/duration';
import { escapeRegExp } from '../regexp';
import { logGroupOfArn } from './log-groups';
import { searchRequest, type SearchOptions, type SearchOutcome, type SearchTarget } from './request-search';

/**
 * The access-log record of a request, from the group the stage's accessLogSettings names. It is searched like the
 * execution log (FilterLogEvents with the quoted id, newest slice first, the same budgets and rate limiter), over
 * the span around a found trace or, when the execution log is silent, over the whole window: WAF blocks, requests
 * refused before execution logging and 401s on a missing identity leave only this record. The format is the API
 * owner's: JSON is read as JSON; anything else is matched against the format string itself, each $context
 * variable becoming a field.
 */

export type AccessLogDestination =
  | { kind: 'none' }
  | { kind: 'group'; name: string }
  /** Kinesis Data Firehose, or an ARN of a shape why403 does not know: not searchable here. */
  | { kind: 'elsewhere'; arn: string };

export function accessLogDestination(stage: StageConfig): AccessLogDestination {
  const arn = stage.accessLogSettings?.destinationArn;
  if (!arn) return { kind: 'none' };
  const group = logGroupOfArn(arn);
  return group ? { kind: 'group', name: group.name } : { kind: 'elsewhere', arn };
}

export interface AccessLogSearch {
  /** The stage and access-log group searched for each stage (stages may share one group). */
  targets: SearchTarget[];
  outcome: SearchOutcome;
  /** The record as read, with the stage whose group held it and when CloudWatch received it (epoch ms). */
  record?: { fields: Record<string, unknown>; target: SearchTarget; time: number };
  /** A line for the request was there, but it did not fit the stage's format. */
  unreadable?: { target: SearchTarget; message: string };
}

/**
 * Searches the access-log groups of the given stages for the request. `formats` gives each stage's format string
 * (by stage name), to read records that are not JSON.
 */
export async function searchAccessLog(
  requestId: string,
  targets: readonly SearchTarget[],
  formats: ReadonlyMap<string, string | undefined>,
  window: TimeWindow,
  options: SearchOptions,
): Promise<AccessLogSearch> {
  const unique = targets.filter((t, i) => targets.findIndex((o) => o.logGroup === t.logGroup) === i);
  // One line per request: a hit near a slice's edge needs no second read.
  const outcome = await searchRequest(requestId, unique, window, { ...options, edgeMs: 0 });
  const found = outcome.found;
  if (!found) return { targets: unique, outcome };
  const event = found.events.find((e) => e.message.includes(requestId)) ?? found.events[0];
  const fields = parseAccessLogRecord(formats.get(found.target.stage), event.message);
  return fields
    ? { targets: unique, outcome, record: { fields, target: found.target, time: event.timestamp } }
    : { targets: unique, outcome, unreadable: { target: found.target, message: event.message } };
}

const VARIABLE = /\$context\.[A-Za-z0-9_.]+/g;

export function parseAccessLogRecord(
  format: string | undefined,
  message: string,
): Record<string, unknown> | undefined {
  const trimmed = message.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      // fall through: a truncated JSON record is read against the format below
    }
  }
  if (!format) return undefined;
  const names = format.match(VARIABLE) ?? [];
  if (names.length === 0) return undefined;
  const literals = format.split(VARIABLE).map(escapeRegExp);
  const pattern = literals.reduce(
    (regex, literal, i) => regex + literal + (i < names.length ? '(.*?)' : ''),
    '',
  );
  const match = new RegExp(`^${pattern}$`, 's').exec(trimmed);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name.replace(/^\$/, ''), match[i + 1]]));
}
