import { webApi } from '@slack/bolt';
import { untilAborted } from '../abort';
import { WEB_API_RETRIES, type Fetch } from './client-options';
import { guardRetriedPosts, markedPost } from './retried-posts';

type WebClientOptions = ConstructorParameters<typeof webApi.WebClient>[1];
/** The Web API client hands its retry options to p-retry, which stops retrying when `onFailedAttempt` throws. */
type RetryOptions = webApi.RetryOptions & { onFailedAttempt?: (error: unknown) => void };

/**
 * A Web API client for one job that its runner can stop (the Lambda deadline): once `signal` aborts, a call under way
 * is cancelled, a call not yet made is refused before any request, and no retry is tried, so that a stopped job can
 * post nothing more, whenever it wakes up. Bolt's client, which tells the person that the job stopped, is not this one.
 * Its posts are marked, so that a post tried again after an attempt that may have been made is not made twice
 * (retried-posts.ts).
 */
export class StoppableWebClient extends webApi.WebClient {
  constructor(
    private readonly signal: AbortSignal,
    token: string | undefined,
    options: WebClientOptions = {},
  ) {
    const base = options.retryConfig ?? WEB_API_RETRIES;
    const retryConfig: RetryOptions = {
      ...base,
      onFailedAttempt: (error) => {
        if (signal.aborted) throw error;
      },
    };
    super(token, {
      ...options,
      retryConfig,
      fetch: stoppableFetch(guardRetriedPosts(options.fetch ?? globalThis.fetch, options.logger), signal),
    });
  }

  override async apiCall(
    method: string,
    options?: Parameters<webApi.WebClient['apiCall']>[1],
  ): Promise<webApi.WebAPICallResult> {
    this.signal.throwIfAborted();
    const args = method === 'chat.postMessage' && options ? markedPost(options) : options;
    // The client's retry loop may be waiting between attempts, deaf to the signal.
    return untilAborted(super.apiCall(method, args), this.signal);
  }
}

function stoppableFetch(fetch: Fetch, stop: AbortSignal): Fetch {
  return (url, init) => {
    stop.throwIfAborted();
    const signal = init?.signal ? AbortSignal.any([init.signal, stop]) : stop;
    return fetch(url, { ...init, signal });
  };
}
