import type { RequestFacts, SentHeaders } from './types';
import { requestIdOfLine } from './log-lines';
import { parseInvokeUrl } from '../config/ids';

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
const CONNECTION_LEFT_INTACT = /^\* Connection #\d+ to host \S+ left intact\s*$/;
const CLOSING_CONNECTION = /\* Closing connection\b/;

/**
 * The line without curl's connection note at its end. Found by position, not by one pattern: an unanchored
 * `…\s*$` is tried again from every `* ` of the line, which a pasted line of thousands of them made take seconds.
 */
function withoutConnectionNote(line: string): string {
  const closing = line.search(CLOSING_CONNECTION);
  if (closing >= 0) return line.slice(0, closing);
  const intact = line.lastIndexOf('* Connection #');
  return intact >= 0 && CONNECTION_LEFT_INTACT.test(line.slice(intact)) ? line.slice(0, intact) : line;
}

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
      out.push(withoutConnectionNote(line));
      continue;
    }
    const text = line.trimStart();
    if (text.startsWith('<')) out.push(text.slice(1).trimStart());
  }
  return out;
}

/** `> GET /prod/orders/7 HTTP/2` with its parts. */
const REQUEST_PARTS = /^> (?<method>[A-Z]+) (?<target>\S+) HTTP\/[\d.]+\s*$/;
/** `> Authorization: Bearer …`: a request header curl sent (its value is never kept). */
const REQUEST_HEADER = /^> (?<name>[A-Za-z0-9!#$%&'*+.^_`|~-]+):(?<value>.*)$/;
/** The bare `>` (or `> `) that ends curl's request headers. */
const REQUEST_END = /^>\s*$/;
/** An execute-api host, whole: `{api}.execute-api.{region}.amazonaws.com[.cn][:port]`. */
const EXECUTE_API_HOST = /^[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(?::\d+)?$/i;

/** What curl -v shows of the request it sent. Header values are never kept: only whether each was sent. */
export interface CurlRequest {
  httpMethod: string;
  /** Read from an execute-api host only: a custom domain's base path mapping hides the API, stage and path. */
  restApiId?: string;
  region?: string;
  stage?: string;
  /** The path after the stage, without the query string: `/orders/7`. */
  resourcePath?: string;
  headers: SentHeaders;
}

/**
 * The last request curl -v shows sending (after redirects, the one the response printed last answered). Its
 * header block is complete only when its closing bare `>` was pasted: a header missing from a cut block may have
 * been sent.
 */
export function curlRequest(lines: readonly string[]): CurlRequest | undefined {
  const texts = lines.map((line) => line.trimStart());
  const start = texts.findLastIndex((text) => REQUEST_PARTS.test(text));
  if (start < 0) return undefined;
  const { method, target } = REQUEST_PARTS.exec(texts[start])?.groups ?? {};
  const sent = new Map<string, string>();
  let complete = false;
  for (const text of texts.slice(start + 1)) {
    if (REQUEST_END.test(text)) {
      complete = true;
      break;
    }
    const header = REQUEST_HEADER.exec(text)?.groups;
    if (!header) break;
    sent.set(header.name.toLowerCase(), header.value.trim());
  }
  return {
    httpMethod: method,
    ...whereSent(sent.get('host'), target),
    headers: {
      names: [...sent].filter(([, value]) => value !== '').map(([name]) => name),
      complete,
      queryString: /[?]./.test(target),
    },
  };
}

/** The API, region, stage and resource path an execute-api host and the request target tell. */
function whereSent(
  host: string | undefined,
  target: string,
): Pick<CurlRequest, 'restApiId' | 'region' | 'stage' | 'resourcePath'> {
  if (!host || !EXECUTE_API_HOST.test(host) || !target.startsWith('/')) return {};
  const query = target.search(/[?#]/);
  const path = query < 0 ? target : target.slice(0, query);
  const url = parseInvokeUrl(`https://${host}${path}`);
  if (!url) return {};
  const { restApiId, region, stage } = url;
  if (!stage) return { restApiId, region };
  return { restApiId, region, stage, resourcePath: path.slice(stage.length + 1) || '/' };
}

/** The request facts curl -v output holds, in the shape the evidence takes them. */
export function requestFactsOfCurl(lines: readonly string[]): Partial<RequestFacts> {
  const request = curlRequest(lines);
  if (!request) return {};
  const { headers, ...where } = request;
  return { ...where, headersSent: headers };
}
