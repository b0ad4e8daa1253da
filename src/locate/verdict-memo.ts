import type { CauseId } from '../evidence/types';
import { exportStampEnd } from './line-ids';

/**
 * Remembers how failed requests were counted, keyed by their trace with the request id and the export timestamps
 * taken out: the verdict depends only on the messages, so a trace seen before with another request id is not
 * classified again. Thousands of failures in an export are usually a handful of distinct traces.
 *
 * Keys are bytes, hashed as they are written: most failed requests repeat a trace seen before, and recognising one
 * must cost less than decoding it (a string key would be built and hashed again for every request).
 */

export interface Counted {
  cause: CauseId;
  /** The request id the tally shows. */
  requestId: string;
  /** The method the tally counts, if known. */
  method: string | undefined;
}

/** A trace's key: its bytes (valid until the next `keyOf`) and their hash. */
export interface TraceKey {
  readonly bytes: Buffer;
  readonly hash: number;
}

interface Remembered {
  readonly key: Buffer;
  readonly counted: Counted;
  /** Another trace with the same hash. */
  next: Remembered | undefined;
  /** Recalled since it was last passed over for forgetting (on the bucket's first entry). */
  recalled: boolean;
}

/** Stands for the request id in a key and in what is remembered; a trace holding it is not remembered. */
const ID = '\u0000';
const ID_BYTE = 0x00;
/** Stands for an export timestamp (`2017-06-05T17:52:57.701Z `) at the start of a line; likewise reserved. */
const TIMESTAMP_BYTE = 0x01;
/** Ends the status at the start of a key. */
const STATUS_END = 0x02;
const NEWLINE = 0x0a;
/** Only ids as API Gateway writes them: an id that could also be a word of a message is never taken out. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID_LENGTH = 36;
const MAX_KEY_LENGTH = 64 * 1024;
/** Bookkeeping counted per remembered trace, in bytes, besides its key. */
const ENTRY_COST = 64;
const GOLDEN = 0x9e3779b1;

export class VerdictMemo {
  /**
   * By hash, oldest first (a `Map` keeps insertion order). A bucket recalled since is moved to the end when it comes
   * up for forgetting (a second chance), not at every recall: moving costs a delete and an insert.
   */
  private readonly traces = new Map<number, Remembered>();
  private size = 0;
  /** Where keys are written; read four bytes at a time to hash them. */
  private readonly words = new Int32Array((MAX_KEY_LENGTH + 16) / 4);
  private readonly scratch = Buffer.from(this.words.buffer);
  /** The request id's bytes (ids kept out of keys are ASCII and of one length). */
  private readonly idBytes = Buffer.alloc(REQUEST_ID_LENGTH);

  /** `maxBytes`: the keys' total length at most (memory stays flat however many distinct traces there are). */
  constructor(private readonly maxBytes = 8 * 1024 * 1024) {}

  /**
   * The key of a trace: its status and its text as the classifier reads it (UTF-8, lines joined by newlines), with
   * the request id and the export timestamps that start lines (followed by more text) taken out; undefined when the
   * trace should not be remembered.
   */
  keyOf(id: string, status: number | undefined, text: Buffer): TraceKey | undefined {
    if (!REQUEST_ID.test(id) || text.length > MAX_KEY_LENGTH) return undefined;
    const scratch = this.scratch;
    let out = writeStatus(scratch, status);
    scratch[out++] = STATUS_END;
    const idBytes = this.idBytes;
    for (let i = 0; i < REQUEST_ID_LENGTH; i++) idBytes[i] = id.charCodeAt(i);
    let nextId = text.indexOf(idBytes);
    for (let pos = 0, lineStart = true; pos < text.length;) {
      if (lineStart) {
        lineStart = false;
        const stampEnd = exportStampEnd(text, pos, text.length);
        if (stampEnd >= 0 && stampEnd < text.length && text[stampEnd] !== NEWLINE) {
          scratch[out++] = TIMESTAMP_BYTE;
          pos = stampEnd;
          if (nextId >= 0 && nextId < pos) nextId = text.indexOf(idBytes, pos);
        }
      }
      if (pos === nextId) {
        scratch[out++] = ID_BYTE;
        pos += idBytes.length;
        nextId = text.indexOf(idBytes, pos);
        continue;
      }
      const stop = nextId >= 0 ? nextId : text.length;
      while (pos < stop) {
        const byte = text[pos++];
        scratch[out++] = byte;
        // One test for the common byte: newlines and the reserved bytes are all below it.
        if (byte <= NEWLINE) {
          if (byte === NEWLINE) {
            lineStart = true;
            break;
          }
          if (byte <= STATUS_END) return undefined;
        }
      }
    }
    return { bytes: scratch.subarray(0, out), hash: hashWords(this.words, scratch, out) };
  }

  recall(key: TraceKey, id: string): Counted | undefined {
    const bucket = this.traces.get(key.hash);
    let found = bucket;
    while (found && !found.key.equals(key.bytes)) found = found.next;
    if (!found) return undefined;
    (bucket as Remembered).recalled = true;
    const { counted } = found;
    return {
      cause: counted.cause,
      requestId: withId(counted.requestId, id),
      method: counted.method === undefined ? undefined : withId(counted.method, id),
    };
  }

  remember(key: TraceKey, id: string, counted: Counted): void {
    const bucket = this.traces.get(key.hash);
    const remembered: Remembered = {
      key: Buffer.from(key.bytes),
      counted: {
        cause: counted.cause,
        requestId: withoutId(counted.requestId, id),
        method: counted.method === undefined ? undefined : withoutId(counted.method, id),
      },
      next: bucket,
      recalled: bucket?.recalled ?? false,
    };
    this.traces.delete(key.hash);
    this.traces.set(key.hash, remembered);
    this.size += remembered.key.length + ENTRY_COST;
    this.forgetOldest();
  }

  private forgetOldest(): void {
    for (const [hash, bucket] of this.traces) {
      if (this.size <= this.maxBytes) return;
      this.traces.delete(hash);
      if (bucket.recalled) {
        // Iteration reaches it again at the end, where it is forgotten unless recalled once more.
        bucket.recalled = false;
        this.traces.set(hash, bucket);
        continue;
      }
      for (let r: Remembered | undefined = bucket; r; r = r.next) this.size -= r.key.length + ENTRY_COST;
    }
  }
}

/** Writes `String(status)` at the start of `out` and returns its length; a three-digit status without a string. */
function writeStatus(out: Buffer, status: number | undefined): number {
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 999)
    return out.write(String(status), 'latin1');
  out[0] = 0x30 + Math.floor(status / 100);
  out[1] = 0x30 + (Math.floor(status / 10) % 10);
  out[2] = 0x30 + (status % 10);
  return 3;
}

/**
 * A hash of the first `length` bytes of `bytes`, four at a time (`words` is the same memory): a key is hashed for
 * every failed request, most of them repeats.
 */
function hashWords(words: Int32Array, bytes: Uint8Array, length: number): number {
  let hash = length;
  const whole = length >> 2;
  for (let i = 0; i < whole; i++) {
    hash = Math.imul(hash ^ words[i], GOLDEN);
    hash ^= hash >>> 15;
  }
  for (let i = whole << 2; i < length; i++) hash = Math.imul(hash ^ bytes[i], GOLDEN);
  hash ^= hash >>> 15;
  // Kept to 30 bits: a small integer is a cheaper key for a Map than a heap number.
  return hash & 0x3fffffff;
}

function withoutId(text: string, id: string): string {
  return text.split(id).join(ID);
}

function withId(text: string, id: string): string {
  return text.includes(ID) ? text.split(ID).join(id) : text;
}
