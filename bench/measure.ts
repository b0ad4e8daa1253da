import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Runs a command to completion and reports its wall time and peak resident memory (Linux VmHWM). */
export interface Measurement {
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

export function measure(command: string, args: string[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peakKb = 0;
    const poll = setInterval(() => (peakKb = Math.max(peakKb, readPeakKb(child.pid))), 20);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    // 'exit' fires before the process is reaped, so /proc still holds its final high-water mark.
    child.on('exit', () => (peakKb = Math.max(peakKb, readPeakKb(child.pid))));
    child.on('close', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      else resolve({ seconds, peakRssMb: peakKb / 1024, stdout });
    });
  });
}

function readPeakKb(pid: number | undefined): number {
  const file = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(file)) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The fastest of `runs` runs (its peak memory is the highest seen in any run). */
export async function measureBest(runs: number, command: string, args: string[]): Promise<Measurement> {
  let best: Measurement | undefined;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const run = await measure(command, args);
    peak = Math.max(peak, run.peakRssMb);
    if (!best || run.seconds < best.seconds) best = run;
  }
  return { ...(best as Measurement), peakRssMb: peak };
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells
    .map((row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
    )
    .join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
