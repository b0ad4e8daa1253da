/* The line-by-line scanner that `scan --file` used before the byte-level one (src/locate/file-scan.ts and
 * log-stream.ts as of commit d6dc1fb, merged into one file, verbatim but for imports, `causeOf`, which is what
 * it computed, and the later rule that only `[` before an object is a JSON array). It is the reference the byte-level scanner is held to: same input, same report. Not used by the
 * product. */
import { StringDecoder } from 'node:string_decoder';
import { JSONParser } from '@streamparser/json';
import type { CauseId } from '../../../src/evidence/types';
import { parseLogText, requestIdOfLine } from '../../../src/evidence/log-lines';
import { requestIdInMessage } from '../../../src/evidence/trace';
import { assembleEvidence, describeMethod } from '../../../src/evidence/assemble';
import { causeOf } from '../../../src/classify/classify';
import { parseJson } from '../../../src/json';
import { CauseTally, type CauseCount } from '../../../src/locate/tally';

/**
 * Groups the events of an exported execution log by request id and classifies every request that failed.
 * Lines of concurrent requests interleave, so requests stay open until their terminal line
 * (`Method completed with status: …`) or until they have been idle for a while; the number of open requests is
 * bounded, which keeps memory flat however large the file is.
 */

interface FileScanOptions {
  /** A request with no new line for this many lines is complete. */
  idleLines?: number;
  /** At most this many requests are held open at once; the longest idle is closed first. */
  maxOpenRequests?: number;
  examplesPerCause?: number;
}

interface FileScanReport {
  lines: number;
  /** Requests seen. */
  requests: number;
  /** Requests that ended below 400. */
  ok: number;
  /** Requests with neither a final status nor a failure line (cut off by the export window). */
  incomplete: number;
  /** Failed requests, all classified; the sum of the causes' counts. */
  total: number;
  causes: CauseCount[];
}

interface OpenRequest {
  lines: string[];
  lastLine: number;
  /** From its `Method completed with status:` line, once seen. */
  status?: number;
}

const TERMINAL = 'Method completed with status: ';
const FAILURE_MARKERS =
  /Unauthorized request|not authorized|Execution failed due to configuration error|AuthorizerConfigurationException|ExplicitDenyException|Authorizer error|^Unauthorized$/m;
const UNKNOWN_REQUEST = '(no request id)';

export async function scanLogFileLineByLine(
  chunks: AsyncIterable<Chunk>,
  options: FileScanOptions = {},
): Promise<FileScanReport> {
  const scanner = new RequestScanner(options);
  await forEachLogEvent(chunks, (event) => scanner.add(event));
  return scanner.finish();
}

class RequestScanner {
  private readonly open = new Map<string, OpenRequest>();
  private readonly tally: CauseTally;
  private readonly idleLines: number;
  private readonly maxOpen: number;
  private lineNo = 0;
  private lastId: string | undefined;
  private report = { requests: 0, ok: 0, incomplete: 0 };

  constructor(options: FileScanOptions) {
    this.idleLines = options.idleLines ?? 20_000;
    this.maxOpen = options.maxOpenRequests ?? 10_000;
    this.tally = new CauseTally(options.examplesPerCause ?? 5);
  }

  add(event: string): void {
    this.lineNo++;
    const id = requestIdOfLine(event) ?? requestIdInMessage(event) ?? this.lastId ?? UNKNOWN_REQUEST;
    let request = this.open.get(id);
    if (!request) {
      request = { lines: [], lastLine: this.lineNo };
      this.open.set(id, request);
      this.report.requests++;
    }
    request.lines.push(event);
    request.lastLine = this.lineNo;
    this.lastId = id;
    const terminal = event.indexOf(TERMINAL);
    if (terminal >= 0) {
      request.status = Number(event.slice(terminal + TERMINAL.length, terminal + TERMINAL.length + 3));
      this.close(id);
    }
    if ((this.lineNo & 1023) === 0 || this.open.size > this.maxOpen) this.closeIdle();
  }

  finish(): FileScanReport {
    for (const id of [...this.open.keys()]) this.close(id);
    const causes = this.tally.counts();
    return {
      lines: this.lineNo,
      ...this.report,
      total: causes.reduce((sum, c) => sum + c.count, 0),
      causes,
    };
  }

  /** Closes requests idle for too long, and the longest idle ones while too many are open. */
  private closeIdle(): void {
    const idleBefore = this.lineNo - this.idleLines;
    for (const [id, request] of this.open) {
      if (request.lastLine <= idleBefore) this.close(id);
    }
    if (this.open.size <= this.maxOpen) return;
    const byAge = [...this.open.entries()].sort((a, b) => a[1].lastLine - b[1].lastLine);
    for (const [id] of byAge.slice(0, this.open.size - Math.floor(this.maxOpen * 0.9))) this.close(id);
  }

