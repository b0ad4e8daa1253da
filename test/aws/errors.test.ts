import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsError,
  AwsNotFoundError,
  AwsTimeoutError,
  AwsUnavailableError,
  LogGroupMissingError,
  explainAwsError,
  toAwsError,
} from '../../src/aws/errors';

const GROUP = 'API-Gateway-Execution-Logs_abc1234567/prod';
const API_ARN = 'arn:aws:apigateway:eu-west-1::/restapis/abc1234567';

/** The shape the SDK throws: an Error whose name is the wire error type, with $metadata.httpStatusCode. */
function sdkError(name: string, status: number | undefined, message = `${name} message`): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: status === undefined ? {} : { httpStatusCode: status, requestId: 'req-1', attempts: 1 },
  });
}

type ErrorClass = abstract new (...args: never[]) => Error;

describe('toAwsError', () => {
  it.each<[string, Error, string, string, ErrorClass, string]>([
    [
      'AccessDeniedException (logs, 400)',
      sdkError('AccessDeniedException', 400),
      'FilterLogEvents',
      GROUP,
      AwsAccessDeniedError,
      `AccessDenied: logs:FilterLogEvents on ${GROUP}`,
    ],
    [
      'AccessDenied (403)',
      sdkError('AccessDenied', 403),
      'DescribeLogGroups',
      'API-Gateway-Execution-Logs_abc1234567/*',
      AwsAccessDeniedError,
      'AccessDenied: logs:DescribeLogGroups on API-Gateway-Execution-Logs_abc1234567/*',
    ],
    [
      'UnauthorizedException (API Gateway, 401)',
      sdkError('UnauthorizedException', 401),
      'GetRestApi',
      API_ARN,
      AwsAccessDeniedError,
      `AccessDenied: apigateway:GET on ${API_ARN}`,
    ],
    [
      'any other 403',
      sdkError('ForbiddenException', 403),
      'FlushStageAuthorizersCache',
      `${API_ARN}/stages/prod/cache/authorizers`,
      AwsAccessDeniedError,
      `AccessDenied: apigateway:DELETE on ${API_ARN}/stages/prod/cache/authorizers`,
    ],
    [
      'ResourceNotFoundException on FilterLogEvents',
      sdkError('ResourceNotFoundException', 400, 'The specified log group does not exist.'),
      'FilterLogEvents',
      GROUP,
      LogGroupMissingError,
      `log group ${GROUP} does not exist`,
    ],
    [
      'ResourceNotFoundException on StartQuery',
      sdkError('ResourceNotFoundException', 400, 'Log group does not exist'),
      'StartQuery',
      GROUP,
      AwsNotFoundError,
      `${GROUP} was not found (Log group does not exist)`,
    ],
    [
      'NotFoundException (API Gateway, 404)',
      sdkError('NotFoundException', 404, 'Invalid API identifier specified 123456789012:abc1234567'),
      'GetRestApi',
      API_ARN,
      AwsNotFoundError,
      `${API_ARN} was not found (Invalid API identifier specified 123456789012:abc1234567)`,
    ],
    [
      'ThrottlingException (400)',
      sdkError('ThrottlingException', 400, 'Rate exceeded'),
      'FilterLogEvents',
      GROUP,
      AwsUnavailableError,
      'FilterLogEvents was throttled or failed (ThrottlingException) after retries',
    ],
    [
      'TooManyRequestsException (429)',
      sdkError('TooManyRequestsException', 429, 'Too Many Requests'),
      'GetResources',
      `${API_ARN}/resources`,
      AwsUnavailableError,
      'GetResources was throttled or failed (TooManyRequestsException) after retries',
    ],
    [
      'LimitExceededException (too many concurrent queries)',
      sdkError('LimitExceededException', 400),
      'StartQuery',
      GROUP,
      AwsUnavailableError,
      'StartQuery was throttled or failed (LimitExceededException) after retries',
    ],
    [
      'RequestLimitExceeded',
      sdkError('RequestLimitExceeded', 400),
      'GetQueryResults',
      'q-1',
      AwsUnavailableError,
      'GetQueryResults was throttled or failed (RequestLimitExceeded) after retries',
    ],
    [
      'a 503 with an unknown name',
      sdkError('ServiceUnavailableException', 503),
      'GetStage',
      `${API_ARN}/stages/prod`,
      AwsUnavailableError,
      'GetStage was throttled or failed (ServiceUnavailableException) after retries',
    ],
    [
      'a bare 500 without a name',
      Object.assign(new Error('x'), { name: '', $metadata: { httpStatusCode: 500 } }),
      'GetStage',
      `${API_ARN}/stages/prod`,
      AwsUnavailableError,
      'GetStage was throttled or failed (500) after retries',
    ],
    [
      'AbortError',
      sdkError('AbortError', undefined, 'Request aborted'),
      'FilterLogEvents',
      GROUP,
      AwsTimeoutError,
      `FilterLogEvents on ${GROUP} did not finish within the time budget`,
    ],
    [
      'TimeoutError (request timeout)',
      sdkError('TimeoutError', undefined, 'Connection timed out after 300 ms'),
      'GetRestApi',
      API_ARN,
      AwsTimeoutError,
      `GetRestApi on ${API_ARN} did not finish within the time budget`,
    ],
    [
      'CredentialsProviderError',
      sdkError('CredentialsProviderError', undefined, 'Could not load credentials from any providers'),
      'FilterLogEvents',
      GROUP,
      AwsCredentialsError,
      'no usable AWS credentials or region: Could not load credentials from any providers',
    ],
    [
      'a missing region',
      new Error('Region is missing'),
      'resolve region',
      'AWS_REGION',
      AwsCredentialsError,
      'no usable AWS credentials or region: Region is missing',
    ],
  ])('%s becomes the right error', (_label, error, operation, resource, expectedClass, expectedMessage) => {
    const result = toAwsError(error, operation, resource);

    expect(result).toBeInstanceOf(expectedClass);
    expect(result).toBeInstanceOf(AwsError);
    expect(result.message).toBe(expectedMessage);
    expect((result as AwsError).operation).toBe(
      expectedClass === LogGroupMissingError ? 'FilterLogEvents' : operation,
    );
    expect((result as AwsError).resource).toBe(resource);
    expect(result.cause).toBe(error);
  });

  it.each([
    ['AwsAccessDeniedError', () => new AwsAccessDeniedError('GetStage', API_ARN, null), 'apigateway:GET'],
    ['LogGroupMissingError', () => new LogGroupMissingError(GROUP, null), undefined],
    ['AwsNotFoundError', () => new AwsNotFoundError('gone', 'GetStage', API_ARN), undefined],
    ['AwsUnavailableError', () => new AwsUnavailableError('busy', 'GetStage', API_ARN), undefined],
    ['AwsTimeoutError', () => new AwsTimeoutError('late', 'GetStage', API_ARN), undefined],
    ['AwsCredentialsError', () => new AwsCredentialsError('none', 'GetStage', API_ARN), undefined],
  ])('%s carries its own name and passes through unchanged', (name, make, action) => {
    const error = make();
    expect(error.name).toBe(name);
    expect(toAwsError(error, 'FilterLogEvents', 'something else')).toBe(error);
    if (action) expect((error as AwsAccessDeniedError).action).toBe(action);
  });

  it.each([
    ['FilterLogEvents', 'logs:FilterLogEvents'],
    ['DescribeLogGroups', 'logs:DescribeLogGroups'],
    ['StartQuery', 'logs:StartQuery'],
    ['GetQueryResults', 'logs:GetQueryResults'],
    ['StopQuery', 'logs:StopQuery'],
    ['GetRestApi', 'apigateway:GET'],
    ['GetRestApis', 'apigateway:GET'],
    ['GetAuthorizers', 'apigateway:GET'],
    ['GetStage', 'apigateway:GET'],
    ['GetResources', 'apigateway:GET'],
    ['GetDeployment', 'apigateway:GET'],
    ['GetAccount', 'apigateway:GET'],
    ['FlushStageAuthorizersCache', 'apigateway:DELETE'],
    ['DescribeSomethingNew', 'the IAM action for DescribeSomethingNew'],
  ])('AccessDenied on %s names the IAM action %s', (operation, action) => {
    const error = toAwsError(
      sdkError('AccessDeniedException', 400),
      operation,
      'arn:x',
    ) as AwsAccessDeniedError;
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.action).toBe(action);
    expect(error.message).toBe(`AccessDenied: ${action} on arn:x`);
  });

  it('keeps an unknown SDK error as it is', () => {
    const error = sdkError(
      'InvalidParameterException',
      400,
      'startFromHead false needs startTime after 2024',
    );
    expect(toAwsError(error, 'FilterLogEvents', GROUP)).toBe(error);
  });

  it.each([
    ['a string', 'boom', 'boom'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
  ])('wraps %s that is not an Error into an Error', (_label, thrown, message) => {
    const result = toAwsError(thrown, 'GetStage', API_ARN);
    expect(result).toBeInstanceOf(Error);
    expect(result).not.toBeInstanceOf(AwsError);
    expect(result.message).toBe(message);
  });
});

