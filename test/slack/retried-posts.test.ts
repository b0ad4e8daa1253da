import nock from 'nock';
import { webApi } from '@slack/bolt';
import { StoppableWebClient } from '../../src/slack/stoppable-client';
import { guardRetriedPosts, markedPost } from '../../src/slack/retried-posts';
import { webApiOptions } from '../../src/slack/client-options';
import { boltLogger } from '../../src/log';
import { recordingLog, SLACK_API, type LogLine, type WebApiCall } from '../support/slack';

/**
 * A job's post that failed without Slack's answer may have been made; before the client tries it again, it looks for
 * the post's mark in the channel or the thread, and takes the message found instead of posting a copy.
 */

const TIMEOUT_MS = 200;
const CHANNEL = 'C0CHAN';

type Fault = 'hang' | '500' | 'html' | 'ratelimited';

interface FakeSlack {
  calls: WebApiCall[];
  /** Messages in the channel, as conversations.history and conversations.replies give them. */
  messages: Array<{ ts: string; thread_ts?: string; metadata?: unknown }>;
}

/**
 * Slack, whose first chat.postMessage fails in the way given; the post is made (or not) before the failure, as
 * `landsAnyway` says. conversations.* answer with the messages made, or with `historyError`.
 */
function fakeSlack(fault: Fault, landsAnyway: boolean, historyError?: string): FakeSlack {
  const slack: FakeSlack = { calls: [], messages: [] };
  let posts = 0;
  nock(SLACK_API)
    .persist()
    .post(/^\/api\/[\w.]+$/)
    .reply(async function (uri, requestBody) {
      const method = uri.replace('/api/', '');
      const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(String(requestBody)));
      slack.calls.push({ method, body });
      if (method.startsWith('conversations.')) {
        if (historyError) return [200, { ok: false, error: historyError }];
        const inThread = (m: FakeSlack['messages'][number]) => m.thread_ts === body.ts || m.ts === body.ts;
        const messages =
          method === 'conversations.replies' ? slack.messages.filter(inThread) : slack.messages;
        return [200, { ok: true, messages }];
      }
      const ts = `1700000000.${String(slack.calls.length).padStart(6, '0')}`;
      const first = ++posts === 1;
      if (!first || landsAnyway) {
        const thread = typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {};
        slack.messages.push({ ts, ...thread, metadata: JSON.parse(String(body.metadata)) });
      }
      if (!first) return [200, { ok: true, channel: body.channel, ts }];
      switch (fault) {
        case 'hang':
          await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
          return [200, { ok: true, channel: body.channel, ts }];
        case '500':
          return [500, 'Internal Server Error'];
        case 'html':
          return [200, '<html><body>Slack is down</body></html>', { 'content-type': 'text/html' }];
        case 'ratelimited':
          return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '0' }];
      }
    });
  return slack;
}

/** The bot's client options, with retries and the timeout scaled down to milliseconds. */
const clientOptions = () =>
  webApiOptions(SLACK_API + '/api/', {
    retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 },
    timeout: TIMEOUT_MS,
  });

function client(logs: LogLine[] = []): StoppableWebClient {
  return new StoppableWebClient(new AbortController().signal, 'xoxb-test', {
    ...clientOptions(),
    logger: boltLogger(recordingLog(logs)),
  });
}

const posted = (slack: FakeSlack) => slack.calls.filter((c) => c.method === 'chat.postMessage');

