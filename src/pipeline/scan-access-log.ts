import type { SourceReport, StageConfig } from '../evidence/types';
import { keyedByFormat, readAccessLog } from '../evidence/access-log';
import { accessLogDestination, parseAccessLogRecord } from '../locate/access-log-record';
import { accessFailuresQuery } from '../locate/insights-queries';
import type { SearchTarget } from '../locate/request-search';
import { AwsError, describeAwsError } from '../aws/errors';
import { msg, type Text } from '../text';
import { parseIsoTimestamp } from '../time';
import { runQuery, type QueryRun } from './scan-insights';

/**
 * The access logs `scan API_ID` reads: one Logs Insights query per group finds the requests that ended in
 * 401/403/500, each read in its stage's own format (JSON with the owner's field names, CLF, CSV…). Such a request is
 * judged on its access-log record alone (its verdict says less): every failed request of a stage that writes no
 * execution log, and those of a logging stage that left no failure line in its execution log.
 */

export interface AccessLogged {
  requestId: string;
  target: SearchTarget;
  record: Record<string, unknown>;
  /** What was read of the request: its record, and what is known of its execution log. */
  sources: SourceReport;
  /** Of a stage that writes an execution log: a failed request that left no failure line there. */
  beside: boolean;
  /** When CloudWatch has the record (epoch ms): the newest are classified first. */
  time: number;
}

export interface AccessLogScan {
  requests: AccessLogged[];
  bytesScanned: number;
  /** The access-log groups read (their retention may be shorter than the window). */
  read: Array<Pick<SearchTarget, 'access' | 'logGroup'>>;
  /** Said of each stage: counted from its access log, or why not. */
  gaps: Text[];
  partial: Text[];
}

/** The stages whose access logs the scan reads. */
export interface AccessLogScope {
  /** Stages with no execution-log group: their failed requests are counted from their access logs. */
  unlogged: readonly SearchTarget[];
  /** Stages whose execution log was queried. */
  logged: readonly SearchTarget[];
  /**
   * The logged stages' failed requests are all known (`shown`), so their access logs are read beside: a request
   * missing from an incomplete list may well have a failure line.
   */
  beside: boolean;
}

const FAILED = new Set([401, 403, 500]);

/** What the execution log is for a request judged on its access-log record. */
const ACCESS_LOG_ONLY: SourceReport = {
  'execution-log': { read: 'not-configured', reason: msg('source.reason.logging-off') },
  'access-log': { read: 'complete' },
};

/** What the execution log is for a request of a logging stage that left no failure line there. */
const NO_FAILURE_LINE: SourceReport = {
  'execution-log': { read: 'partial', reason: msg('source.reason.no-failure-line') },
  'access-log': { read: 'complete' },
};

/**
 * The failed requests counted from access logs: every request of a stage that writes no execution log, and, beside
 * the execution log, those of a logging stage that left no failure line there (a web ACL's block is written to the
 * access log alone, domain.md waf-block, and so may be other refusals made before the method runs). Each access-log
 * group is read once, however many stages write to it, and each request is counted once, never one the execution
 * log showed (`shown`). A record belongs to the stage it names (`$context.stage`); one that names none, to the only
 * stage of the scan writing to its group: in a group several stages share, its stage is not known, and it is said,
 * not counted.
 */
export async function scanAccessLogs(
  run: QueryRun,
  scope: AccessLogScope,
  stages: ReadonlyMap<string, { stage?: StageConfig }>,
  shown: ReadonlySet<string>,
): Promise<AccessLogScan> {
  const result: AccessLogScan = { requests: [], bytesScanned: 0, read: [], gaps: [], partial: [] };
  const readers = [...scope.unlogged, ...(scope.beside ? scope.logged : [])];
  const writers = writersByGroup([...scope.unlogged, ...scope.logged], stages);
  const counted = new Map<string, number>();
  const failed = new Set<string>();
  const seen = new Set(shown);
  for (const [group, sharing] of writers) {
    const reading = sharing.filter((t) => readers.includes(t));
    if (reading.length === 0) continue;
    const records = await readFailedRecords(run, reading[0], formatsOf(sharing, stages), group, result);
    if (!records) {
      for (const target of reading) failed.add(target.stage);
      continue;
    }
    let unattributed = 0;
    for (const found of records) {
      if (seen.has(found.requestId)) continue;
      const owner = ownerOf(found.stage, sharing);
      if (!owner) {
        if (found.stage === undefined) unattributed++;
        continue;
      }
      if (!reading.includes(owner)) continue;
      seen.add(found.requestId);
      const beside = !scope.unlogged.includes(owner);
      result.requests.push({
        requestId: found.requestId,
        target: owner,
        record: found.record,
        sources: beside ? NO_FAILURE_LINE : ACCESS_LOG_ONLY,
        beside,
        time: found.time,
      });
      counted.set(owner.stage, (counted.get(owner.stage) ?? 0) + 1);
    }
    if (unattributed > 0)
      result.partial.push(
        msg('scan.partial.access-log-unattributed', {
          group,
          count: unattributed,
          stages: sharing.map((t) => t.stage).join(', '),
        }),
      );
  }
  for (const target of readers) {
    const stage = stages.get(target.stage)?.stage;
    const destination = stage && accessLogDestination(stage);
    const count = counted.get(target.stage) ?? 0;
    const accessGroup = destination?.kind === 'group' ? destination.name : undefined;
    if (scope.unlogged.includes(target)) {
      const noGroup = { stage: target.stage, group: target.logGroup };
      result.gaps.push(
        accessGroup && !failed.has(target.stage)
          ? msg('scan.gap.access-log-only', { ...noGroup, accessGroup, count })
          : msg('scan.gap.no-group', noGroup),
      );
    } else if (!stage) result.gaps.push(msg('scan.gap.access-log-unknown', { stage: target.stage }));
    else if (accessGroup && count > 0)
      result.gaps.push(msg('scan.gap.access-log-beside', { stage: target.stage, accessGroup, count }));
    else if (!accessGroup && stage.webAclArn)
      result.gaps.push(msg('scan.gap.web-acl-unlogged', { stage: target.stage }));
  }
  return result;
}

