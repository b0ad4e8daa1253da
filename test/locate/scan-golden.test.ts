import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFixtures } from './fixtures/scan-inputs';
import { goldenRuns, runGolden, type GoldenFile } from './fixtures/scan-golden-runs';

/**
 * `scan --file` prints exactly what the line-by-line scanner it replaced printed, for every input shape: the
 * expectations in scan-golden.json were recorded from that scanner (fixtures/write-scan-golden.ts) before the
 * byte-level one was written.
 */
const golden = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'scan-golden.json'), 'utf8'),
) as GoldenFile;
const fixtures = scanFixtures();
const dir = mkdtempSync(join(tmpdir(), 'why403-golden-'));
for (const fixture of fixtures) writeFileSync(join(dir, fixture.file), fixture.content);

describe('scan --file output is unchanged from the recorded expectations', () => {
  it('has an expectation for every fixture and every run', () => {
    expect(Object.keys(golden).sort()).toEqual(fixtures.map((f) => f.name).sort());
    for (const name of Object.keys(golden))
      expect(Object.keys(golden[name]).sort()).toEqual(goldenRuns.map((r) => r.name).sort());
  });

  const cases = fixtures.flatMap((fixture) =>
    goldenRuns.map((run) => [fixture.name, run.name, fixture, run] as const),
  );
  it.each(cases)('%s, %s', async (name, runName, fixture, run) => {
    expect(await runGolden(run, fixture, dir)).toEqual(golden[name][runName]);
  });
});
