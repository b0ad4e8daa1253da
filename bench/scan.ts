import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { ExecutionLogGenerator } from '../src/sandbox/log-generator';
import { fmt, measure, table } from './measure';

/**
 * `why403 scan --file` against `grep -c "Method completed"` (the floor for reading the file at all) on generated
 * execution logs of 1 M and 4 M lines. Peak memory should stay flat as the file grows.
 */

const SIZES = [1_000_000, 4_000_000];

export async function benchScan(root: string): Promise<void> {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  const rows: Array<Array<string | number>> = [];
  const peaks: number[] = [];
  for (const lines of SIZES) {
    const file = await generateFile(dir, lines);
    const megabytes = statSync(file).size / 1e6;
    const scan = await measure(process.execPath, [cli, 'scan', '--file', file, '--json']);
    const grep = await measure('grep', ['-c', 'Method completed', file]);
    const report = JSON.parse(scan.stdout) as { lines: number; total: number };
    if (report.lines < lines)
      throw new Error(`scan read ${report.lines} lines, the file holds at least ${lines}`);
    peaks.push(scan.peakRssMb);
    rows.push(
      [
        `why403 scan --file (${fmt(lines / 1e6)}M lines)`,
        fmt(megabytes),
        fmt(scan.seconds, 2),
        fmt(lines / scan.seconds),
        fmt(megabytes / scan.seconds, 1),
        fmt(scan.peakRssMb, 1),
        fmt(report.total),
      ],
      [
        `grep -c "Method completed" (${fmt(lines / 1e6)}M lines)`,
        fmt(megabytes),
        fmt(grep.seconds, 2),
        fmt(lines / grep.seconds),
        fmt(megabytes / grep.seconds, 1),
        fmt(grep.peakRssMb, 1),
        grep.stdout.trim(),
      ],
    );
  }
  console.log(
    '\n## Offline scan throughput (generated execution logs, INFO + data tracing, 16 requests interleaved)\n',
  );
  console.log(table(['command', 'MB', 'seconds', 'lines/s', 'MB/s', 'peak RSS MB', 'result'], rows));
  console.log(
    `\nPeak memory, 4M vs 1M lines: ${fmt(peaks[1], 1)} MB vs ${fmt(peaks[0], 1)} MB (×${fmt(peaks[1] / peaks[0], 2)} for ×4 the input).`,
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
  return file;
}
