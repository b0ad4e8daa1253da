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
export const ACCESS_LOG_ONLY: SourceReport = {
  'execution-log': { read: 'not-configured', reason: msg('source.reason.logging-off') },
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
  const access = { stage: target.stage, group: target.logGroup, accessGroup: destination.name };
  try {
    const outcome = await runQuery({ ...run, groups: [destination.name] }, accessFailuresQuery());
    result.bytesScanned += outcome.bytesScanned;
    result.read.push({ access: target.access, logGroup: destination.name });
    const format = stage?.accessLogSettings?.format ?? undefined;
    const read = outcome.rows.map((row) => failedRecord(row['@message'], format, target));
    const requests = read.filter((r): r is AccessLogged => r !== undefined && r !== 'unreadable');
    result.requests.push(...requests);
    result.gaps.push(msg('scan.gap.access-log-only', { ...access, count: requests.length }));
    const unreadable = read.filter((r) => r === 'unreadable').length;
    if (unreadable > 0)
      result.partial.push(
        msg('scan.partial.access-log-unreadable', { group: destination.name, count: unreadable }),
      );
    if (outcome.stopped || outcome.ended || outcome.rows.length >= QUERY_ROWS)
      result.partial.push(msg('scan.partial.access-log', { group: destination.name }));
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    result.gaps.push(msg('scan.gap.no-group', noGroup));
    result.partial.push(
      msg('scan.partial.access-log-failed', { group: destination.name, reason: describeAwsError(error) }),
    );
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
  return { requestId: facts.requestId, target, record };
}
