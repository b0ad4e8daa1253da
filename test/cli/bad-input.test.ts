import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { why403, scratchDir } from '../support/cli';
import { validateRequestId, validateRestApiId } from '../../src/config/ids';
import { InputError, describeError } from '../../src/errors';

const ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc123defg/prod/GET/pets';
const URL = 'https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/pets/42';
const POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}';
const TRACE = `(${ID}) Extended Request Id: Lq4yGiXRErFFYfB=\n(${ID}) Unauthorized request: ${ID}\n`;

/** The InputError a call throws, as its English message and hint. */
function refusal(call: () => unknown): { message: string; hint?: string } {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return describeError(error);
  }
  throw new Error('expected an InputError');
}

describe('request ids as people paste them', () => {
  it.each([
    [` ${ID} `],
    [`"${ID}"`],
    [`'${ID}',`],
    [`(${ID})`],
    [`[${ID}]`],
    [`\`${ID}\``],
    [`<${ID}>.`],
    [ID.toUpperCase()],
    [ID.replace('-', '%2D')],
    [`%22${ID}%22`],
  ])('%s is the request id', (pasted) => {
    expect(validateRequestId(pasted)).toBe(ID);
  });

  it.each([
    [`(${ID}) Extended Request Id: Lq4yGiXRErFFYfB=`, `if ${ID} is the x-amzn-RequestId of the failed call`],
    [
      'START RequestId: 11111111-2222-4333-8444-555555555555 Version: $LATEST',
      'if 11111111-2222-4333-8444-555555555555',
    ],
    [
      `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_abc123defg$252Fprod/log-events$3FfilterPattern$3D$2522${ID}$2522`,
      `if ${ID} is`,
    ],
    [`${ID} 11111111-2222-4333-8444-555555555555`, `one of ${ID}, 11111111-2222-4333-8444-555555555555`],
  ])('a line holding an id is refused, naming the id: %s', (pasted, hint) => {
    const { message, hint: said } = refusal(() => validateRequestId(pasted));
    expect(message).toMatch(/is not a request id alone: it holds \d request ids?$/);
    expect(said).toContain(hint);
  });

  it.each([
    ['Lq4yGiXRErFFYfB=', /looks like an extended request id/],
    ['abc', /"abc" is not an API Gateway request id/],
    ['', /"" is not an API Gateway request id/],
  ])('%j is refused', (pasted, message) => {
    expect(refusal(() => validateRequestId(pasted)).message).toMatch(message);
  });
});

describe('API ids as people paste them', () => {
  it.each([
    ['abc123defg', 'abc123defg'],
    [' abc123defg ', 'abc123defg'],
    ['https://ABC123DEFG.execute-api.us-east-1.amazonaws.com/', 'abc123defg'],
    [URL, 'abc123defg'],
    ['abc123defg.execute-api.cn-north-1.amazonaws.com.cn', 'abc123defg'],
  ])('%s is the API %s', (pasted, id) => {
    expect(validateRestApiId(pasted)).toBe(id);
  });

  it.each([
    [
      'https://abcdefghijklmnop.lambda-url.us-east-1.on.aws/',
      /is a Lambda function URL/,
      /REST API in front/,
    ],
    [
      'https://sqs.us-east-1.amazonaws.com/1/q',
      /an address of AWS, but not of an API Gateway REST API/,
      /10-character id/,
    ],
    ['abc123', /"abc123" is not a REST API id/, /10-character id/],
  ])('%s is refused with what to give instead', (pasted, message, hint) => {
    const said = refusal(() => validateRestApiId(pasted));
    expect(said.message).toMatch(message);
    expect(said.hint).toMatch(hint);
  });
});

