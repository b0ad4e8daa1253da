import { english, type Localizer } from './render/localize';
import type { Text } from './text';

/**
 * Errors that reach a person. Each says what was wrong and, in `hint`, what to type or do instead; the CLI and
 * the Slack bot print them as one line, in the reader's language, never as a stack trace.
 */

/** Bad input: an unreadable file, invalid JSON, a malformed id, an unknown flag. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** What was wrong, as words for the reader (`message` holds it in English, for logs). */
  readonly problem: Text;
  constructor(
    problem: Text,
    readonly hint?: Text,
  ) {
    super(english.t(problem));
    this.problem = problem;
  }
}

/**
 * Not an error: the answer is printed, and it says something must change (doctor) or was not verified (replay).
 * The exit status says so (1) and `message` goes to stderr; no error is printed in its place, JSON or text.
 */
export class ExitStatus extends Error {
  override readonly name = 'ExitStatus';
}

export function describeError(error: unknown, l: Localizer = english): { message: string; hint?: string } {
  if (error instanceof InputError)
    return error.hint === undefined
      ? { message: l.t(error.problem) }
      : { message: l.t(error.problem), hint: l.t(error.hint) };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
