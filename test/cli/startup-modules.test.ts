import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the built code loads before it can answer: the date-fns index alone is 300 modules, and the Lambda client is
 * needed only on AWS Lambda. Runs the build (`npm run build`, which `npm ci` runs) in a fresh Node process.
 */

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const MAIN = join(DIST, 'cli', 'main.js');

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} does not exist: run "npm run build" first`);
});

/** The files Node loaded for `script`, relative to node_modules where they come from a package. */
function modulesLoadedBy(script: string): string[] {
  const report =
    "process.on('exit', () => require('node:fs').writeSync(3, JSON.stringify(Object.keys(require.cache))));";
  // The list goes out on a file descriptor of its own: the CLI has stdout and stderr.
  const run = spawnSync(process.execPath, ['-e', `${report}\n${script}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (run.status !== 0) throw new Error(`node exited with ${run.status}: ${run.stderr}`);
  return (JSON.parse(String(run.output[3])) as string[]).map((file) =>
    file.replace(/^.*\/node_modules\//, ''),
  );
}

describe('modules loaded at start', () => {
  it.each<[string, string]>([
    [
      'why403 --help',
      `process.argv = [process.execPath, ${JSON.stringify(MAIN)}, '--help']; require(process.argv[1]);`,
    ],
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