describe('explainAwsError', () => {
  it('names the denied action and resource and points to the read-only policy', () => {
    const explained = explainAwsError(new AwsAccessDeniedError('GetStage', `${API_ARN}/stages/prod`, null));
    expect(explained).toEqual({
      message: `AWS denied apigateway:GET on ${API_ARN}/stages/prod`,
      hint: 'grant the read-only policy in iam/why403-read-only.json to the identity why403 runs as',
    });
  });

  it('tells how to provide credentials and offers the sandbox', () => {
    const explained = explainAwsError(
      new AwsCredentialsError('no usable AWS credentials or region: x', 'op', 'AWS_REGION'),
    );
    expect(explained.message).toBe('no usable AWS credentials or region: x');
    expect(explained.hint).toContain('AWS_REGION');
    expect(explained.hint).toContain('why403 sandbox');
  });

  it('suggests trying again later for throttling', () => {
    const explained = explainAwsError(
      toAwsError(sdkError('ThrottlingException', 400, 'Rate exceeded'), 'FilterLogEvents', GROUP),
    );
    expect(explained).toEqual({
      message: 'FilterLogEvents was throttled or failed (ThrottlingException) after retries',
      hint: 'AWS is throttling or failing; try again in a minute',
    });
  });

  it.each([
    ['a missing log group', new LogGroupMissingError(GROUP, null), `log group ${GROUP} does not exist`],
    ['a timeout', new AwsTimeoutError('took too long', 'StartQuery', GROUP), 'took too long'],
    ['any other error', new Error('something else'), 'something else'],
  ])('gives only the message for %s', (_label, error, message) => {
    expect(explainAwsError(error)).toEqual({ message });
  });
});
