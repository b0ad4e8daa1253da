import { openSharedState, type SharedState } from '../../src/slack/state';
import type { SlackBot, SlackBotOptions } from '../../src/slack/app';
import type { ServiceOptions } from '../../src/pipeline/service';
import type { SlackConfig } from '../../src/config/app-config';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { SANDBOX_REGION } from '../../src/sandbox/world';
import type { Log } from '../../src/log';
import { startBot, type LogLine } from './slack';

/** A replica as the replica tests hold it: its bot, where Slack reaches it, what it logged, whether it was killed. */
export interface ReplicaHandle {
  name: string;
  bot: SlackBot;
  url: string;
  logs: LogLine[];
  dead: boolean;
}

/** A Web API call as the fake Slack answered it, by replica. */
export interface ReplicaCall {
  replica: string;
  method: string;
  body: Record<string, any>;
  /** The ts Slack answered (of the message posted). */
  ts: string;
}

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

/** A replica's bot, started: known to the fake Slack by its own token (`xoxb-<name>`). */
export async function startReplicaBot(
  name: string,
  options: Pick<SlackBotOptions, 'state' | 'service' | 'journal'> & { log: Log },
): Promise<{ bot: SlackBot; url: string }> {
  const { service, log, ...rest } = options;
  const { bot, url } = await startBot(service, log, { ...rest, token: `xoxb-${name}` });
  return { bot, url };
}

/** A service on the sandbox's AWS at `endpoint` (or a proxy in front of it), on the test's clock. */
export function sandboxServiceOptions(
  endpoint: string,
  now: () => number,
  slack: SlackConfig,
): ServiceOptions {
  return {
    config: { ...DEFAULT_CONFIG, region: SANDBOX_REGION, slack },
    aws: {
      endpoint,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
    },
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
  };
}

/** A Web API call as the fake Slack receives it: the replica (by its token), the method, the form body decoded. */
export function receivedCall(
  uri: string,
  requestBody: unknown,
  authorization: unknown,
): { replica: string; method: string; body: Record<string, any> } {
  const body: Record<string, any> = Object.fromEntries(new URLSearchParams(String(requestBody)));
  for (const field of ['blocks', 'metadata'])
    if (typeof body[field] === 'string') body[field] = JSON.parse(body[field]);
  return {
    replica: String(authorization).replace('Bearer xoxb-', ''),
    method: uri.replace('/api/', ''),
    body,
  };
}
