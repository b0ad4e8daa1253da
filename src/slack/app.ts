import { App, type AppOptions, type Receiver } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Server } from 'node:http';
import type { Why403Service } from '../pipeline/service';
import type { SlackSettings } from './settings';
import { Permissions } from './permissions';
import { Deduper } from './dedupe';
import { inProcess, type Dispatch } from './dispatch';
import { runJob } from './jobs';
import { registerListeners } from './listeners';
import { redactingLogger } from './logger';

/**
 * The Slack bot: a Bolt app whose listeners acknowledge at once and run the engine afterwards. HTTP (with
 * `/slack/events` and a `/healthz` route) or Socket Mode, by the settings; a custom receiver (Lambda, tests) may be
 * given instead.
 */
export interface SlackBotOptions {
  settings: SlackSettings;
  service: Why403Service;
  logger?: Logger;
  receiver?: Receiver;
  /** Where jobs run; in-process unless given (Lambda passes its self-invocation). */
  dispatch?: Dispatch;
  /** Known bot identity skips the `auth.test` call at start. */
  botId?: string;
  botUserId?: string;
  /** Web API client options beyond SLACK_API_URL (tests turn retries off). */
  clientOptions?: AppOptions['clientOptions'];
  /** Hold the HTTP response until the listener finishes (Lambda does this by nature). */
  processBeforeResponse?: boolean;
}

export interface SlackBot {
  app: App;
  /** Starts listening; resolves to the HTTP server in HTTP mode. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
  /** Resolves when every in-process job started so far has finished. */
  idle(): Promise<void>;
}

const HEALTH_ROUTE = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  },
};

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const { settings } = options;
  const logger = options.logger ?? redactingLogger();
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    ...options.clientOptions,
  };
  const app = new App({
    token: settings.botToken,
    logger,
    botId: options.botId,
    botUserId: options.botUserId,
    processBeforeResponse: options.processBeforeResponse ?? false,
    clientOptions,
    ...receiverOptions(options, clientOptions),
  });
  const permissions = new Permissions(options.service.config.slack);
  const jobs = inProcess(
    (job) => runJob(job, { client: app.client, service: options.service, permissions, logger }),
    logger,
  );
  registerListeners(app, {
    service: options.service,
    permissions,
    dedupe: new Deduper(),
    dispatch: options.dispatch ?? jobs.dispatch,
  });
  app.error(async (error) => logger.error('why403 Slack error', error));
  return {
    app,
    start: async () => (await app.start(settings.port)) as Server | undefined,
    stop: () => app.stop().then(() => undefined),
    idle: jobs.idle,
  };
}

function receiverOptions(
  options: SlackBotOptions,
  clientOptions: AppOptions['clientOptions'],
): Partial<AppOptions> {
  if (options.receiver) return { receiver: options.receiver };
  const { settings } = options;
  if (settings.mode === 'socket') {
    // The Socket Mode client opens its connection through its own Web API client: SLACK_API_URL must reach it too.
    return {
      socketMode: true,
      appToken: settings.appToken,
      customRoutes: [HEALTH_ROUTE],
      installerOptions: { port: settings.port, clientOptions },
    };
  }
  return { signingSecret: settings.signingSecret, customRoutes: [HEALTH_ROUTE] };
}
