import { why403, scratchDir } from '../support/cli';
import { ExecutionLogGenerator } from '../../src/sandbox/log-generator';

describe('CLI: why403 scan --file', () => {
  const generator = new ExecutionLogGenerator({ seed: 3 });
  const dir = scratchDir({ 'exec.log': [...generator.lines(3_000)].join('\n') });

  it('prints counts per cause as JSON', async () => {
    const run = await why403(['scan', '--file', 'exec.log', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ file: 'exec.log', ok: generator.truth.get('ok') });
    expect(json.total).toBe(
      [...generator.truth.entries()].filter(([c]) => c !== 'ok').reduce((s, [, n]) => s + n, 0),
    );
    expect(json.causes[0]).toEqual(
      expect.objectContaining({
        cause: expect.any(String),
        count: expect.any(Number),
        requestIds: expect.any(Array),
      }),
    );
  });

  it('prints a table without --json', async () => {
    const run = await why403(['scan', '--file', 'exec.log'], { cwd: dir });
    expect(run.stdout).toMatch(/^why403 scan — exec.log: [\d,]+ lines, [\d,]+ requests/);
    expect(run.stdout).toContain('authorizer-cached-policy-mismatch');
  });

  it.each([
    [['scan'], /nothing to scan — give an API id \(why403 scan abc123defg --since 1h\) or --file FILE/],
    [['scan', '--file', 'nope.log'], /cannot read nope.log: no such file/],
  ])('bad input %j: exit 2, one line', async (args, message) => {
    const run = await why403(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
