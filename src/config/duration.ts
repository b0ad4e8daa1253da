import { milliseconds } from 'date-fns/milliseconds';
import { parseTypedTime } from '../time';
import { InputError } from '../errors';
import { msg, typed } from '../text';

/** `--since 2h` and `--at 2026-11-24T10:15Z`, read with date-fns. */

const DURATION = /^(?<amount>\d{1,6})\s*(?<unit>s|sec|m|min|h|hr|d|w)$/i;
const UNITS: Record<string, 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks'> = {
  s: 'seconds',
  sec: 'seconds',
  m: 'minutes',
  min: 'minutes',
  h: 'hours',
  hr: 'hours',
  d: 'days',
  w: 'weeks',
};

export interface TimeWindow {
  start: number;
  end: number;
}

/** `2h` → milliseconds. */
export function parseDuration(text: string): number {
  const groups = DURATION.exec(text.trim())?.groups;
  if (!groups || Number(groups.amount) === 0) {
    throw new InputError(
      msg('config.duration.invalid', { text: typed(text) }),
      msg('config.duration.invalid.hint'),
    );
  }
  return milliseconds({ [UNITS[groups.unit.toLowerCase()]]: Number(groups.amount) });
}

/** An ISO time; without a zone it is UTC (a date alone is midnight UTC). */
export function parseTime(text: string): number {
  const ms = parseTypedTime(text);
  if (ms === undefined)
    throw new InputError(msg('config.time.invalid', { text: typed(text) }), msg('config.time.invalid.hint'));
  return ms;
}

/**
 * The window to search: `--at T` looks around T, `--since D` looks back D from now, otherwise the default look-back.
 */
export function searchWindow(options: {
  since?: string;
  at?: string;
  defaultSince: string;
  now: number;
}): TimeWindow {
  if (options.since && options.at)
    throw new InputError(msg('config.since-and-at'), msg('config.since-and-at.hint'));
  if (options.at) {
    const at = parseTime(options.at);
    return { start: at - 30 * 60_000, end: at + 30 * 60_000 };
  }
  return { start: options.now - parseDuration(options.since ?? options.defaultSince), end: options.now };
}

/**
 * Splits a window into slices searched one after the other, newest first: the last hour, then the five before,
 * then the rest. A request is usually recent, and narrow windows spare pages of empty results.
 */
export function newestFirstSlices(window: TimeWindow): TimeWindow[] {
  const slices: TimeWindow[] = [];
  let end = window.end;
  for (const hours of [1, 5, Number.POSITIVE_INFINITY]) {
    if (end <= window.start) break;
    const start = Math.max(window.start, end - hours * 3_600_000);
    slices.push({ start: Math.max(window.start, start - 60_000), end });
    end = start;
  }
  return slices;
}
