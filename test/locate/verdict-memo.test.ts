import { VerdictMemo, type TraceKey } from '../../src/locate/verdict-memo';

const A = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const B = 'cf101403-4a17-11e7-935f-35dfc4618b7d';

function trace(id: string, time: string, path = '/orders/42'): string[] {
  return [
    `${time} (${id}) Starting authorizer: 8xkq2m for request: ${id}`,
    `${time} (${id}) Unauthorized request: ${id}`,
    `${time} (${id}) HTTP Method: GET, Resource Path: ${path}`,
    `${time} (${id}) Method completed with status: 401`,
  ];
}

/** A key that stays valid after the next one is made. */
function keyFor(memo: VerdictMemo, id: string, events: string[]): TraceKey {
  const key = memo.keyOf(id, 401, Buffer.from(events.join('\n'))) as TraceKey;
  return { bytes: Buffer.from(key.bytes), hash: key.hash };
}

/** The key's bytes as text (the key itself is only valid until the next one is made). */
function keyOf(memo: VerdictMemo, id: string, events: string[], status: number | undefined = 401) {
  return memo.keyOf(id, status, Buffer.from(events.join('\n')))?.bytes.toString('latin1');
}

describe('VerdictMemo: a verdict per distinct trace', () => {
  it('gives traces that differ only in request id and export timestamps one key', () => {
    const memo = new VerdictMemo();
    const a = keyOf(memo, A, trace(A, '2026-11-24T09:00:00.003Z'));
    expect(a).toBeDefined();
    expect(keyOf(memo, B, trace(B, '2017-06-05T17:52:57Z'))).toBe(a);
  });

  it.each([
    ['another message', trace(B, '2026-11-24T09:00:00.003Z', '/orders/43')],
    ['another wrapper', trace(B, '2026-11-24T09:00:00.003Z').map((e) => e.slice(25))],
    ['a timestamp in another form', trace(B, '2026-11-24T09:00:00.003+01:00')],
    [
      'a timestamp inside a line',
      trace(B, '2026-11-24T09:00:00.003Z').map((e, n) => (n === 1 ? `x ${e}` : e)),
    ],
    ['lines joined differently', [trace(B, '2026-11-24T09:00:00.003Z').join(' ')]],
    [
      'the id written differently',
      trace(B, '2026-11-24T09:00:00.003Z').map((e) => e.replace(`: ${B}`, `: ${B.toUpperCase()}`)),
    ],
  ])('keeps apart traces with %s', (_what, events) => {
    const memo = new VerdictMemo();
    expect(keyOf(memo, B, events)).not.toBe(keyOf(memo, A, trace(A, '2026-11-24T09:00:00.003Z')));
  });

  it.each([
    [401, 403],
    [401, undefined],
    [Number.NaN, undefined],
    [99, 990],
    [1000, 100],
    [401.5, 401],
  ])('keeps apart traces that ended with status %s and %s', (first, second) => {
    const memo = new VerdictMemo();
    const key = (id: string, status: number | undefined) =>
      memo
        .keyOf(id, status, Buffer.from(trace(id, '2026-11-24T09:00:00.003Z').join('\n')))
        ?.bytes.toString('latin1');
    expect(key(A, first)).not.toBe(key(A, second));
    expect(key(A, first)).toBe(key(B, first));
  });

  it('takes out every occurrence of the id, and only a timestamp that starts a line and has text after it', () => {
    const memo = new VerdictMemo();
    const key = keyOf(memo, A, [`(${A}) a ${A}${A}`, '2026-11-24T09:00:00.003Z ', '2026-11-24T09:00:00Z x']);
    expect(key).toBe('401\u0002(\u0000) a \u0000\u0000\n2026-11-24T09:00:00.003Z \n\u0001x');
  });

  it('remembers nothing for ids that could be words, or for text holding its placeholders', () => {
    const memo = new VerdictMemo();
    expect(keyOf(memo, 'Unauthorized', trace('Unauthorized', '2026-11-24T09:00:00.003Z'))).toBeUndefined();
    expect(keyOf(memo, A, [...trace(A, '2026-11-24T09:00:00.003Z'), 'odd \u0000 byte'])).toBeUndefined();
    expect(keyOf(memo, A, [...trace(A, '2026-11-24T09:00:00.003Z'), 'odd \u0001 byte'])).toBeUndefined();
  });

  it('hands back what it remembered with the new request id in place', () => {
    const memo = new VerdictMemo();
    const key = keyFor(memo, A, trace(A, '2026-11-24T09:00:00.003Z'));
    memo.remember(key, A, { cause: 'identity-source-missing', requestId: A, method: 'GET /orders/42' });
    expect(memo.recall(keyFor(memo, B, trace(B, '2017-06-05T17:52:57Z')), B)).toEqual({
      cause: 'identity-source-missing',
      requestId: B,
      method: 'GET /orders/42',
    });
    expect(memo.recall(keyFor(memo, B, trace(B, '2017-06-05T17:52:57Z', '/orders/43')), B)).toBeUndefined();
  });

  it('tells apart traces whose hashes collide', () => {
    const memo = new VerdictMemo();
    const first = keyFor(memo, A, trace(A, '2026-11-24T09:00:00Z', '/a'));
    const second = { ...keyFor(memo, A, trace(A, '2026-11-24T09:00:00Z', '/b')), hash: first.hash };
    memo.remember(first, A, { cause: 'other', requestId: A, method: undefined });
    memo.remember(second, A, { cause: 'identity-source-missing', requestId: A, method: undefined });
    expect(memo.recall(first, B)?.cause).toBe('other');
    expect(memo.recall(second, B)?.cause).toBe('identity-source-missing');
  });

  it('forgets the least recently used traces beyond its size', () => {
    const memo = new VerdictMemo(2_000);
    const keys = Array.from({ length: 20 }, (_, n) =>
      keyFor(memo, A, trace(A, '2026-11-24T09:00:00Z', `/p/${n}`)),
    );
    for (const key of keys) memo.remember(key, A, { cause: 'other', requestId: A, method: undefined });
    expect(memo.recall(keys[0], B)).toBeUndefined();
    expect(memo.recall(keys[19], B)).toEqual({ cause: 'other', requestId: B, method: undefined });
  });

  it('keeps a trace it was just asked for when it has to forget', () => {
    const memo = new VerdictMemo(2_000);
    const keys = Array.from({ length: 20 }, (_, n) =>
      keyFor(memo, A, trace(A, '2026-11-24T09:00:00Z', `/p/${n}`)),
    );
    for (const [n, key] of keys.entries()) {
      memo.remember(key, A, { cause: 'other', requestId: A, method: undefined });
      expect(memo.recall(keys[0], B)).toBeDefined();
      if (n > 12) expect(memo.recall(keys[n - 12], B)).toBeUndefined();
    }
  });
});
