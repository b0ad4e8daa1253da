import { randomUUID } from 'node:crypto';
import { version } from '../../package.json';
import { parseJson } from '../json';
import type { Log } from '../log';
import { redactText } from '../redact/text';
import { redactValue } from '../redact/value';
import type { Job } from './jobs/types';
import type { SharedState, SharedStore } from './state';

/**
 * Work in flight that outlives the replica doing it. Slack does not send again what was acknowledged, so a replica
 * that dies mid-job (SIGKILL, OOM, a drained node) would leave an alarm, a command or a mention unanswered. Before
 * a job's work starts, its record (the job itself: what to do, where to answer, who asked) is written to Redis with
 * a lease that the replica doing it renews while it works; every replica looks now and then for a record whose lease
 * ran out, and exactly one takes it over (its lease is claimed with SET NX), finishes it and answers where it was
 * asked, editing the messages the first replica had posted. A finished job's record is deleted.
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

interface JobRecord {
  version: string;
  job: Job;
  /** How many times a replica took this job over from one that stopped renewing it. */
  takeovers: number;
  messages: PostedMessage[];
}

/** A record lives long enough for a job to be taken over a few times, not to be answered hours late. */
const RECORD_TTL_MS = 30 * 60_000;

/** One job this replica holds: what the job posted so far, and whether it was taken over from another replica. */
export class JournalEntry {
  /** The next of the messages posted before the takeover that a reply may edit. */
  private next = 0;
  /** The job is over; its record is deleted as soon as Redis takes the deletion. */
  done = false;

  constructor(
    private record: JobRecord,
    private readonly save: (record: JobRecord) => Promise<void>,
    readonly exhausted: boolean,
  ) {}

  /** Taken over: another replica started it and stopped before it was done. */
  get resumed(): boolean {
    return this.record.takeovers > 0;
  }

  get takeovers(): number {
    return this.record.takeovers;
  }

  get messages(): readonly PostedMessage[] {
    return this.record.messages;
  }

  /** A message the replica before posted in `channel` and nothing here has edited yet, in the order they came. */
  reuse(channel: string): string | undefined {
    const { messages } = this.record;
    while (this.next < messages.length) {
      const message = messages[this.next++];
      if (message.channel === channel) return message.ts;
    }
    return undefined;
  }

  /** A message this job posted: a takeover edits it instead of posting another. */
  async posted(channel: string, ts: string): Promise<void> {
    this.record = { ...this.record, messages: [...this.record.messages, { channel, ts }] };
    this.next = this.record.messages.length;
    await this.save(this.record);
  }
}

export class JobJournal {
  /** This replica's name on the leases it holds. */
  private readonly owner = randomUUID();
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
    const record: JobRecord = { version, job: recordable(job), takeovers: 0, messages: [] };
    const written = await this.state.sharedOnly(async (redis) => {
      await redis.set(leaseKey(id), this.owner, this.leaseMs);
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

  /** The job is over (answered, failed or refused): its record goes, and its lease with it. */
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

  private async takeOver(redis: SharedStore, id: string): Promise<Job | undefined> {
    if (!(await redis.claim(leaseKey(id), this.owner, this.leaseMs))) return undefined;
    const stored = await redis.get(recordKey(id));
    const record = readRecord(stored);
    if (!record || record.version !== version || record.job.correlationId !== id) {
      // Finished meanwhile (gone), or not one this version can run: a record nobody can read is dropped.
      if (stored !== undefined && !record) await redis.delete(recordKey(id));
      await redis.release(leaseKey(id), this.owner);
      return undefined;
    }
    const taken = { ...record, takeovers: record.takeovers + 1 };
    await redis.set(recordKey(id), JSON.stringify(taken), RECORD_TTL_MS);
    this.held.set(id, this.entryFor(id, taken));
    this.log.warn(
      { correlationId: id, job: record.job.type, takeovers: taken.takeovers },
      'took over a job whose replica stopped renewing it',
    );
    return record.job;
  }

  private entryFor(id: string, record: JobRecord): JournalEntry {
    const save = async (next: JobRecord) => {
      await this.state.sharedOnly((redis) => redis.set(recordKey(id), JSON.stringify(next), RECORD_TTL_MS));
    };
    return new JournalEntry(record, save, record.takeovers > this.maxTakeovers);
  }

  /** Renews every lease held here; retries the deletion of finished jobs Redis did not take before. */
  private async renew(): Promise<void> {
    for (const [id, entry] of [...this.held]) {
      if (entry.done) {
        await this.forget(id);
        continue;
      }
      const ours = await this.state.sharedOnly((redis) => redis.hold(leaseKey(id), this.owner, this.leaseMs));
      if (ours === false) {
        // Another replica took it over (this one was too slow to renew): its answer may now come twice.
        this.log.warn({ correlationId: id }, 'another replica took over a job still running here');
        this.held.delete(id);
      }
    }
  }

  /** The record first, then the lease: a replica that claims the lease after finds nothing to take over. */
  private async forget(id: string): Promise<void> {
    const gone = await this.state.sharedOnly(async (redis) => {
      await redis.delete(recordKey(id));
      await redis.release(leaseKey(id), this.owner);
      return true;
    });
    // Redis did not take it: kept, renewed and deleted again on the next beat, never left to be taken over.
    if (gone || !this.state.redisBacked) this.held.delete(id);
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
  const { version: written, job, takeovers, messages } = parsed as Record<string, unknown>;
  const valid =
    typeof written === 'string' &&
    Number.isInteger(takeovers) &&
    Array.isArray(messages) &&
    messages.every(isPostedMessage) &&
    isJob(job);
  return valid ? (parsed as JobRecord) : undefined;
}

function isPostedMessage(value: unknown): value is PostedMessage {
  const { channel, ts } = (value ?? {}) as Record<string, unknown>;
  return typeof channel === 'string' && typeof ts === 'string';
}

function isJob(value: unknown): value is Job {
  if (typeof value !== 'object' || value === null) return false;
  const { type, correlationId, who } = value as Record<string, unknown>;
  const { channel } = (who ?? {}) as Record<string, unknown>;
  return typeof type === 'string' && typeof correlationId === 'string' && typeof channel === 'string';
}
