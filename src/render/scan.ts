import type { CauseCount } from '../locate/tally';
import type { FileScanReport } from '../locate/file-scan';
import { english, type Localizer } from './localize';
import { msg } from '../text';
import { displayWidth, padEndWidth, padStartWidth } from './width';

/** A table of causes with counts, example request ids and the methods most affected. */
export function renderCauseTable(causes: readonly CauseCount[], l: Localizer = english): string[] {
  if (causes.length === 0) return [`  ${l.t(msg('cli.scan.none'))}`];
  const causeHeading = l.t(msg('cli.scan.column.cause'));
  const countHeading = l.t(msg('cli.scan.column.count'));
  const width = Math.max(displayWidth(causeHeading), ...causes.map((c) => c.cause.length));
  const countWidth = Math.max(displayWidth(countHeading), ...causes.map((c) => formatCount(c.count).length));
  const lines = [
    `  ${padEndWidth(causeHeading, width)}  ${padStartWidth(countHeading, countWidth)}  ${l.t(msg('cli.scan.column.examples'))}`,
  ];
  for (const c of causes) {
    lines.push(
      `  ${c.cause.padEnd(width)}  ${formatCount(c.count).padStart(countWidth)}  ${c.requestIds.join(', ')}`,
    );
    if (c.methods.length > 0)
      lines.push(
        `  ${''.padEnd(width)}  ${''.padStart(countWidth)}  ${l.t(msg('cli.scan.methods', { methods: c.methods.join(', ') }))}`,
      );
  }
  return lines;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `scan --file` as text: what was read, then the causes. */
export function renderFileScan(file: string, report: FileScanReport, l: Localizer = english): string {
  const heading = msg('cli.scan.file-heading', {
    file,
    lines: formatCount(report.lines),
    requests: formatCount(report.requests),
    ok: formatCount(report.ok),
    failed: formatCount(report.total),
    incomplete: formatCount(report.incomplete),
  });
  const lines = [l.t(heading), '', ...renderCauseTable(report.causes, l)];
  return `${lines.join('\n')}\n`;
}
