import { Readable } from 'node:stream';
import { scanLogFile } from '../../src/locate/file-scan';
import { NotALogError } from '../../src/locate/input-check';
import { ExecutionLogGenerator } from '../../src/sandbox/log-generator';

function chunksOf(text: string, size = 4096): AsyncIterable<string> {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return Readable.from(parts);
}

/** Chunks that all share one buffer, as `scan --file` reads a plain file: each is valid only until the next. */
async function* oneBuffer(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  const shared = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const length = bytes.copy(shared, 0, i, i + size);
    yield shared.subarray(0, length);
    shared.fill(0x7e); // what a reader kept without copying no longer holds the log
  }
}

function generated(lines: number, options: ConstructorParameters<typeof ExecutionLogGenerator>[0] = {}) {
  const generator = new ExecutionLogGenerator({ seed: 7, ...options });
  const text = [...generator.lines(lines)].join('\n');
  return { text, truth: generator.truth };
}

function countsOf(report: Awaited<ReturnType<typeof scanLogFile>>): Record<string, number> {
  return Object.fromEntries(report.causes.map((c) => [c.cause, c.count]));
}

function expectedCounts(truth: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...truth.entries()].filter(([cause]) => cause !== 'ok'));
}

describe('Offline scan of an exported execution log', () => {
  it('groups interleaved requests and classifies every failed one as the generator meant', async () => {
    const { text, truth } = generated(20_000, { concurrency: 32 });
    const report = await scanLogFile(chunksOf(text));
    expect(report.lines).toBe(text.split('\n').length);
    expect(report.ok).toBe(truth.get('ok'));
    expect(countsOf(report)).toEqual(expectedCounts(truth));
    expect(report.total).toBe(report.causes.reduce((sum, c) => sum + c.count, 0));
    expect(report.incomplete).toBe(0);
  });

  it('gives example request ids and the affected methods per cause', async () => {
    const { text } = generated(5_000);
    const report = await scanLogFile(chunksOf(text));
    for (const cause of report.causes) {
      expect(cause.requestIds.length).toBeGreaterThan(0);
      expect(cause.requestIds.length).toBeLessThanOrEqual(5);
      for (const id of cause.requestIds) expect(text).toContain(`(${id})`);
    }
    const backend = report.causes.find((c) => c.cause === 'other');
    expect(backend?.methods[0]).toMatch(/^GET \/orders\/\d+$/);
  });

  it('reads the JSON of aws logs filter-log-events, split at any byte', async () => {
    const { text, truth } = generated(3_000);
    const json = JSON.stringify({
      events: text.split('\n').map((message, i) => ({
        logStreamName: 'abc',
        timestamp: i,
        message,
        ingestionTime: i,
        eventId: String(i),
      })),
      searchedLogStreams: [],
    });
    const report = await scanLogFile(chunksOf(json, 777));
    expect(countsOf(report)).toEqual(expectedCounts(truth));
  });

  it('reads a Logs Insights export and get-query-results output', async () => {
    const { text, truth } = generated(2_000);
    const lines = text.split('\n');
    const insights = JSON.stringify(
      lines.map((message) => ({ '@timestamp': '2026-11-24 09:00:00.000', '@message': message })),
    );
    const queryResults = JSON.stringify({
      results: lines.map((message) => [
        { field: '@message', value: message },
        { field: '@ptr', value: 'x' },
      ]),
      status: 'Complete',
    });
    expect(countsOf(await scanLogFile(chunksOf(insights, 500)))).toEqual(expectedCounts(truth));
    expect(countsOf(await scanLogFile(chunksOf(queryResults, 500)))).toEqual(expectedCounts(truth));
  });

  it.each([
    [
      '[INFO] 2026-11-24T09:00:00.003Z (55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403',
      'lines',
    ],
    [
      '[2026-11-24 09:00:00] (55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403',
      'lines',
    ],
    [
      '[\n  {"@message": "(55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403"}\n]',
      'json',
    ],
    ['  [{"@message": "(55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403"}]', 'json'],
  ])(
    'reads input that starts with a bracket as JSON only when an array of objects follows: %j',
    async (input, shape) => {
      const text = `${input}\n${input.startsWith('[') && shape === 'lines' ? input : ''}`;
      const report = await scanLogFile(chunksOf(text));
      expect(report.lines).toBe(shape === 'lines' ? 2 : 1);
    },
  );

  it('reads newline-delimited JSON events', async () => {
    const { text, truth } = generated(2_000);
    const ndjson = text
      .split('\n')
      .map((message) => JSON.stringify({ timestamp: 1, message }))
      .join('\n');
    expect(countsOf(await scanLogFile(chunksOf(ndjson)))).toEqual(expectedCounts(truth));
  });

  it('closes requests that never print a terminal line, and keeps the open set bounded', async () => {
    const lines = [
      '(aaaaaaaa-0000-4000-8000-000000000001) Extended Request Id: X=',
      '(aaaaaaaa-0000-4000-8000-000000000001) Unauthorized request: aaaaaaaa-0000-4000-8000-000000000001',
      '(aaaaaaaa-0000-4000-8000-000000000002) Extended Request Id: Y=',
    ];
    const report = await scanLogFile(chunksOf(lines.join('\n')), { maxOpenRequests: 1, idleLines: 1 });
    expect(countsOf(report)).toEqual({ 'identity-source-missing': 1 });
    expect(report.incomplete).toBe(1);
    expect(report.requests).toBe(2);
  });

  it('gives the same report when every chunk reuses one buffer, whatever the shape of the export', async () => {
    const { text } = generated(3_000);
    const lines = text.split('\n');
    const shapes = {
      lines: text,
      ndjson: lines.map((message) => JSON.stringify({ timestamp: 1, message })).join('\n'),
      'filter-log-events': JSON.stringify({ events: lines.map((message) => ({ message })) }),
    };
    for (const shape of Object.values(shapes)) {
      const expected = await scanLogFile(chunksOf(shape));
      expect(await scanLogFile(oneBuffer(shape, 1_021))).toEqual(expected);
      expect(await scanLogFile(oneBuffer(shape, 70_001))).toEqual(expected);
    }
  });

  it('rejects broken JSON with an error', async () => {
    await expect(scanLogFile(chunksOf('{"events": [{"message": "x"}, '))).rejects.toThrow();
  });

  it('refuses a JSON export in which no event ends for more than 64 MiB, instead of holding it', async () => {
    const mebibyte = Buffer.alloc(1 << 20, 'a');
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from(
        '[{"message": "(55db2d2f-0000-4000-8000-0955db2d2f00) Method completed with status: 403"}, {"message": "',
      );
      for (let i = 0; i < 100; i++) yield mebibyte;
    }
    const refused = scanLogFile(endless(), { source: 'export.json' });
    await expect(refused).rejects.toThrow(NotALogError);
    await expect(refused).rejects.toMatchObject({
      source: 'export.json',
      problem: { id: 'input.event-too-large', params: { mebibytes: 64 } },
    });
  });
});
