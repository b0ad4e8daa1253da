import { LRUCache } from 'lru-cache';

/**
 * A short-lived cache of API Gateway configuration per (account, region, API, …) whose `get` coalesces concurrent
 * identical reads into one call (single flight). Failed reads are not kept.
 */
export class ConfigCache {
  private readonly cache: LRUCache<string, object, () => Promise<object>>;

  constructor(ttlSeconds: number, max = 500) {
    this.cache = new LRUCache<string, object, () => Promise<object>>({
      max,
      // lru-cache reads ttl 0 as "forever": a zero TTL still needs an expiry, so that only in-flight reads are shared.
      ttl: Math.max(1, ttlSeconds * 1000),
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  async get<T extends object>(key: string, load: () => Promise<T>): Promise<T> {
    return (await this.cache.fetch(key, { context: load })) as T;
  }

  clear(): void {
    this.cache.clear();
  }

  /** Drops what is cached about one API (a Re-check must see the configuration as it is now). */
  forget(restApiId: string): void {
    for (const key of [...this.cache.keys()]) if (key.split('|').includes(restApiId)) this.cache.delete(key);
  }
}
