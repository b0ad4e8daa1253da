import { AwsLambdaReceiver, isValidSlackRequest, webApi, type AppOptions } from '@slack/bolt';

import { loadAppConfig } from '../config/app-config';
import { Why403Service } from '../pipeline/service';
import { boltLogger, createLog, type Log } from '../log';
import { explainAwsError } from '../aws/errors';
import { problemMessage } from '../render/blocks';
import { msg } from '../text';
import { readSlackSettings } from './settings';
import { createSlackBot, type SlackBot } from './app';
import { isLambdaJobEvent, openJobEvent, viaLambda, type Dispatch } from './dispatch';
import { Deduper } from './dedupe';
import { openSharedState, type SharedState } from './state';
import { homeOf } from './home';
import type { Job } from './jobs';
import { webApiOptions } from './client-options';

/**
 * The bot on AWS Lambda (behind API Gateway or a function URL). A Lambda's answer leaves only when the handler
 * returns, so Slack requests are acknowledged and their work is handed to a second, asynchronous invocation of this
 * same function (it needs lambda:InvokeFunction on itself), which the handler recognises by its `why403Job` payload,
 * accepts only when sealed by this function (dispatch.ts), runs once, and authorizes again. Concurrent invocations are
 * replicas: REDIS_URL makes them share state, and recognise a job delivered twice wherever it lands.
 */

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;
type AwsEvent = Parameters<ReturnType<AwsLambdaReceiver['toHandler']>>[0];
type HttpAnswer = { statusCode: number; body: string; headers?: Record<string, string> };

export interface LambdaOptions {
  env?: NodeJS.ProcessEnv;
  service?: Why403Service;
  /** Defaults to invoking AWS_LAMBDA_FUNCTION_NAME asynchronously with the job sealed. */
  dispatch?: Dispatch;
  clientOptions?: AppOptions['clientOptions'];
  log?: Log;
}

/** What a job invocation returns (Lambda keeps it nowhere for an asynchronous event; it is for logs and tests). */
export interface JobOutcome {
  ok: boolean;
  refused?: string;
  duplicate?: boolean;
  timedOut?: boolean;
}

/**
 * Time kept back before the function's deadline: enough to tell the person that the job did not finish, so the
 * invocation ends by itself instead of being killed (a killed asynchronous invocation is retried by Lambda, twice).
 */
export const DEADLINE_MARGIN_MS = 3000;

interface Started {
  bot: SlackBot;
  slack: ReturnType<AwsLambdaReceiver['toHandler']>;
  deduper: Deduper;
}

