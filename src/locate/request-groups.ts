import { requestIdOfLine } from '../evidence/log-lines';
import { requestIdInMessage } from '../evidence/trace';
import { MAX_LINE, eventOfLine, type LogSink } from './log-stream';
import {
  Finder,
  JSON_MESSAGE,
  TERMINAL,
  TERMINAL_BYTES,
  found,
  idStartAt,
  isDigit,
  isPlainId,
  readJsonLine,
  stampTailEnd,
  statusAt,
} from './line-ids';
import { IdTable } from './id-table';
import { OpenList, type Linked } from './open-list';

/**
 * Groups the lines of an exported execution log by request id. Lines of concurrent requests interleave, so requests
 * stay open until their terminal line (`Method completed with status: …`) or until they have been idle for a while;
 * the number of open requests is bounded, which keeps memory flat however large the file is.
 *
 * A line is read as bytes: its request id at the offset its wrapper puts it, its status when it is a terminal line.
 * A request keeps only where its lines are (ranges of the current chunk, copied out before the chunk is released);
 * requests that end below 400 are counted and dropped without their lines ever being decoded. Lines the byte reader
 * cannot judge are decoded and read by the same functions the line-by-line reader used, so the grouping is the same.
 */

export interface GroupingOptions {
  /** A request with no new line for this many lines is complete. */
  idleLines?: number;
  /** At most this many requests are held open at once; the longest idle is closed first. */
  maxOpenRequests?: number;
}

/** A request that ended at 400 or above, or without a status. */
export interface ClosedRequest {
  readonly id: string;
  /** From its terminal line; NaN when that line's status is not a number; undefined without a terminal line. */
  readonly status: number | undefined;
  /** Its events, decoded; only while the callback that was handed the request runs. */
  events(): string[];
  /**
   * Its lines as they were read, joined by newlines, for decoding elsewhere (`eventsOfLines`); undefined for the
   * events of a JSON export, which come decoded. Only while the callback runs.
   */
  rawLines(): Buffer | undefined;
}

export interface GroupCounts {
  /** Non-empty lines (events) read. */
  lines: number;
  /** Requests seen. */
  requests: number;
  /** Requests that ended below 400. */
  ok: number;
}

const UNKNOWN_REQUEST = '(no request id)';
/** `2026-11-24T09:00:`: an export timestamp up to its seconds. */
const STAMP_HEAD = 17;
/** Shorter lines are read by `idStartAt` alone (a timestamp, `(`, an id and `) ` take more). */
const MIN_STAMPED_LINE = 26;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;

class OpenRequest implements Linked<OpenRequest> {
  slot = -1;
  previous: OpenRequest | undefined = undefined;
  next: OpenRequest | undefined = undefined;
  listed = false;
  /** Its id is one `requestIdOfLine` takes as it stands, so a line's bytes that equal it are that id. */
  plain = false;
  lastLine = 0;
  status: number | undefined = undefined;
  /** Its lines copied out of released chunks, oldest first, each buffer holding lines joined by newlines. */
  saved: Buffer[] | undefined = undefined;
  /** `[start, end)` pairs of its lines in the current chunk. */
  ranges: number[] = [];
  /** Events of a JSON export. */
  events: string[] | undefined = undefined;

  /** Its id, when it was found by decoding; ids read from bytes are made strings only for failed requests. */
  constructor(public id: string | undefined) {}

  /** A closed request made new, its arrays kept: one opens every dozen lines, and each would be garbage. */
  reused(id: string | undefined): this {
    this.id = id;
    this.slot = -1;
    this.plain = false;
    this.lastLine = 0;
    this.status = undefined;
    return this;
  }
}

/** Closed requests kept for reuse, at most. */
const SPARE_REQUESTS = 256;

