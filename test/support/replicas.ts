import { openSharedState, type SharedState } from '../../src/slack/state';
import type { Log } from '../../src/log';

/** A replica's shared state on the test Redis, given time on a loaded machine: the replica tests are about sharing. */
export function sharedOnRedis(url: string, log: Log): Promise<SharedState> {
  return openSharedState(url, log, { commandTimeoutMs: 15_000, readyTimeoutMs: 15_000 });
}

/** Stops a replica as SIGKILL would: no graceful shutdown, its jobs abandoned, its connections gone. */
export async function kill(victim: {
  dead: boolean;
  bot: { stop(): Promise<unknown>; close(): Promise<unknown> };
}): Promise<void> {
  victim.dead = true;
  await victim.bot.stop();
  await victim.bot.close();
}
