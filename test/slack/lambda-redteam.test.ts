import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { webApi } from '@slack/bolt';
import { createLambdaHandler, DEADLINE_MARGIN_MS, type LambdaHandler } from '../../src/slack/lambda';
import { sealJob } from '../../src/slack/dispatch';
import type { Job } from '../../src/slack/jobs';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import { Why403Service } from '../../src/pipeline/service';
import { SCENARIOS } from '../../src/sandbox/world';
import { english } from '../../src/render/localize';
import { msg } from '../../src/text';
import {
  FORM,
  JSON_TYPE,
  SECRET,
  SLACK_API,
  eventCallback,
  recordingLog,
  responseUrls,
  signature,
  slackApi,
  slashCommand,
  unmatchedRequests,
  type LogLine,
  type WebApiCall,
} from '../support/slack';
import { until } from '../support/until';

/**
 * The bot on AWS Lambda, attacked and broken: the real AwsLambdaReceiver behind our handler, driven with the events
 * API Gateway (REST v1 proxy, HTTP API v2) and function URLs deliver; the Slack Web API and response URLs on nock;
 * the self-invocation through the real AWS SDK Lambda client on nock.
 */

const LAMBDA = 'https://lambda.us-east-1.amazonaws.com';
const INVOKE_PATH = '/2015-03-31/functions/why403-bot/invocations';
const REQUEST_ID = SCENARIOS.apiKey.requestId;
const COMMAND = slashCommand(`${REQUEST_ID} --api c3d4e5f6a7 --stage prod`);
const RESPONSE_URL_PATH = '/commands/T0TEAM/1/abc';
const STALE = english.t(msg('slack.error.stale'));

let sandbox: Sandbox;
let logs: LogLine[];
beforeEach(async () => {
  sandbox = await startSandbox();
  logs = [];
});
afterEach(() => sandbox.close());

/**
 * The handler, started: it checks its token with Slack once, as it is created (a cold start), and a test waits for
 * that so that every Slack call seen afterwards is one a request caused.
 */
