/**
 * Errors that reach a person. Each says what was wrong and, in `hint`, what to type or do instead; the CLI and
 * the Slack bot print them as one line, never as a stack trace.
 */

/** Bad input: an unreadable file, invalid JSON, a malformed id, an unknown flag. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function describeError(error: unknown): { message: string; hint?: string } {
  if (error instanceof InputError) return { message: error.message, hint: error.hint };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
