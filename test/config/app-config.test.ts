import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CONFIG,
  loadAppConfig,
  locateApi,
  parseAppConfig,
  type AppConfig,
} from '../../src/config/app-config';
import { inputError } from '../support/failures';
import { describeError } from '../../src/errors';
import { localizer } from '../../src/render/localize';

const FULL_YAML = `
# why403 configuration
region: eu-west-1
search:
  since: 6h
  pageBudget: 30
  timeBudgetSeconds: 40
  filterLogEventsPerSecond: 1.5
cache:
  configTtlSeconds: 120
accounts:
  payments:
    roleArn: arn:aws:iam::210987654321:role/why403-reader
    externalId: why403-payments
    region: eu-central-1
  shared:
    roleArn: arn:aws:iam::333333333333:role/why403-reader
apis:
  - id: abc1234567
    name: orders
    account: payments
    stages: [prod, dev]
  - id: def7654321
    name: reports
    region: us-east-1
    account: payments
    roleArn: arn:aws:iam::210987654321:role/why403-reports
    externalId: reports-ext
  - id: ghi0000000
    account: shared
slack:
  alertChannels: [C0123ABCD]
  alertBots: [B0123ABCD]
  contact: C0123HELP
  language: zh_TW.UTF-8
  users:
    default: { apis: none }
    U0123ABCD: { apis: all, flush: true }
    U0456EFGH: { apis: [abc1234567] }
  channels:
    dm: { apis: none }
    C0123ABCD: { apis: [abc1234567], flush: true, language: en }
`;

