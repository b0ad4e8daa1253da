import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { version } from '../../package.json';
import { asyncInvoker } from '../aws/lambda-invoke';
import { parseJson } from '../json';
import type { Log } from '../log';
import type { Job } from './jobs';

/**
 * Hands a job to whoever runs it once Slack has its acknowledgement. On a server that is this process; on AWS
 * Lambda, whose response leaves only when the handler returns, it is a second, asynchronous invocation of the same
 * function (the handler runs only a `why403Job` payload it sealed: see `openJobEvent`).
 */
export type Dispatch = (job: Job) => Promise<void>;

/**
 * Jobs in this process, at most `limit` at a time (the others wait their turn, first come first served): the work of
 * the jobs runs between acknowledgements on the same event loop, so bounding it keeps acknowledgements fast when
 * many requests arrive at once.
 */
export function inProcess(
  run: (job: Job) => Promise<void>,
  log: Log,
  limit: number,
): { dispatch: Dispatch; idle(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const waiting: Array<() => void> = [];
  let active = 0;
  const slot = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    dispatch: async (job) => {
      // Start after the current turn of the event loop, so acknowledgements already queued go out first.
      const work = new Promise((resolve) => setImmediate(resolve))
        .then(slot)
        .then(() => run(job).finally(release))
        .catch((error: unknown) => log.error({ err: error, correlationId: job.correlationId }, 'job crashed'))
        .finally(() => running.delete(work));
      running.add(work);
    },
    /** Resolves when every job started so far has finished (tests, graceful shutdown). */
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

/**
 * The payload of the second invocation. Whoever may invoke the function (or reach it through a trigger that passes
 * a request body on as the event) could otherwise have it run any job as any Slack user, so the job is sealed: an
 * HMAC over its exact JSON, the package version and the time it was sealed, keyed from the Slack signing secret
 * that both invocations hold and nobody else does.
 */
export interface LambdaJobEvent {
  /** The job, as JSON: the seal is over these exact characters. */
  why403Job: string;
  why403Seal: { version: string; sealedAt: number; mac: string };
}

/**
 * How long a sealed job may wait for its invocation: Lambda retries an asynchronous event for up to six hours, long
 * after the person stopped waiting; and the invocation deduplicates jobs for as long (Deduper), so a replay inside
 * this window is recognised and one outside it refused.
 */
export const JOB_MAX_AGE_MS = 10 * 60_000;
/** A clock ahead of this invocation's by more than this is not one of ours. */
const CLOCK_SKEW_MS = 60_000;

export type OpenedJob =
  | { ok: true; job: Job }
  | { ok: false; reason: 'unsealed' | 'forged' | 'malformed' | 'other-version' | 'expired'; job?: Job };

/** Whether an event is meant as a job (it says so); whether it is one is for `openJobEvent`. */
export function isLambdaJobEvent(event: unknown): event is Record<string, unknown> {
  return typeof event === 'object' && event !== null && 'why403Job' in event;
}

export function sealJob(job: Job, secret: string, now = Date.now(), by = version): LambdaJobEvent {
  const json = JSON.stringify(job);
  return { why403Job: json, why403Seal: { version: by, sealedAt: now, mac: macOf(secret, by, now, json) } };
}

/**
 * The job of an event that claims to be one, when its seal is ours: refused when unsealed, forged, altered, of
 * another release of the bot (a deploy between the two invocations: its shape may differ), too old, or not a job.
 * A job whose seal holds but which is too old or of another version is returned with the refusal, so that its
 * asker can be told.
 */
export function openJobEvent(event: Record<string, unknown>, secret: string, now = Date.now()): OpenedJob {
  const json = event.why403Job;
  const seal = event.why403Seal as Partial<LambdaJobEvent['why403Seal']> | undefined;
  if (typeof json !== 'string' || typeof seal !== 'object' || seal === null)
    return { ok: false, reason: 'unsealed' };
  const { version: sealedBy, sealedAt, mac } = seal;
  if (typeof sealedBy !== 'string' || typeof sealedAt !== 'number' || typeof mac !== 'string')
    return { ok: false, reason: 'unsealed' };
  if (!sameMac(mac, macOf(secret, sealedBy, sealedAt, json))) return { ok: false, reason: 'forged' };
  const job = parseJob(json);
  if (!job) return { ok: false, reason: 'malformed' };
  if (sealedBy !== version) return { ok: false, reason: 'other-version', job };
  if (now - sealedAt > JOB_MAX_AGE_MS || sealedAt - now > CLOCK_SKEW_MS)
    return { ok: false, reason: 'expired', job };
  return { ok: true, job };
}

const JOB_TYPES = new Set<string>([
  'diagnose',
  'scan',
  'doctor',
  'flush',
  'replay',
  'trace',
  'details',
  'scan-details',
  'mention',
  'alert',
]);

/** The fields every job has: enough to know what it is and whom to tell. */
function parseJob(json: string): Job | undefined {
  const job = parseJson(json) as Partial<Job> | null | undefined;
  const who = job?.who as Partial<Job['who']> | undefined;
  const ok =
    typeof job === 'object' &&
    job !== null &&
    typeof job.type === 'string' &&
    JOB_TYPES.has(job.type) &&
    typeof job.correlationId === 'string' &&
    typeof who === 'object' &&
    who !== null &&
    typeof who.channel === 'string' &&
    (who.user === undefined || typeof who.user === 'string');
  return ok ? (job as Job) : undefined;
}

function macOf(secret: string, sealedBy: string, sealedAt: number, json: string): string {
  // A key of its own, derived from the signing secret: a job's seal is never a valid Slack signature, nor the reverse.
  const key = createHmac('sha256', secret).update('why403 lambda job seal').digest();
  return createHmac('sha256', key).update(`${sealedBy}\n${sealedAt}\n${json}`).digest('hex');
}

function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * How long the self-invocation may take, retries included: it runs before the acknowledgement leaves (a Lambda's
 * answer leaves when the handler returns), Slack wants that within 3 s, and the person must still be told in time
 * when it fails.
 */
export const INVOKE_BUDGET_MS = 1500;

export function viaLambda(
  functionName: string,
  secret: string,
  client?: Pick<LambdaClient, 'send'>,
  budgetMs = INVOKE_BUDGET_MS,
): Dispatch {
  const invoke = asyncInvoker(functionName, client);
  return (job) => invoke(sealJob(job, secret), AbortSignal.timeout(budgetMs));
}