export function createLambdaHandler(options: LambdaOptions = {}): LambdaHandler {
  const env = options.env ?? process.env;
  const settings = readSlackSettings(env, { lambda: true });
  const secret = settings.signingSecret as string;
  const service =
    options.service ?? new Why403Service({ config: loadAppConfig({ env, cwd: process.cwd() }) });
  const log = options.log ?? createLog({ level: settings.logLevel });
  const receiver = new AwsLambdaReceiver({ signingSecret: secret, logger: boltLogger(log) });
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  const invoke = options.dispatch ?? (functionName ? viaLambda(functionName, secret) : undefined);
  let bot: SlackBot | undefined;
  // A job that could not be handed over is told to its asker here, once; the listener never sees the failure.
  const dispatch: Dispatch | undefined =
    invoke &&
    (async (job) => {
      try {
        await invoke(job);
      } catch (error) {
        log.error({ err: error, correlationId: job.correlationId }, 'could not start the job');
        await tell(bot, job, (l) => notStarted(error, l), log);
      }
    });
  const open = async (): Promise<Started> => {
    const state = await openSharedState(settings.redisUrl, log);
    try {
      // One auth.test for both Bolt (the bot's identity) and the access decision (its own workspace).
      const identity = await new webApi.WebClient(settings.botToken, {
        ...webApiOptions(settings.apiUrl, options.clientOptions, log),
        logger: boltLogger(log),
      }).auth.test();
      bot = createSlackBot({
        botId: identity.bot_id,
        botUserId: identity.user_id,
        home: homeOf(identity),
        settings,
        service,
        log,
        state,
        receiver,
        processBeforeResponse: true,
        dispatch,
        clientOptions: options.clientOptions,
      });
      await state.connect();
      return { bot, slack: await receiver.start(), deduper: new Deduper(state) };
    } catch (error) {
      await closeQuietly(state);
      throw error;
    }
  };
  // Started once per execution environment; a start that failed (Slack or Redis unreachable at a cold start) is
  // tried again by the next invocation instead of failing every later one. Requests not signed by Slack and jobs
  // not sealed by this function are refused without waiting for it.
  let ready: Promise<Started> | undefined;
  const start = (): Promise<Started> => {
    ready ??= open().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  // Begun at once, so that a cold start's first request waits for as little as possible; if it fails, it is
  // begun again by the first invocation that needs it.
  start().catch((error: unknown) =>
    log.warn({ err: error }, 'the bot could not start: the next request tries again'),
  );
  return async (event, context) => {
    if (isLambdaJobEvent(event)) return jobInvocation(event, context, { secret, start, log });
    return slackRequest(event, context, { secret, start, log });
  };
}

interface Handling {
  secret: string;
  start(): Promise<Started>;
  log: Log;
}

// ---- the first invocation: a Slack request, through API Gateway (REST v1, HTTP API v2) or a function URL ----

/**
 * A Slack request as the trigger delivers it: headers by any case (or only in `multiValueHeaders`, or none at all),
 * the body as text or base64. Its signature is checked here over the exact bytes Slack signed (Bolt decodes a base64
 * body as ASCII, which breaks every body with a character beyond ASCII, and parses the body before checking the
 * signature, so an unsigned body that is not JSON made the function fail instead of answering 401). Only a signed
 * request reaches Bolt, with its body as text and its content type without parameters (Bolt compares it whole).
 */
async function slackRequest(event: unknown, context: unknown, h: Handling): Promise<HttpAnswer> {
  const request = readHttpEvent(event);
  if (!request) {
    h.log.warn('an invocation that is neither a Slack request nor a job: refused');
    return { statusCode: 400, body: '' };
  }
  if (isSslCheck(request)) return { statusCode: 200, body: '' };
  if (!signedBySlack(request, h.secret)) {
    h.log.info('a request without a valid Slack signature: refused');
    return { statusCode: 401, body: '' };
  }
  let started: Started;
  try {
    started = await h.start();
  } catch (error) {
    // Slack retries events it got no 2xx for: a start that failed now may work then.
    h.log.error({ err: error }, 'the bot could not start');
    return { statusCode: 503, body: '' };
  }
  const forBolt = {
    ...(event as object),
    headers: { ...request.headers, 'content-type': mediaType(request.headers['content-type']) },
    multiValueHeaders: {},
    body: request.rawBody,
    isBase64Encoded: false,
  } as unknown as AwsEvent;
  try {
    return (await started.slack(forBolt, context)) as HttpAnswer;
  } catch (error) {
    // Bolt throws on a signed body it cannot parse.
    h.log.warn({ err: error }, 'a signed Slack request whose body could not be read');
    return { statusCode: 400, body: '' };
  }
}

interface HttpRequest {
  headers: Record<string, string>;
  rawBody: string;
}

function readHttpEvent(event: unknown): HttpRequest | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as {
    headers?: unknown;
    multiValueHeaders?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  if (e.body !== undefined && e.body !== null && typeof e.body !== 'string') return undefined;
  const headers: Record<string, string> = {};
  if (typeof e.multiValueHeaders === 'object' && e.multiValueHeaders !== null)
    for (const [name, values] of Object.entries(e.multiValueHeaders))
      if (Array.isArray(values) && typeof values[0] === 'string') headers[name.toLowerCase()] = values[0];
  if (typeof e.headers === 'object' && e.headers !== null)
    for (const [name, value] of Object.entries(e.headers))
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
  const body = typeof e.body === 'string' ? e.body : '';
  const rawBody = e.isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { headers, rawBody };
}

/** `application/x-www-form-urlencoded; charset=utf-8` → `application/x-www-form-urlencoded`. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Slack's check of a slash command's certificate (Bolt answers it before any signature check, as here). */
function isSslCheck(request: HttpRequest): boolean {
  return (
    mediaType(request.headers['content-type']) === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(request.rawBody).has('ssl_check')
  );
}

function signedBySlack(request: HttpRequest, secret: string): boolean {
  const signature = request.headers['x-slack-signature'];
  const timestamp = request.headers['x-slack-request-timestamp'];
  if (!signature || !timestamp || !/^\d+$/.test(timestamp.trim())) return false;
  return isValidSlackRequest({
    signingSecret: secret,
    body: request.rawBody,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
  });
}

// ---- the second invocation: the job ----

/**
 * A job, run at most once, and ended before the function's deadline. It never throws once the job started: Lambda
 * retries an asynchronous invocation that failed or timed out, and the job would answer again.
 */
async function jobInvocation(
  event: Record<string, unknown>,
  context: unknown,
  h: Handling,
): Promise<JobOutcome> {
  if ('requestContext' in event || 'headers' in event) {
    h.log.warn('a job inside an HTTP request: refused (jobs come only from the function invoking itself)');
    return { ok: false, refused: 'http' };
  }
  const opened = openJobEvent(event, h.secret);
  if (!opened.ok && !opened.job) {
    h.log.warn({ refused: opened.reason }, 'a job invocation not sealed by this function: refused');
    return { ok: false, refused: opened.reason };
  }
  const job = opened.job as Job;
  const log = h.log.child({
    correlationId: job.correlationId,
    slackUser: job.who.user,
    channel: job.who.channel,
  });
  // Not started: nothing has run, so failing lets Lambda try this invocation again.
  const { bot, deduper } = await h.start();
  if (!(await deduper.firstTime(`lambda-job:${job.correlationId}`))) {
    log.warn({ job: job.type }, 'a job delivered again: it ran already, dropped');
    return { ok: true, duplicate: true };
  }
  if (!opened.ok) {
    log.warn({ job: job.type, refused: opened.reason }, 'a job too old or from another version: dropped');
    await tell(bot, job, (l) => problemMessage(msg('slack.error.stale'), undefined, l), log);
    return { ok: false, refused: opened.reason };
  }
  return runBeforeDeadline(bot, job, remainingMs(context), log);
}

async function runBeforeDeadline(
  bot: SlackBot,
  job: Job,
  remaining: number | undefined,
  log: Log,
): Promise<JobOutcome> {
  // Stopped at the deadline, the job does not wait in the frozen environment to post a late second answer when
  // Lambda reuses it: its AWS reads are cancelled, and its posts refused.
  const stop = new AbortController();
  const work = bot.runJob(job, stop.signal).then(
    (): JobOutcome => ({ ok: true }),
    (error: unknown): JobOutcome => {
      log.error({ err: error, job: job.type }, 'job crashed');
      return { ok: false };
    },
  );
  if (remaining === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, remaining - DEADLINE_MARGIN_MS));
  });
  const first = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  if (first !== 'deadline') return first;
  stop.abort(new Error('stopped before the function’s deadline'));
  log.error(
    { job: job.type, remainingMs: remaining },
    'the job did not finish before the function’s deadline',
  );
  const seconds = Math.round(remaining / 1000);
  await tell(bot, job, (l) => problemMessage(msg('slack.error.deadline', { seconds }), undefined, l), log);
  return { ok: false, timedOut: true };
}

