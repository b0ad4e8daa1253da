import type { SlackMessage } from '../render/block-kit';

/**
 * Posts to a response_url Slack sent with a verified request. Only Slack's own hosts (and loopback, for local
 * fakes) are accepted: a job payload must not be able to send evidence anywhere else.
 */
const SLACK_HOSTS = /(?:^|\.)(?:slack\.com|slack-gov\.com)$/;
const LOOPBACK = /^(?:127\.0\.0\.1|localhost)$/;

/** Slack refused the post: the link expired (30 minutes), was used five times, or is unknown. */
export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(readonly status: number) {
    super(`the response_url answered ${status} (it lasts 30 minutes and takes 5 uses)`);
  }
}

export async function postToResponseUrl(responseUrl: string, body: Record<string, unknown>): Promise<void> {
  const url = new URL(responseUrl);
  const trusted =
    (url.protocol === 'https:' && SLACK_HOSTS.test(url.hostname)) || LOOPBACK.test(url.hostname);
  if (!trusted) throw new Error(`refusing to post to ${url.hostname}: not a Slack response_url`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  if (!response.ok) throw new ResponseUrlError(response.status);
}

/** An ephemeral message for whoever used the response_url; the message it came from stays as it is. */
export function postEphemeral(responseUrl: string, message: SlackMessage): Promise<void> {
  return postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: false, ...message });
}
