import type { CauseCount } from '../locate/tally';
import type { FileScanReport } from '../locate/file-scan';
import { english, type Localizer } from './localize';
import { joinTexts, msg, type Text } from '../text';
import { displayWidth, padEndWidth, padStartWidth } from './width';

export interface CauseTableOptions<C extends CauseCount> {
  /** The cause column's text (default: the cause id). */
  label?: (cause: C) => string;
  /** Lines shown under a cause, after its methods. */
  notes?: (cause: C) => string[];
  /** What to say when there are no causes. */
  none?: Text;
}

/** A table of causes with counts, example request ids and the methods most affected. */
export function renderCauseTable<C extends CauseCount>(
  causes: readonly C[],
  l: Localizer = english,
  options: CauseTableOptions<C> = {},
): string[] {
  if (causes.length === 0) return [`  ${l.t(options.none ?? msg('cli.scan.none'))}`];
  const label = options.label ?? ((c: C) => c.cause);
  const causeHeading = l.t(msg('cli.scan.column.cause'));
  const countHeading = l.t(msg('cli.scan.column.count'));
  const width = Math.max(displayWidth(causeHeading), ...causes.map((c) => displayWidth(label(c))));
  const countWidth = Math.max(displayWidth(countHeading), ...causes.map((c) => formatCount(c.count).length));
  const lines = [
    `  ${padEndWidth(causeHeading, width)}  ${padStartWidth(countHeading, countWidth)}  ${l.t(msg('cli.scan.column.examples'))}`,
  ];
  const under = (text: string) => `  ${''.padEnd(width)}  ${''.padStart(countWidth)}  ${text}`;
  for (const c of causes) {
    lines.push(
      `  ${padEndWidth(label(c), width)}  ${formatCount(c.count).padStart(countWidth)}  ${c.requestIds.join(', ')}`,
    );
    if (c.methods.length > 0)
      lines.push(under(l.t(msg('cli.scan.methods', { methods: c.methods.join(', ') }))));
    for (const note of options.notes?.(c) ?? []) lines.push(under(note));
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

const LEVELS = ['high', 'medium', 'low'] as const;

/** How many of a cause's requests were classified with each confidence, the levels that occur: "40 high, 2 low". */
export function confidenceText(confidence: Readonly<Record<(typeof LEVELS)[number], number>>): Text {
  const levels = LEVELS.filter((level) => confidence[level] > 0).map((level) =>
    msg('scan.confidence.level', {
      count: formatCount(confidence[level]),
      level: msg(`confidence.${level}`),
    }),
  );
  return msg('scan.confidence', { levels: joinTexts(levels, 'scan.confidence.joined') ?? '' });
}
