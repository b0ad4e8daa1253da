import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan } from '../pipeline/scan-api';
import { renderVerdictText, type TextStyle } from './terminal';
import { verdictJson } from './json';
import { formatCount, renderCauseTable } from './scan';
import { formatUtc } from '../time';
import { english, type Localizer } from './localize';
import { msg } from '../text';

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
  const heading = msg('cli.scan.api-heading', {
    api: `${scan.restApiId}${scan.stage ? `/${scan.stage}` : ''}`,
    region: scan.region,
    start: formatUtc(scan.window.start),
    end: formatUtc(scan.window.end),
  });
  const classified = msg('cli.scan.classified', {
    total: scan.total,
    found:
      scan.failedRequests > scan.total ? msg('cli.scan.of-found', { found: formatCount(scan.failedRequests) }) : '',
    megabytes: (scan.bytesScanned / 1e6).toFixed(1),
  });
  const lines = [l.t(heading), l.t(classified), '', ...renderCauseTable(scan.causes, l)];
  for (const cause of scan.causes) {
    lines.push('', `${cause.cause} — ${l.t(cause.title)}`);
    cause.checklist.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${l.t(step.text)}`);
      if (step.command) lines.push(`     $ ${step.command.split('\n').join('\n     $ ')}`);
    });
  }
  if (scan.partial) lines.push('', l.t(msg('cli.scan.partial', { reason: scan.partial })));
  for (const gap of scan.gaps) lines.push(l.t(msg('cli.scan.not-seen', { gap })));
  return `${lines.join('\n')}\n`;
}
