import { TokenParser, TokenType, Tokenizer, TokenizerError, type ParsedTokenInfo } from '@streamparser/json';
import { InputError } from '../errors';
import { msg, typed, type Message, type Text } from '../text';

/**
 * Where and how a JSON input breaks, in words a person can act on ("it ends inside an array, at line 1, column 98")
 * instead of a parser's wording ("Parser ended in mid-parsing (state: VALUE)"). Found with the same streaming
 * parser `scan --file` reads exports with, on the error path only, so memory stays flat on a whole export too.
 */

type Container = 'object' | 'array';

export interface JsonFault {
  /** What is wrong, as words (the problem alone: the caller names the input). */
  problem: Message;
  /**
   * What to do when it is not fixing the JSON at that place: take the input again when it was cut short, give one
   * document when several follow each other.
   */
  hint?: Message;
}

const CUT_SHORT = msg('input.json.cut-short.hint');

/** The refusal of JSON input that does not parse: what is wrong and where, and what to give instead. */
export function jsonRefusal(source: string, fault: JsonFault | undefined, fix: Text): InputError {
  if (!fault) return new InputError(msg('cli.evidence.bad-json', { source }), fix);
  return new InputError(msg('input.json.bad', { source, problem: fault.problem }), fault.hint ?? fix);
}

/**
 * What can be said of JSON read from standard input once the parser has failed (it cannot be read again): whether it
 * ended too soon, from the parser's own words, and otherwise how to learn where it breaks.
 */
export function streamedJsonFault(parserMessage: string): JsonFault {
  return /\bended\b/.test(parserMessage)
    ? { problem: msg('input.json.ends-early'), hint: CUT_SHORT }
    : { problem: msg('input.json.somewhere'), hint: msg('input.json.somewhere.hint') };
}

type Seen = ParsedTokenInfo;

/** Reads JSON text chunk by chunk; the fault it finds, or undefined when the text is valid JSON. */
export async function findJsonFault(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<JsonFault | undefined> {
  const tracker = new Tracker();
  try {
    for await (const chunk of chunks) tracker.write(chunk);
    return tracker.end();
  } catch (error) {
    if (error instanceof Fault) return error.fault;
    throw error;
  }
}

/** A fault, thrown out of the tokenizer's callbacks. */
class Fault extends Error {
  constructor(readonly fault: JsonFault) {
    super('JSON fault');
  }
}

class Tracker {
  private readonly tokenizer = new Tokenizer();
  // No path is selected: every value is dropped as soon as it is complete, so memory does not grow with the input.
  private readonly parser = new TokenParser({ paths: [], keepStack: false });
  private readonly open: Container[] = [];
  private readonly lines = new LineIndex();
  /** The last two tokens accepted, newest last. */
  private seen: Seen[] = [];
  /** A control character inside a string, which is a fault unless nothing but blank space follows it. */
  private stray: JsonFault | undefined;

  constructor() {
    this.tokenizer.onToken = (token) => this.token(token);
  }

  write(chunk: Buffer): void {
    this.lines.add(chunk);
    if (this.stray) {
      if (!isBlank(chunk)) throw new Fault(this.stray);
      return;
    }
    try {
      this.tokenizer.write(chunk);
    } catch (error) {
      if (!(error instanceof TokenizerError)) throw error;
      const at = Number(/absolute position "(\d+)"/.exec(error.message)?.[1] ?? Number.NaN);
      const found = Number.isNaN(at) ? undefined : this.lines.charAt(at);
      if (this.parser.isEnded) throw this.fault('input.json.after-end', found ?? '…', at, SEVERAL);
      const inString = /in state STRING/.test(error.message);
      if (found === undefined || found >= ' ' || !inString)
        throw this.fault('input.json.unexpected', found === undefined ? '…' : escapedControl(found), at);
      // A line break inside a string: the string was cut short when only blank space follows, else it is unescaped.
      this.stray = {
        problem: msg('input.json.control-character', {
          kind: found === '\n' ? 'newline' : found === '\t' ? 'tab' : 'other',
          escape: escapedControl(found),
          where: this.lines.where(at),
        }),
      };
      if (!isBlank(chunk.subarray(at - this.lines.startOf(chunk) + 1))) throw new Fault(this.stray);
    }
  }

  end(): JsonFault | undefined {
    const end = this.lines.size;
    if (this.stray) return this.endsInside('string', end);
    try {
      this.tokenizer.end();
    } catch (error) {
      if (!(error instanceof TokenizerError)) throw error;
      const inside = /state: STRING/.test(error.message) ? 'string' : 'value';
      return this.endsInside(inside, end);
    }
    if (this.parser.isEnded) return undefined;
    if (this.seen.length === 0) return { problem: msg('input.json.nothing') };
    return this.endsInside(this.open.at(-1) ?? 'value', end);
  }

  private endsInside(inside: string, end: number): JsonFault {
    const problem = msg('input.json.ends-inside', { inside, where: this.lines.where(end) });
    return { problem, hint: CUT_SHORT };
  }

  private token(token: Seen): void {
    if (this.parser.isEnded) throw this.fault('input.json.after-end', written(token), token.offset, SEVERAL);
    try {
      this.parser.write(token);
    } catch {
      throw this.fault(this.mistake(token), written(token), token.offset);
    }
    if (token.token === TokenType.LEFT_BRACE) this.open.push('object');
    else if (token.token === TokenType.LEFT_BRACKET) this.open.push('array');
    else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET)
      this.open.pop();
    this.seen = [...this.seen.slice(-1), token];
  }

  /** The usual slips by name (a trailing comma, a missing comma or colon); anything else is "unexpected". */
  private mistake(token: Seen): Message['id'] {
    const [before, last] = this.seen.length === 2 ? this.seen : [undefined, this.seen[0]];
    const closing = token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET;
    if (closing && last?.token === TokenType.COMMA) return 'input.json.trailing-comma';
    if (last === undefined || !ENDS_VALUE.has(last.token) || !STARTS_VALUE.has(token.token))
      return 'input.json.unexpected';
    const key =
      this.open.at(-1) === 'object' &&
      last.token === TokenType.STRING &&
      (before?.token === TokenType.LEFT_BRACE || before?.token === TokenType.COMMA);
    return key ? 'input.json.missing-colon' : 'input.json.missing-comma';
  }

  private fault(id: Message['id'], found: string, offset: number, hint?: Message): Fault {
    return new Fault({ problem: msg(id, { found: typed(found), where: this.lines.where(offset) }), hint });
  }
}

