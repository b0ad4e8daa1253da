import type { SlackMessage } from '../render/block-kit';
import { fenceWrite } from './journal';

/**
 * Posts to a response_url Slack sent with a verified request. Slack's response URLs are on its hooks host
 * (hooks.slack.com; hooks.slack-gov.com for GovSlack), over HTTPS on the default port: anything else, loopback and
 * other Slack hosts included, is refused before any connection, so that a payload cannot make the bot send evidence
 * anywhere else or reach a service beside it.
 */
const HOOKS_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com'];

/** Slack refused the post: the link expired (30 minutes), was used five times, or is unknown. */
export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(readonly status: number) {
    super(`the response_url answered ${status} (it lasts 30 minutes and takes 5 uses)`);
  }
}

/** Whether a response_url is one Slack would send: on its hooks host, over HTTPS, nothing else in the authority. */
export function isSlackResponseUrl(responseUrl: string): boolean {
  return URL.canParse(responseUrl) && trusted(new URL(responseUrl));
}

function trusted(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    HOOKS_HOSTS.includes(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** A post that Slack has not answered in this time is given up (as the Web API calls are: client-options.ts). */
export const RESPONSE_URL_TIMEOUT_MS = 10_000;

/** `signal`: the job posting it was stopped (the Lambda deadline), and must post nothing more. */
export async function postToResponseUrl(
  responseUrl: string,
  body: Record<string, unknown>,
  signal?: AbortSignal,
  timeoutMs = RESPONSE_URL_TIMEOUT_MS,
): Promise<void> {
  const url = new URL(responseUrl);
  if (!trusted(url)) throw new Error(`refusing to post to ${url.host}: not a Slack response_url`);
  signal?.throwIfAborted();
  await fenceWrite('response_url');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: signal
      ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new ResponseUrlError(response.status);
}

/** An ephemeral message for whoever used the response_url; the message it came from stays as it is. */
export function postEphemeral(
  responseUrl: string,
  message: SlackMessage,
  signal?: AbortSignal,
): Promise<void> {
  return postToResponseUrl(
    responseUrl,
    { response_type: 'ephemeral', replace_original: false, ...message },
    signal,
  );
}
