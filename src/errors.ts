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

export function describeError(error: unknown, l: Localizer = english): { message: string; hint?: string } {
  if (error instanceof InputError)
    return error.hint === undefined
      ? { message: l.t(error.problem) }
      : { message: l.t(error.problem), hint: l.t(error.hint) };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}
