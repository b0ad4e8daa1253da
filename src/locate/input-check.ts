import { isUtf8 } from 'node:buffer';
import { MESSAGE_HEADS } from '../evidence/log-lines';
import { msg, type Message } from '../text';

/**
 * Is the input text, and does it hold anything API Gateway writes? Binary junk, a compressed file that was not
 * recognised as such, UTF-16, or a log of some other program must be refused with a clear line, not "scanned" into
 * "no failed requests".
 */

/** The input is not an execution log: `problem` says what it is instead (binary data, not UTF-8, empty, …). */
export class NotALogError extends Error {
  override readonly name = 'NotALogError';
  constructor(
    readonly source: string,
    readonly problem: Message,
  ) {
    super(`${source} is not an execution log (${problem.id})`);
  }
}

/** How much of the start of the input is judged as a whole. */
const SAMPLE_BYTES = 64 * 1024;

/** Invalid UTF-8 tolerated: a few damaged characters in a paste, not a binary file. */
function tolerance(bytes: number): number {
  return 8 + bytes / 100;
}

const MAGIC: Array<[string, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['utf16', [0xff, 0xfe]],
  ['utf16', [0xfe, 0xff]],
];

/** A compressed or non-UTF-8 format the input starts like, by its magic bytes. */
function knownFormat(start: Buffer): Message | undefined {
  for (const [name, bytes] of MAGIC) {
    if (start.length >= bytes.length && bytes.every((b, i) => start[i] === b)) {
      if (name !== 'bzip2' || (start[3] >= 0x31 && start[3] <= 0x39))
        return msg('input.format', { format: name });
    }
  }
  return undefined;
}

const nulByte = (at: number) => msg('input.nul-byte', { at });
const notUtf8 = (invalid: number, bytes: number) => msg('input.not-utf8', { invalid, bytes });

/** What is wrong with the start of an input as text, or undefined when it is text. */
export function describeNonText(sample: Buffer): Message | undefined {
  const format = knownFormat(sample);
  if (format) return format;
  const nul = sample.indexOf(0);
  if (nul >= 0) return nulByte(nul);
  const invalid = countInvalidUtf8(sample, 0, completeEnd(sample));
  if (invalid > tolerance(sample.length)) return notUtf8(invalid, sample.length);
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  if (controls > tolerance(sample.length)) return msg('input.control-characters', { count: controls });
  return undefined;
}

/** Control characters no text log holds; tab, newlines, form feed and escape (terminal colours) are text. */
function isControl(b: number): boolean {
  return (
    (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) ||
    b === 0x7f
  );
}

/**
 * Checks an input as it streams by: the first 64 KiB as a whole, then every chunk for NUL bytes and invalid UTF-8
 * (beyond the tolerance), and whether anything API Gateway writes was seen at all. Returns a problem, or undefined.
 */
export class TextGuard {
  private seen = 0;
  private invalid = 0;
  private sample: Buffer[] | undefined = [];
  private sampleBytes = 0;
  /** An incomplete UTF-8 sequence at the end of the previous chunk. */
  private tail: Buffer | undefined;
  private recognised = false;

  check(buf: Buffer): Message | undefined {
    const format = this.seen === 0 ? knownFormat(buf) : undefined;
    if (format) return format;
    const sample = this.takeSample(buf);
    if (sample) return sample;
    const nul = buf.indexOf(0);
    if (nul >= 0) return nulByte(this.seen + nul);
    this.countInvalid(buf);
    this.seen += buf.length;
    if (!this.recognised) this.recognised = GATEWAY_MARKER_BYTES.some((marker) => buf.includes(marker));
    if (this.invalid > tolerance(this.seen)) return notUtf8(this.invalid, this.seen);
    return undefined;
  }

