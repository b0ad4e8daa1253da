import type { IncomingMessage } from 'node:http';
import { describeLogGroups, describeLogGroupsTarget } from './describe-log-groups';
import { FakeAwsError } from './errors';
import { deniedPrincipal, garbledReply, pickFaultEntry, serverErrorStatus, throttleHeaders } from './faults';
import { filterLogEvents, filterLogEventsTarget } from './filter-log-events';
import { jsonReply, type Reply } from './http';
import type { LogsInput } from './input';
import { groupArn } from './log-groups';
import { getQueryResults, queryTarget, startQuery, startQueryTarget, stopQuery } from './queries';
import type { FakeState } from './state';

/** CloudWatch Logs over awsJson1_1: `POST /` with `X-Amz-Target: Logs_20140328.<Operation>`. */
const TARGET_PREFIX = 'Logs_20140328.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

interface LogsOperation {
  /** What the call is about (a log group, or several joined by commas), for `calls` and `deny`. */
  target(state: FakeState, input: LogsInput): string;
  run(state: FakeState, input: LogsInput): object;
}

const OPERATIONS: Record<string, LogsOperation> = {
  FilterLogEvents: { target: filterLogEventsTarget, run: filterLogEvents },
  DescribeLogGroups: { target: describeLogGroupsTarget, run: describeLogGroups },
  StartQuery: { target: startQueryTarget, run: startQuery },
  GetQueryResults: { target: queryTarget, run: getQueryResults },
  StopQuery: { target: queryTarget, run: stopQuery },
};

export function isLogsRequest(req: IncomingMessage): boolean {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX);
}

export function serveLogs(state: FakeState, req: IncomingMessage, body: string, at: number): Reply {
  const operation = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
  const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation)
    ? OPERATIONS[operation]
    : undefined;
  const input = parseInput(body);
  const target = handler && !(input instanceof FakeAwsError) ? safeTarget(handler, state, input) : '';
  state.calls.push({ service: 'logs', operation, target, at });
  if (input instanceof FakeAwsError) return errorReply(input);
  if (!handler) {
    return errorReply(new FakeAwsError('UnknownOperationException', `The fake does not serve ${operation}.`));
  }
  try {
    const garbled = injectFault(state, operation, target);
    return garbled ?? jsonReply(200, handler.run(state, input), CONTENT_TYPE);
  } catch (error) {
    return errorReply(error);
  }
}

function parseInput(body: string): LogsInput | FakeAwsError {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as LogsInput;
  } catch {
    // reported below
  }
  return new FakeAwsError('SerializationException', 'The request body is not a JSON object.');
}

/** A malformed field must not keep the call out of `calls`; the operation itself reports the error. */
function safeTarget(handler: LogsOperation, state: FakeState, input: LogsInput): string {
  try {
    return handler.target(state, input);
  } catch {
    return '';
  }
}

/** Throws the AWS error a fault answers with, or returns the reply of a fault that is not an AWS error. */
function injectFault(state: FakeState, operation: string, target: string): Reply | undefined {
  const { fault, entry } = pickFaultEntry(state, operation, target) ?? {};
  const garbled = garbledReply(fault);
  if (garbled) return garbled;
  if (fault === 'deny')
    throw new FakeAwsError('AccessDeniedException', deniedMessage(state, operation, target));
  if (fault === 'throttle')
    throw new FakeAwsError('ThrottlingException', 'Rate exceeded', 400, throttleHeaders(entry));
  if (fault === 'serverError') {
    throw new FakeAwsError(
      'ServiceUnavailableException',
      'The service is unavailable. Please try again.',
      serverErrorStatus(entry, 500),
    );
  }
  return undefined;
}

function deniedMessage(state: FakeState, operation: string, target: string): string {
  const action = `logs:${operation}`;
  const group = target.split(',')[0];
  return (
    `User: ${deniedPrincipal(state.world.accountId)} is not authorized to perform: ${action} ` +
    `on resource: ${groupArn(state, group)}:* because no identity-based policy allows the ${action} action`
  );
}

function errorReply(error: unknown): Reply {
  const failure =
    error instanceof FakeAwsError
      ? error
      : new FakeAwsError('InternalFailure', `The fake failed: ${(error as Error).message}`, 500);
  const body = { __type: failure.code, message: failure.message };
  return jsonReply(failure.status, body, CONTENT_TYPE, {
    'x-amzn-errortype': failure.code,
    ...failure.headers,
  });
}
