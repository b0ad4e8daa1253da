/** Names of the log groups API Gateway writes (aws-wire.md §1.5). */

const EXECUTION_PREFIX = 'API-Gateway-Execution-Logs_';
const EXECUTION_GROUP = /^API-Gateway-Execution-Logs_(?<restApiId>[a-z0-9]{10})\/(?<stage>[A-Za-z0-9_-]+)$/;
const LOG_GROUP_ARN =
  /^arn:aws[\w-]*:logs:(?<region>[\w-]+):(?<account>\d{12}):log-group:(?<name>[^:]+?)(?::\*)?$/;

export function executionLogGroup(restApiId: string, stage: string): string {
  return `${EXECUTION_PREFIX}${restApiId}/${stage}`;
}

export function executionLogGroupPrefix(restApiId?: string): string {
  return restApiId ? `${EXECUTION_PREFIX}${restApiId}/` : EXECUTION_PREFIX;
}

export function parseExecutionLogGroup(name: string): { restApiId: string; stage: string } | undefined {
  const groups = EXECUTION_GROUP.exec(name)?.groups;
  return groups ? { restApiId: groups.restApiId, stage: groups.stage } : undefined;
}

/** An access-log destination that is a CloudWatch log group (not Firehose): its name and account. */
export function logGroupOfArn(
  arn: string | undefined,
): { name: string; accountId: string; region: string } | undefined {
  const groups = arn ? LOG_GROUP_ARN.exec(arn)?.groups : undefined;
  return groups ? { name: groups.name, accountId: groups.account, region: groups.region } : undefined;
}

/** A CloudWatch filter-pattern term matching `text` exactly. Only for values that passed validation. */
export function quotedTerm(text: string): string {
  if (/["\\\n]/.test(text))
    throw new Error('refusing to put a quote, backslash or newline into a filter pattern');
  return `"${text}"`;
}

/** A CloudWatch filter pattern matching events that hold any of `terms`, each exactly. */
export function anyOfTerms(terms: readonly string[]): string {
  return terms.map((term) => `?${quotedTerm(term)}`).join(' ');
}
