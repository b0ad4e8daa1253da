import { Readable } from 'node:stream';
import { scanLogFile } from '../../src/locate/file-scan';
import { ExecutionLogGenerator, seededRandom } from '../../src/sandbox/log-generator';
import { scanLogFileLineByLine } from './support/line-by-line-scan';
import { scanFixtures } from './fixtures/scan-inputs';

/**
 * The byte-level scanner against the line-by-line scanner it replaced (test/locate/support), with the rules as they
 * are: same report for every input, however it is cut into chunks. Unlike the golden expectations, this holds
 * whatever the rules decide a trace is.
 */

function chunked(content: Buffer, size: number): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < content.length; i += size) chunks.push(content.subarray(i, i + size));
  return Readable.from(chunks);
}

type Options = Parameters<typeof scanLogFile>[1];

async function both(content: Buffer, size: number, options: Options = {}) {
  const settle = (p: Promise<unknown>) => p.catch((error: Error) => ({ error: error.message }));
  return {
    current: await settle(scanLogFile(chunked(content, size), options)),
    reference: await settle(scanLogFileLineByLine(chunked(content, size), options)),
  };
}

const IDS = [
  'aaaaaaaa-0000-4000-8000-000000000001',
  'aaaaaaaa-0000-4000-8000-000000000002',
  'bbbbbbbb-0000-4000-8000-000000000003',
  'abc',
  'ab',
  'x y',
  'ü-id-0001',
  'a(b',
  'test-request',
];
const PIECES = [
  ...IDS.map((id) => `(${id}) `),
  ...IDS.map((id) => `(${id})`),
  '2026-11-24T09:00:00.123Z ',
  '2026-11-24T09:00:00Z ',
  '2026-11-24T09:00:00.Z ',
  '2026-11-24 09:00:00.123Z ',
  '2026-11-24T09:00:00.123+01:00 | ',
  'Method completed with status: ',
  'Method completed with status: 403',
  'Method completed with status: 200',
  'Method completed with status: 4',
  'Unauthorized request: ',
  'Starting authorizer: 8xkq2m for request: ',
  'Starting execution for request: ',
  'Unauthorized',
  'Authorizer error',
  'Extended Request Id: X=',
  'The client is not authorized to perform this operation.',
  '{"message":"',
  '{"@message":"',
  '{"timestamp":1,"message":"',
  '"}',
  '", "x": [1]}',
  '\\"',
  '\\n',
  '\\u0041',
  ' ',
  '  ',
  '\t',
  '\r',
  'é',
  '支付',
  '😀',
  ')',
  '(',
  '[',
  '>',
  'request: ',
  'ok',
  '\uFEFF',
];

/** Lines stitched from the pieces every reader must agree on: ids, wrappers, markers, JSON, escapes, odd bytes. */
function fuzzLog(seed: number, lines: number): Buffer {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const parts: string[] = [];
    const count = 1 + Math.floor(random() * 5);
    for (let k = 0; k < count; k++) parts.push(pick(PIECES));
    out.push(parts.join(''));
  }
  // Starts like an export, so that the input is read as lines (a first `[` or `{` would make it JSON).
  const text = `(${IDS[0]}) Extended Request Id: X=\n${out.join(pick(['\n', '\r\n']))}`;
  const bytes = Buffer.from(text, 'utf8');
  // A few bytes that are not UTF-8 at all, as damaged exports have.
  for (let k = 0; k < 3; k++) bytes[Math.floor(random() * bytes.length)] = 0xff;
  return bytes;
}

describe('The byte-level scanner reports what the line-by-line scanner reported', () => {
  const fixtures = scanFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s, in chunks of 997 bytes and with small limits',
    async (_name, fixture) => {
      const { current, reference } = await both(fixture.content, 997, { idleLines: 25, maxOpenRequests: 4 });
      expect(current).toEqual(reference);
    },
  );

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random lines of every shape (seed %i)', async (seed) => {
    const log = fuzzLog(seed, 3_000);
    for (const [size, options] of [
      [1 << 20, {}],
      [61, { idleLines: 30, maxOpenRequests: 5 }],
    ] as const) {
      const { current, reference } = await both(log, size, options);
      expect(current).toEqual(reference);
      expect(current).toHaveProperty('total', expect.any(Number));
    }
  });

  it('generated traffic: 30,000 lines, 64 requests in flight', async () => {
    const lines = [...new ExecutionLogGenerator({ seed: 5, concurrency: 64 }).lines(30_000)];
    const log = Buffer.from(lines.join('\n'));
    const { current, reference } = await both(log, 1 << 16);
    expect(current).toEqual(reference);
    expect((current as { total: number }).total).toBeGreaterThan(0);
  });
});
