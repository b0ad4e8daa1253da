import { parseIsoTimestamp } from '../src/time';

describe('parseIsoTimestamp', () => {
  it.each([
    '2017-06-05T17:52:57.701Z',
    '2017-06-05T17:52:57.7Z',
    '2017-06-05T17:52:57.07Z',
    '2017-06-05T17:52:57Z',
    '2017-06-05T17:52:58.000Z',
    '2024-02-29T23:59:59.999Z',
    '2026-11-24T24:00:00Z',
  ])('reads the canonical %s as Date.parse does', (text) => {
    expect(parseIsoTimestamp(text)).toBe(Date.parse(text));
  });

  it.each(['2026-11-24T24:00:00.500Z', '2026-13-01T00:00:00.100Z', '2026-11-24T09:61:00.100Z'])(
    'refuses %s, which Date.parse refuses',
    (text) => {
      expect(Number.isNaN(Date.parse(text))).toBe(true);
      expect(parseIsoTimestamp(text)).toBeUndefined();
    },
  );

  it('reads times within one second and across seconds in any order', () => {
    const texts = ['2026-11-24T09:00:00.003Z', '2026-11-24T09:00:00.9Z', '2026-11-24T09:00:01Z'];
    for (const text of [...texts, ...texts.reverse()]) expect(parseIsoTimestamp(text)).toBe(Date.parse(text));
  });

  it('reads other ISO forms as UTC when they name no zone', () => {
    expect(parseIsoTimestamp('2023-10-27T14:40:57.744+01:00')).toBe(Date.UTC(2023, 9, 27, 13, 40, 57, 744));
    expect(parseIsoTimestamp('2016-10-11 15:26:57')).toBe(Date.UTC(2016, 9, 11, 15, 26, 57));
  });
});
