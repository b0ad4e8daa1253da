import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan } from '../pipeline/scan-api';
import { renderVerdictText, type TextStyle } from './terminal';
import { verdictJson } from './json';
import { formatCount, renderCauseTable } from './scan';
import { formatUtc } from '../time';
import { english, type Localizer } from './localize';

/** `diagnose --json`: the verdict, then the request, the configuration used and what was searched. */
export function diagnosisJson(diagnosis: Diagnosis, l: Localizer = english): Record<string, unknown> {
  const { search } = diagnosis;
  return {
    ...verdictJson(diagnosis.verdict, l),
    request: diagnosis.request,
    config: diagnosis.config,
    search: { ...search, partial: search.partial === undefined ? undefined : l.t(search.partial) },
  };
}

export function renderDiagnosisText(diagnosis: Diagnosis, style: TextStyle, l: Localizer = english): string {
  const { search } = diagnosis;
  const where = search.found
    ? `Found in ${search.foundIn ?? 'the execution logs'}`
    : `Not found in ${search.logGroups.join(', ') || 'any log group'}`;
  const window = search.window
    ? ` (searched ${formatUtc(search.window.start)} – ${formatUtc(search.window.end)})`
    : '';
  return `${renderVerdictText(diagnosis.verdict, style, l)}\n${where}${window}${search.partial ? `; partial: ${l.t(search.partial)}` : ''}\n`;
}

/** `scan API_ID --json`. */
export function apiScanJson(scan: ApiScan, l: Localizer = english): Record<string, unknown> {
  return {
    restApiId: scan.restApiId,
    stage: scan.stage ?? null,
    window: {
      start: new Date(scan.window.start).toISOString(),
      end: new Date(scan.window.end).toISOString(),
    },
    total: scan.total,
    causes: scan.causes.map((cause) => ({
      ...cause,
      title: l.t(cause.title),
      checklist: cause.checklist.map((step) => ({ ...step, text: l.t(step.text) })),
    })),
    failedRequests: scan.failedRequests,
    region: scan.region,
    bytesScanned: scan.bytesScanned,
    logGroups: scan.logGroups,
    partial: scan.partial === undefined ? null : l.t(scan.partial),
    gaps: scan.gaps.map(l.t),
  };
}

export function renderApiScanText(scan: ApiScan, l: Localizer = english): string {
  const lines = [
    `why403 scan — ${scan.restApiId}${scan.stage ? `/${scan.stage}` : ''} in ${scan.region}, ${formatUtc(scan.window.start)} – ${formatUtc(scan.window.end)}`,
    `${formatCount(scan.total)} failed request${scan.total === 1 ? '' : 's'} classified` +
      `${scan.failedRequests > scan.total ? ` (of ${formatCount(scan.failedRequests)} found)` : ''}; Logs Insights scanned ${(scan.bytesScanned / 1e6).toFixed(1)} MB`,
    '',
    ...renderCauseTable(scan.causes),
  ];
  for (const cause of scan.causes) {
    lines.push('', `${cause.cause} — ${l.t(cause.title)}`);
    cause.checklist.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${l.t(step.text)}`);
      if (step.command) lines.push(`     $ ${step.command.split('\n').join('\n     $ ')}`);
    });
  }
  if (scan.partial) lines.push('', `Partial: ${l.t(scan.partial)}`);
  for (const gap of scan.gaps) lines.push(`Not seen: ${l.t(gap)}`);
  return `${lines.join('\n')}\n`;
}
