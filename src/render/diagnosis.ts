import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan, ScanCause } from '../pipeline/scan-api';
import { MAX_LINE, paint, renderVerdictText, type TextStyle } from './terminal';
import { clip } from './width';
import { msg } from '../text';
import { verdictJson } from './json';
import { confidenceText, formatCount, renderCauseTable } from './scan';
import { formatUtc } from '../time';
import { english, type Localizer } from './localize';
import { wordSteps } from './worded';
import { describeChange } from '../pipeline/drift';

/**
 * `diagnose --json`: the verdict (with `sources`, how completely each source was read), then the request, the
 * configuration used (`judged`: what the stage runs, `deployed`, or the working copy, `live`), what was searched,
 * the access log read, what could not be read, whether the answer is partial, and deploy drift: each change that
 * bears on this request, in words, with the command that redeploys the stage.
 */
export function diagnosisJson(diagnosis: Diagnosis, l: Localizer = english): Record<string, unknown> {
  const { search } = diagnosis;
  return {
    ...verdictJson(diagnosis.verdict, l),
    request: diagnosis.request,
    config: diagnosis.config,
    search: { ...search, partial: search.partial === undefined ? undefined : l.t(search.partial) },
    accessLog: diagnosis.accessLog ?? null,
    unread: diagnosis.unread.map(l.t),
    partial: diagnosis.partial === undefined ? null : l.t(diagnosis.partial),
    judged: diagnosis.judged ?? null,
    drift: diagnosis.drift
      ? {
          ...diagnosis.drift,
          changes: diagnosis.drift.changes.map((change) => ({
            ...change,
            text: l.t(describeChange(change)),
          })),
        }
      : null,
  };
}

export function renderDiagnosisText(diagnosis: Diagnosis, style: TextStyle, l: Localizer = english): string {
  const lines = [renderVerdictText(diagnosis.verdict, style, l).trimEnd()];
  lines.push(...renderListSection(l.t(msg('diagnosis.heading.unread')), diagnosis.unread.map(l.t), style));
  lines.push('', `${whereFound(diagnosis, l)}${searchedWindow(diagnosis, l)}`);
  if (diagnosis.partial) lines.push(l.t(msg('diagnosis.partial', { reason: diagnosis.partial })));
  return `${lines.join('\n')}\n`;
}

/** A titled list (the diagnosis's "Could not read"): nothing at all when the list is empty. */
function renderListSection(title: string, items: readonly string[], style: TextStyle): string[] {
  if (items.length === 0) return [];
  return ['', paint(style, 'bold', title), ...items.map((item) => `  - ${clip(item, MAX_LINE)}`)];
}

function whereFound(diagnosis: Diagnosis, l: Localizer): string {
  const { search, accessLog } = diagnosis;
  if (search.found) return l.t(msg('diagnosis.found-in', { group: search.foundIn ?? '' }));
  if (accessLog?.found) return l.t(msg('diagnosis.found-in-access-log', { group: accessLog.logGroup }));
  const groups = [...search.logGroups, ...(accessLog ? [accessLog.logGroup] : [])];
  return groups.length > 0
    ? l.t(msg('diagnosis.not-found-in', { groups: groups.join(', ') }))
    : l.t(msg('diagnosis.not-found-anywhere'));
}

function searchedWindow(diagnosis: Diagnosis, l: Localizer): string {
  const { window } = diagnosis.search;
  if (!window) return '';
  const searched = msg('diagnosis.searched', { start: formatUtc(window.start), end: formatUtc(window.end) });
  return l.t(msg('cli.report.aside', { text: searched }));
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
      checklist: wordSteps(cause.checklist, l),
    })),
    failedRequests: scan.failedRequests,
    notCounted: scan.notCounted,
    complete: scan.complete,
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
      scan.failedRequests > scan.total
        ? msg('cli.scan.of-found', { found: formatCount(scan.failedRequests) })
        : '',
    megabytes: (scan.bytesScanned / 1e6).toFixed(1),
  });
  const label = (cause: ScanCause) => (scan.stage ? cause.cause : `${cause.cause} (${cause.stage})`);
  const table = renderCauseTable(scan.causes, l, {
    label,
    notes: (cause) => [l.t(confidenceText(cause.confidence))],
    none: msg(scan.complete ? 'cli.scan.none' : 'cli.scan.none-found'),
  });
  const lines = [l.t(heading), l.t(classified), '', ...table];
  for (const cause of scan.causes) {
    lines.push('', `${label(cause)} — ${l.t(cause.title)}`);
    cause.checklist.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${l.t(step.text)}`);
      if (step.command) lines.push(`     $ ${step.command.split('\n').join('\n     $ ')}`);
    });
  }
  if (scan.partial) lines.push('', l.t(msg('cli.scan.partial', { reason: scan.partial })));
  for (const gap of scan.gaps) lines.push(l.t(msg('cli.scan.not-seen', { gap })));
  return `${lines.join('\n')}\n`;
}
