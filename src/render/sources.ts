import type { SourceReport, SourceStatus } from '../evidence/types';
import type { Localizer } from './localize';

/** The sources report with its reasons put into words (the statuses themselves stay machine-readable). */
export function describeSources(sources: SourceReport, l: Localizer): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(sources).map(([id, status]) => [id, wordStatus(status as SourceStatus, l)]),
  );
}

function wordStatus(status: SourceStatus, l: Localizer): Record<string, unknown> {
  if (status.read === 'partial' || status.read === 'not-configured')
    return { ...status, reason: l.t(status.reason) };
  return { ...status };
}
