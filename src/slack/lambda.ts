import { AwsLambdaReceiver, webApi, type AppOptions } from '@slack/bolt';

import { loadAppConfig } from '../config/app-config';
import { Why403Service } from '../pipeline/service';
import { boltLogger, createLog, type Log } from '../log';
import { readSlackSettings } from './settings';
import { createSlackBot, type SlackBot } from './app';
import { isLambdaJobEvent, viaLambda, type Dispatch } from './dispatch';
import { openSharedState } from './state';
import { homeOf } from './home';

/**
 * The bot on AWS Lambda (behind API Gateway or a function URL). A Lambda's answer leaves only when the handler
 * returns, so Slack requests are acknowledged and their work is handed to a second, asynchronous invocation of this
 * same function (it needs lambda:InvokeFunction on itself), which the handler recognises by its `why403Job` payload
 * and runs after authorizing it again. Concurrent invocations are replicas: REDIS_URL makes them share state.
 */

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;
type AwsEvent = Parameters<ReturnType<AwsLambdaReceiver['toHandler']>>[0];

export interface LambdaOptions {
  env?: NodeJS.ProcessEnv;
  service?: Why403Service;
  /** Defaults to invoking AWS_LAMBDA_FUNCTION_NAME asynchronously. */
  dispatch?: Dispatch;
  clientOptions?: AppOptions['clientOptions'];
  log?: Log;
}

export function createLambdaHandler(options: LambdaOptions = {}): LambdaHandler {
  const env = options.env ?? process.env;
  const settings = readSlackSettings(env, { lambda: true });
  const service =
    options.service ?? new Why403Service({ config: loadAppConfig({ env, cwd: process.cwd() }) });
  const log = options.log ?? createLog({ level: settings.logLevel });
  const receiver = new AwsLambdaReceiver({
    signingSecret: settings.signingSecret as string,
    logger: boltLogger(log),
  });
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  const dispatch = options.dispatch ?? (functionName ? viaLambda(functionName) : undefined);
  const ready: Promise<{ bot: SlackBot; slack: ReturnType<AwsLambdaReceiver['toHandler']> }> =
    openSharedState(settings.redisUrl, log).then(async (state) => {
      // One auth.test for both Bolt (the bot's identity) and the access decision (its own workspace).
      const identity = await new webApi.WebClient(settings.botToken, {
        ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
        ...options.clientOptions,
        logger: boltLogger(log),
      }).auth.test();
      const bot = createSlackBot({
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
      return { bot, slack: await receiver.start() };
    });
  return async (event, context) => {
    const { bot, slack } = await ready;
    if (isLambdaJobEvent(event)) {
      await bot.runJob(event.why403Job);
      return { ok: true };
    }
    return slack(event as AwsEvent, context);
  };
}

let handlerInstance: LambdaHandler | undefined;

/** The function's handler: `dist/src/slack/lambda.handler`. */
export function handler(event: unknown, context: unknown): Promise<unknown> {
  handlerInstance ??= createLambdaHandler();
  return handlerInstance(event, context);
}
