/** The Logs Insights queries why403 sends. Values placed in them come from the logs themselves, checked again. */

/**
 * Lines that end a failed request, whether or not a `Method completed` line follows them; a resource policy's
 * refusal is written as `ExplicitDenyException User: … is not authorized to perform: execute-api:Invoke …`.
 */
const FAILED = String.raw`/Method completed with status: (401|403|500)|Unauthorized request: |AuthorizerConfigurationException|The client is not authorized to perform this operation|Execution failed due to configuration error|not authorized because method|ExplicitDenyException|is not authorized to perform: execute-api:Invoke/`;

/**
 * The fields every query reads. `@log` (`account:group`) tells which stage's group a line came from; Logs Insights
 * returns only the fields a query names (and `@ptr`).
 */
const FIELDS = 'fields @timestamp, @message, @logStream, @log';

/** Lines that end a request in 401/403/500, newest first. */
export function failedRequestsQuery(): string {
  return [FIELDS, `| filter @message like ${FAILED}`, '| sort @timestamp desc', '| limit 10000'].join('\n');
}

/**
 * Access-log records that may be of a request that ended in 401/403/500, newest first: the format is the API
 * owner's, so the status is read from each record afterwards, in the stage's format.
 */
export function accessFailuresQuery(): string {
  return [FIELDS, '| filter @message like /401|403|500/', '| sort @timestamp desc', '| limit 10000'].join(
    '\n',
  );
}

/** Every line of the given requests, oldest first. Request ids come from the logs' own `(id)` prefixes. */
export function tracesQuery(requestIds: readonly string[]): string {
  const safe = requestIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return [
    FIELDS,
    `| filter @message like /^\\((${safe.join('|')})\\) /`,
    '| sort @timestamp asc',
    '| limit 10000',
  ].join('\n');
}

/** One request's execution log, for a person opening the console (the id was validated). */
export function requestTraceQuery(requestId: string): string {
  return `fields @timestamp, @message\n| filter @message like "${requestId}"\n| sort @timestamp asc`;
}
