import { why403, scratchDir } from '../support/cli';
import { cliLocale, localeOf } from '../../src/render/localize';

/** The command line speaks the language asked for: --lang, else LC_ALL, LC_MESSAGES, LANG; English otherwise. */

const BUNDLE = {
  id: 'x',
  status: 403,
  response_body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
  error_type_header: 'AccessDeniedException',
  execution_log: [],
  access_log: null,
};
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc123/prod/GET/*' },
  ],
};
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc123/prod/POST/pets';
const CJK = /[\u4e00-\u9fff]/u;

describe('the language of the command line', () => {
  const dir = scratchDir({
    'bundle.json': JSON.stringify(BUNDLE),
    'policy.json': JSON.stringify(POLICY),
    'bad.yml': 'apis:\n  - id: NOT-AN-ID\n    account: nowhere\n',
  });

  it.each<[string, string | undefined, NodeJS.ProcessEnv, 'en' | 'zh-TW']>([
    ['nothing set', undefined, {}, 'en'],
    ['LANG=zh_TW.UTF-8', undefined, { LANG: 'zh_TW.UTF-8' }, 'zh-TW'],
    ['LANG=zh_HK.UTF-8', undefined, { LANG: 'zh_HK.UTF-8' }, 'zh-TW'],
    ['LANG=zh-Hant', undefined, { LANG: 'zh-Hant' }, 'zh-TW'],
    ['LANG=zh_CN.UTF-8 (Simplified: not spoken)', undefined, { LANG: 'zh_CN.UTF-8' }, 'en'],
    ['LANG=fr_FR.UTF-8', undefined, { LANG: 'fr_FR.UTF-8' }, 'en'],
    ['LANG=C', undefined, { LANG: 'C' }, 'en'],
    ['LC_MESSAGES before LANG', undefined, { LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-TW'],
    ['LC_ALL before LC_MESSAGES', undefined, { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_TW.UTF-8' }, 'en'],
    ['--lang before the environment', 'zh-TW', { LC_ALL: 'en_US.UTF-8' }, 'zh-TW'],
    ['--lang en over a Chinese LANG', 'en', { LANG: 'zh_TW.UTF-8' }, 'en'],
  ])('%s', (_name, flag, env, expected) => {
    expect(cliLocale(flag, env)).toBe(expected);
  });

  it.each([['zh-tw'], ['zh_TW'], ['zh-Hant-TW']])('accepts --lang %s as zh-TW', (tag) => {
    expect(localeOf(tag)).toBe('zh-TW');
  });

  it('prints the report in Chinese with --lang zh-TW, keeping the cause label', async () => {
    const run = await why403(['--lang', 'zh-TW', 'classify', 'bundle.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('authorizer-explicit-deny（可信度：高）');
    expect(run.stdout).toContain('\n修正方式\n');
    expect(run.stdout).toContain('Lambda 授權器傳回了明確拒絕');
  });

  it('takes --lang after the command too, and --lang=VALUE', async () => {
    for (const args of [
      ['classify', 'bundle.json', '--lang', 'zh-TW'],
      ['classify', '--lang=zh-TW', 'bundle.json'],
    ]) {
      const run = await why403(args, { cwd: dir });
      expect([run.code, run.stdout.includes('修正方式')]).toEqual([0, true]);
    }
  });

  it('follows LANG when there is no --lang', async () => {
    const run = await why403(['classify', 'bundle.json'], { cwd: dir, env: { LANG: 'zh_TW.UTF-8' } });
    expect(run.stdout).toContain('修正方式');
    const english = await why403(['classify', 'bundle.json'], { cwd: dir, env: { LANG: 'de_DE.UTF-8' } });
    expect(english.stdout).toContain('\nFix\n');
  });

  it('keeps the machine fields of --json and puts the words in Chinese', async () => {
    const run = await why403(['classify', 'bundle.json', '--json', '--lang', 'zh-TW'], { cwd: dir });
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      cause: 'authorizer-explicit-deny',
      confidence: 'high',
      candidates: [{ cause: 'authorizer-explicit-deny', confidence: 'high' }],
    });
    expect(json.title).toBe('Lambda 授權器傳回了明確拒絕（Deny）');
    expect(json.checklist.every((step: { text: string }) => CJK.test(step.text))).toBe(true);
  });

  it('answers policy-check in Chinese: decision stays a machine value, reason is words', async () => {
    const args = ['policy-check', '--method-arn', METHOD_ARN, '--policy', 'policy.json', '--lang', 'zh-TW'];
    const json = JSON.parse((await why403([...args, '--json'], { cwd: dir })).stdout);
    expect(json.decision).toBe('implicit-deny');
    expect(json.reason).toBe(
      `授權器政策中沒有任何陳述式涵蓋 ${METHOD_ARN}；最接近的是陳述式 #0，它也不符，因為它的 Resource 中動詞（HTTP 方法）是「GET」，但請求用的是「POST」：隱含拒絕。`,
    );
    const text = (await why403(args, { cwd: dir })).stdout;
    expect(text.startsWith('隱含拒絕：授權器政策中沒有任何陳述式涵蓋')).toBe(true);
    expect(text).toContain('#0 Allow：適用 否（資源在動詞（HTTP 方法）不同：「GET」與「POST」）');
  });

  it.each<[string, string[], RegExp]>([
    [
      'an unknown language',
      ['--lang', 'fr', 'classify', 'bundle.json'],
      /^why403: unknown language "fr" — use --lang en or --lang zh-TW\n$/,
    ],
    [
      'an unknown language, in the language of LANG',
      ['--lang=xx', 'classify'],
      /^why403: 不支援的語言「xx」 — 請使用 --lang en 或 --lang zh-TW\n$/,
    ],
    [
      'a bad request id',
      ['--lang', 'zh-TW', 'diagnose', 'not-an-id'],
      /^why403: 「not-an-id」不是 API Gateway 的請求 ID — 請提供 x-amzn-RequestId 回應標頭/,
    ],
    [
      'an unknown option',
      ['--lang', 'zh-TW', 'classify', '--jsn'],
      /^why403: 未知的選項「--jsn」（您是不是要輸入 --json？）——執行「why403 classify --help」查看用法\n$/,
    ],
    [
      'a missing argument',
      ['--lang', 'zh-TW', 'diagnose'],
      /^why403: 缺少必要的引數「request-id」——執行「why403 diagnose --help」查看用法\n$/,
    ],
    [
      'a malformed ARN',
      ['--lang', 'zh-TW', 'policy-check', '--method-arn', 'arn:nope', '--policy', 'policy.json'],
      /^why403: 方法 ARN「arn:nope」格式錯誤 — 請使用 arn:aws:execute-api:\{region\}:\{account\}:\{api-id\}\/\{stage\}\/\{VERB\}\/\{path\}，例如/,
    ],
    [
      'a configuration file with problems',
      ['--lang', 'zh-TW', 'diagnose', '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc', '--config', 'bad.yml'],
      /^why403: bad\.yml 有 2 個問題：apis\.0\.id：「NOT-AN-ID」不是 REST API ID；apis\.0\.account：「nowhere」沒有在 accounts 底下定義 — 請參閱 README 的設定章節\n$/,
    ],
  ])('refuses %s with exit 2 and one line', async (_name, args, message) => {
    const env = args[0] === '--lang=xx' ? { LANG: 'zh_TW.UTF-8' } : {};
    const run = await why403(args, { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
