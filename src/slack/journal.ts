import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import { version } from '../../package.json';
import { parseJson } from '../json';
import type { Log } from '../log';
import { redactText } from '../redact/text';
import { redactValue } from '../redact/value';
import type { Job } from './jobs/types';
import type { FenceAction, JobKeys, SharedState, SharedStore } from './state';

/**
 * Work in flight that outlives the replica doing it. Slack does not send again what was acknowledged, so a replica
 * that dies mid-job (SIGKILL, OOM, a drained node) would leave an alarm, a command or a mention unanswered. Before
 * a job's work starts, its record (the job itself: what to do, where to answer, who asked) is written to Redis with
 * a lease that the replica doing it renews while it works; every replica looks now and then for a record whose lease
 * ran out, and exactly one takes it over (its lease is claimed with SET NX), finishes it and answers where it was
 * asked, editing the messages the first replica had posted. A finished job's record is deleted.
 *
 * Each holding of a job has its own token, in the lease and in the record (`holder`). A replica whose event loop
 * stalled past its lease (a long GC, a paused container) may find, when it wakes, that its job was taken over: every
 * Slack write of a recorded job is fenced, checked against Redis in one step just before it is made (`fence`), and a
 * replica that no longer holds the job stops it there, posting nothing more. Before each of its answer's writes the
 * job also records what it is writing, and where once Slack said so, so that whoever takes it over edits or leaves
 * what was already posted instead of posting it again.
 *
 * Only through Redis, never this replica's memory: without Redis, or when writing the record fails, the job runs
 * here as it always did, once, and nobody can take it over.
 */
export interface JournalOptions {
  /** How long a job stays held without a renewal (renewed every third of it). */
  leaseMs?: number;
  /** How often this replica looks for jobs whose lease ran out. */
  sweepMs?: number;
  /** How many takeovers a job may have; at the next one it is given up, with one reply saying how to ask again. */
  maxTakeovers?: number;
}

/** A message a job posted (its progress, then its answer): what a takeover edits instead of posting another. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

/**
 * One of a job's writes (`key`: which one, e.g. `0:answer`), recorded just before it is made: `landed` once Slack
 * confirmed it, with the message's `ts` when it has one. Not landed, it may or may not have reached Slack.
 */
export interface WriteRecord {
  key: string;
  channel: string;
  ts?: string;
  landed: boolean;
}

interface JobRecord {
  version: string;
  job: Job;
  /** The token of whoever holds the job now: a lease that ran out is taken back only by the holder it names. */
  holder: string;
  /** How many times a replica took this job over from one that stopped renewing it. */
  takeovers: number;
  writes: WriteRecord[];
}

/**
 * A record lives long enough for a job to be taken over a few times, not to be answered hours late (counted from its
 * last renewal, so that a job its replica still works on keeps its record).
 */
const RECORD_TTL_MS = 30 * 60_000;

/** The job was taken over by another replica: this one must post nothing more for it. */
export class JobLostError extends Error {
  override readonly name = 'JobLostError';
  constructor(readonly correlationId: string) {
    super(`job ${correlationId} was taken over by another replica`);
  }
}

/** How an entry reaches Redis: undefined when Redis did not answer. */
interface EntryStore {
  fence(action: FenceAction): Promise<boolean | undefined>;
  readonly leaseMs: number;
}

/** One job this replica holds: what the job wrote so far, and whether it was taken over from another replica. */
export class JournalEntry {
  /** Aborted when another replica took the job over: its AWS reads stop, and so do its Slack writes. */
  private readonly stop = new AbortController();
  /** How many replies this run of the job opened: a reply is known by its place, the same in every run. */
  private replies = 0;
  /** The job is over; its record is deleted as soon as Redis takes the deletion. */
  done = false;

  constructor(
    private record: JobRecord,
    private readonly store: EntryStore,
    readonly exhausted: boolean,
    private readonly log: Log,
  ) {}

  get id(): string {
    return this.record.job.correlationId;
  }

  /** Taken over: another replica started it and stopped before it was done. */
  get resumed(): boolean {
    return this.record.takeovers > 0;
  }

  get takeovers(): number {
    return this.record.takeovers;
  }