describe('a post tried again after an attempt that may have been made', () => {
  afterEach(() => nock.cleanAll());

  it.each<Fault>(['hang', '500', 'html'])(
    'is found by its mark, not made twice, when the failed attempt (%s) was made',
    async (fault) => {
      const slack = fakeSlack(fault, true);
      const answer = await client().chat.postMessage({ channel: CHANNEL, text: 'the verdict' });
      expect(slack.messages).toHaveLength(1);
      expect(posted(slack)).toHaveLength(1);
      expect(answer.ts).toBe(slack.messages[0].ts);
      expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'conversations.history']);
    },
  );

  it.each<Fault>(['hang', '500', 'html'])(
    'is made again when the failed attempt (%s) was not made',
    async (fault) => {
      const slack = fakeSlack(fault, false);
      const answer = await client().chat.postMessage({ channel: CHANNEL, text: 'the verdict' });
      expect(slack.messages).toHaveLength(1);
      expect(answer.ts).toBe(slack.messages[0].ts);
      expect(posted(slack)).toHaveLength(2);
    },
  );

  it('in a thread, is looked for among its replies', async () => {
    const slack = fakeSlack('hang', true);
    const answer = await client().chat.postMessage({
      channel: CHANNEL,
      thread_ts: '1699999999.000100',
      text: 'the details',
    });
    expect(answer.ts).toBe(slack.messages[0].ts);
    const lookup = slack.calls.find((c) => c.method.startsWith('conversations.'));
    expect(lookup).toMatchObject({
      method: 'conversations.replies',
      body: { channel: CHANNEL, ts: '1699999999.000100', include_all_metadata: 'true' },
    });
  });

  it('after a 429, is tried again without a lookup: Slack refused it', async () => {
    const slack = fakeSlack('ratelimited', false);
    await client().chat.postMessage({ channel: CHANNEL, text: 'the verdict' });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
  });

  it('when the lookup fails (no history scope in a direct message), is made again, and that is logged', async () => {
    const slack = fakeSlack('500', false, 'missing_scope');
    const logs: LogLine[] = [];
    await client(logs).chat.postMessage({ channel: CHANNEL, text: 'the verdict' });
    expect(posted(slack)).toHaveLength(2);
    expect(JSON.stringify(logs)).toContain('could not look for a post that may have been made');
    expect(JSON.stringify(logs)).toContain('missing_scope');
  });

  it('carries a mark of its own; the metadata a post had keeps its type and payload and gains the mark', async () => {
    const slack = fakeSlack('500', false);
    const own = { event_type: 'why403_write', event_payload: { job: 'j1', write: '0:answer' } };
    await client().chat.postMessage({ channel: CHANNEL, text: 'a', metadata: own });
    await client().chat.postMessage({ channel: CHANNEL, text: 'b' });
    const [kept, marked] = slack.messages.map((m) => m.metadata) as Array<{
      event_type: string;
      event_payload: Record<string, string>;
    }>;
    expect(kept).toEqual({ ...own, event_payload: { ...own.event_payload, post: expect.any(String) } });
    expect(marked).toEqual({ event_type: 'why403_post', event_payload: { post: expect.any(String) } });
    expect(marked.event_payload.post).not.toBe(kept.event_payload.post);
  });
});

/** Bolt's own client, as the bot builds it: its fetch guarded, its posts marked only where the caller marks them. */
function boltClient(now?: () => number): webApi.WebClient {
  const options = clientOptions();
  return new webApi.WebClient('xoxb-test', {
    ...options,
    fetch: guardRetriedPosts(options.fetch ?? fetch, undefined, now),
  });
}

describe("a notice posted by Bolt's client (a job that could not start or ran out of time)", () => {
  afterEach(() => nock.cleanAll());

  it.each<Fault>(['hang', '500', 'html'])(
    'marked by its caller, is found by its mark when the failed attempt (%s) was made',
    async (fault) => {
      const slack = fakeSlack(fault, true);
      const answer = await boltClient().chat.postMessage(markedPost({ channel: CHANNEL, text: 'busy' }));
      expect(posted(slack)).toHaveLength(1);
      expect(answer.ts).toBe(slack.messages[0].ts);
    },
  );

  it('a mark left uncertain by a post its client gave up is forgotten after ten minutes, not kept for good', async () => {
    let clock = 1_700_000_000;
    let failing = true;
    const calls: string[] = [];
    nock(SLACK_API)
      .persist()
      .post(/^\/api\/[\w.]+$/)
      .reply((uri) => {
        const method = uri.replace('/api/', '');
        calls.push(method);
        if (method.startsWith('conversations.')) return [200, { ok: true, messages: [] }];
        return failing ? [500, 'Internal Server Error'] : [200, { ok: true, channel: CHANNEL, ts: '1.2' }];
      });
    const guarded = boltClient(() => clock);
    const args = markedPost({ channel: CHANNEL, text: 'busy' });
    await expect(guarded.chat.postMessage(args)).rejects.toThrow();
    failing = false;

    clock += 599;
    calls.length = 0;
    await guarded.chat.postMessage(args);
    expect(calls).toEqual(['conversations.history', 'chat.postMessage']);

    failing = true;
    await expect(guarded.chat.postMessage(args)).rejects.toThrow();
    failing = false;
    clock += 601;
    calls.length = 0;
    await guarded.chat.postMessage(args);
    expect(calls).toEqual(['chat.postMessage']);
  });
});
