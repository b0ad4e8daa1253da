import { maskAuthorizerOutputs } from './authorizer-output';
import { applyTextRules } from './rules';

// Every rule needs one of these words; a line without any is returned as is, which is most log lines.
const SUSPICIOUS =
  /token|secret|passw|authorization|cookie|api[\s_-]?key|usage[\s_-]?identifier|\bauth\b|identity|eyJ|b3JpZ2lu|ZXIvYXdz|AKIA|ASIA|credential|signature|bearer|basic|digest|negotiate|private key|before parsing|principalId|policyDocument|query ?string|key=value|[?&][\w.-]+=|xox[a-z]|xapp-|hooks\.slack/i;
const NEWLINE = /\n/g;

/** Masks credentials and authorizer context in free text (a log line, a body, a pasted paragraph). */
export function redactText(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  return applyTextRules(maskAuthorizerOutputs(text));
}

/**
 * Redacts lines as one text, so that JSON pretty-printed over several lines (an authorizer output, a private
 * key) is seen whole, and returns one output line per input line.
 */
export function redactLines(lines: readonly string[]): string[] {
  const parts = redactText(lines.join('\n')).split('\n');
  const counts = lines.map((line) => (line.match(NEWLINE)?.length ?? 0) + 1);
  if (parts.length !== counts.reduce((sum, count) => sum + count, 0)) return lines.map(redactText);
  let at = 0;
  return counts.map((count) => {
    const line = parts.slice(at, at + count).join('\n');
    at += count;
    return line;
  });
}
