import { english } from '../../src/render/localize';
import {
  TextGuard,
  countInvalidUtf8,
  describeNonText,
  mentionsApiGateway,
} from '../../src/locate/input-check';

const LOG =
  '2026-11-24T09:00:00.003Z (55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403\n';

function seeded(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 3;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('Is the input text?', () => {
  it.each([
    ['an execution log', Buffer.from(LOG.repeat(100)), undefined],
    ['UTF-8 in several scripts', Buffer.from('accès refusé 拒絕存取 😀\n'.repeat(50)), undefined],
    [
      'terminal colours from a log-tail tool',
      Buffer.from('\u001b[32m(abc) ok\u001b[0m\r\n'.repeat(50)),
      undefined,
    ],
    [
      'a few damaged characters',
      Buffer.concat([Buffer.from(LOG.repeat(20)), Buffer.from([0xe9, 0xff])]),
      undefined,
    ],
    ['gzip data', Buffer.from([0x1f, 0x8b, 0x08, 0x00]), 'gzip data'],
    ['a zip archive', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]), 'a zip archive'],
    ['xz data', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00]), 'xz data'],
    ['bzip2 data', Buffer.from('BZh91AY&SY'), 'bzip2 data'],
    ['UTF-16 text', Buffer.from('\ufeffhello', 'utf16le'), 'UTF-16 text'],
    ['random bytes', seeded(4096), expect.stringMatching(/^binary data \(a NUL byte at byte \d+\)$/)],
    [
      'Latin-1 text',
      Buffer.from('café crème brûlée '.repeat(100), 'latin1'),
      expect.stringMatching(/^not UTF-8 text/),
    ],
    [
      'control characters',
      Buffer.from('\u0001\u0002\u0003abc'.repeat(100)),
      'binary data (300 control characters)',
    ],
  ])('%s', (_what, sample, problem) => {
    const described = describeNonText(sample);
    expect(described && english.t(described)).toEqual(problem);
  });

  it.each([
    ['valid text', [0x61, 0xc3, 0xa9, 0xe6, 0x8b, 0x92, 0xf0, 0x9f, 0x98, 0x80], 0],
    ['a stray continuation byte', [0x80, 0x61], 1],
    ['an overlong encoding (one run)', [0xc0, 0x80], 1],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 1],
    ['a cut sequence', [0xe6, 0x8b, 0x61], 1],
    ['a byte never in UTF-8', [0xff, 0xfe], 2],
  ])('counts invalid UTF-8: %s', (_what, input, invalid) => {
    const buf = Buffer.from(input);
    expect(countInvalidUtf8(buf, 0, buf.length)).toBe(invalid);
  });

  it('recognises what API Gateway writes, and only that', () => {
    expect(mentionsApiGateway(LOG)).toBe(true);
    expect(mentionsApiGateway('{"message":"Missing Authentication Token"}')).toBe(true);
    expect(mentionsApiGateway('GET /orders HTTP/1.1 200 OK from nginx')).toBe(false);
  });
});

describe('TextGuard: checking an input as it streams by', () => {
  function run(chunks: Buffer[]): string | undefined {
    const guard = new TextGuard();
    for (const chunk of chunks) {
      const problem = guard.check(chunk);
      if (problem) return english.t(problem);
    }
    const problem = guard.end();
    return problem && english.t(problem);
  }

  it('accepts a log whose multi-byte characters are cut by every chunk boundary', () => {
    const text = Buffer.from(`${LOG}拒絕存取 accès 😀 `.repeat(3_000));
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += 1_001) chunks.push(text.subarray(i, i + 1_001));
    expect(run(chunks)).toBeUndefined();
  });

  it('names the byte where a NUL appears, however late', () => {
    const log = Buffer.from(LOG.repeat(2_000));
    expect(run([log, Buffer.from([0x61, 0x00])])).toBe(`binary data (a NUL byte at byte ${log.length + 1})`);
  });

  it('refuses invalid UTF-8 beyond the tolerance, counted across chunks', () => {
    const damaged = Buffer.alloc(100_000, 0xff);
    expect(run([Buffer.from(LOG.repeat(1_000)), damaged])).toMatch(
      /^not UTF-8 text \(\d+ invalid byte sequences in \d+ bytes\)$/,
    );
  });

  it('refuses text in which API Gateway wrote nothing, and an empty input', () => {
    expect(run([Buffer.from('just some notes\n'.repeat(10))])).toBe(
      'not an API Gateway execution log (no line API Gateway writes was found)',
    );
    expect(run([])).toBe('empty');
  });

  it('judges the start of the input as a whole', () => {
    expect(run([Buffer.from([0x1f]), Buffer.from([0x8b, 0x08])])).toBe('gzip data');
    expect(run([Buffer.from('\u0001\u0002\u0003abc'.repeat(30_000))])).toMatch(
      /^binary data \(\d+ control characters\)$/,
    );
  });
});
