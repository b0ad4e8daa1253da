import { Readable } from 'node:stream';
import { MAX_LINE, readLog } from '../../src/locate/log-stream';
import { requestIdOfLine } from '../../src/evidence/log-lines';
import { RequestGroups, type GroupingOptions } from '../../src/locate/request-groups';
import { groupLogFile } from '../../src/locate/grouping-pass';

interface Closed {
  id: string;
  status: number | undefined;
  events: string[];
}

async function group(text: string | Buffer, chunkSize: number, options: GroupingOptions = {}) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const closed: Closed[] = [];
  const groups = new RequestGroups(
    (r) => closed.push({ id: r.id, status: r.status, events: r.events() }),
    options,
  );
  await readLog(Readable.from(chunks), groups);
  return { counts: groups.finish(), closed };
}

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

describe('RequestGroups: lines grouped by request, read as bytes', () => {
  const log = [
    `2026-11-24T09:00:00.001Z (${A}) Extended Request Id: X=`,
    `2026-11-24T09:00:00.002Z (${B}) Extended Request Id: Y=`,
    `2026-11-24T09:00:00.003Z (${A}) Authorizer result body before parsing: {"principalId":"使用者-Zoë-😀"}`,
    `2026-11-24T09:00:00.004Z (${B}) Method completed with status: 200`,
    `X-ray Tracing ID : Root=1-67890abc`,
    `{"timestamp":1,"message":"(${A}) Unauthorized request: ${A}"}`,
    `2026-11-24T09:00:00.006Z (${A}) Method completed with status: 401`,
  ].join('\r\n');

  it.each([1, 2, 3, 7, 64, 1 << 20])(
    'hands on failed requests with their events intact, in chunks of %i bytes',
    async (size) => {
      const { counts, closed } = await group(log, size);
      // The tracing line comes after B ended: with no request before it, it is counted under "(no request id)".
      expect(counts).toEqual({ lines: 7, requests: 3, ok: 1 });
      expect(closed).toEqual([
        {
          id: A,
          status: 401,
          events: [
            `2026-11-24T09:00:00.001Z (${A}) Extended Request Id: X=`,
            `2026-11-24T09:00:00.003Z (${A}) Authorizer result body before parsing: {"principalId":"使用者-Zoë-😀"}`,
            `(${A}) Unauthorized request: ${A}`,
            `2026-11-24T09:00:00.006Z (${A}) Method completed with status: 401`,
          ],
        },
        { id: '(no request id)', status: undefined, events: ['X-ray Tracing ID : Root=1-67890abc'] },
      ]);
    },
  );

  it('gives a line without a request id to the request of the line before it', async () => {
    const { closed } = await group(log, 50);
    expect(closed[0].events).not.toContain('X-ray Tracing ID : Root=1-67890abc');
    const { closed: afterB } = await group(
      [
        `(${B}) Extended Request Id: Y=`,
        'X-ray Tracing ID : Root=1-67890abc',
        `(${B}) Method completed with status: 500`,
      ].join('\n'),
      8,
    );
    expect(afterB[0].events).toContain('X-ray Tracing ID : Root=1-67890abc');
  });

  it('keeps at most maxOpenRequests open, closing the longest idle first, so memory stays flat', async () => {
    const ids = Array.from(
      { length: 40 },
      (_, n) => `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`,
    );
    const text = ids.map((id) => `(${id}) Unauthorized request: ${id}`).join('\n');
    const { counts, closed } = await group(text, 100, { maxOpenRequests: 10 });
    expect(counts.requests).toBe(40);
    expect(closed.map((c) => c.id)).toEqual(ids);
  });

  it('closes requests left idle for idleLines lines (checked every 1,024 lines)', async () => {
    const lines = [`(${A}) Extended Request Id: X=`];
    for (let n = 0; n < 1_100; n++)
      lines.push(
        `(dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}) Method completed with status: 200`,
      );
    lines.push(`(${A}) Method completed with status: 403`);
    const { counts, closed } = await group(lines.join('\n'), 4_096, { idleLines: 500 });
    // A went idle and was closed without a status; its last line then opened it again.
    expect(counts.requests).toBe(1_102);
    expect(closed.map((c) => [c.id, c.status])).toEqual([
      [A, undefined],
      [A, 403],
    ]);
  });
});

