import type { AwsAccess } from '../aws/clients';
import type { StageConfig } from '../evidence/types';
import { logGroupOfArn, quotedTerm } from './log-groups';

/**
 * The access-log record of a request, from the group the stage's accessLogSettings names. The format is the API
 * owner's: JSON is read as JSON; anything else is matched against the format string itself, each $context
 * variable becoming a field.
 */
export async function readAccessLogRecord(
  access: AwsAccess,
  stage: StageConfig,
  requestId: string,
  around: { start: number; end: number },
  signal?: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  const group = logGroupOfArn(stage.accessLogSettings?.destinationArn);
  if (!group) return undefined;
  const result = await access.logs.filterEvents({
    logGroup: group.name,
    pattern: quotedTerm(requestId),
    ...around,
    pageBudget: 5,
    signal,
  });
  const event = result.events[0];
  return event ? parseAccessLogRecord(stage.accessLogSettings?.format, event.message) : undefined;
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
  const literals = format.split(VARIABLE).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = literals.reduce(
    (regex, literal, i) => regex + literal + (i < names.length ? '(.*?)' : ''),
    '',
  );
  const match = new RegExp(`^${pattern}$`, 's').exec(trimmed);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name.replace(/^\$/, ''), match[i + 1]]));
}
