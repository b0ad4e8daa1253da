/** An AWS error to answer with: its code (the SDK error's `name`), message and HTTP status. */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function invalidParameter(message: string): FakeAwsError {
  return new FakeAwsError('InvalidParameterException', message);
}

export function malformedQuery(message: string): FakeAwsError {
  return new FakeAwsError('MalformedQueryException', message);
}
