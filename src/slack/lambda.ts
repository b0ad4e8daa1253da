import { AwsLambdaReceiver, webApi, type AppOptions } from '@slack/bolt';

import { loadAppConfig } from '../config/app-config';
import { Why403Service } from '../pipeline/service';
import { readSlackSettings } from './settings';
import { createSlackBot } from './app';
import { isLambdaJobEvent, viaLambda, type Dispatch } from './dispatch';
import { runJob } from './jobs';
import { Permissions } from './permissions';
import { redactingLogger } from './logger';
import type { Logger } from '@slack/logger';

/**
 * The bot on AWS Lambda (behind API Gateway or a function URL). A Lambda's answer leaves only when the handler
 * returns, so Slack requests are acknowledged and their work is handed to a second, asynchronous invocation of this
 * same function (it needs lambda:InvokeFunction on itself), which the handler recognises by its `why403Job` payload.
 */

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;
type AwsEvent = Parameters<ReturnType<AwsLambdaReceiver['toHandler']>>[0];

export interface LambdaOptions {
  env?: NodeJS.ProcessEnv;
  service?: Why403Service;
  /** Defaults to invoking AWS_LAMBDA_FUNCTION_NAME asynchronously. */
  dispatch?: Dispatch;
  clientOptions?: AppOptions['clientOptions'];
  logger?: Logger;
}

export function createLambdaHandler(options: LambdaOptions = {}): LambdaHandler {
  const env = options.env ?? process.env;
  const settings = readSlackSettings(env, { lambda: true });
  const service =
    options.service ?? new Why403Service({ config: loadAppConfig({ env, cwd: process.cwd() }) });
  const logger = redactingLogger(options.logger);
  const receiver = new AwsLambdaReceiver({ signingSecret: settings.signingSecret as string, logger });
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  const dispatch = options.dispatch ?? (functionName ? viaLambda(functionName) : undefined);
  createSlackBot({
    settings,
    service,
    logger,
    receiver,
    processBeforeResponse: true,
    dispatch,
    clientOptions: options.clientOptions,
  });
  const client = new webApi.WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    ...options.clientOptions,
  });
  const permissions = new Permissions(service.config.slack);
  const slack = receiver.start();
  return async (event, context) => {
    if (isLambdaJobEvent(event)) {
      await runJob(event.why403Job, { client, service, permissions, logger });
      return { ok: true };
    }
    return (await slack)(event as AwsEvent, context);
  };
}

let handlerInstance: LambdaHandler | undefined;

/** The function's handler: `dist/src/slack/lambda.handler`. */
export function handler(event: unknown, context: unknown): Promise<unknown> {
  handlerInstance ??= createLambdaHandler();
  return handlerInstance(event, context);
}
