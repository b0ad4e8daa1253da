import { StringDecoder } from 'node:string_decoder';
import { JSONParser } from '@streamparser/json';
import { parseJson } from '../json';

/**
 * Turns an exported execution log into a stream of log events, whatever its shape: plain lines (CloudWatch
 * export, `aws logs tail`), newline-delimited JSON events, the JSON that `aws logs filter-log-events` prints
 * (`{"events": [...]}`), a Logs Insights export (`[{"@message": …}]`) or `aws logs get-query-results` output
 * (`{"results": [[{"field", "value"}]]}`). Streams throughout: memory does not grow with the file.
 */

export type Chunk = Buffer | string;

interface EventSink {
  (message: string): void;
}

export async function forEachLogEvent(chunks: AsyncIterable<Chunk>, onEvent: EventSink): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let head = '';
  let next = await iterator.next();
  while (!next.done && head.trim().length === 0) {
    head += decoder.write(toBuffer(next.value));
    next = await iterator.next();
  }
  const rest = remaining(iterator, next);
  const first = head.trimStart()[0];
  if (first === '[' || (first === '{' && !isNdjson(head))) {
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
