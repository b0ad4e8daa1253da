/**
 * AWS failures, named once at the adapter boundary so the rest of the product can say what happened and what to
 * do: the missing IAM action and resource for AccessDenied, the missing log group, throttling that outlasted the
 * retries, a time budget that ran out.
 */

/** The IAM action each SDK operation needs (aws-wire.md §5). */
const IAM_ACTIONS: Record<string, string> = {
  FilterLogEvents: 'logs:FilterLogEvents',
  DescribeLogGroups: 'logs:DescribeLogGroups',
  StartQuery: 'logs:StartQuery',
  GetQueryResults: 'logs:GetQueryResults',
  StopQuery: 'logs:StopQuery',
  GetRestApi: 'apigateway:GET',
  GetRestApis: 'apigateway:GET',
  GetAuthorizers: 'apigateway:GET',
  GetStage: 'apigateway:GET',
  GetResources: 'apigateway:GET',
  GetDeployment: 'apigateway:GET',
  GetAccount: 'apigateway:GET',
  FlushStageAuthorizersCache: 'apigateway:DELETE',
  GetStages: 'apigateway:GET',
  GetCallerIdentity: 'sts:GetCallerIdentity',
  SimulatePrincipalPolicy: 'iam:SimulatePrincipalPolicy',
  GetPolicy: 'lambda:GetPolicy',
};

export class AwsError extends Error {
  constructor(
    message: string,
    readonly operation: string,
    readonly resource: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class AwsAccessDeniedError extends AwsError {
  override readonly name = 'AwsAccessDeniedError';
  readonly action: string;
  constructor(operation: string, resource: string, cause: unknown) {
    const action = IAM_ACTIONS[operation] ?? `the IAM action for ${operation}`;
    super(`AccessDenied: ${action} on ${resource}`, operation, resource, { cause });
    this.action = action;
  }
}

export class LogGroupMissingError extends AwsError {
  override readonly name = 'LogGroupMissingError';
  constructor(logGroup: string, cause: unknown) {
    super(`log group ${logGroup} does not exist`, 'FilterLogEvents', logGroup, { cause });
  }
}

export class AwsNotFoundError extends AwsError {
  override readonly name = 'AwsNotFoundError';
}

/** Throttling or 5xx answers that outlasted the SDK's retries. */
export class AwsUnavailableError extends AwsError {
  override readonly name = 'AwsUnavailableError';
}

/** The diagnosis's time budget ran out. */
export class AwsTimeoutError extends AwsError {
  override readonly name = 'AwsTimeoutError';
}

export class AwsCredentialsError extends AwsError {
  override readonly name = 'AwsCredentialsError';
}

const THROTTLING = [
  'ThrottlingException',
  'Throttling', // IAM and STS (awsQuery)
  'TooManyRequestsException',
  'LimitExceededException',
  'RequestLimitExceeded',
];

/** Turns an SDK error into one of ours; anything unknown is kept with its own message. */
export function toAwsError(error: unknown, operation: string, resource: string): Error {
  if (error instanceof AwsError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const status = e?.$metadata?.httpStatusCode ?? 0;
  if (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'UnauthorizedException' ||
    status === 403
  ) {
    return new AwsAccessDeniedError(operation, resource, error);
  }
  if (name === 'ResourceNotFoundException' && operation === 'FilterLogEvents')
    return new LogGroupMissingError(resource, error);
  if (name === 'NotFoundException' || name === 'ResourceNotFoundException') {
    return new AwsNotFoundError(`${resource} was not found (${e.message ?? name})`, operation, resource, {
      cause: error,
    });
  }
  if (THROTTLING.includes(name) || status === 429 || status >= 500) {
    return new AwsUnavailableError(
      `${operation} was throttled or failed (${name || status}) after retries`,
      operation,
      resource,
      { cause: error },
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new AwsTimeoutError(
      `${operation} on ${resource} did not finish within the time budget`,
      operation,
      resource,
      { cause: error },
    );
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Region is missing/i.test(e?.message ?? '')
  ) {
    return new AwsCredentialsError(`no usable AWS credentials or region: ${e.message}`, operation, resource, {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** One line for a person: what failed and what to do about it. */
export function explainAwsError(error: Error): { message: string; hint?: string } {
  if (error instanceof AwsAccessDeniedError) {
    return {
      message: `AWS denied ${error.action} on ${error.resource}`,
      hint: 'grant the read-only policy in iam/why403-read-only.json to the identity why403 runs as',
    };
  }
  if (error instanceof AwsCredentialsError) {
    return {
      message: error.message,
      hint: 'set AWS_PROFILE or AWS credentials and AWS_REGION, or try the built-in sandbox: why403 sandbox',
    };
  }
  if (error instanceof AwsUnavailableError) {
    return { message: error.message, hint: 'AWS is throttling or failing; try again in a minute' };
  }
  if (error instanceof AwsNotFoundError) {
    return { message: error.message, hint: 'check the API id, the stage and the region (--region)' };
  }
  return { message: error.message };
}
