import type { App, AppOptions, Receiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { Why403Service } from '../pipeline/service';
import { parseDuration } from '../config/duration';
import { boltLogger, createLog, type Log } from '../log';
import type { SlackSettings } from './settings';
import { Access, type Origin } from './access';
import { HomeWorkspace } from './home';
import { AnswerIndex } from './answers';
import { Deduper } from './dedupe';
import { inProcess, type Dispatch } from './dispatch';
import { SharedFlight } from './flight';
import { runJob, tellAboutJob, type Job, type JobDeps } from './jobs';
import type { Localizer } from '../render/localize';
import type { SlackMessage } from '../render/block-kit';
import { registerListeners } from './listeners';
import { GatedApp } from './gate';
import { SlackHttpReceiver } from './receiver';
import { Locales } from './locale';
import { SharedState, sharedConfigStore } from './state';
import { JobJournal, type JournalOptions } from './journal';
import { StoppableWebClient } from './stoppable-client';
import { webApiOptions } from './client-options';
import { guardRetriedPosts } from './retried-posts';
import { PersonJobs } from './person-jobs';
import { noticeMessage } from '../render/blocks';

/**
 * The Slack bot: a Bolt app whose listeners acknowledge at once and run the engine afterwards. HTTP (with
 * `/slack/events` and a `/healthz` route) or Socket Mode, by the settings; a custom receiver (Lambda, tests) may be
 * given instead. Replicas share their state through Redis when given one (`openSharedState`).
 */
export interface SlackBotOptions {
  settings: SlackSettings;
  service: Why403Service;
  /** JSON lines; by default to stdout at the settings' LOG_LEVEL. */
  log?: Log;
  /** Shared with other replicas (Redis), or this process's memory when not given. */
  state?: SharedState;
  receiver?: Receiver;
  /** Where jobs run; in-process unless given (Lambda passes its self-invocation). */
  dispatch?: Dispatch;
  /** Known bot identity skips the `auth.test` call at start. */
  botId?: string;
  botUserId?: string;
  /**
   * The bot's own workspace (`team`; and `enterprise` for an org-wide install) when already known; else asked of
   * Slack (auth.test) before the first request is decided.
   */
  home?: Origin;
  /** Web API client options beyond SLACK_API_URL (tests turn retries off). */
  clientOptions?: AppOptions['clientOptions'];
  /** Hold the HTTP response until the listener finishes (Lambda does this by nature). */
  processBeforeResponse?: boolean;
  /** Leases and takeovers of jobs whose replica died (with Redis, jobs in this process only; tests shorten them). */
  journal?: JournalOptions;
}

export interface SlackBot {
  app: App;
  /** Starts listening; resolves to the HTTP server in HTTP mode. */
  start(): Promise<Server | undefined>;
  /** Stops taking requests (jobs under way go on: see `idle`). */
  stop(): Promise<void>;
  /** Resolves when every in-process job started so far has finished. */
  idle(): Promise<void>;
  /**
   * Runs one job here and now (the Lambda's second invocation); once `signal` aborts, the job's AWS reads are
   * cancelled and it posts nothing more.
   */
  runJob(job: Job, signal?: AbortSignal): Promise<void>;
  /** Tells whoever asked for a job that it will not answer (Lambda: it could not be started, or ran out of time). */
  tell(job: Job, message: (l: Localizer) => SlackMessage): Promise<void>;
  /** Stops renewing the leases of jobs and closes the shared state's connection; after `stop` and `idle`. */
  close(): Promise<void>;
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
  const { settings, service } = options;
  const log = options.log ?? createLog({ level: settings.logLevel });
  const state = options.state ?? new SharedState(undefined, log);
  const clientOptions = webApiOptions(settings.apiUrl, options.clientOptions, log);
  const app: App = new GatedApp(
    {
      token: settings.botToken,
      logger: boltLogger(log),
      botId: options.botId,
      botUserId: options.botUserId,
      processBeforeResponse: options.processBeforeResponse ?? false,
      // Bolt's own client posts notices (a job that could not start or ran out of time): marked, they are not doubled.
      clientOptions: {
        ...clientOptions,
        fetch: guardRetriedPosts(clientOptions.fetch ?? fetch, boltLogger(log)),
      },
      ...receiverOptions(options, clientOptions, log),
    },
    log,
  );
  const slack = service.config.slack;
  const access = new Access(slack, new HomeWorkspace(app.client, log, options.home));
  // Every request, of every kind, is decided knowing the bot's own workspace. Requests being handled are counted:
  // Slack has their acknowledgement before their listener hands over the job, and `idle` must wait for that too.
  const handling = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const handled = access.ready().then(next);
    handling.add(handled);
    try {
      await handled;
    } finally {
      handling.delete(handled);
    }
  });
  if (state.redisBacked) service.gatherer.cache.useStore(sharedConfigStore(state));
  const locales = new Locales(app.client, access, log);
  const jobMs = (service.config.search.timeBudgetSeconds + 15) * 1000;
  // Jobs that leave the process (Lambda's second invocation) are retried by Lambda; only in-process ones need this.
  const journal =
    state.redisBacked && !options.dispatch ? new JobJournal(state, log, options.journal) : undefined;
  // Counted where every replica, and both invocations of the Lambda function, see them (in memory: jobs run here).
  const personJobs =
    state.redisBacked || !options.dispatch
      ? new PersonJobs(state, slack?.maxJobsPerPerson ?? 3, 2 * jobMs, log)
      : undefined;
  const deps: JobDeps = {
    client: app.client,
    service,
    access,
    state,
    // An answer under way is held as long as its diagnosis may take: a wait for another replica's, then its own.
    answers: new AnswerIndex(state, parseDuration(slack?.repeatWindow ?? '15m'), 2 * jobMs),
    flight: new SharedFlight(state, jobMs),
    locales,
    log,
    replayHere: !options.dispatch,
    journal,
    ...(options.botId || options.botUserId
      ? { self: { botId: options.botId, userId: options.botUserId } }
      : {}),
    stoppableClient: (signal) =>
      new StoppableWebClient(signal, settings.botToken, { ...clientOptions, logger: boltLogger(log) }),
    ...(personJobs ? { personJobs } : {}),
  };
  const jobs = inProcess(
    (job) => runJob(job, deps).finally(() => journal?.end(job)),
    log,
    slack?.maxJobs ?? 4,
  );
  // Recorded before it waits for its turn: a job queued when the replica dies is as lost as one under way.
  const local: Dispatch = journal
    ? (job) => journal.begin(job).then(() => jobs.dispatch(job))
    : jobs.dispatch;
  const limited = (dispatch: Dispatch): Dispatch =>
    personJobs ? (job) => dispatchWithin(personJobs, dispatch, job, deps) : dispatch;
  registerListeners(app, {
    access,
    locales,
    log,
    dedupe: new Deduper(state),
    dispatch: limited(options.dispatch ?? local),
    replay: options.dispatch ? undefined : limited(local),
  });
  app.error(async (error) => log.error({ err: error }, 'Bolt could not handle a request'));
  return {
    app,
    start: async () => {
      await state.connect();
      const server = (await app.start(settings.port)) as Server | undefined;
      journal?.start((job) => void jobs.dispatch(job));
      return server;
    },
    stop: () => {
      journal?.stop();
      return app.stop().then(() => undefined);
    },
    idle: async () => {
      do {
        await Promise.allSettled([...handling]);
        await jobs.idle();
      } while (handling.size > 0);
    },
    runJob: (job, signal) => runJob(job, deps, signal),
    tell: (job, message) => tellAboutJob(job, deps, message),
    close: async () => {
      await journal?.close();
      await state.close();
    },
  };
}

/**
 * A person's job handed over if one of their places is free (person-jobs.ts); else they are told, in one line, to
 * wait for an answer under way.
 */
async function dispatchWithin(
  personJobs: PersonJobs,
  dispatch: Dispatch,
  job: Job,
  deps: JobDeps,
): Promise<void> {
  if (!(await personJobs.take(job))) {
    deps.log.info(
      { correlationId: job.correlationId, slackUser: job.who.user, job: job.type, limit: personJobs.limit },
      'job refused: the person has too many under way',
    );
    await tellAboutJob(job, deps, (l) => noticeMessage(l, 'slack.busy.person', { count: personJobs.limit }));
    return;
  }
  try {
    await dispatch(job);
  } catch (error) {
    await personJobs.giveBack(job);
    throw error;
  }
}

function receiverOptions(
  options: SlackBotOptions,
  clientOptions: AppOptions['clientOptions'],
  log: Log,
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
  return {
    receiver: new SlackHttpReceiver(
      {
        signingSecret: settings.signingSecret ?? '',
        customRoutes: [HEALTH_ROUTE],
        processBeforeResponse: options.processBeforeResponse ?? false,
        logger: boltLogger(log),
      },
      log,
    ),
  };
}
