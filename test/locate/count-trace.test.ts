import * as classify from '../../src/classify/classify';
import { TraceCounter } from '../../src/locate/count-trace';

const A = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const B = 'cf101403-4a17-11e7-935f-35dfc4618b7d';

function trace(id: string, time: string): string[] {
  return [
    `${time} (${id}) Starting authorizer: 8xkq2m for request: ${id}`,
    `${time} (${id}) Incoming identity: ****Xy9pQ2`,
    `${time} (${id}) Unauthorized request: ${id}`,
    `${time} (${id}) Method completed with status: 401`,
  ];
}

const ndjson = (events: string[], time: number) =>
  events.map((message, n) => JSON.stringify({ timestamp: time + n, message, ingestionTime: time + n + 7 }));
const raw = (lines: string[]) => Buffer.from(lines.join('\n'));

describe('TraceCounter: each distinct trace classified once', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['plain lines', (id: string, n: number) => raw(trace(id, `2026-11-24T09:00:0${n}.003Z`))],
    [
      'NDJSON events',
      (id: string, n: number) => raw(ndjson(trace(id, '2026-11-24T09:00:00Z'), 1_700_000_000 + n)),
    ],
    ['decoded events', (id: string, n: number) => trace(id, `2026-11-24T09:00:0${n}Z`)],
  ])('counts a repeated trace of %s from memory, with its own request id', (_shape, lines) => {
    const classified = jest.spyOn(classify, 'causeOf');
    const counter = new TraceCounter();
    const first = counter.count(A, 401, lines(A, 1));
    const second = counter.count(B, 401, lines(B, 2));
    expect(first).toEqual({ cause: 'identity-source-missing', requestId: A, method: undefined });
    expect(second).toEqual({ ...first, requestId: B });
    expect(classified).toHaveBeenCalledTimes(1);
  });

  it('counts raw lines and their decoded events alike', () => {
    const lines = trace(A, '2026-11-24T09:00:00.003Z');
    expect(new TraceCounter().count(A, 401, raw(lines))).toEqual(new TraceCounter().count(A, 401, lines));
    expect(new TraceCounter().count(A, 401, raw(ndjson(lines, 1)))).toEqual(
      new TraceCounter().count(A, 401, lines),
    );
  });

  it('classifies again a trace that differs in more than its id and timestamps', () => {
    const classified = jest.spyOn(classify, 'causeOf');
    const counter = new TraceCounter();
    counter.count(A, 401, raw(trace(A, '2026-11-24T09:00:00Z')));
    counter.count(
      B,
      401,
      raw(trace(B, '2026-11-24T09:00:00Z').map((line) => line.replace('Xy9pQ2', 'Zz9pQ2'))),
    );
    expect(classified).toHaveBeenCalledTimes(2);
  });

  it('leaves out a request cut off without a status or a failure line', () => {
    const cut = trace(A, '2026-11-24T09:00:00Z').slice(0, 2);
    expect(new TraceCounter().count(A, undefined, raw(cut))).toBeUndefined();
    expect(new TraceCounter().count(A, undefined, raw(trace(A, '2026-11-24T09:00:00Z').slice(0, 3)))).toEqual(
      expect.objectContaining({ requestId: A }),
    );
  });
});