  /** The messages the job posted where it answers (not its details), in the order they came. */
  get messages(): readonly PostedMessage[] {
    return this.record.writes.flatMap(({ key, channel, ts }) =>
      ts && key.endsWith(':message') ? [{ channel, ts }] : [],
    );
  }

  get signal(): AbortSignal {
    return this.stop.signal;
  }

  get lost(): boolean {
    return this.stop.signal.aborted;
  }

  /** The place of the next reply this job opens. */
  nextReply(): number {
    return this.replies++;
  }

  /** What was recorded for the write `key`, by this run or one before the takeover. */
  earlier(key: string): WriteRecord | undefined {
    return this.record.writes.find((write) => write.key === key);
  }

  /**
   * Just before a Slack write: whether this replica still holds the job, checked in Redis in one step (and its
   * lease renewed). When another replica holds it, the job stops here: `JobLostError`, nothing posted.
   */
  async fence(write: string): Promise<void> {
    this.stop.signal.throwIfAborted();
    const held = await this.store.fence(this.renewal());
    // Undefined: Redis did not answer, and the write goes ahead. A takeover is made only through Redis (the lease
    // claimed there, the record read there), so while Redis is down for every replica nobody can have taken the
    // job, and this replica is the only one working on it: silencing it would leave the person unanswered. Only
    // Redis lost by this replica alone for longer than a lease lets another take over meanwhile; then the answer may
    // come twice, as every answer may between replicas without Redis (state.ts).
    if (held === false) this.lose(write);
    this.stop.signal.throwIfAborted();
  }

  /** Records, fenced, that the write `key` is about to be made (`ts`: the message it edits). */
  async writing(key: string, channel: string, ts?: string): Promise<void> {
    await this.save({ key, channel, ts, landed: false }, key);
  }

  /** Records that the write `key` landed (`ts`: the message it posted or edited). */
  async wrote(key: string, channel: string, ts?: string): Promise<void> {
    await this.save({ key, channel, ts: ts ?? this.earlier(key)?.ts, landed: true }, key);
  }

  /** Another replica holds the job now: it stops here (its signal aborts), logged once. */
  lose(during: string): void {
    if (this.lost) return;
    this.log.warn(
      { correlationId: this.id, during },
      'another replica took over this job: it stops here and posts nothing more',
    );
    this.stop.abort(new JobLostError(this.id));
  }

  /** The lease renewed; false when another replica holds the job (this entry is then lost). */
  async renew(): Promise<boolean | undefined> {
    const held = await this.store.fence(this.renewal());
    if (held === false) this.lose('renewal');
    return held;
  }

  /** The record and the lease deleted, while this replica holds the job; false when another does. */
  release(): Promise<boolean | undefined> {
    return this.store.fence({ kind: 'end' });
  }

  private renewal(): Extract<FenceAction, { kind: 'renew' }> {
    return { kind: 'renew', leaseMs: this.store.leaseMs, recordTtlMs: RECORD_TTL_MS };
  }

  private async save(write: WriteRecord, during: string): Promise<void> {
    this.stop.signal.throwIfAborted();
    const writes = [...this.record.writes.filter((w) => w.key !== write.key), write];
    this.record = { ...this.record, writes };
    const held = await this.store.fence({
      ...this.renewal(),
      kind: 'save',
      record: JSON.stringify(this.record),
    });
    // Redis did not answer: not recorded, and the job goes on here (see `fence`).
    if (held === false) this.lose(during);
    this.stop.signal.throwIfAborted();
  }
}

const holding = new AsyncLocalStorage<JournalEntry>();

/** Runs `work` as the job of `entry`: the Slack writes it makes (`fencedClient`, response_url posts) are fenced. */
export function whileHolding<T>(entry: JournalEntry | undefined, work: () => T): T {
  return entry ? holding.run(entry, work) : work();
}

/** Before a Slack write: stops it (JobLostError) when the job it is made for was taken over by another replica. */
export async function fenceWrite(write: string): Promise<void> {
  await holding.getStore()?.fence(write);
}

