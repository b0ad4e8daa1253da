import { requestIdOfLine } from '../../src/evidence/log-lines';
import { eventOfLine, messageOf } from '../../src/locate/log-stream';
import { seededRandom } from '../../src/sandbox/log-generator';
import {
  Finder,
  JSON_MESSAGE,
  JSON_NO_MESSAGE,
  JSON_SLOW,
  found,
  idStartAt,
  isPlainId,
  readJsonLine,
  statusAt,
} from '../../src/locate/line-ids';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('Reading a line as bytes', () => {
  it.each([
    ['(abc-1) message', 1],
    ['2026-11-24T09:00:00.123Z (abc-1) message', 26],
    ['2026-11-24T09:00:00Z (abc-1) message', 22],
    ['2026-11-24T09:00:00.123456Z (abc-1) message', 29],
    ['2026-11-24T09:00:00.Z (abc-1) message', -1],
    ['2026-11-24 09:00:00.123Z (abc-1) message', -1],
    ['2026-11-24T09:00:00.123+01:00 | (abc-1) message', -1],
    ['2026-11-24T09:00:00.123Z  (abc-1) message', -1],
    [' (abc-1) message', -1],
    ['Starting authorizer: x for request: y', -1],
    ['2026', -1],
  ])('the id of %j starts at %i', (line, at) => {
    expect(idStartAt(bytes(line), 0, Buffer.byteLength(line))).toBe(at);
  });

  it.each([
    ['49a6b913-a965-4f66-a9e1-7b4ccf3b96cc', true],
    ['test-request', true],
    ['abc', true],
    ['ab', false],
    ['a'.repeat(99), true],
    ['a'.repeat(100), false],
    ['a b', false],
    ['a(b', false],
    ['a"b', false],
    ['a\\b', false],
    ['a\u001bb', false],
    ['ünï', false],
  ])('%j is an id as it stands: %s', (id, plain) => {
    const buf = bytes(id);
    expect(isPlainId(buf, 0, buf.length)).toBe(plain);
  });

  it.each([
    ['403', 403],
    ['200, extra', 200],
    ['40', 40],
    ['', 0],
    [' 40', 40],
    ['4x3', Number.NaN],
    ['4é3', undefined],
    ['4\\u', undefined],
  ])('the status after the marker in %j is %s', (rest, status) => {
    const buf = bytes(rest);
    expect(statusAt(buf, 0, buf.length)).toBe(status);
  });

  it('finds a pattern line after line, searching each occurrence once', () => {
    const buf = bytes('a X\nb\nc X\nd\n');
    const finder = new Finder(Buffer.from('X'));
    expect([
      finder.find(buf, 0, 3),
      finder.find(buf, 4, 5),
      finder.find(buf, 6, 9),
      finder.find(buf, 10, 11),
    ]).toEqual([2, -1, 8, -1]);
  });
});

describe('Reading a JSON line as bytes', () => {
  it.each([
    ['{"timestamp":1,"message":"(abc) x"}', '(abc) x'],
    ['{ "message" : "(abc) x" , "n": -1.5e3, "t": true, "f": false, "z": null }', '(abc) x'],
    ['{"@message":"(abc) x"}', '(abc) x'],
    ['{"message":null,"@message":"(abc) x"}', '(abc) x'],
    ['{"message":"first","message":"second"}', 'second'],
    ['{"message":"a \\"quoted\\" \\\\ \\/ \\n\\t line"}', 'a "quoted" \\ / \n\t line'],
    ['{"message":"(abc) x"}   ', '(abc) x'],
  ])('%s has the message %j', (line, message) => {
    const buf = bytes(line);
    expect(readJsonLine(buf, 0, buf.length)).toBe(JSON_MESSAGE);
    expect(JSON.parse(`"${buf.toString('utf8', found.messageStart, found.messageEnd)}"`)).toBe(message);
    expect(messageOf(JSON.parse(line))).toBe(message);
  });

  it.each([
    ['{"message":42}', JSON_NO_MESSAGE],
    ['{"message":true,"@message":"x"}', JSON_NO_MESSAGE],
    ['{"other":"x"}', JSON_NO_MESSAGE],
    ['{}', JSON_NO_MESSAGE],
    ['{"message":"\\u0041"}', JSON_SLOW],
    ['{"nested":{"message":"x"},"message":"y"}', JSON_SLOW],
    ['{"message":"x","list":[1]}', JSON_SLOW],
    ['{"message":"x"', JSON_SLOW],
    ['{"message":"x"} trailing', JSON_SLOW],
    ['{"message":"tab\tinside"}', JSON_SLOW],
    ['{"mess\\u0061ge":"x"}', JSON_SLOW],
    ['{"message":"x",}', JSON_SLOW],
    ['{"n":01,"message":"x"}', JSON_SLOW],
    ['{"n":1.,"message":"x"}', JSON_SLOW],
    ['{"message":"bad \\x escape"}', JSON_SLOW],
  ])('%s is read as %i (1 message, 0 none, -1 decode it)', (line, result) => {
    const buf = bytes(line);
    expect(readJsonLine(buf, 0, buf.length)).toBe(result);
  });
});

const PIECES = [
  '(',
  ')',
  ') ',
  '(aaaaaaaa-0000-4000-8000-000000000001) ',
  '(ab) ',
  '2026-11-24T09:00:00.123Z ',
  '2026-11-24T09:00:00Z ',
  '{"message":"',
  '{"@message":"',
  '"}',
  '\\"',
  '\\u0041',
  'abc',
  'é',
  ' ',
  '\t',
  '"',
  '\\',
  '0',
  '-',
];

describe('The byte reader agrees with the line parser whenever it decides', () => {
  it('on 20,000 lines stitched from ids, wrappers, JSON and odd bytes', () => {
    const random = seededRandom(2026);
    let decided = 0;
    for (let n = 0; n < 20_000; n++) {
      let line = '';
      const count = 1 + Math.floor(random() * 6);
      for (let k = 0; k < count; k++) line += PIECES[Math.floor(random() * PIECES.length)];
      const buf = bytes(line);
      let from = 0;
      let to = buf.length;
      if (buf[0] === 0x7b) {
        if (readJsonLine(buf, 0, buf.length) !== JSON_MESSAGE) continue;
        from = found.messageStart;
        to = found.messageEnd;
        expect(messageOf(JSON.parse(line))).toBe(JSON.parse(`"${buf.toString('utf8', from, to)}"`));
      }
      const idStart = idStartAt(buf, from, to);
      if (idStart < 0) continue;
      const close = buf.indexOf(0x29, idStart);
      if (close < 0 || close + 1 >= to || buf[close + 1] !== 0x20 || !isPlainId(buf, idStart, close))
        continue;
      expect(requestIdOfLine(eventOfLine(line))).toBe(buf.toString('latin1', idStart, close));
      decided++;
    }
    expect(decided).toBeGreaterThan(1_000);
  });
});