describe('parseAppConfig', () => {
  it('reads a full YAML configuration', () => {
    const config = parseAppConfig(FULL_YAML, 'why403.config.yml');

    expect(config).toEqual({
      region: 'eu-west-1',
      search: { since: '6h', pageBudget: 30, timeBudgetSeconds: 40, filterLogEventsPerSecond: 1.5 },
      cache: { configTtlSeconds: 120 },
      accounts: {
        payments: {
          roleArn: 'arn:aws:iam::210987654321:role/why403-reader',
          externalId: 'why403-payments',
          region: 'eu-central-1',
        },
        shared: { roleArn: 'arn:aws:iam::333333333333:role/why403-reader' },
      },
      apis: [
        { id: 'abc1234567', name: 'orders', account: 'payments', stages: ['prod', 'dev'] },
        {
          id: 'def7654321',
          name: 'reports',
          region: 'us-east-1',
          account: 'payments',
          roleArn: 'arn:aws:iam::210987654321:role/why403-reports',
          externalId: 'reports-ext',
        },
        { id: 'ghi0000000', account: 'shared' },
      ],
      slack: {
        alertChannels: ['C0123ABCD'],
        alertBots: ['B0123ABCD'],
        contact: 'C0123HELP',
        language: 'zh-TW',
        repeatWindow: '15m',
        maxJobs: 4,
        maxJobsPerPerson: 3,
        users: {
          default: { apis: [], flush: false },
          U0123ABCD: { apis: 'all', flush: true },
          U0456EFGH: { apis: ['abc1234567'], flush: false },
        },
        channels: {
          dm: { apis: [], flush: false },
          C0123ABCD: { apis: ['abc1234567'], flush: true, language: 'en' },
        },
      },
    });
  });

  it('reads the same configuration written as JSON', () => {
    const json = JSON.stringify({
      region: 'eu-west-1',
      accounts: { payments: { roleArn: 'arn:aws:iam::210987654321:role/why403-reader' } },
      apis: [{ id: 'abc1234567', account: 'payments', stages: ['prod'] }],
    });

    const config = parseAppConfig(json, 'why403.config.json');

    expect(config.apis).toEqual([{ id: 'abc1234567', account: 'payments', stages: ['prod'] }]);
    expect(config.accounts.payments.roleArn).toBe('arn:aws:iam::210987654321:role/why403-reader');
    expect(config.search).toEqual(DEFAULT_CONFIG.search);
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing configured yet\n'],
    ['an empty object', '{}'],
  ])('gives the defaults for %s', (_label, text) => {
    expect(parseAppConfig(text, 'why403.config.yml')).toEqual(DEFAULT_CONFIG);
  });

  it('has documented defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      search: { since: '24h', pageBudget: 20, timeBudgetSeconds: 25, filterLogEventsPerSecond: 2 },
      cache: { configTtlSeconds: 60 },
      accounts: {},
      apis: [],
    });
  });

  it('fills defaults inside a partial section', () => {
    const config = parseAppConfig('search:\n  pageBudget: 5\nslack: {}\n', 'why403.config.yml');

    expect(config.search).toEqual({
      since: '24h',
      pageBudget: 5,
      timeBudgetSeconds: 25,
      filterLogEventsPerSecond: 2,
    });
    expect(config.slack).toEqual({
      alertChannels: [],
      alertBots: [],
      repeatWindow: '15m',
      maxJobs: 4,
      maxJobsPerPerson: 3,
      users: {},
      channels: {},
    });
  });

  it('lists every problem in one message, each with its path', () => {
    const text = `
region: eu-west-9x
search:
  since: 2y
  pageBudget: 0
cache:
  configTtlSeconds: -1
accounts:
  payments:
    roleArn: arn:aws:iam::123456789012:user/alice
apis:
  - id: ABC
    stages: ['prod!']
    colour: blue
slack:
  alertChannels: [general]
  channels:
    general: { apis: [abc1234567] }
unknownTop: 1
`;
    const error = inputError(() => parseAppConfig(text, 'why403.config.yml'));

    expect(error.message).toMatch(/^why403\.config\.yml has 11 problems: /);
    const problems = error.message.replace(/^why403\.config\.yml has 11 problems: /, '').split('; ');
    expect(problems).toHaveLength(11);
    expect(problems).toEqual(
      expect.arrayContaining([
        'region: "eu-west-9x" is not an AWS region',
        'search.since: "2y" is not a duration',
        expect.stringMatching(/^search\.pageBudget: .*1/),
        expect.stringMatching(/^cache\.configTtlSeconds: .*0/),
        'accounts.payments.roleArn: is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
        'apis.0.id: "ABC" is not a REST API id',
        'apis.0.stages.0: "prod!" is not a stage name',
        expect.stringMatching(/^apis\.0: .*"colour"/),
        'slack.alertChannels.0: is not a Slack id (e.g. C0123ABCD, U0123ABCD, B0123ABCD)',
        expect.stringMatching(/^slack\.channels\.general: /),
        expect.stringMatching(/^\(top level\): .*"unknownTop"/),
      ]),
    );
    expect(describeError(error).hint).toBe('see the configuration section of the README');
  });

  it("puts every problem in the reader's language, zod's generic ones too", () => {
    const text = `
search:
  pageBudget: 0
  timeBudgetSeconds: lots
accounts:
  a:
    externalId: x
slack:
  users:
    everyone: { apis: all }
  channels:
    C0123ABCD: { apis: some, flush: maybe }
unknownTop: 1
`;
    const error = inputError(() => parseAppConfig(text, 'x.yml'));
    const english = describeError(error).message;
    const chinese = describeError(error, localizer('zh-TW')).message;
    expect(english).toContain('search.pageBudget: should be at least 1');
    expect(english).toContain('slack.users.everyone: is not a Slack user id');
    expect(chinese).toMatch(/^x\.yml 有 7 個問題：/);
    for (const problem of [
      'search.pageBudget：應大於或等於 1',
      'search.timeBudgetSeconds：應為數字',
      'accounts.a.externalId：長度應至少 2 個字元',
      'slack.users.everyone：不是 Slack 使用者 ID',
      'slack.channels.C0123ABCD.apis：應為「all」或「none」或清單',
      'slack.channels.C0123ABCD.flush：應為 true 或 false',
      '（最上層）：1 個不明的設定鍵：「unknownTop」',
    ])
      expect(chinese).toContain(problem);
    expect(chinese).not.toMatch(/Invalid|Too (small|big)|Unrecognized|expected/);
  });

  it('says "1 problem" for one', () => {
    const error = inputError(() => parseAppConfig('cache:\n  configTtlSeconds: 3601\n', 'my.yml'));
    expect(error.message).toMatch(/^my\.yml has 1 problem: cache\.configTtlSeconds: /);
  });

  it.each([
    ['a list at the top', '- a\n- b\n', /^x\.yml has 1 problem: \(top level\): /],
    [
      'a string where a number belongs',
      'search:\n  pageBudget: lots\n',
      /^x\.yml has 1 problem: search\.pageBudget: /,
    ],
    [
      'a fractional page budget',
      'search:\n  pageBudget: 2.5\n',
      /^x\.yml has 1 problem: search\.pageBudget: /,
    ],
    [
      'too fast a FilterLogEvents rate',
      'search:\n  filterLogEventsPerSecond: 60\n',
      /search\.filterLogEventsPerSecond: /,
    ],
    ['an external id of one character', 'accounts:\n  a:\n    externalId: x\n', /accounts\.a\.externalId: /],
    ['an API without id', 'apis:\n  - name: orders\n', /apis\.0\.id: /],
  ])('rejects %s', (_label, text, message) => {
    expect(inputError(() => parseAppConfig(text, 'x.yml')).message).toMatch(message);
  });

  it('says when the file is not YAML or JSON, with the first line of the parser error', () => {
    const error = inputError(() => parseAppConfig('apis: [\n  - id: abc1234567\n', 'why403.config.yml'));
    expect(error.message).toMatch(/^why403\.config\.yml is not valid YAML or JSON: \S/);
    expect(error.message).not.toContain('\n');
    expect(describeError(error).hint).toBe('fix the syntax');
  });

  it('names every API that refers to an account not defined under accounts', () => {
    const text = `
accounts:
  payments: {}
apis:
  - id: abc1234567
    account: payments
  - id: def7654321
    account: billing
  - id: ghi0000000
    account: Payments
`;
    const error = inputError(() => parseAppConfig(text, 'why403.config.yml'));
    expect(error.message).toBe(
      'why403.config.yml has 2 problems: apis.1.account: "billing" is not defined under accounts; ' +
        'apis.2.account: "Payments" is not defined under accounts',
    );
    expect(describeError(error).hint).toBe('see the configuration section of the README');
  });

  it('lists an unknown account together with the other problems', () => {
    const text = 'region: mars-1\napis:\n  - id: abc1234567\n    account: billing\n';
    const error = inputError(() => parseAppConfig(text, 'why403.config.yml'));
    expect(error.message).toBe(
      'why403.config.yml has 2 problems: region: "mars-1" is not an AWS region; ' +
        'apis.0.account: "billing" is not defined under accounts',
    );
  });

  it('accepts an account reference when there is no accounts section only if none is used', () => {
    expect(parseAppConfig('apis:\n  - id: abc1234567\n', 'x.yml').apis).toEqual([{ id: 'abc1234567' }]);
    expect(() => parseAppConfig('apis:\n  - id: abc1234567\n    account: payments\n', 'x.yml')).toThrow(
      'x.yml has 1 problem: apis.0.account: "payments" is not defined under accounts',
    );
  });

  it('keeps an API id given as its invoke URL findable by the id', () => {
    const config = parseAppConfig(
      'apis:\n  - id: https://def7654321.execute-api.us-east-1.amazonaws.com\n    region: us-east-1\n',
      'why403.config.yml',
    );

    expect(config.apis[0].id).toBe('def7654321');
    expect(locateApi(config, 'def7654321', undefined).region).toBe('us-east-1');
  });
});

