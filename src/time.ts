// One module per function: the date-fns index would load all of its 300 modules at every start of the CLI.
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

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

/** ISO text with its zone made explicit: none means UTC (CloudWatch's convention), a date alone means midnight. */
function withUtcZone(text: string): string {
  const iso = text.trim().replace(/z$/, 'Z').replace(' ', 'T').replace(',', '.');
  const withTime = iso.includes('T') ? iso : `${iso}T00:00`;
  return HAS_ZONE.test(withTime) ? withTime : `${withTime}Z`;
}

/** `2017-06-05T17:52:57.701Z`, as CloudWatch exports print it: Date.parse reads it as it is. */
const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z$/;

/** An ISO-8601 timestamp as logs print it (the scanner's hot path). */
export function parseIsoTimestamp(text: string): number | undefined {
  const ms = CANONICAL_ISO.test(text) ? parseCanonical(text) : Date.parse(withUtcZone(text));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The last whole second `parseCanonical` read: the lines of a trace mostly share it. */
let lastSecond = { text: '', ms: NaN };

/**
 * `Date.parse` of a canonical timestamp, the whole second parsed once for all the times within it. Hour 24 is
 * left to `Date.parse`: `T24:00:00Z` is a valid time and `T24:00:00.5Z` is not.
 */
function parseCanonical(text: string): number {
  const second = text.slice(0, 19);
  if (text.startsWith('24', 11)) return Date.parse(text);
  if (second !== lastSecond.text) lastSecond = { text: second, ms: Date.parse(`${second}Z`) };
  return text.length === 20 ? lastSecond.ms : lastSecond.ms + Number(text.slice(20, -1).padEnd(3, '0'));
}

/** A time a person typed (`--at`): read strictly, with date-fns. */
export function parseTypedTime(text: string): number | undefined {
  const date = parseISO(withUtcZone(text));
  return isValid(date) ? date.getTime() : undefined;
}

export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
