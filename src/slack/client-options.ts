import { webApi } from '@slack/bolt';
import type { Log } from '../log';

type WebClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;
export type Fetch = NonNullable<WebClientOptions['fetch']>;

/**
 * How every Web API call is made. Each attempt ends after 10 s; one that failed (a 5xx, no answer in time, a page that
 * is not Slack's JSON, a 429) is tried again at most three times, 1 to 8 s apart (after a 429, once the wait Slack
 * asked for is over): a call gives up within a minute. The client's own default has no timeout and tries for 30
 * minutes: a job would hold one of the bot's places that long, and a call that never answers would hold it for good.
 */
export const WEB_API_TIMEOUT_MS = 10_000;
export const WEB_API_RETRIES: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 4_000,
  randomize: true,
};

/**
 * The options of the bot's Web API clients: Slack's URL (`SLACK_API_URL`), the timeout and retries above, `given`.
 * Every attempt that fails is logged with the call it was (the client's errors do not name it).
 */
export function webApiOptions(
  apiUrl: string | undefined,
  given: WebClientOptions = {},
  log?: Log,
): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    timeout: WEB_API_TIMEOUT_MS,
    retryConfig: WEB_API_RETRIES,
    ...given,
    fetch: checkedFetch(given.fetch ?? globalThis.fetch, log),
  };
}

/**
 * Slack answers every Web API call with JSON. A 200 that is not JSON (a proxy's or a load balancer's page) is made the
 * 502 it stands for, which the client tries again, instead of a parse error it would not: whether the call was made
 * is as unknown as after a timeout.
 */
function checkedFetch(fetch: Fetch, log: Log | undefined): Fetch {
  return async (url, init) => {
    const slackMethod = String(url).split('/').at(-1);
    let response: Awaited<ReturnType<Fetch>>;
    try {
      response = await fetch(url, init);
    } catch (error) {
      log?.warn({ slackMethod, err: error }, 'a Slack call failed');
      throw error;
    }
    if (response.status === 200 && !/\bjson\b/i.test(response.headers.get('content-type') ?? '')) {
      await response.text().catch(() => '');
      response = new Response('the answer was not JSON', { status: 502, statusText: 'Bad Gateway' });
    }
    if (response.status !== 200) log?.warn({ slackMethod, status: response.status }, 'a Slack call failed');
    return response;
  };
}