describe('loadAppConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'why403-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file given with --config, relative to the working directory', () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'bot.yml'), 'region: eu-west-1\n');
    expect(loadAppConfig({ file: 'conf/bot.yml', env: {}, cwd: dir }).region).toBe('eu-west-1');
  });

  it('prefers --config over WHY403_CONFIG', () => {
    writeFileSync(join(dir, 'a.yml'), 'region: eu-west-1\n');
    writeFileSync(join(dir, 'b.yml'), 'region: us-west-2\n');
    expect(loadAppConfig({ file: 'a.yml', env: { WHY403_CONFIG: 'b.yml' }, cwd: dir }).region).toBe(
      'eu-west-1',
    );
  });

  it('reads $WHY403_CONFIG, also as an absolute path', () => {
    writeFileSync(join(dir, 'env.json'), '{"region":"ap-southeast-2"}');
    expect(loadAppConfig({ env: { WHY403_CONFIG: join(dir, 'env.json') }, cwd: '/' }).region).toBe(
      'ap-southeast-2',
    );
  });

  it('reads ./why403.config.yml when nothing is given', () => {
    writeFileSync(join(dir, 'why403.config.yml'), 'cache:\n  configTtlSeconds: 0\n');
    expect(loadAppConfig({ env: {}, cwd: dir }).cache.configTtlSeconds).toBe(0);
  });

  it('gives the defaults when there is no file and none was asked for', () => {
    expect(loadAppConfig({ env: {}, cwd: dir })).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    ['--config', { file: 'missing.yml', env: {} }, 'missing.yml'],
    ['WHY403_CONFIG', { env: { WHY403_CONFIG: 'gone.yml' } }, 'gone.yml'],
  ])('fails when the file named by %s does not exist', (_label, options, name) => {
    const error = inputError(() => loadAppConfig({ ...options, cwd: dir }));
    expect(error.message).toBe(`configuration file ${name} does not exist`);
    expect(describeError(error).hint).toBe('check the path given to --config or WHY403_CONFIG');
  });

  it('names the file it read in its problems', () => {
    writeFileSync(join(dir, 'bad.yml'), 'region: mars-1\n');
    expect(() => loadAppConfig({ file: 'bad.yml', env: {}, cwd: dir })).toThrow(
      'bad.yml has 1 problem: region: "mars-1" is not an AWS region',
    );
    writeFileSync(join(dir, 'why403.config.yml'), 'region: mars-1\n');
    expect(() => loadAppConfig({ env: {}, cwd: dir })).toThrow(/^why403\.config\.yml has 1 problem/);
  });
});

