import { describeError } from '../../errors';
import { AwsError, explainAwsError } from '../../aws/errors';
import { problemMessage } from '../../render/blocks';
import { formatUtc } from '../../time';
import { redactText } from '../../redact';
import { postToResponseUrl } from '../response-url';
import type { Job, JobDeps } from './types';

/** The one write: permission re-checked here, the result posted in the verdict's thread and logged for audit. */
export async function flush(job: Extract<Job, { type: 'flush' }>, deps: JobDeps): Promise<void> {
  const { reply, target } = job;
  const where = `${target.restApiId}/${target.stage}`;
  if (!deps.permissions.mayFlush(reply.user, reply.channel)) {
    deps.logger.warn('authorizer cache flush refused', {
      user: reply.user,
      channel: reply.channel,
      api: where,
    });
    if (reply.responseUrl)
      await postToResponseUrl(reply.responseUrl, {
        response_type: 'ephemeral',
        replace_original: false,
        ...problemMessage(
          `You may not flush the authorizer cache of ${where}.`,
          'ask an admin to add you under slack.flushCache in the why403 configuration',
        ),
      });
    return;
  }
  let text: string;
  try {
    const { region } = await deps.service.flushAuthorizerCache(target);
    text = `:broom: <@${reply.user}> flushed the authorizer cache of \`${where}\` (${region}) at ${formatUtc(Date.now())}. The next calls run the authorizer again.`;
    deps.logger.info('authorizer cache flushed', {
      user: reply.user,
      channel: reply.channel,
      api: where,
      region,
    });
  } catch (error) {
    const { message, hint } = error instanceof AwsError ? explainAwsError(error) : describeError(error);
    text = `:warning: Flushing the authorizer cache of \`${where}\` failed: ${message}${hint ? ` — ${hint}` : ''}`;
    deps.logger.warn('authorizer cache flush failed', {
      user: reply.user,
      channel: reply.channel,
      api: where,
      error: message,
    });
  }
  await deps.client.chat.postMessage({
    channel: reply.channel,
    thread_ts: reply.threadTs,
    text: redactText(text),
  });
}