export class RequestGroups implements LogSink {
  private readonly ids = new IdTable<OpenRequest>();
  /** Open requests in the order they were first seen: closing goes in this order. */
  private readonly open = new OpenList<OpenRequest>();
  /** Requests with lines in the current chunk. */
  private readonly touched: OpenRequest[] = [];
  /** Requests closed in the current chunk (reusable once it is released, when `touched` no longer holds them). */
  private readonly closedInChunk: OpenRequest[] = [];
  private readonly spare: OpenRequest[] = [];
  private readonly idleLines: number;
  private readonly maxOpen: number;
  private readonly terminal = new Finder(TERMINAL_BYTES);
  private readonly closeParen = new Finder(CLOSE_PAREN);
  private readonly openParen = new Finder(OPEN_PAREN);
  private readonly requestColon = new Finder(Buffer.from('request: '));
  private chunk: Buffer | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private last: OpenRequest | undefined;
  /** The first 17 bytes of the last export timestamp read in full: four words and a byte (-1: none yet). */
  private readonly stampHead = new Int32Array([0, 0, 0, 0, -1]);
  /** Length of the last id read in full. */
  private idLength = 36;
  private readonly counts: GroupCounts = { lines: 0, requests: 0, ok: 0 };

  constructor(
    private readonly onClosed: (request: ClosedRequest) => void,
    options: GroupingOptions = {},
  ) {
    this.idleLines = options.idleLines ?? 20_000;
    this.maxOpen = options.maxOpenRequests ?? 10_000;
  }

  lines(buf: Buffer, start: number, end: number): void {
    this.chunk = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    this.split(buf, start, end);
    this.release(buf);
    this.chunk = undefined;
  }

  /** The hot loop, alone in its function: optimised code for it never meets code that has not run yet. */
  private split(buf: Buffer, start: number, end: number): void {
    let pos = start;
    while (pos < end) {
      const newline = buf.indexOf(NEWLINE, pos);
      const lineEnd = newline > pos && buf[newline - 1] === CR ? newline - 1 : newline;
      if (lineEnd > pos) this.line(buf, pos, Math.min(lineEnd, pos + MAX_LINE));
      pos = newline + 1;
    }
  }

  event(message: string): void {
    const request = this.requestOf(message);
    (request.events ??= []).push(message);
    this.advanceDecoded(request, message);
  }

  /** Closes every request still open, in the order they were first seen. */
  finish(): GroupCounts {
    for (const request of this.open.toArray()) this.close(request);
    return { ...this.counts };
  }

  private line(buf: Buffer, start: number, end: number): void {
    let from = start;
    let to = end;
    if (buf[start] === 0x7b /* { */) {
      if (readJsonLine(buf, start, end) !== JSON_MESSAGE) return this.decodedLine(buf, start, end);
      from = found.messageStart;
      to = found.messageEnd;
    }
    let request: OpenRequest | undefined;
    const idStart = this.idStart(buf, from, to);
    if (idStart >= 0) {
      request = this.knownId(buf, idStart, to) ?? this.newId(buf, idStart, to);
      if (!request) return this.decodedLine(buf, start, end);
    } else if (this.openParen.find(buf, from, to) >= 0 || this.requestColon.find(buf, from, to) >= 0) {
      // The id may stand after another wrapper or inside the message: only the decoded line tells.
      return this.decodedLine(buf, start, end);
    }
    let status: number | undefined;
    const terminal = this.terminal.find(buf, from, to);
    if (terminal >= 0) {
      status = statusAt(buf, terminal + TERMINAL.length, to);
      if (status === undefined) return this.decodedLine(buf, start, end);
    }
    request ??= this.withoutId();
    if (request.ranges.length === 0) this.touched.push(request);
    request.ranges.push(start, end);
    this.advance(request, terminal >= 0, status);
  }

