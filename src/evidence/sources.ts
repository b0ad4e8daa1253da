import type { Evidence, LoggingLevel, SourceId, SourceStatus, StageConfig, Trace } from './types';
import { traceShape } from './trace';

/**
 * How completely each source of evidence was read, and the one question rules ask of it: may the absence of a
 * line from this source be read as "it did not happen"? Only when the source was read to the end, at a logging
 * level that writes that line.
 */

const NOT_ATTEMPTED: SourceStatus = { read: 'not-attempted' };

export function sourceStatus(evidence: Evidence, id: SourceId): SourceStatus {
  return evidence.sources[id] ?? NOT_ATTEMPTED;
}

export interface LineNeeds {
  /** The line is written only at this level (INFO lines are missing at ERROR). */
  level?: LoggingLevel;
  /** The line is a payload line, written only with data tracing on. */
  dataTrace?: boolean;
}

/** True when the source was read to the end and would have held a line with these needs. */
export function readCompletely(evidence: Evidence, id: SourceId, needs: LineNeeds = {}): boolean {
  const status = sourceStatus(evidence, id);
  if (status.read !== 'complete') return false;
  if (needs.level === 'INFO' && status.level !== 'INFO') return false;
  if (needs.dataTrace && status.dataTrace !== true) return false;
  return true;
}

/**
 * The execution log's coverage for evidence that was handed to us (pasted text, a bundle, an export): a trace
 * from its start line to its answer line counts as complete at the level its lines prove; anything else is an
 * excerpt. Nothing given means nothing was read.
 */
export function givenTraceStatus(trace: Trace): SourceStatus {
  if (trace.lines.length === 0) return NOT_ATTEMPTED;
  const shape = traceShape(trace);
  // Set one by one, not spread: this runs for every trace `scan --file` classifies.
  const status: SourceStatus & { read: 'complete' | 'excerpt' } = {
    read: shape.whole ? 'complete' : 'excerpt',
  };
  if (shape.level) status.level = shape.level;
  if (shape.dataTrace) status.dataTrace = true;
  return status;
}

/**
 * A located request's trace: complete when the search that found it read every page and the trace's shape is
 * whole; the level and data tracing are what the stage was set to (when known) or what the lines prove.
 */
export function searchedTraceStatus(
  trace: Trace,
  search: { complete: boolean; level?: LoggingLevel; dataTrace?: boolean },
): SourceStatus {
  const given = givenTraceStatus(trace);
  if (given.read !== 'complete' && given.read !== 'excerpt') return given;
  const level = given.level ?? search.level;
  const dataTrace = given.dataTrace ?? search.dataTrace;
  const detail = { ...(level ? { level } : {}), ...(dataTrace !== undefined ? { dataTrace } : {}) };
  return search.complete && given.read === 'complete'
    ? { read: 'complete', ...detail }
    : { read: 'excerpt', ...detail };
}

/**
 * The stage was updated after `time` (epoch ms): what its configuration says now (logging, variables) may not be
 * what it was then. False when either time is unknown.
 */
export function stageChangedAfter(stage: StageConfig | undefined, time: number | undefined): boolean {
  const updated = stage && stageUpdatedAt(stage);
  return updated !== undefined && time !== undefined && updated > time;
}

/** When the stage was last updated (epoch ms), however GetStage's answer carried it; undefined when not known. */
export function stageUpdatedAt(stage: StageConfig): number | undefined {
  const updated = stage.lastUpdatedDate;
  if (updated === undefined) return undefined;
  const at =
    updated instanceof Date
      ? updated.getTime()
      : typeof updated === 'number'
        ? updated * 1000
        : Date.parse(updated);
  return Number.isFinite(at) ? at : undefined;
}
