import type { CauseId } from '../evidence/types';

/** Counts per cause, with a few example request ids and the methods most affected. */
export interface CauseCount {
  cause: CauseId;
  count: number;
  requestIds: string[];
  methods: string[];
}

const MAX_METHODS_TRACKED = 1000;

export class CauseTally {
  private readonly byCause = new Map<
    CauseId,
    { count: number; requestIds: string[]; methods: Map<string, number> }
  >();

  constructor(private readonly examples: number) {}

  add(cause: CauseId, requestId: string, method?: string): void {
    let entry = this.byCause.get(cause);
    if (!entry) {
      entry = { count: 0, requestIds: [], methods: new Map() };
      this.byCause.set(cause, entry);
    }
    entry.count++;
    if (entry.requestIds.length < this.examples) entry.requestIds.push(requestId);
    if (method && (entry.methods.has(method) || entry.methods.size < MAX_METHODS_TRACKED)) {
      entry.methods.set(method, (entry.methods.get(method) ?? 0) + 1);
    }
  }

  counts(): CauseCount[] {
    return [...this.byCause.entries()]
      .map(([cause, entry]) => ({
        cause,
        count: entry.count,
        requestIds: entry.requestIds,
        methods: [...entry.methods.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, this.examples)
          .map(([method]) => method),
      }))
      .sort((a, b) => b.count - a.count);
  }
}
