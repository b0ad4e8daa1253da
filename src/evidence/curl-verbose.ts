import { requestIdOfLine } from './log-lines';

/**
 * `curl -v` output: `*` lines about the connection, `>` lines for the request curl sent, `<` lines for the response's
 * status line and headers, then the body as `curl -i` prints it. Its `>` is no chat quote (src/evidence/paste.ts must
 * leave it on), and its request is not the response, nor are any of its lines log lines (src/evidence/bundle.ts).
 */

/** `> GET /prod/items HTTP/2`: the request line curl sent. */
const REQUEST_LINE = /^> [A-Z]+ \S+ HTTP\/[\d.]+\s*$/;
/** `< HTTP/2 403`: the status line curl received. */
const STATUS_LINE = /^< HTTP\/[\d.]+ \d{3}(?:\s|$)/;
/** A line curl writes with its mark: sent (`>`), received (`<`), about the connection (`*`), or a data count. */
const MARKED_LINE = /^(?:(?<mark>[<>*])(?:\s|$)|[{}] \[\d+ bytes data\]\s*$)/;
/** curl's note after a body that did not end in a line break: `{"message":"Forbidden"}* Connection #0 to host … left intact`. */
const CONNECTION_NOTE = /\* (?:Connection #\d+ to host \S+ left intact|Closing connection\b.*)\s*$/;

/** The lines show curl's own request line or received status line. */
export function isCurlVerbose(lines: readonly string[]): boolean {
  return lines.some((line) => {
    const text = line.trimStart();
    return REQUEST_LINE.test(text) || STATUS_LINE.test(text);
  });
}

/**
 * A line of curl's own, in a paste that is curl -v output. A `>` or `*` before a log line with its `(request-id)`
 * wrapper is the chat's quote or bullet, not curl's.
 */
export function isCurlLine(line: string): boolean {
  const text = line.trimStart();
  const marked = MARKED_LINE.exec(text);
  if (!marked) return false;
  return marked.groups?.mark === '<' || requestIdOfLine(text.slice(1).trimStart()) === undefined;
}

/**
 * The lines of curl -v output as curl -i would have printed them: the received status line and headers without
 * their `<` (the bare `<` is the blank line before the body), the request and connection lines gone, and curl's
 * note taken off a body it follows. Lines that are not curl's (the body, pasted log lines) are kept as they are.
 */
export function asCurlInclude(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (!isCurlLine(line)) {
      out.push(line.replace(CONNECTION_NOTE, ''));
      continue;
    }
    const text = line.trimStart();
    if (text.startsWith('<')) out.push(text.slice(1).trimStart());
  }
  return out;
}