  /** After the last chunk: what is wrong with the input as a whole, if anything. */
  end(): Message | undefined {
    if (this.sample) {
      const problem = describeNonText(Buffer.concat(this.sample));
      this.sample = undefined;
      if (problem) return problem;
    }
    if (this.tail) this.invalid += countInvalidUtf8(this.tail, 0, this.tail.length);
    if (this.invalid > tolerance(this.seen)) return notUtf8(this.invalid, this.seen);
    if (this.seen === 0) return msg('input.empty');
    if (!this.recognised) return msg('input.not-a-log');
    return undefined;
  }

  private takeSample(buf: Buffer): Message | undefined {
    if (!this.sample) return undefined;
    this.sample.push(Buffer.from(buf.subarray(0, SAMPLE_BYTES - this.sampleBytes)));
    this.sampleBytes += buf.length;
    if (this.sampleBytes < SAMPLE_BYTES) return undefined;
    const sample = Buffer.concat(this.sample).subarray(0, SAMPLE_BYTES);
    this.sample = undefined;
    return describeNonText(sample);
  }

  private countInvalid(buf: Buffer): void {
    let start = 0;
    if (this.tail) {
      let k = 0;
      while (k < 3 && k < buf.length && (buf[k] & 0xc0) === 0x80) k++;
      const joined = Buffer.concat([this.tail, buf.subarray(0, k)]);
      this.invalid += countInvalidUtf8(joined, 0, joined.length);
      this.tail = undefined;
      start = k;
    }
    const end = completeEnd(buf, start);
    if (end < buf.length) this.tail = Buffer.from(buf.subarray(end));
    if (!isUtf8(buf.subarray(start, end))) this.invalid += countInvalidUtf8(buf, start, end);
  }
}

/** The end of `buf` without an incomplete UTF-8 sequence it may finish with (the rest comes in the next chunk). */
function completeEnd(buf: Buffer, start = 0): number {
  for (let i = buf.length - 1; i >= Math.max(start, buf.length - 3); i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return buf.length;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return buf.length - i < needed ? i : buf.length;
  }
  return buf.length;
}

/** Invalid UTF-8 sequences in `buf[start, end)`, each counted once (a stray byte, a cut or overlong sequence). */
export function countInvalidUtf8(buf: Buffer, start: number, end: number): number {
  let invalid = 0;
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= end;
    for (let k = 1; ok && k < length; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok && length === 3) ok = !(b === 0xe0 && buf[i + 1] < 0xa0) && !(b === 0xed && buf[i + 1] > 0x9f);
    if (ok && length === 4) ok = !(b === 0xf0 && buf[i + 1] < 0x90) && !(b === 0xf4 && buf[i + 1] > 0x8f);
    if (ok) {
      i += length;
    } else {
      invalid++;
      i++;
      while (i < end && (buf[i] & 0xc0) === 0x80) i++;
    }
  }
  return invalid;
}

/**
 * Fragments of what API Gateway writes: the heads of execution-log messages (domain.md §6.4, §6.5), a few other
 * fragments of its log lines, and the answers a client sees. Their presence is what tells an execution log or a
 * pasted response from any other text; reading them is the parsers' job (src/evidence), this list only recognises
 * them.
 */
const GATEWAY_MARKERS = [
  ...MESSAGE_HEADS.map((head) => head.replace(/:?\s*$/, '')),
  'Authorizer error',
  'is not authorized to perform: execute-api:Invoke',
  'Execution log for request',
  'requires API Key',
  'X-ray Tracing ID',
  'Missing Authentication Token',
  'User is not authorized to access this resource',
  'x-amzn-ErrorType',
  'x-amzn-RequestId',
  'Unauthorized',
  'Forbidden',
];

const GATEWAY_MARKER_BYTES = GATEWAY_MARKERS.map((marker) => Buffer.from(marker));

/** True when the text holds anything API Gateway writes. */
export function mentionsApiGateway(text: string): boolean {
  return GATEWAY_MARKERS.some((marker) => text.includes(marker));
}
