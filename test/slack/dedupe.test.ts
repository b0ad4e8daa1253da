import { Deduper } from '../../src/slack/dedupe';
import { MemoryStore, type SharedStore } from '../../src/slack/state';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One replica's view of a shared store, each key's claim reaching it after its own delay (as over a network). */
function replicaOf(shared: MemoryStore, delays: Record<string, number>): SharedStore {
  const delayOf = (key: string) => delays[key.replace(/^delivery:/, '')] ?? 0;
  return {
    claim: async (key, value, ttlMs) => (await sleep(delayOf(key)), shared.claim(key, value, ttlMs)),
    claimAll: async (keys, value, ttlMs) => (
      await sleep(Math.max(...keys.map(delayOf))),
      shared.claimAll(keys, value, ttlMs)
    ),
    get: (key) => shared.get(key),
    set: (key, value, ttlMs) => shared.set(key, value, ttlMs),
    delete: (key) => shared.delete(key),
    release: (key, value) => shared.release(key, value),
    fence: (keys, token, action) => shared.fence(keys, token, action),
    deleteWhere: (prefix, matches) => shared.deleteWhere(prefix, matches),
  };
}

type Call = [keys: Array<string | undefined>, firstTime: boolean];

describe('Deduper.firstTime', () => {
  it.each<[string, Call[]]>([
    [
      'one key: first time, then a repeat',
      [
        [['Ev1'], true],
        [['Ev1'], false],
        [['Ev1'], false],
      ],
    ],
    [
      'different keys are each new',
      [
        [['Ev1'], true],
        [['Ev2'], true],
        [['C1:1700000000.000100'], true],
      ],
    ],
    [
      'a mention and its message event share channel:ts under different event ids',
      [
        [['Ev1', 'C1:1.0'], true],
        [['Ev2', 'C1:1.0'], false],
      ],
    ],
    [
      'a retried delivery repeats the event id',
      [
        [['Ev1', 'C1:1.0'], true],
        [['Ev1', 'C1:1.0'], false],
      ],
    ],
    [
      'a repeat still records its new keys',
      [
        [['Ev1', 'C1:1.0'], true],
        [['Ev2', 'C1:1.0'], false],
        [['Ev2'], false],
      ],
    ],
    [
      'a first time records every key',
      [
        [['Ev1', 'C1:1.0', 'T1'], true],
        [['T1'], false],
        [['C1:1.0'], false],
      ],
    ],
    [
      'undefined keys are ignored',
      [
        [[undefined, 'C1:1.0'], true],
        [['C1:1.0', undefined], false],
        [[undefined], true],
        [[undefined], true],
      ],
    ],
    [
      'empty keys are ignored like undefined ones',
      [
        [[''], true],
        [[''], true],
        [['', 'Ev1'], true],
        [['Ev1', ''], false],
      ],
    ],
    [
      'no keys at all is always a first time',
      [
        [[], true],
        [[], true],
      ],
    ],
    [
      'keys are compared exactly',
      [
        [['C1:1.0'], true],
        [['c1:1.0'], true],
        [['C1:1.00'], true],
      ],
    ],
  ])('%s', async (_name, calls) => {
    const deduper = new Deduper(new MemoryStore());
    const seen: boolean[] = [];
    for (const [keys] of calls) seen.push(await deduper.firstTime(...keys));
    expect(seen).toEqual(calls.map(([, expected]) => expected));
  });

  it('tells one of two replicas it is first even when each would win one key of the delivery', async () => {
    const shared = new MemoryStore();
    // Replica a reaches Ev1 first and replica b reaches C1:1.0 first: claimed key by key, both would lose one.
    const a = new Deduper(replicaOf(shared, { Ev1: 0, 'C1:1.0': 20 }));
    const b = new Deduper(replicaOf(shared, { Ev1: 30, 'C1:1.0': 10 }));
    const first = await Promise.all([a.firstTime('Ev1', 'C1:1.0'), b.firstTime('Ev1', 'C1:1.0')]);
    expect(first.filter(Boolean)).toHaveLength(1);
  });

  it('shares what it saw with every deduper on the same store, and only with them', async () => {
    const store = new MemoryStore();
    const a = new Deduper(store);
    const b = new Deduper(store);
    const elsewhere = new Deduper(new MemoryStore());
    expect(await a.firstTime('Ev1')).toBe(true);
    expect(await b.firstTime('Ev1')).toBe(false);
    expect(await elsewhere.firstTime('Ev1')).toBe(true);
  });
});
