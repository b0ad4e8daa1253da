import type { CauseCount } from '../locate/tally';
import type { FileScanReport } from '../locate/file-scan';

/** A table of causes with counts, example request ids and the methods most affected. */
export function renderCauseTable(causes: readonly CauseCount[]): string[] {
  if (causes.length === 0) return ['  No failed requests.'];
  const width = Math.max(5, ...causes.map((c) => c.cause.length));
  const countWidth = Math.max(5, ...causes.map((c) => c.count.toLocaleString('en-US').length));
  const lines = [`  ${'cause'.padEnd(width)}  ${'count'.padStart(countWidth)}  example request ids`];
  for (const c of causes) {
    lines.push(
      `  ${c.cause.padEnd(width)}  ${c.count.toLocaleString('en-US').padStart(countWidth)}  ${c.requestIds.join(', ')}`,
    );
    if (c.methods.length > 0)
      lines.push(`  ${''.padEnd(width)}  ${''.padStart(countWidth)}  methods: ${c.methods.join(', ')}`);
  }
  return lines;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `scan --file` as text: what was read, then the causes. */
export function renderFileScan(file: string, report: FileScanReport): string {
  const lines = [
    `why403 scan — ${file}: ${formatCount(report.lines)} lines, ${formatCount(report.requests)} requests ` +
      `(${formatCount(report.ok)} ok, ${formatCount(report.total)} failed, ${formatCount(report.incomplete)} incomplete)`,
    '',
    ...renderCauseTable(report.causes),
  ];
  return `${lines.join('\n')}\n`;
}
