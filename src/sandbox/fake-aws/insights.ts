import type { InsightsField, InsightsRecord, QueryPlan } from './insights-parser';
import { utf8Size } from './log-groups';

export interface ResultField {
  field: string;
  value: string;
}

export interface QueryStatistics {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** A record as Insights sees it, plus the ids it needs for `@ptr`. */
export interface ScannedRecord extends InsightsRecord {
  eventId: string;
}

export const DEFAULT_QUERY_LIMIT = 1000;

export function runQuery(
  plan: QueryPlan,
  records: ScannedRecord[],
  limit: number,
): { rows: ResultField[][]; statistics: QueryStatistics } {
  const matched = records.filter((r) => plan.filters.every((test) => test(r)));
  const sorted = [...matched].sort((a, b) => a['@timestamp'] - b['@timestamp']);
  if (plan.order === 'desc') sorted.reverse();
  const rows = sorted.slice(0, limit).map((r) => toRow(plan.fields, r));
  const statistics = {
    recordsMatched: matched.length,
    recordsScanned: records.length,
    bytesScanned: records.reduce((sum, r) => sum + utf8Size(r['@message']), 0),
  };
  return { rows, statistics };
}

function toRow(fields: InsightsField[], record: ScannedRecord): ResultField[] {
  const row = fields.map((field) => ({ field, value: fieldValue(field, record) }));
  return [...row, { field: '@ptr', value: pointer(record) }];
}

function fieldValue(field: InsightsField, record: ScannedRecord): string {
  if (field === '@timestamp') return formatInsightsTimestamp(record['@timestamp']);
  return record[field];
}

/** `2026-11-24 09:00:00.000`, UTC, as the Insights console and API print it. */
function formatInsightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function pointer(record: ScannedRecord): string {
  return Buffer.from(`${record['@log']}\n${record.eventId}`).toString('base64');
}