  /**
   * Where the id starts (`idStartAt`). Lines of an export come in time order, so a line's timestamp nearly always
   * starts as the last one read in full did (`2026-11-24T09:00:`): those 17 bytes are compared as they stand, and
   * only the seconds and what follows them are read.
   */
  private idStart(buf: Buffer, from: number, to: number): number {
    const view = this.view;
    const head = this.stampHead;
    if (
      to - from > MIN_STAMPED_LINE &&
      view.getInt32(from, true) === head[0] &&
      view.getInt32(from + 4, true) === head[1] &&
      view.getInt32(from + 8, true) === head[2] &&
      view.getInt32(from + 12, true) === head[3] &&
      buf[from + 16] === head[4] &&
      isDigit(buf[from + 17]) &&
      isDigit(buf[from + 18])
    ) {
      const stampEnd = stampTailEnd(buf, from + STAMP_HEAD + 2, to);
      return stampEnd >= 0 && stampEnd < to && buf[stampEnd] === OPEN_PAREN ? stampEnd + 1 : -1;
    }
    const idStart = idStartAt(buf, from, to);
    if (idStart > from + 1 && to - from > MIN_STAMPED_LINE) {
      // The line started with a timestamp that was read in full.
      for (let k = 0; k < 4; k++) head[k] = view.getInt32(from + 4 * k, true);
      head[4] = buf[from + STAMP_HEAD - 1];
    }
    return idStart;
  }

  /**
   * The open request whose id the line starts with, guessing the id is as long as the last one read (ids in an export
   * are nearly always the same length). Its bytes equal a plain id, which holds no parenthesis, so the `)` after them
   * is the first one in the line, as `requestIdOfLine` requires.
   */
  private knownId(buf: Buffer, idStart: number, to: number): OpenRequest | undefined {
    const close = idStart + this.idLength;
    if (close + 1 >= to || buf[close] !== CLOSE_PAREN || buf[close + 1] !== SPACE) return undefined;
    const request = this.ids.find(this.view, buf, idStart, close);
    return request?.plain ? request : undefined;
  }

  /** The id after `(` read in full: an open request, a new one, or undefined when only decoding can tell. */
  private newId(buf: Buffer, idStart: number, to: number): OpenRequest | undefined {
    const close = this.idEnd(buf, idStart, to);
    if (close < 0 || close + 1 >= to || buf[close + 1] !== SPACE) return undefined;
    this.idLength = close - idStart;
    const request = this.ids.find(this.view, buf, idStart, close);
    if (request) return request.plain ? request : undefined;
    if (!isPlainId(buf, idStart, close)) return undefined;
    return this.openRequest(undefined, this.view, buf, idStart, close, true);
  }

  /**
   * Where the first `)` after the id's start is: where the last id ended when a plain id of that length stands
   * there (it holds no parenthesis), else wherever a search finds it.
   */
  private idEnd(buf: Buffer, idStart: number, to: number): number {
    const guess = idStart + this.idLength;
    if (guess < to && buf[guess] === CLOSE_PAREN && isPlainId(buf, idStart, guess)) return guess;
    return this.closeParen.find(buf, idStart, to);
  }

  /** A line the byte reader could not judge: decoded and read exactly as the line-by-line scanner did. */
  private decodedLine(buf: Buffer, start: number, end: number): void {
    const event = eventOfLine(buf.toString('utf8', start, end));
    const request = this.requestOf(event);
    if (request.ranges.length === 0) this.touched.push(request);
    request.ranges.push(start, end);
    this.advanceDecoded(request, event);
  }

  /** The request a decoded event belongs to, read as the line-by-line scanner read it. */
  private requestOf(event: string): OpenRequest {
    return this.byId(requestIdOfLine(event) ?? requestIdInMessage(event));
  }

  private advanceDecoded(request: OpenRequest, event: string): void {
    const terminal = event.indexOf(TERMINAL);
    this.advance(request, terminal >= 0, terminal >= 0 ? statusOf(event, terminal) : undefined);
  }

  private advance(request: OpenRequest, terminal: boolean, status: number | undefined): void {
    const lineNo = ++this.counts.lines;
    request.lastLine = lineNo;
    this.last = request;
    if (terminal) {
      request.status = status;
      this.close(request);
    }
    if ((lineNo & 1023) === 0 || this.open.size > this.maxOpen) this.closeIdle();
  }

