import type { LambdaClient } from '@aws-sdk/client-lambda';
import { asyncInvoker } from '../aws/lambda-invoke';
import type { Log } from '../log';
import type { Job } from './jobs';

/**
 * Hands a job to whoever runs it once Slack has its acknowledgement. On a server that is this process; on AWS
 * Lambda, whose response leaves only when the handler returns, it is a second, asynchronous invocation of the same
 * function (the handler recognises the `why403Job` payload).
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

export interface LambdaJobEvent {
  why403Job: Job;
}

export function isLambdaJobEvent(event: unknown): event is LambdaJobEvent {
  return typeof event === 'object' && event !== null && 'why403Job' in event;
}

export function viaLambda(functionName: string, client?: Pick<LambdaClient, 'send'>): Dispatch {
  const invoke = asyncInvoker(functionName, client);
  return (job) => invoke({ why403Job: job } satisfies LambdaJobEvent);
}
