import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { ExecutionLogGenerator } from '../src/sandbox/log-generator';
import { fmt, measureBest, table, type Measurement } from './measure';

/**
 * `why403 scan --file` against `grep -c "Method completed"` (the floor for reading the file at all) on generated
 * execution logs of 1 M and 4 M lines: the whole job, and the reading-and-grouping pass alone (bench/group-pass.ts:
 * everything but classifying the failed requests). Each command runs a few times and its fastest run counts, so that
 * a busy machine does not decide the ratio. Peak memory should stay flat as the file grows.
 */

const SIZES = [1_000_000, 4_000_000];
const RUNS = 5;

interface Row {
  lines: number;
  megabytes: number;
  scan: Measurement;
  group: Measurement;
  grep: Measurement;
  failed: number;
}

export async function benchScan(root: string): Promise<void> {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  const groupPass = join(root, 'dist', 'bench', 'group-pass.js');
  const rows: Row[] = [];
  // Any Node program pays this before it reads a byte: it bounds the ratio to grep on a small file.
  const nodeStart = await measureBest(RUNS, process.execPath, ['-e', '0']);
  for (const lines of SIZES) {
    const file = await generateFile(dir, lines);
    const scan = await measureBest(RUNS, process.execPath, [cli, 'scan', '--file', file, '--json']);
    const group = await measureBest(RUNS, process.execPath, [groupPass, file]);
    const grep = await measureBest(RUNS, 'grep', ['-c', 'Method completed', file]);
    const report = JSON.parse(scan.stdout) as { lines: number; total: number };
    const grouped = JSON.parse(group.stdout) as { lines: number };
    if (report.lines < lines || grouped.lines !== report.lines)
      throw new Error(`scan read ${report.lines} lines and the grouping pass ${grouped.lines}, of ${lines}`);
    rows.push({ lines, megabytes: statSync(file).size / 1e6, scan, group, grep, failed: report.total });
  }
  console.log(
    '\n## Offline scan throughput (generated execution logs, INFO + data tracing, 16 requests interleaved)\n',
  );
  console.log(
    table(
      ['command', 'MB', 'seconds', 'lines/s', 'MB/s', 'peak RSS MB', 'result'],
      rows.flatMap((row) => {
        const size = `(${fmt(row.lines / 1e6)}M lines)`;
        const line = (name: string, m: Measurement, result: string) => [
          `${name} ${size}`,
          fmt(row.megabytes),
          fmt(m.seconds, 2),
          fmt(row.lines / m.seconds),
          fmt(row.megabytes / m.seconds, 1),
          fmt(m.peakRssMb, 1),
          result,
        ];
        return [
          line('why403 scan --file', row.scan, `${fmt(row.failed)} failed`),
          line('reading and grouping only', row.group, ''),
          line('grep -c "Method completed"', row.grep, row.grep.stdout.trim()),
        ];
      }),
    ),
  );
  console.log(`\nSpeed as a share of grep's on the same file (fastest of ${RUNS} runs each):`);
  for (const row of rows) {
    console.log(
      `  ${fmt(row.lines / 1e6)}M lines: whole job ${fmt(row.grep.seconds / row.scan.seconds, 2)}× of grep, ` +
        `reading and grouping ${fmt(row.grep.seconds / row.group.seconds, 2)}× of grep`,
    );
  }
  console.log(
    `  Node's own start (node -e 0): ${fmt(nodeStart.seconds, 2)} s, so no Node program exceeds ` +
      rows
        .map((row) => `${fmt(row.grep.seconds / nodeStart.seconds, 2)}× on ${fmt(row.lines / 1e6)}M lines`)
        .join(', '),
  );
  const [small, large] = rows;
  console.log(
    `\nPeak memory, 4M vs 1M lines: ${fmt(large.scan.peakRssMb, 1)} MB vs ${fmt(small.scan.peakRssMb, 1)} MB ` +
      `(×${fmt(large.scan.peakRssMb / small.scan.peakRssMb, 2)} for ×4 the input); grouping alone ` +
      `${fmt(large.group.peakRssMb, 1)} MB vs ${fmt(small.group.peakRssMb, 1)} MB.`,
  );
}

async function generateFile(dir: string, lines: number): Promise<string> {
  const file = join(dir, `exec-${lines}.log`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  let buffer: string[] = [];
  for (const line of new ExecutionLogGenerator({ seed: 2026 }).lines(lines)) {
    buffer.push(line);
    if (buffer.length === 10_000) {
      if (!out.write(`${buffer.join('\n')}\n`)) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end(buffer.length > 0 ? `${buffer.join('\n')}\n` : '');
  await once(out, 'finish');
  // Written to disk before it is timed: the kernel writing the fresh file back would slow the first runs.
  const handle = await open(file, 'r');
  await handle.sync();
  await handle.close();
  return file;
}