function remainingMs(context: unknown): number | undefined {
  const get = (context as { getRemainingTimeInMillis?: unknown } | null)?.getRemainingTimeInMillis;
  if (typeof get !== 'function') return undefined;
  const remaining = Number(get.call(context));
  return Number.isFinite(remaining) ? remaining : undefined;
}

// ---- telling the person ----

function notStarted(error: unknown, l: Parameters<typeof problemMessage>[2]) {
  const { message, hint } = explainAwsError(error instanceof Error ? error : new Error(String(error)), l);
  return problemMessage(msg('slack.error.not-started', { reason: message }), hint, l);
}

async function tell(
  bot: SlackBot | undefined,
  job: Job,
  message: Parameters<SlackBot['tell']>[1],
  log: Log,
): Promise<void> {
  try {
    if (!bot) throw new Error('the bot is not started');
    await bot.tell(job, message);
  } catch (error) {
    log.warn({ err: error, correlationId: job.correlationId }, 'could not tell the person either');
  }
}

async function closeQuietly(state: SharedState): Promise<void> {
  await state.close().catch(() => undefined);
}

let handlerInstance: LambdaHandler | undefined;

/** The function's handler: `dist/src/slack/lambda.handler`. */
export function handler(event: unknown, context: unknown): Promise<unknown> {
  // Created at init below; if that threw (a setting missing or wrong), it throws here again, for each invocation.
  handlerInstance ??= createLambdaHandler();
  return handlerInstance(event, context);
}

/**
 * On Lambda, the handler is created while the module loads, in the function's init phase: the bot's start (auth.test,
 * the Bolt app, the Redis connection) is begun there, not awaited, and the first invocation awaits what is left of
 * it instead of paying for all of it within Slack's 3 seconds. Elsewhere (tests, a server importing this module)
 * nothing starts.
 */
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  try {
    handlerInstance = createLambdaHandler();
  } catch {
    // Left to the first invocation, which says why.
  }
}
