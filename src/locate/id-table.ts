/**
 * Open requests by the bytes of their id, looked up straight from a line's bytes: no string is made per line. Ids
 * live in fixed slots of one byte arena (an id read from a line is at most 99 bytes) and are compared four bytes at
 * a time; the hash table is typed arrays (bucket heads, chains), not a Map, because it is consulted for every line.
 */

const SLOT = 128;

export class IdTable<T> {
  private bytes: Uint8Array = new Uint8Array(SLOT * 1024);
  private view: DataView = new DataView(this.bytes.buffer);
  private lengths: Int32Array = new Int32Array(1024);
  private hashes: Int32Array = new Int32Array(1024);
  private next: Int32Array = new Int32Array(1024);
  private values: Array<T | undefined> = new Array(1024);
  /** Ids too long for a slot (found by decoding, rare). */
  private readonly long = new Map<number, Buffer>();
  private readonly free: number[] = [];
  private used = 0;
  private count = 0;
  private mask = 4095;
  private heads: Int32Array = new Int32Array(4096).fill(-1);

  /** The value stored under `buf[start, end)`, seen through `view` (a DataView of `buf`). */
  find(view: DataView, buf: Uint8Array, start: number, end: number): T | undefined {
    const hash = hashOf(view, buf, start, end);
    for (let slot = this.heads[hash & this.mask]; slot >= 0; slot = this.next[slot]) {
      if (this.hashes[slot] === hash && this.equals(slot, view, buf, start, end)) return this.values[slot];
    }
    return undefined;
  }

  /** Stores `value` under `buf[start, end)`; returns the slot, to remove it by. */
  add(view: DataView, buf: Uint8Array, start: number, end: number, value: T): number {
    const slot = this.free.pop() ?? this.grow();
    const length = end - start;
    this.lengths[slot] = length;
    if (length <= SLOT) {
      const base = slot * SLOT;
      for (let k = 0; k < length; k++) this.bytes[base + k] = buf[start + k];
    } else {
      this.long.set(slot, Buffer.from(buf.subarray(start, end)));
    }
    this.values[slot] = value;
    const hash = hashOf(view, buf, start, end);
    this.hashes[slot] = hash;
    this.next[slot] = this.heads[hash & this.mask];
    this.heads[hash & this.mask] = slot;
    if (++this.count * 2 > this.mask) this.rehash();
    return slot;
  }

  /** The id in a slot as text, each byte one character (ids read from bytes are ASCII). */
  text(slot: number): string {
    const length = this.lengths[slot];
    if (length > SLOT) return (this.long.get(slot) as Buffer).toString('utf8');
    return Buffer.from(this.bytes.buffer, slot * SLOT, length).toString('latin1');
  }

  remove(slot: number): void {
    const bucket = this.hashes[slot] & this.mask;
    let at = this.heads[bucket];
    if (at === slot) {
      this.heads[bucket] = this.next[slot];
    } else {
      while (at >= 0 && this.next[at] !== slot) at = this.next[at];
      if (at >= 0) this.next[at] = this.next[slot];
    }
    if (this.lengths[slot] > SLOT) this.long.delete(slot);
    this.values[slot] = undefined;
    this.free.push(slot);
    this.count--;
  }

  private equals(slot: number, view: DataView, buf: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.lengths[slot] !== length) return false;
    if (length > SLOT) return (this.long.get(slot) as Buffer).equals(buf.subarray(start, end));
    const base = slot * SLOT;
    const own = this.view;
    let k = 0;
    for (; k + 4 <= length; k += 4)
      if (own.getInt32(base + k, true) !== view.getInt32(start + k, true)) return false;
    for (; k < length; k++) if (this.bytes[base + k] !== buf[start + k]) return false;
    return true;
  }

  private grow(): number {
    if (this.used === this.lengths.length) {
      const size = this.lengths.length * 2;
      const bytes = new Uint8Array(size * SLOT);
      bytes.set(this.bytes);
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer);
      this.lengths = copied(this.lengths, size);
      this.hashes = copied(this.hashes, size);
      this.next = copied(this.next, size);
      this.values.length = size;
    }
    return this.used++;
  }

  /** Twice the buckets once the table is half full, so that chains stay short. */
  private rehash(): void {
    const mask = this.mask * 2 + 1;
    const heads = new Int32Array(mask + 1).fill(-1);
    for (let slot = 0; slot < this.used; slot++) {
      if (this.values[slot] === undefined) continue;
      const bucket = this.hashes[slot] & mask;
      this.next[slot] = heads[bucket];
      heads[bucket] = slot;
    }
    this.heads = heads;
    this.mask = mask;
  }
}

function copied(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/**
 * A hash of an id from its length and three of its four-byte words (first, middle, last): cheap enough for every
 * line, and ids that share all three still compare equal only when all their bytes do.
 */
function hashOf(view: DataView, buf: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let h = length;
  if (length >= 8) {
    h = Math.imul(h ^ view.getInt32(start, true), -1640531535);
    h = Math.imul(h ^ view.getInt32(start + ((length >> 3) << 2), true), -2048144789);
    h = Math.imul(h ^ view.getInt32(end - 4, true), -1028477387);
  } else {
    for (let p = start; p < end; p++) h = Math.imul(h ^ buf[p], 16777619);
  }
  return h ^ (h >>> 16);
}