const SEVERAL = msg('input.json.several.hint');

const ENDS_VALUE = new Set([
  TokenType.STRING,
  TokenType.NUMBER,
  TokenType.TRUE,
  TokenType.FALSE,
  TokenType.NULL,
  TokenType.RIGHT_BRACE,
  TokenType.RIGHT_BRACKET,
]);

const STARTS_VALUE = new Set([
  TokenType.STRING,
  TokenType.NUMBER,
  TokenType.TRUE,
  TokenType.FALSE,
  TokenType.NULL,
  TokenType.LEFT_BRACE,
  TokenType.LEFT_BRACKET,
]);

/** A token as it was written (a string without its quotes, which quoting it back adds), short enough to quote. */
function written(token: Seen): string {
  const text = String(token.value ?? TokenType[token.token]);
  return text.length > 24 ? `${text.slice(0, 20)}…` : text;
}

/** A character as JSON escapes it when it is a control character (`\\n`, `\\u0001`), else itself. */
function escapedControl(char: string): string {
  return char < ' ' ? JSON.stringify(char).slice(1, -1) : char;
}

function isBlank(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09);
}

/** Chunks held for placing a fault: a token that began further back is placed by its byte offset alone. */
const HELD_BYTES = 4 << 20;

interface Held {
  buf: Buffer;
  /** Byte offset of the chunk's first byte in the input. */
  start: number;
  /** Line (from 1) and column (characters before it on its line) of the chunk's first byte. */
  line: number;
  column: number;
}

/**
 * Line and column of a byte offset, as an editor shows them (columns count characters, not bytes). Lines are counted
 * as chunks arrive; the last few MiB are held to place a fault in them.
 */
class LineIndex {
  private held: Held[] = [];
  size = 0;
  private line = 1;
  private column = 0;

  add(buf: Buffer): void {
    this.held.push({ buf, start: this.size, line: this.line, column: this.column });
    this.size += buf.length;
    const { lines, column } = placeIn(buf, buf.length);
    this.line += lines;
    this.column = lines > 0 ? column : this.column + column;
    while (this.held.length > 2 && this.size - this.held[1].start > HELD_BYTES) this.held.shift();
  }

  where(offset: number): Message {
    const held = this.chunkAt(offset, true);
    if (!held) return msg('input.json.at-byte', { offset: Math.max(0, offset) });
    const { lines, column } = placeIn(held.buf, offset - held.start);
    return msg('input.json.at-line', {
      line: held.line + lines,
      column: (lines > 0 ? column : held.column + column) + 1,
    });
  }

  /** The character at a byte offset. */
  charAt(offset: number): string | undefined {
    const held = this.chunkAt(offset, false);
    if (!held) return undefined;
    const at = offset - held.start;
    return [...held.buf.subarray(at, at + 4).toString('utf8')][0];
  }

  /** The byte offset at which a held chunk starts. */
  startOf(buf: Buffer): number {
    return this.held.find((held) => held.buf === buf)?.start ?? 0;
  }

  private chunkAt(offset: number, orEnd: boolean): Held | undefined {
    if (Number.isNaN(offset)) return undefined;
    return this.held.find((held) => {
      const end = held.start + held.buf.length;
      return offset >= held.start && (offset < end || (orEnd && offset === end && end === this.size));
    });
  }
}

/** In `buf[0, end)`: how many line breaks, and how many characters follow the last (or all, with none). */
function placeIn(buf: Buffer, end: number): { lines: number; column: number } {
  let lines = 0;
  let lineStart = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) {
    lines++;
    lineStart = i + 1;
  }
  let column = 0;
  // A character is counted at its first byte: a UTF-8 continuation byte has 0b10 as its top two bits.
  for (let i = lineStart; i < end; i++) if ((buf[i] & 0xc0) !== 0x80) column++;
  return { lines, column };
}
