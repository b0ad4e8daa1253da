import { VerdictMemo } from '../../src/locate/verdict-memo';

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

const keyOf = (memo: VerdictMemo, id: string, events: string[]) => memo.keyOf(id, events, events.join('\n'));

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
      'the id written differently',
      trace(B, '2026-11-24T09:00:00.003Z').map((e) => e.replace(`: ${B}`, `: ${B.toUpperCase()}`)),
    ],
  ])('keeps apart traces with %s', (_what, events) => {
    const memo = new VerdictMemo();
    expect(keyOf(memo, B, events)).not.toBe(keyOf(memo, A, trace(A, '2026-11-24T09:00:00.003Z')));
  });

  it('remembers nothing for ids that could be words, or for text holding its placeholders', () => {
    const memo = new VerdictMemo();
    expect(keyOf(memo, 'Unauthorized', trace('Unauthorized', '2026-11-24T09:00:00.003Z'))).toBeUndefined();
    expect(keyOf(memo, A, [...trace(A, '2026-11-24T09:00:00.003Z'), 'odd \u0000 byte'])).toBeUndefined();
  });

  it('hands back what it remembered with the new request id in place', () => {
    const memo = new VerdictMemo();
    const key = keyOf(memo, A, trace(A, '2026-11-24T09:00:00.003Z')) as string;
    memo.remember(key, A, { cause: 'identity-source-missing', requestId: A, method: 'GET /orders/42' });
    expect(memo.recall(key, B)).toEqual({
      cause: 'identity-source-missing',
      requestId: B,
      method: 'GET /orders/42',
    });
    expect(memo.recall('another key', B)).toBeUndefined();
  });

  it('forgets the least recently used traces beyond its size', () => {
    const memo = new VerdictMemo(2_000);
    const keys = Array.from(
      { length: 20 },
      (_, n) => keyOf(memo, A, trace(A, '2026-11-24T09:00:00Z', `/p/${n}`)) as string,
    );
    for (const key of keys) memo.remember(key, A, { cause: 'other', requestId: A, method: undefined });
    expect(memo.recall(keys[0], B)).toBeUndefined();
    expect(memo.recall(keys[19], B)).toEqual({ cause: 'other', requestId: B, method: undefined });
  });
});