describe('CLI: bad input gets one line, exit 2, and with --json one JSON document on stdout', () => {
  const dir = scratchDir({
    'policy.json': POLICY,
    'policy.yml': 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n',
    'bundle.yml': 'status: 403\nresponse_body: \'{"message":"Forbidden"}\'\nexecution_log: []\n',
    'trace.log': TRACE,
    'trace.log.gz': gzipSync(TRACE).subarray(0, 20),
    'empty.json': '',
    'blank.log': '\n   \n\t\n\n',
    'binary.dat': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    sub: Buffer.alloc(0),
  });
  rmSync(join(dir, 'sub'));
  mkdirSync(join(dir, 'sub'));

  it.each([
    [
      ['diagnose', ID, '--stage', 'prod', '--stage', 'staging'],
      '--stage was given twice, with different values',
    ],
    [
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.json', '--policy', 'other.json'],
      '--policy was given twice',
    ],
    [
      ['diagnose', ID, '--api', URL, '--region', 'eu-west-1'],
      '--region "eu-west-1" does not match the invoke URL',
    ],
    [['diagnose', ID, '--api', URL, '--stage', 'staging'], '--stage "staging" does not match the invoke URL'],
    [['diagnose', ID, '--stage', URL], 'is an invoke URL, not a stage name'],
    [['scan', URL, '--stage', 'beta'], '--stage "beta" does not match the invoke URL'],
    [['doctor', '--api', URL, '--region', 'eu-west-1'], 'does not match the invoke URL'],
    [['diagnose', ID, '--since', '2026-01-01'], 'give --at 2026-01-01'],
    [
      ['scan', 'abc123defg', '--since', '2026-01-01T00:00Z'],
      'scan looks back from now: to reach back to that time, give --since',
    ],
    [['diagnose', ID, '--at', '2099-01-01T00:00Z'], '--at "2099-01-01T00:00Z" is in the future'],
    [
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.json', '--source-ip', '1.2.3'],
      '"1.2.3" is not an IP address',
    ],
    [
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.json', '--source-ip', '10.0.0.0/8'],
      'is a range, not one address',
    ],
    [
      ['policy-check', '--method-arn', URL, '--policy', 'policy.json'],
      'give --method-arn arn:aws:execute-api:us-east-1:<account-id>:abc123defg/prod/<VERB>/pets/42',
    ],
    [
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.yml'],
      'yq -o=json . policy.yml > policy.json',
    ],
    [['classify', 'bundle.yml'], 'bundle.yml looks like a YAML evidence bundle'],
    [['classify', 'trace.log.gz'], 'trace.log.gz is not valid gzip data'],
    [['classify', 'empty.json'], 'empty.json is empty'],
    [['diagnose', ID, '--config', '.'], '. is a directory — check the path given to --config'],
    [['diagnoze', ID], "unknown command 'diagnoze' (Did you mean diagnose?)"],
    [['scan', '--file', 'trace.log', '--bogus'], "unknown option '--bogus'"],
    [
      ['diagnose', ID, '--api', 'A1B2C3D4E5'],
      '"A1B2C3D4E5" is not a REST API id: API ids are lower case — did you mean a1b2c3d4e5?',
    ],
    [['scan', 'ABC123DEFG'], 'API ids are lower case — did you mean abc123defg?'],
    [['doctor', '--api', 'Abc123defg'], 'did you mean abc123defg?'],
    [
      ['diagnose', ID, '--region', 'EU-WEST-1'],
      '"EU-WEST-1" is not an AWS region: regions are lower case — did you mean eu-west-1?',
    ],
    [
      ['scan', 'abc123defg', '--region', 'eu-west-1b'],
      'is an Availability Zone, not a region — did you mean eu-west-1?',
    ],
    [
      ['diagnose', ID, '--stage', 'prod/pets'],
      '"prod/pets" is not a stage name: a stage name has no slash — give the stage alone: prod',
    ],
    [['scan', 'abc123defg', '--stage', '/prod'], 'give the stage alone: prod'],
    [
      [
        'diagnose',
        'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_abc123defg$252Fprod',
      ],
      'is a CloudWatch console address, not a request id — give the x-amzn-RequestId of the failed call alone; that address shows the execution log of API abc123defg, stage prod',
    ],
    [['diagnose', ID.slice(0, 30) + '…'], 'is cut short: a request id has 36 characters, and 30 are here'],
    [
      ['diagnose', ID, '--since', '2h', '--until', '1h'],
      'why403 has no --until: a search runs back from now (--since 2h) or around a time (--at 2026-11-24T10:15Z)',
    ],
    [
      ['scan', 'abc123defg', '--from=2026-01-01'],
      'why403 has no --from: a scan runs back from now (--since 2h)',
    ],
    [['diagnose', ID, '--since', '-2h'], 'which cannot be negative: "-2h" — did you mean --since 2h?'],
    [
      ['diagnose', ID, '--at', '2h'],
      '--at takes a time, and "2h" is a duration — to search back from now, give --since 2h',
    ],
    [['diagnose', ID, '--since', 'yesterday'], '"yesterday" is not a duration — give a number and a unit'],
    [['diagnose', ID, '--at', '2026-13-45'], '"2026-13-45" is not a time'],
    [['--lang', 'fr', 'classify', 'trace.log'], 'unknown language "fr" — use --lang en or --lang zh-TW'],
    [['classify', 'sub'], 'sub is a directory — give the path of a file'],
    [['scan', '--file', 'sub'], 'sub is a directory — give the path of a file'],
    [['classify', 'binary.dat'], 'binary.dat is binary data'],
    [['scan', '--file', 'binary.dat'], 'binary.dat is binary data'],
    [['classify', 'blank.log'], 'blank.log is empty'],
    [['scan', '--file', 'blank.log'], 'blank.log is not an API Gateway execution log'],
    [['scan', '--file', 'trace.log.gz'], 'trace.log.gz is not valid gzip data'],
  ])('%j', async (args, said) => {
    const text = await why403(args, { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(said);
    expect(text.stderr).toMatch(/^why403: [^\n]+\n$/);

    const json = await why403([...args, '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(text.stderr);
    const { error } = JSON.parse(json.stdout);
    expect(error.kind).toBe('input');
    expect(`${error.message} — ${error.hint}`).toContain(said.replace(/ — .*/, ''));
  });

  it('takes the same option twice with the same value', async () => {
    const run = await why403(
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.json', '--policy', 'policy.json'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALLOW/);
  });

  it('trims a pasted method ARN', async () => {
    const run = await why403(
      ['policy-check', '--method-arn', ` ${ARN}\n`, '--policy', 'policy.json', '--json'],
      {
        cwd: dir,
      },
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ decision: 'allow', methodArn: ARN });
  });

  it('prints the usage on stderr with exit 2 when no command is given', async () => {
    const run = await why403([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: why403/);
    expect((await why403(['--help'])).code).toBe(0);
  });

  it('says in Chinese what was wrong and what to type', async () => {
    const run = await why403(['--lang', 'zh-TW', 'diagnose', ID, '--since', '2026-01-01', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'why403: --since 要的是往回搜尋多久，而「2026-01-01」是一個時間點 — 要搜尋那個時間點前後，請用 --at 2026-01-01；要從現在往回搜尋，請用 --since 2h\n',
    );
    expect(JSON.parse(run.stdout).error.hint).toContain('--at 2026-01-01');
    const repeated = await why403(['diagnose', ID, '--stage', 'a', '--stage', 'b', '--lang', 'zh-TW']);
    expect(repeated.stderr).toBe('why403: --stage 給了兩次，而且值不同 — 請只給一次\n');
  });

  it('says that standard input is read from the terminal, so that waiting for a paste is not a hang', async () => {
    const run = await why403(['classify', '-']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'Reading standard input from the terminal: paste, then press Ctrl-D on an empty line (Ctrl-C stops).',
    );
  });

  it('counts one line and one request in the singular', async () => {
    const run = await why403(['scan', '--file', '-'], { stdin: `(${ID}) Unauthorized request: ${ID}\n` });
    expect(run.stdout.split('\n')[0]).toBe(
      'why403 scan — standard input: 1 line, 1 request (0 ok, 1 failed, 0 incomplete)',
    );
  });
});
