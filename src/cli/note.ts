import type { CliIo } from './io';
import { redactText } from '../redact';

/** Progress and warnings go to stderr, redacted like everything else that leaves the process. */
export function note(io: CliIo, text: string): void {
  io.stderr.write(`${redactText(text)}\n`);
}