  private close(id: string): void {
    const request = this.open.get(id);
    if (!request) return;
    this.open.delete(id);
    if (this.lastId === id) this.lastId = undefined;
    if (request.status !== undefined && request.status < 400) {
      this.report.ok++;
      return;
    }
    const text = request.lines.join('\n');
    if (request.status === undefined && !FAILURE_MARKERS.test(text)) {
      this.report.incomplete++;
      return;
    }
    const evidence = assembleEvidence({ lines: parseLogText(text) });
    const cause: CauseId = causeOf(evidence);
    this.tally.add(cause, evidence.request.requestId ?? id, describeMethod(evidence.request, 'template'));
  }
}

/**
 * Turns an exported execution log into a stream of log events, whatever its shape: plain lines (CloudWatch
 * export, `aws logs tail`), newline-delimited JSON events, the JSON that `aws logs filter-log-events` prints
 * (`{"events": [...]}`), a Logs Insights export (`[{"@message": …}]`) or `aws logs get-query-results` output
 * (`{"results": [[{"field", "value"}]]}`). Streams throughout: memory does not grow with the file.
 */

type Chunk = Buffer | string;

interface EventSink {
  (message: string): void;
}

async function forEachLogEvent(chunks: AsyncIterable<Chunk>, onEvent: EventSink): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let head = '';
  let next = await iterator.next();
  while (!next.done && head.trim().length === 0) {
    head += decoder.write(toBuffer(next.value));
    next = await iterator.next();
  }
  const rest = remaining(iterator, next);
  const start = head.trimStart();
  if (/^\[\s*(?:[{\]]|$)/.test(start) || (start[0] === '{' && !isNdjson(head))) {
    await streamJson(head, rest, decoder, onEvent);
  } else {
    await streamLines(head, rest, decoder, onEvent);
  }
}

async function* remaining(
  iterator: AsyncIterator<Chunk>,
  current: IteratorResult<Chunk>,
): AsyncGenerator<Chunk> {
  let next = current;
  while (!next.done) {
    yield next.value;
    next = await iterator.next();
  }
}

function toBuffer(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** The first line is a whole JSON object that looks like one log event. */
function isNdjson(head: string): boolean {
  const newline = head.indexOf('\n');
  if (newline < 0) return false;
  const event = parseJson(head.slice(0, newline));
  return event !== undefined && messageOf(event) !== undefined;
}

async function streamLines(
  head: string,
  rest: AsyncIterable<Chunk>,
  decoder: StringDecoder,
  onEvent: EventSink,
): Promise<void> {
  let carry = head;
  const flush = (final: boolean) => {
    let start = 0;
    let newline = carry.indexOf('\n', start);
    while (newline >= 0) {
      emitLine(carry.slice(start, newline), onEvent);
      start = newline + 1;
      newline = carry.indexOf('\n', start);
    }
    carry = carry.slice(start);
    if (final && carry.length > 0) {
      emitLine(carry, onEvent);
      carry = '';
    }
  };
  flush(false);
  for await (const chunk of rest) {
    carry += decoder.write(toBuffer(chunk));
    flush(false);
  }
  carry += decoder.end();
  flush(true);
}

function emitLine(rawLine: string, onEvent: EventSink): void {
  const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  if (line.length === 0) return;
  if (line.charCodeAt(0) === 123 /* { */) {
    const message = messageOf(parseJson(line));
    if (message !== undefined) {
      onEvent(message);
      return;
    }
  }
  onEvent(line);
}

async function streamJson(
  head: string,
  rest: AsyncIterable<Chunk>,
  decoder: StringDecoder,
  onEvent: EventSink,
): Promise<void> {
  // Only the events are materialised; the enclosing array or object is never held whole.
  const paths = head.trimStart().startsWith('[') ? ['$.*'] : ['$.events.*', '$.results.*'];
  const parser = new JSONParser({ paths, keepStack: false });
  parser.onValue = ({ value }) => {
    const message = messageOf(value);
    if (message !== undefined) onEvent(message);
  };
  parser.write(head);
  for await (const chunk of rest) parser.write(decoder.write(toBuffer(chunk)));
  const tail = decoder.end();
  if (tail) parser.write(tail);
  if (!parser.isEnded) parser.end(); // the parser ends by itself after one complete top-level value
}

/** `message` (filter-log-events), `@message` (Insights export) or a `[{field, value}]` row (get-query-results). */
function messageOf(event: unknown): string | undefined {
  if (Array.isArray(event)) {
    const cell = event.find(
      (c) => c && typeof c === 'object' && (c as { field?: unknown }).field === '@message',
    );
    const value = (cell as { value?: unknown } | undefined)?.value;
    return typeof value === 'string' ? value : undefined;
  }
  if (!event || typeof event !== 'object') return undefined;
  const record = event as Record<string, unknown>;
  const message = record.message ?? record['@message'];
  return typeof message === 'string' ? message : undefined;
}