const CHAT_WRITES = [
  'postMessage',
  'postEphemeral',
  'update',
  'delete',
  'meMessage',
  'scheduleMessage',
] as const;
const fencedClients = new WeakMap<webApi.WebClient, webApi.WebClient>();

/**
 * `client`, with every chat write fenced for the job it is made in (`whileHolding`). One per client, so that what
 * is cached per client (the bot's identity) stays cached across jobs.
 */
export function fencedClient(client: webApi.WebClient): webApi.WebClient {
  let fenced = fencedClients.get(client);
  if (!fenced) {
    const chat: Record<string, unknown> = { ...client.chat };
    for (const method of CHAT_WRITES) {
      const write = client.chat[method] as (args: unknown) => Promise<unknown>;
      chat[method] = async (args: unknown) => {
        await fenceWrite(`chat.${method}`);
        return write(args);
      };
    }
    fenced = Object.create(client, { chat: { value: chat } }) as webApi.WebClient;
    fencedClients.set(client, fenced);
  }
  return fenced;
}

export class JobJournal {
  private readonly held = new Map<string, JournalEntry>();
  private readonly leaseMs: number;
  private readonly sweepMs: number;
  private readonly maxTakeovers: number;
  private renewing?: NodeJS.Timeout;
  private sweeping?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly state: SharedState,
    private readonly log: Log,
    options: JournalOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.sweepMs = options.sweepMs ?? 10_000;
    this.maxTakeovers = options.maxTakeovers ?? 2;
  }

  /**
   * Records `job` and holds its lease until `end`. The lease is written first, so that no replica finds the record
   * without one; when either write fails the job simply runs here, not recorded.
   */
  async begin(job: Job): Promise<void> {
    const id = job.correlationId;
    const holder = randomUUID();
    const record: JobRecord = { version, job: recordable(job), holder, takeovers: 0, writes: [] };
    const written = await this.state.sharedOnly(async (redis) => {
      await redis.set(leaseKey(id), holder, this.leaseMs);
      await redis.set(recordKey(id), JSON.stringify(record), RECORD_TTL_MS);
      return true;
    });
    if (written) this.held.set(id, this.entryFor(id, record));
    else this.log.debug({ correlationId: id }, 'job not recorded: no other replica could take it over');
  }

  /** The job's entry, while this replica holds it. */
  entryOf(job: Job): JournalEntry | undefined {
    return this.held.get(job.correlationId);
  }

  /**
   * The job is over (answered, failed, refused, or lost to another replica): its record goes, and its lease with
   * it, unless another replica holds it now.
   */
  async end(job: Job): Promise<void> {
    const entry = this.held.get(job.correlationId);
    if (!entry) return;
    entry.done = true;
    await this.forget(job.correlationId);
  }

  /** Renews the leases held here and looks for jobs to take over, each on its own beat, until `stop` and `close`. */
  start(takeOver: (job: Job) => void): void {
    const failed = (error: unknown) => this.log.error({ err: error }, 'the job journal failed');
    this.renewing ??= setInterval(
      () => void this.renew().catch(failed),
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
    this.sweeping ??= setInterval(
      () => void this.sweep().then((job) => job && takeOver(job), failed),
      this.sweepMs,
    );
    this.renewing.unref();
    this.sweeping.unref();
  }

  /** Takes over no more jobs (the replica is stopping); those held here are still renewed until `close`. */
  stop(): void {
    clearInterval(this.sweeping);
    this.sweeping = undefined;
  }

  /** Stops renewing (after the jobs ended: `idle`), deleting once more the records Redis did not take before. */
  async close(): Promise<void> {
    this.stop();
    clearInterval(this.renewing);
    this.renewing = undefined;
    for (const [id, entry] of [...this.held]) if (entry.done) await this.forget(id);
  }

  /**
   * Takes over one job whose lease ran out, if there is one: its lease is claimed with SET NX, so of the replicas
   * looking at once exactly one gets it. Records of another version are left to replicas of that version.
   */
  async sweep(): Promise<Job | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      for (const id of await this.state.listShared('job:')) {
        if (this.held.has(id)) continue;
        const job = await this.state.sharedOnly((redis) => this.takeOver(redis, id));
        if (job) return job;
      }
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Renews every lease held here (on its beat: `start`); retries the deletion of finished jobs Redis did not take
   * before.
   */
  async renew(): Promise<void> {
    for (const [id, entry] of [...this.held]) {
      if (entry.done) {
        await this.forget(id);
        continue;
      }
      // Another replica took it over (this one was too slow to renew): the entry is lost, its writes refused.
      if ((await entry.renew()) === false) this.held.delete(id);
    }
  }

  private async takeOver(redis: SharedStore, id: string): Promise<Job | undefined> {
    const holder = randomUUID();
    if (!(await redis.claim(leaseKey(id), holder, this.leaseMs))) return undefined;
    const stored = await redis.get(recordKey(id));
    const record = readRecord(stored);
    if (!record || record.version !== version || record.job.correlationId !== id) {
      // Finished meanwhile (gone), or not one this version can run: a record nobody can read is dropped.
      if (stored !== undefined && !record) await redis.delete(recordKey(id));
      await redis.release(leaseKey(id), holder);
      return undefined;
    }
    const taken: JobRecord = { ...record, holder, takeovers: record.takeovers + 1 };
    await redis.set(recordKey(id), JSON.stringify(taken), RECORD_TTL_MS);
    this.held.set(id, this.entryFor(id, taken));
    this.log.warn(
      { correlationId: id, job: record.job.type, takeovers: taken.takeovers },
      'took over a job whose replica stopped renewing it',
    );
    return record.job;
  }

  private entryFor(id: string, record: JobRecord): JournalEntry {
    const keys: JobKeys = { lease: leaseKey(id), record: recordKey(id) };
    const store: EntryStore = {
      leaseMs: this.leaseMs,
      fence: (action) => this.state.sharedOnly((redis) => redis.fence(keys, record.holder, action)),
    };
    return new JournalEntry(record, store, record.takeovers > this.maxTakeovers, this.log);
  }

  /**
   * The record and the lease, in one step, while this replica holds the job: a replica that claims the lease after
   * finds nothing to take over, and one that lost the job deletes nothing of whoever holds it now.
   */
  private async forget(id: string): Promise<void> {
    const entry = this.held.get(id);
    const gone = entry?.lost ? false : await entry?.release();
    // Redis did not take it: kept, renewed and deleted again on the next beat, never left to be taken over.
    if (gone !== undefined || !this.state.redisBacked) this.held.delete(id);
  }
}

