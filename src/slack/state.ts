import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { Log } from '../log';
import { parseJson } from '../json';
import { keyNamesApi, type ConfigStore } from '../gather/config-cache';

/**
 * The state replicas of the bot share: which deliveries were handled, which alert threads were answered, which
 * requests were answered in which channel, which diagnoses are running and their results, and the configuration
 * cache. In Redis (REDIS_URL) when it is reachable; else, and whenever Redis fails, in this replica's memory, with
 * one warning per outage: the bot keeps answering, and duplicates between replicas become possible again.
 * Every key starts with `why403:`; docs/deploy.md lists them.
 */

export interface SharedStore {
  /** Sets `key` when it is not set yet; true when this call set it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Sets each of `keys` not set yet, all at once; true when none was set before. Of two calls that share a key,
   * at most one is true, whatever their order (two claims one after the other could each win one key and lose the
   * other, and then neither would be the first).
   */
  claimAll(keys: readonly string[], value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Deletes `key` only while it still holds `value`: a holder whose lease ran out must not release the claim of
   * whoever took over after it.
   */
  release(key: string, value: string): Promise<void>;
  /**
   * A job's lease and record, checked and acted on in one step (journal.ts): true while `token` holds the job, that
   * is while the lease holds `token`, or, the lease having run out unclaimed, while the record still names `token`
   * as its `holder`. Then `renew` sets the lease again (and the record's expiry), `save` also writes `record`, and
   * `end` deletes both. False, and nothing done, when another holder has it or its record is gone.
   */
  fence(keys: JobKeys, token: string, action: FenceAction): Promise<boolean>;
  /** Deletes the keys under `prefix` whose rest satisfies `matches`. */
  deleteWhere(prefix: string, matches: (rest: string) => boolean): Promise<void>;
}

/** A job's two keys: its lease and its record (a JSON object whose `holder` is its holder's token). */
export interface JobKeys {
  lease: string;
  record: string;
}

export type FenceAction =
  | { kind: 'renew'; leaseMs: number; recordTtlMs: number }
  | { kind: 'save'; leaseMs: number; recordTtlMs: number; record: string }
  | { kind: 'end' };

export class MemoryStore implements SharedStore {
  private readonly entries = new LRUCache<string, string>({ max: 50_000, ttl: 60_000 });

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.entries.has(key)) return false;
    this.entries.set(key, value, { ttl: ttlMs });
    return true;
  }

  async claimAll(keys: readonly string[], value: string, ttlMs: number): Promise<boolean> {
    let fresh = true;
    for (const key of keys) {
      if (this.entries.has(key)) fresh = false;
      else this.entries.set(key, value, { ttl: ttlMs });
    }
    return fresh;
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async release(key: string, value: string): Promise<void> {
    if (this.entries.get(key) === value) this.entries.delete(key);
  }

  async fence(keys: JobKeys, token: string, action: FenceAction): Promise<boolean> {
    const held = this.entries.get(keys.lease);
    const record = this.entries.get(keys.record);
    if (held !== token && (held !== undefined || holderOf(record) !== token)) return false;
    if (action.kind === 'end') {
      this.entries.delete(keys.record);
      this.entries.delete(keys.lease);
      return true;
    }
    this.entries.set(keys.lease, token, { ttl: action.leaseMs });
    const next = action.kind === 'save' ? action.record : record;
    if (next !== undefined) this.entries.set(keys.record, next, { ttl: action.recordTtlMs });
    return true;
  }

  async deleteWhere(prefix: string, matches: (rest: string) => boolean): Promise<void> {
    for (const key of [...this.entries.keys()])
      if (key.startsWith(prefix) && matches(key.slice(prefix.length))) this.entries.delete(key);
  }
}

const PREFIX = 'why403:';

/** `claimAll` in one step on the server: every key not set yet is set; 1 when none was set before. */
const CLAIM_ALL = `
local fresh = 1
for _, key in ipairs(KEYS) do
  if not redis.call('SET', key, ARGV[1], 'PX', ARGV[2], 'NX') then fresh = 0 end
end
return fresh`;

/** `release` in one step on the server: the key is deleted only while it holds ARGV[1]. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * `fence` in one step on the server (KEYS: lease, record; ARGV: token, action, lease ms, record ms, record). Nobody
 * can take the job over between the check and what follows it.
 */