async function lambdaHandler(
  wait = true,
  service = sandbox.service,
  clientOptions: webApi.WebClientOptions = { retryConfig: { retries: 0 } },
): Promise<LambdaHandler> {
  const started = nock(SLACK_API)
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0TEAM' });
  const handler = createLambdaHandler({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${SLACK_API}/api/`,
      AWS_LAMBDA_FUNCTION_NAME: 'why403-bot',
    },
    service,
    clientOptions,
    log: recordingLog(logs),
  });
  if (wait) await until(() => started.isDone());
  return handler;
}

/** Every self-invocation the function makes, answered 202 as Lambda accepts an asynchronous one. */
function lambdaAccepts(): unknown[] {
  const invocations: unknown[] = [];
  nock(LAMBDA)
    .persist()
    .post(INVOKE_PATH)
    .matchHeader('x-amz-invocation-type', 'Event')
    .reply(202, (_uri, body) => {
      invocations.push(typeof body === 'string' ? JSON.parse(body) : body);
      return '';
    });
  return invocations;
}

/**
 * AWS that holds every answer until released: a loopback proxy in front of the sandbox's fake, recording each request
 * that reaches it (a request the SDK cancelled before sending never does).
 */
interface HeldAws {
  url: string;
  seen: string[];
  /** Requests held whose client has not hung up (an SDK call cancelled closes its connection). */
  open(): number;
  release(): void;
  close(): Promise<void>;
}

async function holdingAws(target: string): Promise<HeldAws> {
  const seen: string[] = [];
  const open = new Set<ServerResponse>();
  let waiting: Array<() => void> | undefined = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['x-amz-target'] ?? ''}`);
    if (waiting) {
      open.add(res);
      res.on('close', () => open.delete(res));
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = () => forward(target, req, Buffer.concat(chunks), res);
      if (waiting) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    open: () => open.size,
    release: () => {
      const held = waiting ?? [];
      waiting = undefined;
      held.forEach((answer) => answer());
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function forward(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const out = request(
    new URL(req.url ?? '/', target),
    { method: req.method, headers: req.headers },
    (answer) => {
      if (res.destroyed) return void answer.resume();
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    },
  );
  out.on('error', () => res.destroy());
  out.end(body);
}

/** The sandbox's engine, reaching AWS through `endpoint`. */
function serviceThrough(endpoint: string): Why403Service {
  return new Why403Service({
    config: sandbox.service.config,
    aws: {
      endpoint,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
    },
  });
}

// ---- the events the triggers deliver ----

type Shape = 'rest-v1' | 'http-v2' | 'function-url';
const SHAPES: Shape[] = ['rest-v1', 'http-v2', 'function-url'];

function httpEvent(
  shape: Shape,
  body: string,
  headers: Record<string, string> | null,
  base64 = false,
): Record<string, unknown> {
  const sent = base64 ? Buffer.from(body, 'utf8').toString('base64') : body;
  if (shape === 'rest-v1')
    return {
      resource: '/slack/events',
      path: '/slack/events',
      httpMethod: 'POST',
      headers,
      multiValueHeaders: headers && Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: { resourcePath: '/slack/events', httpMethod: 'POST', stage: 'prod', requestId: 'r-1' },
      body: sent,
      isBase64Encoded: base64,
    };
  // HTTP API v2 and function URLs: header names in lower case, the same payload format 2.0.
  const lower = headers && Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: '2.0',
    routeKey: shape === 'http-v2' ? 'POST /slack/events' : '$default',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: lower ?? undefined,
    requestContext: {
      domainName:
        shape === 'http-v2' ? 'abc.execute-api.us-east-1.amazonaws.com' : 'abc.lambda-url.us-east-1.on.aws',
      http: { method: 'POST', path: '/slack/events', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9' },
      requestId: 'r-2',
      routeKey: shape === 'http-v2' ? 'POST /slack/events' : '$default',
      stage: '$default',
    },
    body: sent,
    isBase64Encoded: base64,
  };
}

type Case = (name: string) => string;
const HEADER_CASES: Record<string, Case> = {
  lower: (name) => name.toLowerCase(),
  Title: (name) => name.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => dash + c.toUpperCase()),
  UPPER: (name) => name.toUpperCase(),
};

function headersIn(casing: Case, headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [casing(k), v]));
}

// ---- the first invocation: signatures on every shape ----

describe('Slack requests on every event shape', () => {
  const accepted: Array<[Shape, boolean, string]> = SHAPES.flatMap((shape) =>
    [false, true].flatMap((base64) =>
      Object.keys(HEADER_CASES).map((casing): [Shape, boolean, string] => [shape, base64, casing]),
    ),
  );

  it.each(accepted)(
    '%s, base64 %s, headers %s: a signed command is acknowledged and handed over once',
    async (shape, base64, casing) => {
      const handler = await lambdaHandler();
      const invocations = lambdaAccepts();
      const headers = headersIn(HEADER_CASES[casing], {
        'content-type': FORM,
        ...signature(SECRET, COMMAND),
      });

      const answer = (await handler(httpEvent(shape, COMMAND, headers, base64), {})) as {
        statusCode: number;
      };

      expect(answer.statusCode).toBe(200);
      expect(invocations).toHaveLength(1);
    },
  );

  it.each<[string, string, string, boolean]>([
    ['a mention in Chinese, base64 (function URL)', 'function-url', JSON_TYPE, true],
    ['a mention in Chinese, base64 (HTTP API)', 'http-v2', JSON_TYPE, true],
    ['a mention in Chinese, as text (REST)', 'rest-v1', JSON_TYPE, false],
    ['a mention with a charset in its content type', 'rest-v1', `${JSON_TYPE}; charset=utf-8`, false],
    ['a command with a charset in its content type', 'http-v2', `${FORM}; charset=utf-8`, true],
  ])(
    '%s is accepted: the signature is over the bytes Slack sent',
    async (_name, shape, contentType, base64) => {
      const handler = await lambdaHandler();
      const invocations = lambdaAccepts();
      const body = contentType.startsWith(FORM)
        ? slashCommand(`${REQUEST_ID} --api c3d4e5f6a7 --stage prod`)
        : eventCallback({
            type: 'app_mention',
            user: 'U0ONCALL',
            channel: 'C0CHAN',
            ts: '1700000000.000500',
            text: `<@U0BOT1234> 幫我看看 ${REQUEST_ID} 🙏`,
          });
      const headers = { 'Content-Type': contentType, ...signature(SECRET, body) };

      const answer = (await handler(httpEvent(shape as Shape, body, headers, base64), {})) as {
        statusCode: number;
      };

      expect(answer.statusCode).toBe(200);
      expect(invocations).toHaveLength(1);
    },
  );

  const now = Math.floor(Date.now() / 1000);
  const refused: Array<[string, string, Record<string, string> | null]> = [
    [
      'a signature made with another secret',
      COMMAND,
      { 'content-type': FORM, ...signature('other', COMMAND) },
    ],
    ['no signature', COMMAND, { 'content-type': FORM, 'x-slack-request-timestamp': String(now) }],
    [
      'no timestamp',
      COMMAND,
      { 'content-type': FORM, 'x-slack-signature': signature(SECRET, COMMAND)['x-slack-signature'] },
    ],
    [
      'a timestamp six minutes old',
      COMMAND,
      { 'content-type': FORM, ...signature(SECRET, COMMAND, now - 360) },
    ],
    [
      'a body that is not the signed one',
      slashCommand('doctor c3d4e5f6a7'),
      { 'content-type': FORM, ...signature(SECRET, COMMAND) },
    ],
    ['an unsigned body that is not JSON', '{"type":', { 'content-type': JSON_TYPE }],
    ['an unsigned body of no known type', 'hello', { 'content-type': 'text/plain' }],
    ['no headers at all', COMMAND, null],
  ];
  const refusedCases = SHAPES.flatMap((shape) =>
    [false, true].flatMap((base64) =>
      refused.map(
        ([name, body, headers]): [string, Shape, boolean, string, Record<string, string> | null] => [
          name,
          shape,
          base64,
          body,
          headers,
        ],
      ),
    ),
  );

  it.each(refusedCases)(
    '%s (%s, base64 %s): 401, nothing invoked, nothing asked of Slack',
    async (_name, shape, base64, body, headers) => {
      const handler = await lambdaHandler();
      const outgoing = unmatchedRequests();

      const answer = (await handler(httpEvent(shape, body, headers, base64), {})) as {
        statusCode: number;
      };

      outgoing.stop();
      expect(answer.statusCode).toBe(401);
      expect(outgoing.urls).toEqual([]);
    },
  );

  it('a start that failed (Slack down at a cold start) is tried again by the next request', async () => {
    // Down as the function is created, and still down at its first request.
    let failed = 0;
    nock(SLACK_API)
      .post('/api/auth.test')
      .times(2)
      .reply(() => [500, `down ${++failed}`]);
    const invocations = lambdaAccepts();
    const handler = await lambdaHandler(false);
    // The start begun at creation has failed (not merely been answered 500), so the first request begins another.
    await until(() =>
      logs.some((line) => line.msg === 'the bot could not start: the next request tries again'),
    );
    expect(failed).toBe(1);
    const event = () =>
      httpEvent('function-url', COMMAND, { 'content-type': FORM, ...signature(SECRET, COMMAND) });

    const first = (await handler(event(), {})) as { statusCode: number };
    const second = (await handler(event(), {})) as { statusCode: number };

    expect([first.statusCode, second.statusCode]).toEqual([503, 200]);
    expect(invocations).toHaveLength(1);
  });
});

// ---- the self-invocation failing ----

describe('the self-invocation failing', () => {
  const failures: Array<[string, (scope: nock.Interceptor) => nock.Scope, RegExp]> = [
    [
      'AccessDenied',
      (i) =>
        i.reply(
          403,
          { Message: 'User: arn:aws:sts::111122223333:assumed-role/why403/why403-bot is not authorized' },
          { 'x-amzn-errortype': 'AccessDeniedException' },
        ),
      /lambda:InvokeFunction/,
    ],
    [
      'throttled (429 TooManyRequestsException)',
      (i) =>
        i.reply(
          429,
          { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', message: 'Rate Exceeded.' },
          { 'x-amzn-errortype': 'TooManyRequestsException' },
        ),
      /Lambda Invoke/,
    ],
    [
      'a 5xx',
      (i) => i.reply(500, { Message: 'internal' }, { 'x-amzn-errortype': 'ServiceException' }),
      /Lambda Invoke/,
    ],
    ['a hang', (i) => i.delay(10_000).reply(202, ''), /Lambda Invoke/],
  ];

  it.each(failures)(
    '%s: the person who typed the command is told once, through the response_url, and nothing runs',
    async (_name, fail, names) => {
      const handler = await lambdaHandler();
      fail(nock(LAMBDA).post(INVOKE_PATH));
      const calls = slackApi();
      const posts = responseUrls();

      const answer = (await handler(
        httpEvent('rest-v1', COMMAND, { 'Content-Type': FORM, ...signature(SECRET, COMMAND) }),
        {},
      )) as {
        statusCode: number;
      };

      expect(answer.statusCode).toBe(200);
      expect(posts).toHaveLength(1);
      expect(posts[0].path).toBe(RESPONSE_URL_PATH);
      expect(posts[0].body).toMatchObject({ response_type: 'ephemeral' });
      expect(String(posts[0].body.text)).toContain('I could not start working on this');
      expect(String(posts[0].body.text)).toMatch(names);
      expect(calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    },
  );

  it.each(failures)(
    '%s: the person who mentioned the bot is told in the thread (chat.postEphemeral)',
    async (_name, fail) => {
      const handler = await lambdaHandler();
      fail(nock(LAMBDA).post(INVOKE_PATH));
      const calls = slackApi();
      const body = eventCallback({
        type: 'app_mention',
        user: 'U0ONCALL',
        channel: 'C0CHAN',
        ts: '1700000000.000500',
        thread_ts: '1700000000.000400',
        text: `<@U0BOT1234> ${REQUEST_ID}`,
      });

      const answer = (await handler(
        httpEvent('http-v2', body, { 'content-type': JSON_TYPE, ...signature(SECRET, body) }),
        {},
      )) as {
        statusCode: number;
      };

      expect(answer.statusCode).toBe(200);
      const told = calls.filter((c) => c.method.startsWith('chat.'));
      expect(told.map((c) => c.method)).toEqual(['chat.postEphemeral']);
      expect(told[0].body).toMatchObject({
        user: 'U0ONCALL',
        channel: 'C0CHAN',
        thread_ts: '1700000000.000400',
      });
      expect(String(told[0].body.text)).toContain('I could not start working on this');
    },
  );

  it("when the thread refuses the ephemeral note, the direct message Bolt's client posts is not made twice after an answer lost to a 500", async () => {
    const handler = await lambdaHandler(true, sandbox.service, {
      retryConfig: { retries: 1, factor: 1, minTimeout: 5, maxTimeout: 5 },
    });
    failures[0][1](nock(LAMBDA).post(INVOKE_PATH));
    const made: Array<{ ts: string; metadata: unknown }> = [];
    const calls: WebApiCall[] = [];
    nock(SLACK_API)
      .persist()
      .post(/^\/api\/[\w.]+$/)
      .reply((uri, requestBody) => {
        const method = uri.replace('/api/', '');
        const form = Object.fromEntries(new URLSearchParams(String(requestBody)));
        calls.push({ method, body: form });
        if (method === 'chat.postEphemeral') return [200, { ok: false, error: 'channel_not_found' }];
        if (method === 'conversations.history') return [200, { ok: true, messages: made }];
        if (method !== 'chat.postMessage') return [200, { ok: true }];
        // Slack makes the post, and its answer is lost.
        made.push({ ts: `1700000001.00000${made.length}`, metadata: JSON.parse(String(form.metadata)) });
        return [500, 'Internal Server Error'];
      });
    const body = eventCallback({
      type: 'app_mention',
      user: 'U0ONCALL',
      channel: 'C0CHAN',
      ts: '1700000000.000500',
      text: `<@U0BOT1234> ${REQUEST_ID}`,
    });

    await handler(httpEvent('http-v2', body, { 'content-type': JSON_TYPE, ...signature(SECRET, body) }), {});

    expect(made).toHaveLength(1);
    expect(made[0].metadata).toEqual({
      event_type: 'why403_post',
      event_payload: { post: expect.any(String) },
    });
    const posting = calls
      .map((c) => c.method)
      .filter((m) => m === 'chat.postMessage' || m.startsWith('conversations.'));
    expect(posting).toEqual(['chat.postMessage', 'conversations.history']);
  });
});

// ---- the second invocation ----

const JOB: Job = {
  type: 'diagnose',
  query: { requestId: REQUEST_ID, restApiId: 'c3d4e5f6a7', stage: 'prod' },
  reply: { channel: 'C0CHAN', responseUrl: `https://hooks.slack.com${RESPONSE_URL_PATH}` },
  who: { user: 'U0ONCALL', channel: 'C0CHAN', from: { team: 'T0TEAM' } },
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
};

describe('the job invocation', () => {
  const sealed = sealJob(JOB, SECRET);
  const notOurs: Array<[string, unknown]> = [
    ['the job as an object, unsealed (as the older version sent it)', { why403Job: JOB }],
    [
      'an impersonation: another user, unsealed',
      { why403Job: { ...JOB, who: { user: 'U0ADMIN', channel: 'C0CHAN' } } },
    ],
    ['sealed with another secret', sealJob(JOB, 'not-the-secret')],
    [
      'a sealed job altered (another user)',
      { ...sealed, why403Job: JSON.stringify({ ...JOB, who: { ...JOB.who, user: 'U0ADMIN' } }) },
    ],
    ['a seal that is not one', { ...sealed, why403Seal: 'x' }],
    ['no seal', { why403Job: sealed.why403Job }],
    ['a null job', { why403Job: null }],
    ['a sealed job that is not a job', sealJob({ hello: 1 } as unknown as Job, SECRET)],
    ['a sealed job of an unknown type', sealJob({ ...JOB, type: 'rm-rf' } as unknown as Job, SECRET)],
    ['a sealed job inside an HTTP event', { ...sealed, requestContext: {}, headers: {} }],
  ];

  it.each(notOurs)('%s: refused, nothing run, nobody asked', async (_name, event) => {
    const handler = await lambdaHandler();
    const outgoing = unmatchedRequests();

    const outcome = await handler(event, {});

    outgoing.stop();
    expect(outcome).toMatchObject({ ok: false });
    expect(outgoing.urls).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a job sent to the function URL as its body, unsigned', { 'content-type': JSON_TYPE }],
    ['a job sent to the function URL as its body, with Slack’s signature', null],
  ])('%s: never run as a job', async (_name, given) => {
    const handler = await lambdaHandler();
    const outgoing = unmatchedRequests();
    const body = JSON.stringify(sealed);
    const headers = (given as Record<string, string> | null) ?? {
      'content-type': JSON_TYPE,
      ...signature(SECRET, body),
    };

    const answer = (await handler(httpEvent('function-url', body, headers), {})) as {
      statusCode: number;
    };

    outgoing.stop();
    expect(answer.statusCode).toBe(given ? 401 : 200);
    expect(outgoing.urls).toEqual([]);
  });

  it.each<[string, number, string | undefined]>([
    ['sealed eleven minutes ago (Lambda retried it late)', Date.now() - 11 * 60_000, undefined],
    ['sealed by another version of the bot', Date.now(), '0.0.1-old'],
  ])('%s: not run; the person is told once to ask again', async (_name, at, by) => {
    const handler = await lambdaHandler();
    const calls = slackApi();
    const posts = responseUrls();
    const event = sealJob(JOB, SECRET, at, by);

    const outcomes = [await handler(event, {}), await handler(event, {})];

    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(posts.map((p) => p.body.text)).toEqual([expect.stringContaining(STALE)]);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('the same job delivered twice (Lambda delivers at least once) is answered once', async () => {
    const handler = await lambdaHandler();
    const calls = slackApi();

    const outcomes = [await handler(sealed, {}), await handler(sealed, {})];

    expect(outcomes).toEqual([{ ok: true }, { ok: true, duplicate: true }]);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2); // the answer and its thread
  });

  it('a job stopped at the deadline posts nothing more and asks AWS nothing more, when Lambda reuses the environment', async () => {
    // Every AWS answer is held: the job is still waiting for its first reads when the deadline comes.
    const aws = await holdingAws(sandbox.fake.url);
    try {
      const handler = await lambdaHandler(true, serviceThrough(aws.url));
      const calls = slackApi();
      const posts = responseUrls();
      // Five seconds to reach AWS, where it waits until the deadline: on a busy CI machine one may not be enough.
      const context = { getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS + 5000 };
      const event = sealJob(JOB, SECRET);

      const outcome = await handler(event, context);

      expect(outcome).toEqual({ ok: false, timedOut: true });
      expect(aws.seen.length).toBeGreaterThan(0); // the job was waiting for AWS, not for Slack
      const awsCallsAtDeadline = [...aws.seen];
      const slackCallsAtDeadline = calls.filter((c) => c.method.startsWith('chat.')).length;
      expect(posts.map((p) => String(p.body.text))).toEqual([
        expect.stringContaining('I ran out of time before I could finish this'),
      ]);

      // Its AWS calls were cancelled, not left waiting for their answers.
      await until(() => aws.open() === 0);
      expect(aws.open()).toBe(0);

      // The environment is reused: the held answers arrive, and the next invocation (Lambda delivering the job
      // again) runs in the same process as the stopped job.
      aws.release();
      expect(await handler(event, { getRemainingTimeInMillis: () => 60_000 })).toEqual({
        ok: true,
        duplicate: true,
      });
      await until(() => logs.some((line) => line.msg === 'job stopped: it posts nothing more'));

      expect(logs.filter((line) => line.msg === 'job stopped: it posts nothing more')).toHaveLength(1);
      expect(aws.seen).toEqual(awsCallsAtDeadline);
      expect(calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(slackCallsAtDeadline);
      expect(posts).toHaveLength(1);
    } finally {
      await aws.close();
    }
  });

  it('a job that finishes in time is answered, and the deadline says nothing', async () => {
    const handler = await lambdaHandler();
    const calls = slackApi();
    const context = { getRemainingTimeInMillis: () => 60_000 };

    const outcome = await handler(sealJob(JOB, SECRET), context);

    expect(outcome).toEqual({ ok: true });
    expect(calls.map((c) => c.method)).not.toContain('chat.postEphemeral');
    expect(JSON.stringify(calls.filter((c) => c.method === 'chat.update').at(-1)?.body.blocks)).toContain(
      'api-key-missing-or-invalid',
    );
  });
});