  /** The chunk is about to go: the lines of requests still open are copied out, one buffer per request. */
  private release(chunk: Buffer): void {
    for (const request of this.touched) {
      const { ranges } = request;
      if (ranges.length === 0) continue;
      let size = ranges.length / 2 - 1;
      for (let i = 0; i < ranges.length; i += 2) size += ranges[i + 1] - ranges[i];
      const copy = Buffer.allocUnsafe(size);
      let at = 0;
      for (let i = 0; i < ranges.length; i += 2) {
        if (i > 0) copy[at++] = NEWLINE;
        at += chunk.copy(copy, at, ranges[i], ranges[i + 1]);
      }
      (request.saved ??= []).push(copy);
      ranges.length = 0;
    }
    this.touched.length = 0;
    for (const request of this.closedInChunk) this.keepSpare(request);
    this.closedInChunk.length = 0;
  }

  private keepSpare(request: OpenRequest): void {
    if (this.spare.length < SPARE_REQUESTS) this.spare.push(request);
  }

  private withoutId(): OpenRequest {
    return this.last ?? this.byId(UNKNOWN_REQUEST);
  }

  private byId(id: string | undefined): OpenRequest {
    if (id === undefined) return this.withoutId();
    const bytes = Buffer.from(id, 'utf8');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return (
      this.ids.find(view, bytes, 0, bytes.length) ??
      this.openRequest(id, view, bytes, 0, bytes.length, isPlainId(bytes, 0, bytes.length))
    );
  }

  private openRequest(
    id: string | undefined,
    view: DataView,
    buf: Uint8Array,
    start: number,
    end: number,
    plain: boolean,
  ): OpenRequest {
    const request = this.spare.pop()?.reused(id) ?? new OpenRequest(id);
    request.slot = this.ids.add(view, buf, start, end, request);
    request.plain = plain;
    this.open.add(request);
    this.counts.requests++;
    return request;
  }

  /** Closes requests idle for too long, and the longest idle ones while too many are open. */
  private closeIdle(): void {
    const idleBefore = this.counts.lines - this.idleLines;
    for (let request = this.open.first; request;) {
      const next = request.next;
      if (request.lastLine <= idleBefore) this.close(request);
      request = next;
    }
    if (this.open.size <= this.maxOpen) return;
    const byAge = this.open.toArray().sort((a, b) => a.lastLine - b.lastLine);
    for (const request of byAge.slice(0, this.open.size - Math.floor(this.maxOpen * 0.9)))
      this.close(request);
  }

  private close(request: OpenRequest): void {
    if (!this.open.delete(request)) return;
    const { slot } = request;
    if (this.last === request) this.last = undefined;
    const { status } = request;
    if (status !== undefined && status < 400) {
      this.counts.ok++;
    } else {
      this.onClosed({
        id: request.id ?? this.ids.text(slot),
        status,
        events: () => this.eventsOf(request),
        rawLines: () => this.rawLinesOf(request),
      });
    }
    this.ids.remove(slot);
    request.ranges.length = 0;
    request.saved = undefined;
    request.events = undefined;
    if (this.chunk) this.closedInChunk.push(request);
    else this.keepSpare(request);
  }

  private eventsOf(request: OpenRequest): string[] {
    return request.events ?? eventsOfLines(this.rawLinesOf(request) as Buffer);
  }

  private rawLinesOf(request: OpenRequest): Buffer | undefined {
    if (request.events) return undefined;
    const parts: Buffer[] = [];
    for (const copy of request.saved ?? []) parts.push(copy, NEWLINE_BYTES);
    const { ranges } = request;
    const chunk = this.chunk;
    for (let i = 0; i < ranges.length && chunk; i += 2)
      parts.push(chunk.subarray(ranges[i], ranges[i + 1]), NEWLINE_BYTES);
    parts.pop();
    return Buffer.concat(parts);
  }
}

const NEWLINE_BYTES = Buffer.from('\n');

/** The events of lines joined by newlines, each decoded and read as the line-by-line scanner read it. */
export function eventsOfLines(lines: Uint8Array): string[] {
  const text = Buffer.from(lines.buffer, lines.byteOffset, lines.length).toString('utf8');
  return text.split('\n').map(eventOfLine);
}

/** `Number` of the three characters after the marker, as the line-by-line scanner read it. */
function statusOf(event: string, terminal: number): number {
  const at = terminal + TERMINAL.length;
  return Number(event.slice(at, at + 3));
}