const FENCE = `
local held = redis.call('GET', KEYS[1])
if held ~= ARGV[1] then
  if held then return 0 end
  local record = redis.call('GET', KEYS[2])
  if not record then return 0 end
  local ok, parsed = pcall(cjson.decode, record)
  if not ok or type(parsed) ~= 'table' or parsed.holder ~= ARGV[1] then return 0 end
end
if ARGV[2] == 'end' then
  redis.call('DEL', KEYS[2], KEYS[1])
  return 1
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
if ARGV[2] == 'save' then
  redis.call('SET', KEYS[2], ARGV[5], 'PX', ARGV[4])
else
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return 1`;

class RedisStore implements SharedStore {
  constructor(readonly client: Redis) {}

  get ready(): boolean {
    return this.client.status === 'ready';
  }

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(PREFIX + key, value, 'PX', Math.max(1, ttlMs), 'NX')) === 'OK';
  }

  async claimAll(keys: readonly string[], value: string, ttlMs: number): Promise<boolean> {
    const fresh = await this.client.eval(
      CLAIM_ALL,
      keys.length,
      ...keys.map((key) => PREFIX + key),
      value,
      Math.max(1, ttlMs),
    );
    return fresh === 1;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(PREFIX + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(PREFIX + key, value, 'PX', Math.max(1, ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(PREFIX + key);
  }

  async release(key: string, value: string): Promise<void> {
    await this.client.eval(RELEASE, 1, PREFIX + key, value);
  }

  async fence(keys: JobKeys, token: string, action: FenceAction): Promise<boolean> {
    const timing =
      action.kind === 'end' ? [0, 0] : [Math.max(1, action.leaseMs), Math.max(1, action.recordTtlMs)];
    const record = action.kind === 'save' ? action.record : '';
    const held = await this.client.eval(
      FENCE,
      2,
      PREFIX + keys.lease,
      PREFIX + keys.record,
      token,
      action.kind,
      ...timing,
      record,
    );
    return held === 1;
  }

  async deleteWhere(prefix: string, matches: (rest: string) => boolean): Promise<void> {
    const start = PREFIX + prefix;
    for await (const keys of this.keysUnder(start)) {
      const doomed = keys.filter((key) => matches(key.slice(start.length)));
      if (doomed.length > 0) await this.client.del(...doomed);
    }
  }

  /** The rest of every key under `prefix`. */
  async list(prefix: string): Promise<string[]> {
    const start = PREFIX + prefix;
    const found: string[] = [];
    for await (const keys of this.keysUnder(start)) found.push(...keys.map((key) => key.slice(start.length)));
    return found;
  }

  private async *keysUnder(start: string): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', `${escapeGlob(start)}*`, 'COUNT', 500);
      yield keys;
      cursor = next;
    } while (cursor !== '0');
  }

  close(): Promise<void> {
    return this.client.quit().then(
      () => undefined,
      () => this.client.disconnect(),
    );
  }
}