/**
 * The job as Redis may keep it: what a person or an alerting bot wrote is redacted as everything that leaves the
 * process (its ids stay readable), and Verify fix's identity is withheld by its own serialisation.
 */
function recordable(job: Job): Job {
  if (job.type === 'mention') return { ...job, text: redactText(job.text) };
  if (job.type === 'alert') return { ...job, message: redactValue(job.message) };
  return job;
}

function recordKey(id: string): string {
  return `job:${id}`;
}

function leaseKey(id: string): string {
  return `job-lease:${id}`;
}

/** A record as this bot writes it, or undefined; the job itself is checked as far as where it answers. */
function readRecord(value: string | undefined): JobRecord | undefined {
  const parsed = value === undefined ? undefined : parseJson(value);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { version: written, job, holder, takeovers, writes } = parsed as Record<string, unknown>;
  const valid =
    typeof written === 'string' &&
    typeof holder === 'string' &&
    Number.isInteger(takeovers) &&
    Array.isArray(writes) &&
    writes.every(isWriteRecord) &&
    isJob(job);
  return valid ? (parsed as JobRecord) : undefined;
}

function isWriteRecord(value: unknown): value is WriteRecord {
  const { key, channel, ts, landed } = (value ?? {}) as Record<string, unknown>;
  return (
    typeof key === 'string' &&
    typeof channel === 'string' &&
    (ts === undefined || typeof ts === 'string') &&
    typeof landed === 'boolean'
  );
}

function isJob(value: unknown): value is Job {
  if (typeof value !== 'object' || value === null) return false;
  const { type, correlationId, who } = value as Record<string, unknown>;
  const { channel } = (who ?? {}) as Record<string, unknown>;
  return typeof type === 'string' && typeof correlationId === 'string' && typeof channel === 'string';
}
