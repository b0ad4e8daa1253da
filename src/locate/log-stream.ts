import { StringDecoder } from 'node:string_decoder';
import { JSONParser, TokenParserError, TokenizerError } from '@streamparser/json';
import { parseJson } from '../json';

/**
 * Reads an exported execution log, whatever its shape: plain lines (CloudWatch export, `aws logs tail`),
 * newline-delimited JSON events, the JSON that `aws logs filter-log-events` prints (`{"events": [...]}`), a Logs
 * Insights export (`[{"@message": …}]`) or `aws logs get-query-results` output (`{"results": [[{"field", "value"}]]}`).
 * Line-shaped input is handed on as byte ranges of the chunks it arrives in, never decoded here: the scanner decodes
 * only the lines it needs. Streams throughout: memory does not grow with the file.
 */

export type Chunk = Buffer | string;

export interface LogSink {
  /**
   * Complete lines in `buf[start, end)`, each ending with a newline (the last one at `end - 1`). The bytes are the
   * sink's only while the call runs: what must outlive it is copied.
   */
  lines(buf: Buffer, start: number, end: number): void;
  /** One event of a JSON export (its message, decoded). */
  event(message: string): void;
}

/** How much of the input decides its shape: enough for the first line of NDJSON, without holding a JSON export. */
const HEAD_LIMIT = 1 << 20;

/** `chunks` may reuse their memory: a chunk is read before the next one is asked for, or copied. */
export async function readLog(chunks: AsyncIterable<Chunk>, sink: LogSink): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let next = await iterator.next();
  while (!next.done) {
    const buf = Buffer.from(next.value);
    head.push(buf);
    headBytes += buf.length;
    next = await iterator.next();
    if (headBytes >= HEAD_LIMIT || (buf.includes(NEWLINE) && shapeIsDecided(head))) break;
  }
  const shape = shapeOf(Buffer.concat(head).toString('utf8'));
  const rest = remaining(head, iterator, next);
  if (shape === 'lines') await splitLines(rest, sink);
  else await streamJson(shape, rest, sink);
}

type Shape = 'lines' | 'json-array' | 'json-object';

/** The first line of content is complete (or the head holds nothing but whitespace so far). */
function shapeIsDecided(head: Buffer[]): boolean {
  const text = Buffer.concat(head).toString('utf8');
  const start = text.length - text.trimStart().length;
  return start < text.length && text.indexOf('\n', start) >= 0;
}

function shapeOf(head: string): Shape {
  const start = head.trimStart();
  if (JSON_ARRAY_START.test(start)) return 'json-array';
  if (start[0] === '{' && !isNdjson(head)) return 'json-object';
  return 'lines';
}

/**
 * A Logs Insights export: an array of objects (or an empty one). A plain line may start with a bracket too
 * (`[INFO] …`, `[2026-11-24 09:00:00] (id) …`), and is read as a line.
 */
