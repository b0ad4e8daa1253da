import { spawnSync } from 'node:child_process';

/**
 * The files a fresh Node process loaded for `script` (built code, run as `node -e`, which exits with `status`),
 * relative to node_modules where they come from a package. The list goes out on a file descriptor of its own: the
 * script may use stdout and stderr.
 */
export function modulesLoadedBy(script: string, options: { cwd?: string; status?: number } = {}): string[] {
  const report =
    "process.on('exit', () => require('node:fs').writeSync(3, JSON.stringify(Object.keys(require.cache))));";
  const run = spawnSync(process.execPath, ['-e', `${report}\n${script}`], {
    cwd: options.cwd,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (run.status !== (options.status ?? 0)) throw new Error(`node exited with ${run.status}: ${run.stderr}`);
  return (JSON.parse(String(run.output[3])) as string[]).map((file) =>
    file.replace(/^.*\/node_modules\//, ''),
  );
}