describe('groupLogFile: the reading-and-grouping pass alone', () => {
  it('counts lines, requests, and those that did not end below 400, without classifying', async () => {
    const text = [
      `(${A}) Method completed with status: 403`,
      `(${B}) Extended Request Id: Y=`,
      `(${B}) Method completed with status: 204`,
    ].join('\n');
    expect(await groupLogFile(Readable.from([Buffer.from(text)]))).toEqual({
      lines: 3,
      requests: 2,
      ok: 1,
      notOk: 1,
    });
  });
});

describe('a line longer than any log event', () => {
  it('is kept to its first MAX_LINE bytes, and the lines after it are read as usual', async () => {
    const long = `2026-11-24T09:00:00.002Z (${A}) Endpoint request body after transformations: ${'x'.repeat(3 * MAX_LINE)}`;
    const log = [
      `2026-11-24T09:00:00.001Z (${A}) Extended Request Id: X=`,
      long,
      `2026-11-24T09:00:00.003Z (${A}) Method completed with status: 403`,
      `2026-11-24T09:00:00.004Z (${B}) Method completed with status: 401`,
    ].join('\n');
    for (const size of [1 << 16, 1 << 20, 5 << 20]) {
      const { counts, closed } = await group(log, size);
      expect(counts).toEqual({ lines: 4, requests: 2, ok: 0 });
      expect(closed.map((r) => [r.id, r.status, r.events.map((e) => e.length)])).toEqual([
        [A, 403, [closed[0].events[0].length, MAX_LINE, closed[0].events[2].length]],
        [B, 401, [closed[1].events[0].length]],
      ]);
      expect(closed[0].events[1]).toBe(long.slice(0, MAX_LINE));
    }
  });

  it('is cut at the end of the input too, when no newline ends it', async () => {
    const long = `2026-11-24T09:00:00.002Z (${A}) Method completed with status: 403 ${'x'.repeat(2 * MAX_LINE)}`;
    const { closed } = await group(long, 1 << 16);
    expect(closed).toEqual([{ id: A, status: 403, events: [long.slice(0, MAX_LINE)] }]);
  });
});

describe('a timestamp that starts as the last one read in full', () => {
  // The first line's timestamp is read in full; the next one starts the same, and only what follows is read.
  const first = `2026-11-24T09:00:00.001Z (${A}) Extended Request Id: X=`;
  const ended = (stamp: string) => `${stamp}(${B}) Method completed with status: 401`;
  it.each([
    ['seconds and milliseconds', ended('2026-11-24T09:00:07.123Z ')],
    ['seconds without a fraction', ended('2026-11-24T09:00:07Z ')],
    ['a letter in the seconds', ended('2026-11-24T09:00:0xZ ')],
    ['a letter in the tens of seconds', ended('2026-11-24T09:00:x7Z ')],
    ['a fraction without digits', ended('2026-11-24T09:00:07.Z ')],
    ['no Z', ended('2026-11-24T09:00:07.123 ')],
    ['no space after the Z', ended('2026-11-24T09:00:07.123Z')],
    ['no parenthesis after the timestamp', `2026-11-24T09:00:07.123Z ${B} Method completed with status: 401`],
  ])('%s: the line is read as requestIdOfLine reads it', async (_what, line) => {
    const id = requestIdOfLine(line);
    const owner = (closed: Closed[]) => closed.find((r) => r.events.includes(line))?.id;
    // A line without an id of its own belongs to the request before it (or to none), as line by line.
    expect(owner((await group([first, line].join('\n'), 1 << 20)).closed)).toBe(id ?? A);
    expect(owner((await group(line, 1 << 20)).closed)).toBe(id ?? '(no request id)');
  });
});