const JSON_ARRAY_START = /^\[\s*(?:[{\]]|$)/;

/** The first line is a whole JSON object that looks like one log event. */
function isNdjson(head: string): boolean {
  const newline = head.indexOf('\n');
  if (newline < 0) return false;
  const event = parseJson(head.slice(0, newline));
  return event !== undefined && messageOf(event) !== undefined;
}

async function* remaining(
  head: Buffer[],
  iterator: AsyncIterator<Chunk>,
  current: IteratorResult<Chunk>,
): AsyncGenerator<Buffer> {
  yield* head;
  let next = current;
  while (!next.done) {
    yield toBuffer(next.value);
    next = await iterator.next();
  }
}

function toBuffer(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

const NEWLINE = 0x0a;

const NEWLINE_BYTES = Buffer.from('\n');

/**
 * The longest line kept whole: CloudWatch Logs' largest event is 256 KiB, and a JSON wrapper or escaping may double
 * it. A longer line is no log event; its first `MAX_LINE` bytes are kept and the rest passed over, so that memory
 * stays flat even on input with no newline in it.
 */
export const MAX_LINE = 1 << 20;

async function splitLines(chunks: AsyncIterable<Buffer>, sink: LogSink): Promise<void> {
  const carry = new Carry();
  for await (const buf of chunks) {
    let pos = 0;
    if (carry.bytes > 0) {
      const newline = buf.indexOf(NEWLINE);
      if (newline < 0) {
        carry.add(buf);
        continue;
      }
      const line = carry.end(buf.subarray(0, newline + 1));
      sink.lines(line, 0, line.length);
      pos = newline + 1;
    }
    const last = buf.lastIndexOf(NEWLINE);
    if (last >= pos) {
      sink.lines(buf, pos, last + 1);
      pos = last + 1;
    }
    if (pos < buf.length) carry.add(buf.subarray(pos));
  }
  if (carry.bytes > 0) {
    const line = carry.end(NEWLINE_BYTES);
    sink.lines(line, 0, line.length);
  }
}

/** The start of a line that goes on in the next chunk (copied: chunks may be reused), at most `MAX_LINE` bytes. */
class Carry {
  private parts: Buffer[] = [];
  bytes = 0;

  add(bytes: Buffer): void {
    const room = MAX_LINE - this.bytes;
    if (room > 0) this.parts.push(Buffer.from(bytes.subarray(0, room)));
    this.bytes += bytes.length;
  }

  /** The line, ended by `rest` (which holds its newline) and cut to `MAX_LINE` bytes before it. */
  end(rest: Buffer): Buffer {
    const room = Math.max(0, MAX_LINE - this.bytes);
    const line = Buffer.concat([
      ...this.parts,
      rest.subarray(0, Math.min(room, rest.length - 1)),
      NEWLINE_BYTES,
    ]);
    this.parts = [];
    this.bytes = 0;
    return line;
  }
}

/** The event a line stands for: a JSON line's message when it has one, else the line itself. */
export function eventOfLine(line: string): string {
  if (line.charCodeAt(0) === 123 /* { */) {
    const message = messageOf(parseJson(line));
    if (message !== undefined) return message;
  }
  return line;
}

/** A JSON export's event this long is no CloudWatch Logs event (at most 256 KiB), nor what encloses the events. */
export const MAX_EVENT_BYTES = 64 << 20;

/** A JSON export went on for more than `limit` bytes without an event ending. */
export class OversizedEventError extends Error {
  override readonly name = 'OversizedEventError';
  constructor(readonly limit: number) {
    super(`no event ended within ${limit} bytes`);
  }
}

/** The input looked like JSON and is not: what the JSON parser said. */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
}

async function streamJson(shape: Shape, chunks: AsyncIterable<Buffer>, sink: LogSink): Promise<void> {
  // Only the events are materialised; the enclosing array or object is never held whole.
  const paths = shape === 'json-array' ? ['$.*'] : ['$.events.*', '$.results.*'];
  const parser = new JSONParser({ paths, keepStack: false });
  let sinceEvent = 0;
  parser.onValue = ({ value }) => {
    sinceEvent = 0;
    const message = messageOf(value);
    if (message !== undefined) sink.event(message);
  };
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of chunks) {
      sinceEvent += chunk.length;
      // The parser holds the event it is reading: one that never ends would hold the whole input.
      if (sinceEvent > MAX_EVENT_BYTES) throw new OversizedEventError(MAX_EVENT_BYTES);
      parser.write(decoder.write(chunk));
    }
    const tail = decoder.end();
    if (tail) parser.write(tail);
    if (!parser.isEnded) parser.end(); // the parser ends by itself after one complete top-level value
  } catch (error) {
    if (isParserError(error)) throw new MalformedJsonError((error as Error).message);
    throw error;
  }
}

function isParserError(error: unknown): boolean {
  return (
    error instanceof TokenizerError ||
    error instanceof TokenParserError ||
    (error instanceof Error && error.message.startsWith('Parser ended in mid-parsing'))
  );
}

/** `message` (filter-log-events), `@message` (Insights export) or a `[{field, value}]` row (get-query-results). */
export function messageOf(event: unknown): string | undefined {
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
