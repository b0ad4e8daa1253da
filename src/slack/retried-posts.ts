import { randomBytes } from 'node:crypto';
import { stringify } from 'node:querystring';
import type { Logger } from '@slack/logger';
import { parseJson } from '../json';
import type { Fetch } from './client-options';

/**
 * chat.postMessage has no idempotency key: an attempt that failed without Slack's answer (none in time, a 5xx, a page
 * that is not Slack's JSON) may have been made, and the client's next attempt would post a second copy. So each post
 * carries a mark (message metadata), and before a post is tried again after such a failure, the channel (or the
 * thread) is read for a message with its mark: when one is there, it is the answer, and nothing is posted again.
 * A 429 is no such failure: Slack refused the call. Where the lookup fails (no history scope in a direct message, or
 * Slack still failing), the post is tried again, at the risk of a second copy, and that is logged. Job clients mark
 * every post (stoppable-client.ts); Bolt's own client, which posts the notices about jobs, only the posts marked by
 * their caller (`markedPost`).
 */

const POST = 'chat.postMessage';
/** The event type of a mark on a post that has no metadata of its own. */
export const POST_EVENT = 'why403_post';
/** Messages read back, at most: the post is recent, and marks are unique. */
const LOOKUP_LIMIT = 100;
/** How far before the first failed attempt a message counts (clocks differ). */
const CLOCK_SLACK_SECONDS = 60;
/**
 * A post still uncertain this long after its first failed attempt was given up by its client (which tries for a
 * minute at most, client-options.ts): its mark is forgotten, so that a long-lived client keeps no mark for good.
 */
const FORGET_AFTER_SECONDS = 600;

interface Metadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** The arguments of a post with a mark of its own: metadata it had keeps its type and payload, and gains the mark. */
export function markedPost<T extends Record<string, unknown>>(options: T): T {
  const given = options.metadata as Metadata | undefined;
  const mark = randomBytes(9).toString('base64url');
  const metadata: Metadata = given
    ? { ...given, event_payload: { ...given.event_payload, post: mark } }
    : { event_type: POST_EVENT, event_payload: { post: mark } };
  return { ...options, metadata };
}

/**
 * `fetch` for one Web API client, which looks for a marked post before trying it again (see above). `now`: the clock,
 * in seconds.
 */
export function guardRetriedPosts(fetch: Fetch, logger?: Logger, now = () => Date.now() / 1000): Fetch {
  /** Marks of posts whose last attempt may have been made, with when the first such attempt started (Unix s). */
  const uncertain = new Map<string, number>();
  return async (url, init) => {
    const post = String(url).endsWith(`/${POST}`) ? markedArgs(init?.body) : undefined;
    if (!post) return fetch(url, init);
    forgetGivenUp(uncertain, now());
    const since = uncertain.get(post.mark);
    if (since !== undefined) {
      const found = await lookUp(fetch, String(url), init, post, since).catch((error: unknown) => {
        logger?.warn('could not look for a post that may have been made: posting it again', error);
        return undefined;
      });
      if (found) {
        uncertain.delete(post.mark);
        return found;
      }
    }
    const started = now();
    try {
      const response = await fetch(url, init);
      if (response.status === 200 || response.status === 429) uncertain.delete(post.mark);
      else if (since === undefined) uncertain.set(post.mark, started);
      return response;
    } catch (error) {
      if (since === undefined) uncertain.set(post.mark, started);
      throw error;
    }
  };
}

function forgetGivenUp(uncertain: Map<string, number>, now: number): void {
  for (const [mark, since] of uncertain) if (now - since > FORGET_AFTER_SECONDS) uncertain.delete(mark);
}

interface MarkedArgs {
  mark: string;
  channel: string;
  threadTs: string | undefined;
}

/** The mark, channel and thread of a post's form body; undefined for a post that carries no mark. */
function markedArgs(body: unknown): MarkedArgs | undefined {
  if (typeof body !== 'string') return undefined;
  const form = new URLSearchParams(body);
  const channel = form.get('channel');
  const metadata = parseJson(form.get('metadata') ?? '') as Partial<Metadata> | undefined;
  const mark = metadata?.event_payload?.post;
  if (!channel || typeof mark !== 'string') return undefined;
  return { mark, channel, threadTs: form.get('thread_ts') ?? undefined };
}

/** Slack's answer to the post, made from the message found with its mark; undefined when there is none. */
async function lookUp(
  fetch: Fetch,
  postUrl: string,
  init: Parameters<Fetch>[1],
  post: MarkedArgs,
  since: number,
): Promise<Response | undefined> {
  const [method, where] = post.threadTs
    ? ['conversations.replies', { ts: post.threadTs }]
    : ['conversations.history', { oldest: (since - CLOCK_SLACK_SECONDS).toFixed(6) }];
  const args = { channel: post.channel, ...where, include_all_metadata: true, limit: LOOKUP_LIMIT };
  const response = await fetch(postUrl.slice(0, -POST.length) + method, { ...init, body: stringify(args) });
  const answer = parseJson(await response.text()) as
    | { ok?: boolean; error?: string; messages?: Array<{ ts?: string; metadata?: Partial<Metadata> }> }
    | undefined;
  if (response.status !== 200 || answer?.ok !== true)
    throw new Error(`${method} answered ${response.status} ${answer?.error ?? ''}`.trim());
  const message = answer.messages?.find((m) => m.metadata?.event_payload?.post === post.mark);
  if (!message?.ts) return undefined;
  return Response.json({ ok: true, channel: post.channel, ts: message.ts, message });
}
