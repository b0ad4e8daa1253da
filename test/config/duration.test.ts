import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { newestFirstSlices, parseDuration, parseTime, searchWindow } from '../../src/config/duration';
import { inputError } from '../support/failures';
import { describeError } from '../../src/errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/**
 * parseTime run in a separate Node process with the given TZ: Jest's sandboxed process.env does not reach the
 * time zone of the running process, so this is the only way to show what a user on another zone gets.
 */
function parseTimeIn(timeZone: string, inputs: string[]): number[] {
  const script = `
    const ts = require('typescript');
    const fs = require('node:fs');
    require.extensions['.ts'] = (module, file) =>
      module._compile(
        ts.transpileModule(fs.readFileSync(file, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText,
        file,
      );
    const { parseTime } = require(process.argv[1]);
    process.stdout.write(JSON.stringify(JSON.parse(process.argv[2]).map((text) => parseTime(text))));
  `;
  const output = execFileSync(
    process.execPath,
    ['-e', script, resolve(__dirname, '../../src/config/duration.ts'), JSON.stringify(inputs)],
    { cwd: resolve(__dirname, '../..'), env: { ...process.env, TZ: timeZone }, encoding: 'utf8' },
  );
  return JSON.parse(output) as number[];
}

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['90 sec', 90_000],
    ['30m', 30 * MINUTE],
    ['15min', 15 * MINUTE],
    ['2h', 2 * HOUR],
    ['3hr', 3 * HOUR],
    ['2H', 2 * HOUR],
    [' 24h ', 24 * HOUR],
    ['1d', 24 * HOUR],
    ['7D', 7 * 24 * HOUR],
    ['1w', 7 * 24 * HOUR],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0h', '1.5h', 'h', '2', '2y', '-1h', '2 hours', '1h30m', 'PT2H'])('rejects %j', (text) => {
    const error = inputError(() => parseDuration(text));
    expect(error.message).toBe(`"${text}" is not a duration`);
    expect(describeError(error).hint).toBe('give a number and a unit: 30m, 2h, 1d, 1w');
  });
});

describe('parseTime', () => {
  it.each([
    ['2026-11-24T10:15Z', Date.UTC(2026, 10, 24, 10, 15)],
    ['2026-11-24T10:15:30.500Z', Date.UTC(2026, 10, 24, 10, 15, 30, 500)],
    ['2026-11-24T10:15', Date.UTC(2026, 10, 24, 10, 15)],
    ['2026-11-24T11:15+01:00', Date.UTC(2026, 10, 24, 10, 15)],
    ['2026-11-24T05:15-0500', Date.UTC(2026, 10, 24, 10, 15)],
    ['  2026-11-24T10:15Z ', Date.UTC(2026, 10, 24, 10, 15)],
  ])('%j is %i', (text, ms) => {
    expect(parseTime(text)).toBe(ms);
  });

  it('reads a lower-case z as UTC, as RFC 3339 allows', () => {
    expect(parseTime('2026-11-24T10:15z')).toBe(Date.UTC(2026, 10, 24, 10, 15));
  });

  it.each(['yesterday', '2026-13-01T00:00Z', '2026-11-24T25:00Z', '', 'Sun May 07 05:37:15 UTC 2017'])(
    'rejects %j',
    (text) => {
      const error = inputError(() => parseTime(text));
      expect(error.message).toBe(`"${text}" is not a time`);
      expect(describeError(error).hint).toBe('give an ISO time such as 2026-11-24T10:15Z');
    },
  );

  it('reads a time without a zone as UTC, whatever the zone of the machine', () => {
    const inputs = ['2026-11-24T10:15', '2026-11-24', '2026-11-24 10:15'];
    const expected = [Date.UTC(2026, 10, 24, 10, 15), Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 24, 10, 15)];

    expect(parseTimeIn('America/New_York', inputs)).toEqual(expected);
    expect(parseTimeIn('Asia/Kolkata', inputs)).toEqual(expected);
  });
});

describe('searchWindow', () => {
  it('looks 30 minutes either side of --at', () => {
    expect(searchWindow({ at: '2026-11-24T10:15Z', defaultSince: '24h', now: NOW })).toEqual({
      start: Date.UTC(2026, 10, 24, 9, 45),
      end: Date.UTC(2026, 10, 24, 10, 45),
    });
  });

  it('looks back --since from now', () => {
    expect(searchWindow({ since: '2h', defaultSince: '24h', now: NOW })).toEqual({
      start: NOW - 2 * HOUR,
      end: NOW,
    });
  });

  it('falls back to the default look-back', () => {
    expect(searchWindow({ defaultSince: '6h', now: NOW })).toEqual({ start: NOW - 6 * HOUR, end: NOW });
  });

  it('refuses --since together with --at', () => {
    const error = inputError(() =>
      searchWindow({ since: '2h', at: '2026-11-24T10:15Z', defaultSince: '24h', now: NOW }),
    );
    expect(error.message).toBe('--since and --at cannot be used together');
    expect(describeError(error).hint).toBe('give one of them');
  });

  it.each([
    [{ since: '2 days' }, '"2 days" is not a duration'],
    [{ at: 'noon' }, '"noon" is not a time'],
  ])('passes on a bad value %j', (option, message) => {
    expect(() => searchWindow({ ...option, defaultSince: '24h', now: NOW })).toThrow(message);
  });
});

describe('newestFirstSlices', () => {
  it('splits a day into the last hour, the five before, then the rest, each overlapping the next by a minute', () => {
    expect(newestFirstSlices({ start: NOW - 24 * HOUR, end: NOW })).toEqual([
      { start: NOW - HOUR - MINUTE, end: NOW },
      { start: NOW - 6 * HOUR - MINUTE, end: NOW - HOUR },
      { start: NOW - 24 * HOUR, end: NOW - 6 * HOUR },
    ]);
  });

  it.each([
    ['30 minutes', 30 * MINUTE, [{ start: NOW - 30 * MINUTE, end: NOW }]],
    [
      '3 hours',
      3 * HOUR,
      [
        { start: NOW - HOUR - MINUTE, end: NOW },
        { start: NOW - 3 * HOUR, end: NOW - HOUR },
      ],
    ],
    [
      'exactly 6 hours',
      6 * HOUR,
      [
        { start: NOW - HOUR - MINUTE, end: NOW },
        { start: NOW - 6 * HOUR, end: NOW - HOUR },
      ],
    ],
    ['nothing', 0, []],
  ])('a window of %s', (_label, length, expected) => {
    expect(newestFirstSlices({ start: NOW - length, end: NOW })).toEqual(expected);
  });

  it('never reaches before the window and covers all of it', () => {
    const window = { start: NOW - 7 * 24 * HOUR, end: NOW };
    const slices = newestFirstSlices(window);
    expect(Math.min(...slices.map((s) => s.start))).toBe(window.start);
    expect(slices[0].end).toBe(window.end);
    for (let i = 1; i < slices.length; i++) expect(slices[i].end).toBeGreaterThanOrEqual(slices[i - 1].start);
  });
});
