import nock from 'nock';
import { boltLogger, createLog, type Log } from '../../src/log';
import { createLambdaHandler } from '../../src/slack/lambda';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { Why403Service } from '../../src/pipeline/service';
import { FORM, SECRET, SLACK_API, signature, slashCommand, unmatchedRequests } from '../support/slack';

/**
 * What Bolt, its receivers and the Web API client log (whole events at debug) leaves the process redacted, whatever
 * the level and however the secret is encoded in it: in JSON inside a string, URL-encoded in a form body, or in a
 * header named for a signature.
 */

const BOT_TOKEN = 'xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOp';
const PASTED_TOKEN = 'xoxp-3333333333-4444444444-QrStUvWxYz012345';
const VERIFICATION = 'gIkuvaNzQIHg97ATvDxqgjtO';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbmNhbGwifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const HOOK = 'T0TEAM/1234567890/Zx9SeCrEtHoOkPaRt';

const SECRETS = [BOT_TOKEN, PASTED_TOKEN, VERIFICATION, SIGNING_SECRET, BEARER, SIGNATURE, HOOK];

/** Every secret, also as it looks URL-encoded once or twice (a form body inside JSON inside a log line). */
function leaks(output: string): string[] {
  return SECRETS.filter((secret) =>
    [secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))].some((form) =>
      output.includes(form),
    ),
  );
}

function capture(level = 'debug'): { log: Log; output: () => string } {
  const lines: string[] = [];
  return {
    log: createLog({ level, destination: { write: (line: string) => void lines.push(line) } }),
    output: () => lines.join(''),
  };
}

const commandBody = slashCommand(
  `diagnose this, my token is ${PASTED_TOKEN} (Authorization: Bearer ${BEARER})`,
  {
    token: VERIFICATION,
    response_url: `https://hooks.slack.com/commands/${HOOK}`,
  },
);

const lambdaEvent = {
  resource: '/slack/events',
  path: '/slack/events',
  httpMethod: 'POST',
  headers: {
    'Content-Type': FORM,
    'X-Slack-Signature': SIGNATURE,
    'X-Slack-Request-Timestamp': '1700000000',
    Authorization: `Bearer ${BOT_TOKEN}`,
  },
  body: commandBody,
  isBase64Encoded: false,
};

const eventsBody = {
  token: VERIFICATION,
  team_id: 'T0TEAM',
  type: 'event_callback',
  event: { type: 'app_mention', text: `<@U0BOT> why? token ${PASTED_TOKEN}`, user: 'U0ONCALL' },
  authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT' }],
  client_secret: SIGNING_SECRET,
};

type Level = 'debug' | 'info' | 'warn' | 'error';

describe('Bolt’s logger', () => {
  // What Bolt 5, AwsLambdaReceiver, HTTPReceiver, the Web API client and the Socket Mode client pass their logger.
  const calls: Array<[string, unknown[]]> = [
    ['the Lambda receiver’s whole event', [`AWS event: ${JSON.stringify(lambdaEvent, null, 2)}`]],
    ['the app’s whole event body', [JSON.stringify(eventsBody)]],
    ['a form body as it arrived', [commandBody]],
    [
      'the Web API client’s request',
      [
        `http request headers: ${JSON.stringify({ Authorization: `Bearer ${BOT_TOKEN}` })}`,
        `http request body: ${JSON.stringify({ token: BOT_TOKEN, text: `pasted ${PASTED_TOKEN}` })}`,
      ],
    ],
    [
      'an object, not text',
      [{ headers: lambdaEvent.headers, body: commandBody, signingSecret: SIGNING_SECRET }],
    ],
    [
      'a Socket Mode message',
      [`Received a message on the WebSocket: ${JSON.stringify({ payload: eventsBody })}`],
    ],
    ['an error with a token in its message', [new Error(`invalid_auth for ${BOT_TOKEN}`)]],
  ];

  it.each(
    calls.flatMap(([name, args]) =>
      (['debug', 'info', 'warn', 'error'] as const).map((level): [string, Level, unknown[]] => [
        name,
        level,
        args,
      ]),
    ),
  )('%s, at %s: logged, without its secrets', (_name, level, args) => {
    const { log, output } = capture('debug');

    boltLogger(log)[level](...args);

    expect(output()).toContain('"source":"bolt"');
    expect(leaks(output())).toEqual([]);
  });

  it('keeps what is not a secret, readable', () => {
    const { log, output } = capture('debug');

    boltLogger(log).debug(`AWS event: ${JSON.stringify(lambdaEvent, null, 2)}`);

    const [line] = output()
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { msg: string });
    expect(line.msg).toMatch(/^AWS event: \{/);
    expect(line.msg).toContain('team_id=T0TEAM');
    expect(line.msg).toContain('diagnose%20this');
    expect(line.msg).toContain('"X-Slack-Request-Timestamp":"1700000000"');
  });
});

describe('the bot on Lambda at LOG_LEVEL=debug', () => {
  it('logs the signed requests it gets, and none of their secrets', async () => {
    nock(SLACK_API)
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT1234', bot_id: 'B0BOT1234', team_id: 'T0TEAM' });
    const { log, output } = capture('debug');
    const handler = createLambdaHandler({
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${SLACK_API}/api/`,
        LOG_LEVEL: 'debug',
      },
      service: new Why403Service({ config: DEFAULT_CONFIG }),
      clientOptions: { retryConfig: { retries: 0 } },
      log,
    });
    const outgoing = unmatchedRequests();
    const body = slashCommand(`help ${PASTED_TOKEN}`, {
      token: VERIFICATION,
      response_url: `https://hooks.slack.com/commands/${HOOK}`,
    });

    const answer = (await handler(
      { ...lambdaEvent, headers: { 'content-type': FORM, ...signature(SECRET, body) }, body },
      {},
    )) as { statusCode: number };

    outgoing.stop();
    expect(answer.statusCode).toBe(200);
    expect(outgoing.urls).toEqual([]);
    // The receiver did log the whole event at debug, and the Web API client its calls.
    expect(output()).toContain('AWS event: {');
    expect(output()).toContain('command=%2Fwhy403');
    expect(output()).toContain("apiCall('auth.test') start");
    expect(leaks(output())).toEqual([]);
  });
});
