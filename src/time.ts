import { isValid } from 'date-fns';

/**
 * Every conversion between the time formats we meet lives here: CloudWatch wants epoch milliseconds, Logs
 * Insights epoch seconds, API Gateway's wire epoch seconds, and logs print ISO or the console's
 * `Sun May 07 05:37:15 UTC 2017`.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CONSOLE_TIMESTAMP =
  /^[A-Z][a-z]{2} (?<mon>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<h>\d{1,2}) ?: ?(?<m>\d{2}) ?: ?(?<s>\d{2}) UTC (?<y>\d{4})$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/;

/** `Sun May 07 05:37:15 UTC 2017` (also with the spaces a paste inserts around colons) → epoch ms. */
export function parseConsoleTimestamp(text: string): number | undefined {
  const groups = CONSOLE_TIMESTAMP.exec(text.trim())?.groups;
  if (!groups) return undefined;
  const month = MONTHS.indexOf(groups.mon);
  if (month < 0) return undefined;
  return Date.UTC(
    Number(groups.y),
    month,
    Number(groups.day),
    Number(groups.h),
    Number(groups.m),
    Number(groups.s),
  );
}

/** An ISO-8601 timestamp as logs print it; without a zone it is UTC (CloudWatch's convention). */
export function parseIsoTimestamp(text: string): number | undefined {
  let iso = text.trim().replace(' ', 'T').replace(',', '.');
  if (!HAS_ZONE.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** API Gateway dates reach us as Date (SDK), epoch seconds (wire) or ISO strings (fixtures). */
export function toEpochMs(value: string | number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return isValid(value) ? value.getTime() : undefined;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  return parseIsoTimestamp(value);
}

export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
