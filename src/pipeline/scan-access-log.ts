import type { SourceReport, StageConfig } from '../evidence/types';
import { keyedByFormat, readAccessLog } from '../evidence/access-log';
import { accessLogDestination, parseAccessLogRecord } from '../locate/access-log-record';
import { accessFailuresQuery } from '../locate/insights-queries';
import type { SearchTarget } from '../locate/request-search';
import { AwsError, describeAwsError } from '../aws/errors';
import { msg, type Text } from '../text';
import { runQuery, type QueryRun } from './scan-insights';

/**
 * A stage with no execution log may still write an access log: one Logs Insights query over it finds the requests
 * that ended in 401/403/500, each read in the stage's own format (JSON with the owner's field names, CLF, CSV…).
 * Such a request is judged on its access-log record alone, the execution log not configured: its verdict says less.
 */

export interface AccessLogged {
  requestId: string;
  target: SearchTarget;
  record: Record<string, unknown>;
  /** What was read of the request: its record, and what is known of its execution log. */
  sources: SourceReport;
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

const FAILED = new Set([401, 403, 500]);
const QUERY_ROWS = 10_000;

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

export async function scanAccessLogs(
  run: QueryRun,
  unlogged: readonly SearchTarget[],
  stages: ReadonlyMap<string, { stage?: StageConfig }>,
): Promise<AccessLogScan> {
  const result: AccessLogScan = { requests: [], bytesScanned: 0, read: [], gaps: [], partial: [] };
  for (const target of unlogged) await scanStage(run, target, stages.get(target.stage)?.stage, result);
  return result;
}

/**
 * A stage that writes an execution log may still refuse requests that leave no failure line there: a web ACL's
 * block is written to the access log alone (domain.md, waf-block), and so may be other refusals made before the
 * method runs. Such a stage's access log is read too, and the failed requests the execution log did not show
 * (`shown`) are judged on their records, each request once.
 */
export async function scanAccessLogsBeside(
  run: QueryRun,
  logged: readonly SearchTarget[],
  stages: ReadonlyMap<string, { stage?: StageConfig }>,
  shown: ReadonlySet<string>,
): Promise<AccessLogScan> {
  const result: AccessLogScan = { requests: [], bytesScanned: 0, read: [], gaps: [], partial: [] };
  const seen = new Set(shown);
  for (const target of logged) {
    const stage = stages.get(target.stage)?.stage;
    const destination = stage && accessLogDestination(stage);
    if (destination?.kind !== 'group') {
      if (stage?.webAclArn) result.gaps.push(msg('scan.gap.web-acl-unlogged', { stage: target.stage }));
      continue;
    }
    const found = await readFailedRecords(run, target, stage, destination.name, result);
    const unseen = (found ?? []).filter((r) => !seen.has(r.requestId) && seen.add(r.requestId));
    result.requests.push(...unseen.map((r) => ({ ...r, sources: NO_FAILURE_LINE })));
    if (unseen.length > 0)
      result.gaps.push(
        msg('scan.gap.access-log-beside', {
          stage: target.stage,
          accessGroup: destination.name,
          count: unseen.length,
        }),
      );
  }
  return result;
}

async function scanStage(
  run: QueryRun,
  target: SearchTarget,
  stage: StageConfig | undefined,
  result: AccessLogScan,
): Promise<void> {
  const destination = stage ? accessLogDestination(stage) : undefined;
  const noGroup = { stage: target.stage, group: target.logGroup };
  if (destination?.kind !== 'group') {
    result.gaps.push(msg('scan.gap.no-group', noGroup));
    return;
  }
  const requests = await readFailedRecords(run, target, stage, destination.name, result);
  if (!requests) {
    result.gaps.push(msg('scan.gap.no-group', noGroup));
    return;
  }
  result.requests.push(...requests);
  result.gaps.push(
    msg('scan.gap.access-log-only', { ...noGroup, accessGroup: destination.name, count: requests.length }),
  );
}

/**
 * The failed requests of a stage's access log in the window, read in the stage's own format; undefined when the log
 * could not be read. What makes the list incomplete is added to `result.partial`.
 */
async function readFailedRecords(
  run: QueryRun,
  target: SearchTarget,
  stage: StageConfig | undefined,
  group: string,
  result: AccessLogScan,
): Promise<AccessLogged[] | undefined> {
  try {
    const outcome = await runQuery({ ...run, groups: [group] }, accessFailuresQuery());
    result.bytesScanned += outcome.bytesScanned;
    result.read.push({ access: target.access, logGroup: group });
    const format = stage?.accessLogSettings?.format ?? undefined;
    const read = outcome.rows.map((row) => failedRecord(row['@message'], format, target));
    const unreadable = read.filter((r) => r === 'unreadable').length;
    if (unreadable > 0)
      result.partial.push(msg('scan.partial.access-log-unreadable', { group, count: unreadable }));
    if (outcome.stopped || outcome.ended || outcome.rows.length >= QUERY_ROWS)
      result.partial.push(msg('scan.partial.access-log', { group }));
    return read.filter((r): r is AccessLogged => r !== undefined && r !== 'unreadable');
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    result.partial.push(msg('scan.partial.access-log-failed', { group, reason: describeAwsError(error) }));
    return undefined;
  }
}

/** The record, when it is of a request of this stage that failed; `unreadable` when it does not fit the format. */
function failedRecord(
  message: string | undefined,
  format: string | undefined,
  target: SearchTarget,
): AccessLogged | 'unreadable' | undefined {
  const fields = message === undefined ? undefined : parseAccessLogRecord(format, message);
  if (!fields) return 'unreadable';
  const record = keyedByFormat(fields, format);
  const facts = readAccessLog(record);
  if (!facts?.requestId || facts.status === undefined) return 'unreadable';
  if (!FAILED.has(facts.status)) return undefined;
  if (facts.stage !== undefined && facts.stage !== '-' && facts.stage !== target.stage) return undefined;
  return { requestId: facts.requestId, target, record, sources: ACCESS_LOG_ONLY };
}
