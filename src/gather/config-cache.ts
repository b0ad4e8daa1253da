import { LRUCache } from 'lru-cache';

/**
 * A short-lived cache of API Gateway configuration per (account, region, API, …) whose `get` coalesces concurrent
 * identical reads into one call (single flight). Failed reads are not kept. Where the entries live is a
 * `ConfigStore`: this process's memory by default, or a store several replicas share (the Slack bot's Redis).
 */

export interface ConfigStore {
  get(key: string): Promise<object | undefined>;
  set(key: string, value: object, ttlMs: number): Promise<void>;
  /** Drops every entry whose key names this API. */
  forget(restApiId: string): Promise<void>;
  clear(): Promise<void>;
}

/** Keys are `role|region|kind|api…`: an entry is about an API when one of its parts is the API id. */
export function keyNamesApi(key: string, restApiId: string): boolean {
  return key.split('|').includes(restApiId);
}

class MemoryConfigStore implements ConfigStore {
  private readonly entries: LRUCache<string, object>;

  constructor(max = 500) {
    this.entries = new LRUCache<string, object>({ max, ttl: 60_000 });
  }

  async get(key: string): Promise<object | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: object, ttlMs: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlMs });
  }

  async forget(restApiId: string): Promise<void> {
    for (const key of [...this.entries.keys()]) if (keyNamesApi(key, restApiId)) this.entries.delete(key);
  }

  async clear(): Promise<void> {
    this.entries.clear();
  }
}

export class ConfigCache {
  private store: ConfigStore;
  private readonly inFlight = new Map<string, Promise<object>>();
  private readonly ttlMs: number;

  constructor(ttlSeconds: number) {
    this.ttlMs = ttlSeconds * 1000;
    this.store = new MemoryConfigStore();
  }

  /** Keeps entries in `store` from now on (what the previous store held is not carried over). */
  useStore(store: ConfigStore): void {
    this.store = store;
  }

  async get<T extends object>(key: string, load: () => Promise<T>): Promise<T> {
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.read(key, load).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return (await flight) as T;
  }

  private async read(key: string, load: () => Promise<object>): Promise<object> {
    const cached = await this.store.get(key);
    if (cached) return cached;
    const value = await load();
    // A zero TTL shares only the reads in flight.
    if (this.ttlMs > 0) await this.store.set(key, value, this.ttlMs);
    return value;
  }

  clear(): Promise<void> {
    return this.store.clear();
  }

  /** Drops what is cached about one API (a Re-check must see the configuration as it is now). */
  forget(restApiId: string): Promise<void> {
    return this.store.forget(restApiId);
  }
}