describe('locateApi', () => {
  const config: AppConfig = parseAppConfig(FULL_YAML, 'why403.config.yml');

  it.each([
    ['the region given beats the entry', 'def7654321', 'ap-northeast-1', 'ap-northeast-1'],
    ['the entry region beats the account region', 'def7654321', undefined, 'us-east-1'],
    ['the account region beats the top-level region', 'abc1234567', undefined, 'eu-central-1'],
    ['the top-level region for an account without one', 'ghi0000000', undefined, 'eu-west-1'],
    ['the top-level region for an API not configured', 'zzz9999999', undefined, 'eu-west-1'],
  ])('%s', (_label, id, region, expected) => {
    expect(locateApi(config, id, region).region).toBe(expected);
  });

  it('leaves the region to the SDK when nothing names one', () => {
    expect(locateApi(DEFAULT_CONFIG, 'abc1234567', undefined)).toEqual({
      restApiId: 'abc1234567',
      region: undefined,
      roleArn: undefined,
      externalId: undefined,
      stages: undefined,
    });
  });

  it("takes the role, external id and stages from the entry's account", () => {
    expect(locateApi(config, 'abc1234567', undefined)).toEqual({
      restApiId: 'abc1234567',
      region: 'eu-central-1',
      roleArn: 'arn:aws:iam::210987654321:role/why403-reader',
      externalId: 'why403-payments',
      stages: ['prod', 'dev'],
    });
  });

  it("lets the entry's own role and external id override the account's", () => {
    expect(locateApi(config, 'def7654321', undefined)).toMatchObject({
      roleArn: 'arn:aws:iam::210987654321:role/why403-reports',
      externalId: 'reports-ext',
    });
  });

  it('uses no role for an API that is not configured', () => {
    expect(locateApi(config, 'zzz9999999', 'us-west-2')).toEqual({
      restApiId: 'zzz9999999',
      region: 'us-west-2',
      roleArn: undefined,
      externalId: undefined,
      stages: undefined,
    });
  });
});

describe('parseAppConfig: the Slack section', () => {
  it.each<[string, string, string[]]>([
    [
      'the keys of earlier versions, each with what to write instead',
      'slack:\n  allowedUsers: [U0123ABCD]\n  channelApis: { C0123ABCD: [abc1234567] }\n  flushCache: { users: [U0123ABCD] }\n',
      [
        'slack.allowedUsers: was replaced by slack.users: give each allowed user "U…: { apis: all }" and set "default: { apis: none }"',
        'slack.channelApis: was replaced by slack.channels: write "C…: { apis: [api ids] }" for each channel',
        'slack.flushCache: was replaced by "flush: true" under slack.users and slack.channels: a flush now needs both the user and the channel to allow it',
      ],
    ],
    [
      'a language why403 does not speak, for the workspace and a channel',
      'slack:\n  language: fr\n  channels:\n    C0123ABCD: { language: zh-CN }\n',
      [
        'slack.language: "fr" is not a language why403 speaks (en, zh-TW)',
        'slack.channels.C0123ABCD.language: "zh-CN" is not a language why403 speaks (en, zh-TW)',
      ],
    ],
    [
      'keys that are neither ids nor the special names, and a bad API list',
      'slack:\n  users:\n    everyone: { apis: all }\n  channels:\n    direct: {}\n    C0123ABCD: { apis: some }\n',
      [
        expect.stringMatching(/^slack\.users\.everyone: /) as unknown as string,
        expect.stringMatching(/^slack\.channels\.direct: /) as unknown as string,
        expect.stringMatching(/^slack\.channels\.C0123ABCD\.apis: /) as unknown as string,
      ],
    ],
    [
      'a repeat window that is not a duration',
      'slack:\n  repeatWindow: soon\n',
      [expect.stringMatching(/^slack\.repeatWindow: /) as unknown as string],
    ],
  ])('reports %s', (_name, text, problems) => {
    const error = inputError(() => parseAppConfig(text, 'x.yml'));
    const listed = error.message.replace(/^x\.yml has \d+ problems?: /, '').split('; ');
    expect(listed).toEqual(expect.arrayContaining(problems));
    expect(listed).toHaveLength(problems.length);
  });
});
