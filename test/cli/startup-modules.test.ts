import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/cli';
import { modulesLoadedBy } from '../support/modules-loaded';
import { ExecutionLogGenerator } from '../../src/sandbox/log-generator';

/**
 * What the built code loads before it can answer: the date-fns index alone is 300 modules, and the Lambda client is
 * needed only on AWS Lambda. Registering the commands loads their options and help only; each command loads what
 * it does when it runs, so that `--help` or a parse error costs none of it and `scan --file` no AWS.
 * Runs the build (`npm run build`, which `npm ci` runs) in a fresh Node process.
 */

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const MAIN = join(DIST, 'cli', 'main.js');

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist: run "npm run build" first`);
});

/** The script that runs `why403 ...args` as the installed command does. */
function cli(...args: string[]): string {
  return `process.argv = [process.execPath, ${JSON.stringify(MAIN)}, ...${JSON.stringify(args)}]; require(process.argv[1]);`;
}

/** Our own built modules among `loaded`, as paths under dist/src (`cli/program.js`). */
function ours(loaded: string[]): string[] {
  return loaded.filter((file) => file.startsWith(`${DIST}/`)).map((file) => file.slice(DIST.length + 1));
}

describe('modules loaded at start', () => {
  it.each<[string, string]>([
    ['why403 --help', cli('--help')],
    ['the Slack bot (what why403 serve loads)', `require(${JSON.stringify(join(DIST, 'slack', 'app.js'))});`],
  ])('%s: date-fns one function at a time, and no Lambda client', (_name, script) => {
    const loaded = modulesLoadedBy(script);

    expect(loaded.filter((file) => /^date-fns\/index\./.test(file))).toEqual([]);
    expect(loaded.filter((file) => file.startsWith('@aws-sdk/client-lambda/'))).toEqual([]);
  });

  it('the library entry point (require("why403")) loads neither the Slack bot nor any AWS client', () => {
    const loaded = modulesLoadedBy(`require(${JSON.stringify(join(DIST, 'index.js'))});`);

    expect(loaded.filter((file) => /^@slack\/|^@aws-sdk\/client-/.test(file))).toEqual([]);
  });
});

describe('modules loaded by each command line', () => {
  const dir = scratchDir({
    'exec.log': [...new ExecutionLogGenerator({ seed: 3 }).lines(1_000)].join('\n'),
    'bundle.json': JSON.stringify({
      id: 'x',
      status: 403,
      response_body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      error_type_header: 'AccessDeniedException',
      execution_log: [],
      access_log: null,
    }),
    'policy.json': JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
    }),
  });
  const ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/pets';
  /** What only AWS, the engine, the Slack bot and the sandbox need: no command that reads a file loads it. */
  const REMOTE =
    /^(aws|pipeline|gather|slack|sandbox|replay|doctor)\/|^render\/(diagnosis|blocks|doctor|replay)/;
  const CLASSIFIER = /^classify\/(classify|rules\/)/;
  /** All that registering the commands needs: commander (a package), our command line, its words and errors. */
  const REGISTRATION =
    /^(cli\/(main|program|io|commands\/[\w-]+)|render\/(localize|width|messages\/.+)|text|errors)\.js$/;

  it.each<[string, string[], number]>([
    ['--help', ['--help'], 0],
    ['a command’s help in Chinese', ['scan', '--help', '--lang', 'zh-TW'], 0],
    ['--version', ['--version'], 0],
    ['an unknown command', ['nosuch'], 2],
    ['a missing required option', ['policy-check'], 2],
  ])('%s: the commands are registered without loading what any of them does', (_name, args, status) => {
    const loaded = modulesLoadedBy(cli(...args), { cwd: dir, status });

    expect(ours(loaded)).toContain('cli/commands/replay.js');
    expect(ours(loaded).filter((file) => !REGISTRATION.test(file))).toEqual([]);
    expect(
      loaded.filter((file) => /^(@aws-sdk|@smithy|@slack|date-fns|ipaddr\.js|lru-cache)\//.test(file)),
    ).toEqual([]);
  });

  it.each<[string, string[], string, RegExp[]]>([
    [
      'scan --file',
      ['scan', '--file', 'exec.log'],
      'scan',
      [/^locate\/request-groups\.js$/, /^render\/scan\.js$/],
    ],
    ['scan --file --json', ['scan', '--file', 'exec.log', '--json'], 'scan', [/^locate\/file-scan\.js$/]],
    [
      'classify',
      ['classify', 'bundle.json'],
      'classify',
      [/^classify\/classify\.js$/, /^render\/terminal\.js$/],
    ],
    [
      'policy-check',
      ['policy-check', '--method-arn', ARN, '--policy', 'policy.json'],
      'policy-check',
      [/^classify\/policy\/evaluate\.js$/, /^render\/policy-check\.js$/],
    ],
  ])(
    '%s loads its own implementation, and nothing of AWS, Slack or the engine',
    (_name, args, action, needed) => {
      const loaded = ours(modulesLoadedBy(cli(...args), { cwd: dir }));

      for (const pattern of needed) expect(loaded).toContainEqual(expect.stringMatching(pattern));
      expect(loaded.filter((file) => file.startsWith('cli/actions/'))).toEqual([`cli/actions/${action}.js`]);
      expect(loaded.filter((file) => REMOTE.test(file))).toEqual([]);
    },
  );

  it('policy-check loads the policy evaluator, not the classifier and its rules', () => {
    const loaded = ours(
      modulesLoadedBy(cli('policy-check', '--method-arn', ARN, '--policy', 'policy.json'), { cwd: dir }),
    );

    expect(loaded.filter((file) => CLASSIFIER.test(file))).toEqual([]);
  });
});
