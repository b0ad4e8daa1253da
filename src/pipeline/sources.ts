import type { LoggingLevel, SearchReport, SourceStatus, StageConfig, Trace } from '../evidence/types';
import { loggingLevelOf } from '../classify/facts';
import { searchedTraceStatus } from '../evidence/sources';
import { msg } from '../text';

/**
 * What the execution-log search covered, as the rules' source status: denied, missing, partial, not configured,
 * or complete at the level the stage logged at during the window (unknown when the stage changed since then).
 */

interface StageLogging {
  level?: LoggingLevel;
  dataTrace?: boolean;
  off: boolean;
}

function stageLogging(stage: StageConfig | undefined, windowStart: number | undefined): StageLogging {
  const level = loggingLevelOf(stage);
  const changedSince = stageChangedAfter(stage, windowStart);
  return {
    off: level === 'OFF' && !changedSince,
    level: !changedSince && (level === 'INFO' || level === 'ERROR') ? level : undefined,
    dataTrace: changedSince ? undefined : stage?.methodSettings?.['*/*']?.dataTraceEnabled,
  };
}

/** The stage was updated after the window began: its logging settings then are not known. */
function stageChangedAfter(stage: StageConfig | undefined, time: number | undefined): boolean {
  const updated = stage?.lastUpdatedDate;
  if (updated === undefined || time === undefined) return false;
  const at =
    updated instanceof Date
      ? updated.getTime()
      : typeof updated === 'number'
        ? updated * 1000
        : Date.parse(updated);
  return Number.isFinite(at) && at > time;
}

export function missingRequestSearchStatus(
  report: SearchReport,
  stage: StageConfig | undefined,
): SourceStatus {
  const denied = report.deniedLogGroups?.[0];
  if (denied) return { read: 'denied', action: denied.action, resource: denied.logGroup };
  const searched = report.logGroups.filter((group) => !report.missingLogGroups.includes(group));
  if (report.logGroups.length > 0 && searched.length === 0)
    return { read: 'missing', resource: report.missingLogGroups.join(', ') };
  if (report.partial !== undefined) return { read: 'partial', reason: report.partial };
  if (report.missingLogGroups.length > 0)
    return {
      read: 'partial',
      reason: msg('source.reason.groups-missing', { groups: report.missingLogGroups.join(', ') }),
    };
  const logging = stageLogging(stage, report.window?.start);
  if (logging.off) return { read: 'not-configured', reason: msg('source.reason.logging-off') };
  return {
    read: 'complete',
    ...(logging.level ? { level: logging.level } : {}),
    ...(logging.dataTrace !== undefined ? { dataTrace: logging.dataTrace } : {}),
  };
}

export function foundRequestTraceStatus(
  trace: Trace,
  report: SearchReport,
  stage: StageConfig | undefined,
): SourceStatus {
  const logging = stageLogging(stage, trace.startedAt);
  return searchedTraceStatus(trace, {
    complete: report.partial === undefined,
    level: logging.level,
    dataTrace: logging.dataTrace,
  });
}
