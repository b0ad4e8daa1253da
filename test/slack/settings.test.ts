import { InputError, describeError } from '../../src/errors';
import { readSlackSettings, type SlackSettings } from '../../src/slack/settings';
import { localizer } from '../../src/render/localize';

const BOT = 'xoxb-1111-2222-abcdef';
const APP = 'xapp-1-A0APP-3333-abcdef';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

const PROBLEM = {
  botTokenMissing: 'SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from OAuth & Permissions)',
  botTokenPrefix: 'SLACK_BOT_TOKEN does not start with xoxb- (use the bot token, not a user or app token)',
  appTokenPrefix: 'SLACK_APP_TOKEN does not start with xapp- (an app-level token with connections:write)',
  signingSecret:
    'SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret), which HTTP mode needs: set it, or SLACK_APP_TOKEN for Socket Mode',
  port: (value: string) => `PORT "${value}" is not a port number`,
  apiUrl: (value: string) => `SLACK_API_URL "${value}" is not a URL (e.g. https://slack-gov.com/api/)`,
  redisUrl: 'REDIS_URL is not a redis:// or rediss:// URL (e.g. redis://redis.internal:6379/0)',
  logLevel: (value: string) =>
    `LOG_LEVEL "${value}" is not one of fatal, error, warn, info, debug, trace, silent`,
};