/** The `holder` of a job record, as `fence` reads it on the server. */
function holderOf(record: string | undefined): string | undefined {
  const parsed = record === undefined ? undefined : parseJson(record);
  const holder = (parsed as { holder?: unknown } | undefined)?.holder;
  return typeof holder === 'string' ? holder : undefined;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Redis first, this replica's memory when Redis is not there: at start, while it reconnects, or when a command
 * fails or times out. The first fallback of an outage logs one warning; Redis back logs one line too.
 */
export class SharedState implements SharedStore {
  private readonly memory = new MemoryStore();
  private down = false;

  constructor(
    private readonly redis: RedisStore | undefined,
    private readonly log: Log,
    private readonly readyTimeoutMs = 3000,
  ) {
    redis?.client.on('ready', () => this.cameBack());
  }

  /** Whether a Redis is configured (shared or not at this moment). */
  get redisBacked(): boolean {
    return this.redis !== undefined;
  }

  /** Whether state is shared between replicas right now. */
  get shared(): boolean {
    return Boolean(this.redis?.ready);
  }

  /** Waits (three seconds at most by default) for Redis at start; without it the bot starts anyway, on memory. */
  async connect(): Promise<void> {
    const timeoutMs = this.readyTimeoutMs;
    const redis = this.redis;
    if (!redis || redis.ready) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      redis.client.once('ready', done);
      function done() {
        clearTimeout(timer);
        redis?.client.off('ready', done);
        resolve();
      }
    });
    if (!redis.ready) this.fellBack(new Error(`not ready after ${timeoutMs} ms`));
  }

  claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.either((store) => store.claim(key, value, ttlMs));
  }

  claimAll(keys: readonly string[], value: string, ttlMs: number): Promise<boolean> {
    return this.either((store) => store.claimAll(keys, value, ttlMs));
  }

  get(key: string): Promise<string | undefined> {
    return this.either((store) => store.get(key));
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.either((store) => store.set(key, value, ttlMs));
  }

  delete(key: string): Promise<void> {
    return this.either((store) => store.delete(key));
  }

  release(key: string, value: string): Promise<void> {
    return this.either((store) => store.release(key, value));
  }

  fence(keys: JobKeys, token: string, action: FenceAction): Promise<boolean> {
    return this.either((store) => store.fence(keys, token, action));
  }

  deleteWhere(prefix: string, matches: (rest: string) => boolean): Promise<void> {
    return this.either((store) => store.deleteWhere(prefix, matches));
  }

  /**
   * `operation` on Redis alone; undefined while Redis is not there or when it fails (an outage, logged as any other).
   * For what only matters between replicas (jobs another replica may take over), where this replica's memory must
   * never stand in for Redis.
   */
  async sharedOnly<T>(operation: (store: SharedStore) => Promise<T>): Promise<T | undefined> {
    const redis = this.redis;
    if (!redis?.ready) return undefined;
    try {
      const result = await operation(redis);
      this.cameBack();
      return result;
    } catch (error) {
      this.fellBack(error);
      return undefined;
    }
  }

  /** The keys under `prefix` in Redis alone (their rest); none while Redis is not there. */
  async listShared(prefix: string): Promise<string[]> {
    return (await this.sharedOnly(() => (this.redis as RedisStore).list(prefix))) ?? [];
  }

  async close(): Promise<void> {
    await this.redis?.close();
  }

  private async either<T>(operation: (store: SharedStore) => Promise<T>): Promise<T> {
    if (this.redis?.ready) {
      try {
        const result = await operation(this.redis);
        this.cameBack();
        return result;
      } catch (error) {
        this.fellBack(error);
      }
    } else if (this.redis) {
      this.fellBack(new Error(`connection ${this.redis.client.status}`));
    }
    return operation(this.memory);
  }

  /**
   * Redis answered again. Not only a reconnection: a timeout, READONLY or OOM fails commands on a connection that
   * stays up, and the next command that succeeds ends that outage (so that the next one is warned about too).
   */
  private cameBack(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('Redis is reachable again: replicas share their state once more');
  }

  private fellBack(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      'Redis is unavailable: using this replica’s memory until it is back (duplicate answers between replicas are possible meanwhile)',
    );
  }
}

/**
 * The shared state for REDIS_URL, or memory alone. ioredis is loaded only when Redis is configured. A command that
 * takes longer than `commandTimeoutMs` is answered from memory instead, and so is everything while Redis is not ready
 * `readyTimeoutMs` after start.
 */
export async function openSharedState(
  redisUrl: string | undefined,
  log: Log,
  { commandTimeoutMs = 1000, readyTimeoutMs }: { commandTimeoutMs?: number; readyTimeoutMs?: number } = {},
): Promise<SharedState> {
  if (!redisUrl) return new SharedState(undefined, log);
  const { Redis } = await import('ioredis');
  const client = new Redis(redisUrl, {
    // Fail fast instead of queueing while disconnected: the bot answers from memory meanwhile.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
  });
  client.on('error', (error: Error) =>
    log.debug({ err: { message: error.message } }, 'Redis connection error'),
  );
  return new SharedState(new RedisStore(client), log, readyTimeoutMs);
}

/** The configuration cache in the shared store: entries as JSON under `config:`. */
export function sharedConfigStore(store: SharedStore): ConfigStore {
  return {
    get: async (key) => readEntry(await store.get(`config:${key}`)),
    set: (key, value, ttlMs) => store.set(`config:${key}`, JSON.stringify(value), ttlMs),
    forget: (restApiId) => store.deleteWhere('config:', (key) => keyNamesApi(key, restApiId)),
    clear: () => store.deleteWhere('config:', () => true),
  };
}

/**
 * An entry as a bot writes it (a JSON object), or a miss: what is not one (left by another version, cut short) is
 * read afresh from AWS instead of failing every diagnosis of that API until it expires.
 */
function readEntry(value: string | undefined): object | undefined {
  const parsed = value === undefined ? undefined : parseJson(value);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
}