/** The stages of the scan by the access-log group each writes to. */
function writersByGroup(
  targets: readonly SearchTarget[],
  stages: ReadonlyMap<string, { stage?: StageConfig }>,
): Map<string, SearchTarget[]> {
  const writers = new Map<string, SearchTarget[]>();
  for (const target of targets) {
    const stage = stages.get(target.stage)?.stage;
    const destination = stage && accessLogDestination(stage);
    if (destination?.kind !== 'group') continue;
    writers.set(destination.name, [...(writers.get(destination.name) ?? []), target]);
  }
  return writers;
}

/** The formats of the stages writing to a group, each once: a record is read in the first it fits. */
function formatsOf(
  sharing: readonly SearchTarget[],
  stages: ReadonlyMap<string, { stage?: StageConfig }>,
): Array<string | undefined> {
  const formats = sharing.map((t) => stages.get(t.stage)?.stage?.accessLogSettings?.format ?? undefined);
  return [...new Set(formats)];
}

/** The stage a record belongs to: the one it names, else the only one writing to its group. */
function ownerOf(stage: string | undefined, sharing: readonly SearchTarget[]): SearchTarget | undefined {
  if (stage !== undefined) return sharing.find((t) => t.stage === stage);
  return sharing.length === 1 ? sharing[0] : undefined;
}

interface FailedRecord {
  requestId: string;
  record: Record<string, unknown>;
  /** The stage the record names, if it names one. */
  stage?: string;
  time: number;
}

/**
 * The failed requests of an access-log group in the window, read in its stages' formats; undefined when the log
 * could not be read. What makes the list incomplete is added to `result.partial`.
 */
async function readFailedRecords(
  run: QueryRun,
  target: SearchTarget,
  formats: ReadonlyArray<string | undefined>,
  group: string,
  result: AccessLogScan,
): Promise<FailedRecord[] | undefined> {
  try {
    const outcome = await runQuery({ ...run, groups: [group] }, accessFailuresQuery());
    result.bytesScanned += outcome.bytesScanned;
    result.read.push({ access: target.access, logGroup: group });
    const read = outcome.rows.map((row) => failedRecord(row, formats));
    const unreadable = read.filter((r) => r === 'unreadable').length;
    if (unreadable > 0)
      result.partial.push(msg('scan.partial.access-log-unreadable', { group, count: unreadable }));
    if (
      outcome.stopped ||
      outcome.ended ||
      outcome.limited.length > 0 ||
      outcome.recordsMatched > outcome.rows.length
    )
      result.partial.push(msg('scan.partial.access-log', { group }));
    return read.filter((r): r is FailedRecord => r !== undefined && r !== 'unreadable');
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    result.partial.push(msg('scan.partial.access-log-failed', { group, reason: describeAwsError(error) }));
    return undefined;
  }
}

/** The record, when it is of a request that failed; `unreadable` when it fits none of the formats. */
function failedRecord(
  row: Record<string, string>,
  formats: ReadonlyArray<string | undefined>,
): FailedRecord | 'unreadable' | undefined {
  const message = row['@message'];
  for (const format of formats) {
    const fields = message === undefined ? undefined : parseAccessLogRecord(format, message);
    if (!fields) continue;
    const record = keyedByFormat(fields, format);
    const facts = readAccessLog(record);
    if (!facts?.requestId || facts.status === undefined) continue;
    if (!FAILED.has(facts.status)) return undefined;
    const time = parseIsoTimestamp(row['@timestamp'] ?? '') ?? 0;
    return { requestId: facts.requestId, record, time, ...(facts.stage ? { stage: facts.stage } : {}) };
  }
  return 'unreadable';
}