/** The problems readSlackSettings reports, in order; fails when it accepts the environment. */
function problemsOf(
  env: NodeJS.ProcessEnv,
  options: { lambda?: boolean } = {},
): { message: string; hint?: string } {
  try {
    readSlackSettings(env, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return describeError(error);
  }
  throw new Error('readSlackSettings accepted the environment');
}

function reported(problems: string[]): string {
  return `the Slack settings have ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`;
}

describe('readSlackSettings', () => {
  it("reports its problems in the reader's language", () => {
    let error: unknown;
    try {
      readSlackSettings({ SLACK_BOT_TOKEN: 'xoxp-user', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(describeError(error, localizer('zh-TW')).message).toBe(
      'Slack 設定有 4 個問題：SLACK_BOT_TOKEN 不是以 xoxb- 開頭（請用 bot token，不是使用者或應用程式的 token）；' +
        'SLACK_SIGNING_SECRET 未設定（Basic Information → Signing Secret），HTTP 模式需要它：請設定它，或設定 SLACK_APP_TOKEN 改用 Socket Mode；' +
        'PORT「eighty」不是連接埠號碼；LOG_LEVEL「loud」不是下列其中之一：fatal, error, warn, info, debug, trace, silent',
    );
  });

  describe('mode', () => {
    it.each<[string, NodeJS.ProcessEnv, { lambda?: boolean }, Partial<SlackSettings>]>([
      [
        'HTTP with a bot token and signing secret',
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET },
        {},
        { mode: 'http', botToken: BOT, signingSecret: SECRET, appToken: undefined },
      ],
      [
        'Socket Mode with an app token and no signing secret',
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP },
        {},
        { mode: 'socket', botToken: BOT, appToken: APP, signingSecret: undefined },
      ],
      [
        'Socket Mode when both an app token and a signing secret are set',
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET },
        {},
        { mode: 'socket', appToken: APP, signingSecret: SECRET },
      ],
      [
        'HTTP in Lambda even with an app token',
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET },
        { lambda: true },
        { mode: 'http', appToken: APP, signingSecret: SECRET },
      ],
      [
        'HTTP when the app token is blank',
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: '  ', SLACK_SIGNING_SECRET: SECRET },
        {},
        { mode: 'http', appToken: undefined },
      ],
      [
        'trimmed values',
        { SLACK_BOT_TOKEN: ` ${BOT}\n`, SLACK_SIGNING_SECRET: `\t${SECRET} ` },
        {},
        { mode: 'http', botToken: BOT, signingSecret: SECRET },
      ],
    ])('%s', (_name, env, options, expected) => {
      expect(readSlackSettings(env, options)).toMatchObject(expected);
    });

    it('returns exactly the settings read, with the defaults', () => {
      expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
        botToken: BOT,
        signingSecret: SECRET,
        appToken: undefined,
        apiUrl: undefined,
        port: 3000,
        mode: 'http',
        redisUrl: undefined,
        logLevel: 'info',
      });
    });

    it('Lambda requires the signing secret that Socket Mode would not need', () => {
      const env = { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP };
      expect(readSlackSettings(env).mode).toBe('socket');
      expect(problemsOf(env, { lambda: true }).message).toBe(reported([PROBLEM.signingSecret]));
    });
  });

  describe('problems, all reported at once', () => {
    it.each<[string, NodeJS.ProcessEnv, { lambda?: boolean }, string[]]>([
      ['an empty environment', {}, {}, [PROBLEM.botTokenMissing, PROBLEM.signingSecret]],
      [
        'blank values',
        { SLACK_BOT_TOKEN: ' ', SLACK_SIGNING_SECRET: ' ' },
        {},
        [PROBLEM.botTokenMissing, PROBLEM.signingSecret],
      ],
      ['only a signing secret', { SLACK_SIGNING_SECRET: SECRET }, {}, [PROBLEM.botTokenMissing]],
      [
        'a user token',
        { SLACK_BOT_TOKEN: 'xoxp-1-2-3', SLACK_SIGNING_SECRET: SECRET },
        {},
        [PROBLEM.botTokenPrefix],
      ],
      [
        'an app token as bot token',
        { SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: APP },
        {},
        [PROBLEM.botTokenPrefix],
      ],
      [
        'a Redis URL that is not one, which is not repeated (it may hold a password)',
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, REDIS_URL: 'http://user:s3cret@redis:6379' },
        {},
        [PROBLEM.redisUrl],
      ],
      [
        'a log level pino does not know',
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, LOG_LEVEL: 'verbose' },
        {},
        [PROBLEM.logLevel('verbose')],
      ],
      [
        'a bot token as app token',
        { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT },
        {},
        [PROBLEM.appTokenPrefix],
      ],
      [
        'every kind of problem in Socket Mode',
        { SLACK_BOT_TOKEN: 'xoxp-1', SLACK_APP_TOKEN: 'abc', PORT: 'http', SLACK_API_URL: 'not a url' },
        {},
        [PROBLEM.botTokenPrefix, PROBLEM.appTokenPrefix, PROBLEM.port('http'), PROBLEM.apiUrl('not a url')],
      ],
      [
        'every kind of problem in Lambda',
        {
          SLACK_BOT_TOKEN: 'xoxp-1',
          SLACK_APP_TOKEN: 'abc',
          PORT: '70000',
          SLACK_API_URL: 'slack-gov.com/api',
        },
        { lambda: true },
        [
          PROBLEM.botTokenPrefix,
          PROBLEM.appTokenPrefix,
          PROBLEM.signingSecret,
          PROBLEM.port('70000'),
          PROBLEM.apiUrl('slack-gov.com/api'),
        ],
      ],
    ])('%s', (_name, env, options, problems) => {
      const { message, hint } = problemsOf(env, options);
      expect(message).toBe(reported(problems));
      expect(message.startsWith(`the Slack settings have ${problems.length} problem`)).toBe(true);
      expect(hint).toBe('see "Running the Slack bot" in the README');
    });

    it('counts one problem in the singular', () => {
      expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET }).message).toMatch(
        /^the Slack settings have 1 problem: /,
      );
    });

    it('never repeats a token it rejects', () => {
      const { message } = problemsOf({
        SLACK_BOT_TOKEN: 'xoxp-secret-user-token',
        SLACK_APP_TOKEN: 'secret-app',
      });
      expect(message).not.toContain('xoxp-secret-user-token');
      expect(message).not.toContain('secret-app');
    });
  });

  describe('PORT', () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

    it.each<[string | undefined, number]>([
      [undefined, 3000],
      ['', 3000],
      ['   ', 3000],
      ['8080', 8080],
      ['0', 0],
      ['65535', 65535],
    ])('%j gives port %d', (PORT, port) => {
      expect(readSlackSettings({ ...base, PORT }).port).toBe(port);
    });

    it.each(['65536', '-1', '80.5', 'abc', '3000abc', 'NaN', 'Infinity'])(
      '%j is not a port number',
      (PORT) => {
        expect(problemsOf({ ...base, PORT }).message).toBe(reported([PROBLEM.port(PORT)]));
      },
    );
  });

  describe('SLACK_API_URL', () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

    it.each<[string | undefined, string | undefined]>([
      [undefined, undefined],
      ['', undefined],
      ['  ', undefined],
      ['https://slack-gov.com/api', 'https://slack-gov.com/api/'],
      ['https://slack-gov.com/api/', 'https://slack-gov.com/api/'],
      [' https://slack-gov.com/api ', 'https://slack-gov.com/api/'],
      ['http://127.0.0.1:4100/api', 'http://127.0.0.1:4100/api/'],
      ['https://slack.test', 'https://slack.test/'],
    ])('%j becomes %j', (SLACK_API_URL, apiUrl) => {
      expect(readSlackSettings({ ...base, SLACK_API_URL }).apiUrl).toBe(apiUrl);
    });

    it.each([
      'not a url',
      'slack-gov.com/api/',
      'ftp://slack-gov.com/api/',
      'file:///etc/passwd',
      '//slack.com/api',
    ])('%j is rejected', (SLACK_API_URL) => {
      expect(problemsOf({ ...base, SLACK_API_URL }).message).toBe(reported([PROBLEM.apiUrl(SLACK_API_URL)]));
    });
  });
});

describe('readSlackSettings: Redis and the log level', () => {
  it.each<[string, NodeJS.ProcessEnv, { redisUrl?: string; logLevel: string }]>([
    ['neither', {}, { redisUrl: undefined, logLevel: 'info' }],
    [
      'Redis and debug logs',
      { REDIS_URL: 'redis://redis:6379/0', LOG_LEVEL: 'DEBUG' },
      { redisUrl: 'redis://redis:6379/0', logLevel: 'debug' },
    ],
    [
      'Redis over TLS, quiet',
      { REDIS_URL: ' rediss://u:p@redis:6380 ', LOG_LEVEL: 'warn' },
      { redisUrl: 'rediss://u:p@redis:6380', logLevel: 'warn' },
    ],
  ])('%s', (_name, env, expected) => {
    expect(
      readSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: 's3cret', ...env }),
    ).toMatchObject(expected);
  });
});
