import type { StageConfig } from '../evidence/types';
import type { TimeWindow } from '../config/duration';
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

/** A `$context` variable of a format; a dot after it (the end of a sentence) is text. */
const VARIABLE = /\$context(?:\.[A-Za-z0-9_]+)+/g;

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
  return format ? readAgainstFormat(format, trimmed) : undefined;
}

/**
 * A record read against the stage's format string (CLF, CSV, XML or the owner's own): each variable takes the text
 * up to the first occurrence of the literal text after it, the last one up to the literal that ends the format.
 * Linear in the record's length whatever it holds: a pattern of one lazy group per variable would backtrack
 * without bound on a record that does not fit (a request's own values, its user agent say, may hold any text).
 */
function readAgainstFormat(format: string, text: string): Record<string, string> | undefined {
  const names = format.match(VARIABLE) ?? [];
  if (names.length === 0) return undefined;
  const literals = format.split(VARIABLE);
  const last = literals[names.length];
  const end = text.length - last.length;
  if (end < literals[0].length || !text.startsWith(literals[0]) || !text.endsWith(last)) return undefined;
  const fields: Record<string, string> = {};
  let at = literals[0].length;
  for (const [i, name] of names.entries()) {
    const literal = literals[i + 1];
    const stop = i === names.length - 1 ? end : text.indexOf(literal, at);
    if (stop < at || stop + (i === names.length - 1 ? 0 : literal.length) > end) return undefined;
    fields[name.slice(1)] = text.slice(at, stop);
    at = stop + literal.length;
  }
  return fields;
}
