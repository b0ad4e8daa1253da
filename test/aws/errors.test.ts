import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsError,
  AwsMalformedResponseError,
  AwsServiceError,
  serviceOf,
  type MalformedKind,
  AwsNotFoundError,
  AwsTimeoutError,
  AwsUnavailableError,
  LogGroupMissingError,
  explainAwsError,
  toAwsError,
} from '../../src/aws/errors';
import { RetriesExhausted, type RetryOutcome } from '../../src/aws/retry';

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

/** What the SDK throws when it cannot read a body: the parse error, with the answer's status and headers. */
function deserializationError(
  name: string,
  message: string,
  status: number | undefined,
  contentType: string | undefined,
): Error {
  return Object.assign(
    new Error(
      `${message}\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
    ),
    {
      name,
      $metadata: status === undefined ? { attempts: 1 } : { httpStatusCode: status, attempts: 1 },
      $response:
        status === undefined ? undefined : { statusCode: status, headers: { 'content-type': contentType } },
    },
  );
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
      'CloudWatch Logs FilterLogEvents was throttled (ThrottlingException) after 1 attempt',
    ],
    [
      'TooManyRequestsException (429)',
      sdkError('TooManyRequestsException', 429, 'Too Many Requests'),
      'GetResources',
      `${API_ARN}/resources`,
      AwsUnavailableError,
      'API Gateway GetResources was throttled (TooManyRequestsException) after 1 attempt',
    ],
    [
      'LimitExceededException (too many concurrent queries)',
      sdkError('LimitExceededException', 400),
      'StartQuery',
      GROUP,
      AwsUnavailableError,
      'CloudWatch Logs StartQuery was throttled (LimitExceededException) after 1 attempt',
    ],
    [
      'RequestLimitExceeded',
      sdkError('RequestLimitExceeded', 400),
      'GetQueryResults',
      'q-1',
      AwsUnavailableError,
      'CloudWatch Logs GetQueryResults was throttled (RequestLimitExceeded) after 1 attempt',
    ],
    [
      'a 503 with an unknown name',
      sdkError('ServiceUnavailableException', 503),
      'GetStage',
      `${API_ARN}/stages/prod`,
      AwsUnavailableError,
      'API Gateway GetStage kept failing (ServiceUnavailableException) after 1 attempt',
    ],
    [
      'a bare 500 without a name',
      Object.assign(new Error('x'), { name: '', $metadata: { httpStatusCode: 500 } }),
      'GetStage',
      `${API_ARN}/stages/prod`,
      AwsUnavailableError,
      'API Gateway GetStage kept failing (HTTP 500) after 1 attempt',
    ],
    [
      'AbortError',
      sdkError('AbortError', undefined, 'Request aborted'),
      'FilterLogEvents',
      GROUP,
      AwsTimeoutError,
      `CloudWatch Logs FilterLogEvents on ${GROUP} did not finish within the time budget`,
    ],
    [
      'TimeoutError (request timeout)',
      sdkError('TimeoutError', undefined, 'Connection timed out after 300 ms'),
      'GetRestApi',
      API_ARN,
      AwsUnavailableError,
      'API Gateway GetRestApi did not answer in time (TimeoutError) after 1 attempt',
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

  it('names any other AWS error in one line, with the service, the call and the wire error type', () => {
    const error = sdkError(
      'InvalidParameterException',
      400,
      'startFromHead false needs startTime after 2024\n  second line of detail',
    );
    const result = toAwsError(error, 'FilterLogEvents', GROUP) as AwsServiceError;

    expect(result).toBeInstanceOf(AwsServiceError);
    expect(result.code).toBe('InvalidParameterException');
    expect(result.message).toBe(
      'CloudWatch Logs FilterLogEvents failed: InvalidParameterException: startFromHead false needs startTime after 2024',
    );
    expect(result.cause).toBe(error);
  });

  it.each<[string, RetryOutcome, string]>([
    ['ran out of attempts', { attempts: 6, aborted: false }, 'after 6 attempts'],
    [
      'ran into the time budget',
      { attempts: 3, aborted: true },
      'after 3 attempts, and the time budget ran out before another',
    ],
  ])('says how far the retries got when they %s', (_label, outcome, ending) => {
    const throttled = sdkError('ThrottlingException', 400, 'Rate exceeded');
    const result = toAwsError(new RetriesExhausted(throttled, outcome), 'FilterLogEvents', GROUP);

    expect(result).toBeInstanceOf(AwsUnavailableError);
    expect(result.message).toBe(
      `CloudWatch Logs FilterLogEvents was throttled (ThrottlingException) ${ending}`,
    );
    expect((result as AwsUnavailableError).detail).toEqual({
      reason: 'throttled',
      code: 'ThrottlingException',
      attempts: outcome.attempts,
      budgetEnded: outcome.aborted,
    });
    expect(result.cause).toBe(throttled);
  });

  it('takes the attempts from the SDK when the client retried on its own (standard mode)', () => {
    const throttled = Object.assign(sdkError('Throttling', 400, 'Rate exceeded'), {
      $metadata: { httpStatusCode: 400, attempts: 3 },
    });
    const result = toAwsError(throttled, 'GetCallerIdentity', 'sts');
    expect(result.message).toBe('STS GetCallerIdentity was throttled (Throttling) after 3 attempts');
  });

  it('unwraps an error that was not retried and keeps its class', () => {
    const denied = sdkError('AccessDeniedException', 400);
    const result = toAwsError(
      new RetriesExhausted(denied, { attempts: 1, aborted: false }),
      'GetStage',
      API_ARN,
    );
    expect(result).toBeInstanceOf(AwsAccessDeniedError);
  });

  it.each<[string, Error, MalformedKind, number | undefined]>([
    [
      'invalid JSON on a 200',
      deserializationError('SyntaxError', 'Unexpected end of JSON input', 200, 'application/x-amz-json-1.1'),
      'not-json',
      200,
    ],
    [
      "a proxy's HTML page on a 502",
      deserializationError(
        'SyntaxError',
        `Unexpected token '<', "<html><bod"... is not valid JSON`,
        502,
        'text/html',
      ),
      'html',
      502,
    ],
    [
      "a proxy's HTML page on a 403 (not an AWS AccessDenied)",
      deserializationError(
        'SyntaxError',
        'Unexpected token < in JSON at position 0',
        403,
        'text/html; charset=utf-8',
      ),
      'html',
      403,
    ],
    [
      'a body cut off by a dropped connection',
      deserializationError('Error', 'AWS SDK error wrapper for Error: aborted', undefined, undefined),
      'cut-off',
      undefined,
    ],
  ])('%s is a malformed response naming the call', (_label, error, kind, status) => {
    const result = toAwsError(error, 'FilterLogEvents', GROUP) as AwsMalformedResponseError;

    expect(result).toBeInstanceOf(AwsMalformedResponseError);
    expect(result.kind).toBe(kind);
    expect(result.status).toBe(status);
    expect(result.message).toMatch(/^CloudWatch Logs FilterLogEvents returned a malformed response \(/);
    expect(result.message).not.toContain('\n');
  });

  it.each([
    ['FilterLogEvents', 'CloudWatch Logs'],
    ['StopQuery', 'CloudWatch Logs'],
    ['GetStage', 'API Gateway'],
    ['FlushStageAuthorizersCache', 'API Gateway'],
    ['GetCallerIdentity', 'STS'],
    ['SomethingNew', 'AWS'],
  ])('%s belongs to %s', (operation, service) => {
    expect(serviceOf(operation)).toBe(service);
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

  it('suggests trying again later for throttling, and says how many attempts were made', () => {
    const throttled = sdkError('ThrottlingException', 400, 'Rate exceeded');
    const explained = explainAwsError(
      toAwsError(new RetriesExhausted(throttled, { attempts: 6, aborted: false }), 'FilterLogEvents', GROUP),
    );
    expect(explained).toEqual({
      message: 'CloudWatch Logs FilterLogEvents was still throttled (ThrottlingException) after 6 attempts',
      hint: 'AWS is throttling or failing; try again in a minute',
    });
  });

  it.each<[string, Error, string, string]>([
    [
      'HTML from a proxy',
      deserializationError('SyntaxError', `Unexpected token '<'`, 502, 'text/html'),
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 502: an HTML page instead of AWS's JSON) for ${GROUP}`,
      'something between why403 and AWS answered in its place (a proxy, a firewall, a wrong AWS_ENDPOINT_URL): check HTTPS_PROXY and the endpoint settings, then try again',
    ],
    [
      'a body that is not JSON',
      deserializationError('SyntaxError', 'Unexpected end of JSON input', 200, 'application/x-amz-json-1.1'),
      `CloudWatch Logs FilterLogEvents returned a malformed response (HTTP 200: not valid JSON) for ${GROUP}`,
      'something between why403 and AWS answered in its place (a proxy, a firewall, a wrong AWS_ENDPOINT_URL): check HTTPS_PROXY and the endpoint settings, then try again',
    ],
    [
      'a body cut off',
      deserializationError('Error', 'AWS SDK error wrapper for Error: aborted', undefined, undefined),
      `CloudWatch Logs FilterLogEvents returned a malformed response (the body was cut off) for ${GROUP}`,
      'the connection dropped while the answer was read; try again',
    ],
  ])(
    'names the call of a malformed response (%s) in one line, with what to check',
    (_label, error, message, hint) => {
      const explained = explainAwsError(toAwsError(error, 'FilterLogEvents', GROUP));
      expect(explained).toEqual({ message, hint });
    },
  );

  it('names the call of any other AWS error in one line', () => {
    const error = toAwsError(
      sdkError('MalformedQueryException', 400, 'unexpected symbol found |\n  at line 2'),
      'StartQuery',
      GROUP,
    );
    expect(explainAwsError(error)).toEqual({
      message: 'CloudWatch Logs StartQuery failed: MalformedQueryException: unexpected symbol found |',
    });
  });

  it.each([
    ['a missing log group', new LogGroupMissingError(GROUP, null), `log group ${GROUP} does not exist`],
    [
      'a time budget that ran out',
      toAwsError(sdkError('AbortError', undefined, 'Request aborted'), 'StartQuery', GROUP),
      `CloudWatch Logs StartQuery on ${GROUP} did not finish within the time budget`,
    ],
    ['any other error', new Error('something else\nand more'), 'something else'],
  ])('gives only the message for %s', (_label, error, message) => {
    expect(explainAwsError(error)).toEqual({ message });
  });
});
