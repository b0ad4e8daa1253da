import type { Log } from '../log';
import type { SharedStore } from './state';
import type { Job } from './jobs';

/**
 * The jobs one person has under way, at most `limit` at a time across every replica: each holds one of the person's
 * places in the shared state until it ends (a place held by a replica that died is free again after `holdMs`). One
 * person's burst of commands, pasted ids or button presses would otherwise queue ahead of everybody else's and spend
 * the account's CloudWatch Logs quotas, and Logs Insights bills what it scans. Alarms are nobody's: not counted.
 */
export class PersonJobs {
  constructor(
    private readonly state: SharedStore,
    readonly limit: number,
    private readonly holdMs: number,
    private readonly log: Log,
  ) {}

  /** Takes one of the person's places for the job; false when they are all held. */
  async take(job: Job): Promise<boolean> {
    const user = personOf(job);
    if (!user) return true;
    try {
      for (let place = 0; place < this.limit; place++) {
        if (await this.state.claim(placeKey(user, place), job.correlationId, this.holdMs)) return true;
      }
      return false;
    } catch (error) {
      // The shared state out of reach: answering matters more than the limit.
      this.log.warn({ err: error, correlationId: job.correlationId }, 'could not count the person’s jobs');
      return true;
    }
  }

  /** Gives back the place the job held, if it held one. */
  async giveBack(job: Job): Promise<void> {
    const user = personOf(job);
    if (!user) return;
    const places = Array.from({ length: this.limit }, (_, place) => placeKey(user, place));
    await Promise.all(places.map((key) => this.state.release(key, job.correlationId))).catch(
      (error: unknown) =>
        this.log.warn(
          { err: error, correlationId: job.correlationId },
          'could not give back the person’s place',
        ),
    );
  }
}

function personOf(job: Job): string | undefined {
  return job.type === 'alert' ? undefined : job.who.user;
}

function placeKey(user: string, place: number): string {
  return `person-jobs:${user}:${place}`;
}
