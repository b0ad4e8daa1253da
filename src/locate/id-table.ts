/**
 * Open requests by the bytes of their id, looked up straight from a line's bytes: no string is made per line. Ids
 * live in fixed slots of one byte arena (an id read from a line is at most 99 bytes), compared four bytes at a time.
 */

const SLOT = 128;

export class IdTable<T> {
  private bytes: Uint8Array = new Uint8Array(SLOT * 1024);
  private view: DataView = new DataView(this.bytes.buffer);
  private lengths: Int32Array = new Int32Array(1024);
  private next: Int32Array = new Int32Array(1024);
  private values: Array<T | undefined> = new Array(1024);
  /** Ids too long for a slot (found by decoding, rare). */
  private long = new Map<number, Buffer>();
  private readonly free: number[] = [];
  private used = 0;
  private readonly heads = new Map<number, number>();

  /** The value stored under `buf[start, end)`, seen through `view` (a DataView of `buf`). */
  find(view: DataView, buf: Uint8Array, start: number, end: number): T | undefined {
    for (let slot = this.heads.get(hashOf(view, buf, start, end)) ?? -1; slot >= 0; slot = this.next[slot]) {
      if (this.equals(slot, view, buf, start, end)) return this.values[slot];
    }
    return undefined;
  }

  /** Stores `value` under `buf[start, end)`; returns the slot, to remove it by. */
  add(view: DataView, buf: Uint8Array, start: number, end: number, value: T): number {
    const slot = this.free.pop() ?? this.grow();
    const length = end - start;
    this.lengths[slot] = length;
    if (length <= SLOT) this.bytes.set(buf.subarray(start, end), slot * SLOT);
    else this.long.set(slot, Buffer.from(buf.subarray(start, end)));
    this.values[slot] = value;
    const hash = hashOf(view, buf, start, end);
    this.next[slot] = this.heads.get(hash) ?? -1;
    this.heads.set(hash, slot);
    return slot;
  }

  remove(slot: number): void {
    const length = this.lengths[slot];
    const hash =
      length <= SLOT
        ? hashOf(this.view, this.bytes, slot * SLOT, slot * SLOT + length)
        : hashOfBuffer(this.long.get(slot) as Buffer);
    let at = this.heads.get(hash) ?? -1;
    if (at === slot) {
      if (this.next[slot] >= 0) this.heads.set(hash, this.next[slot]);
      else this.heads.delete(hash);
    } else {
      while (at >= 0 && this.next[at] !== slot) at = this.next[at];
      if (at >= 0) this.next[at] = this.next[slot];
    }
    this.long.delete(slot);
    this.values[slot] = undefined;
    this.free.push(slot);
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
      this.next = copied(this.next, size);
      this.values.length = size;
    }
    return this.used++;
  }
}

function copied(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/** A hash of an id from its length, first and last four bytes: enough to spread ids, cheap for every line. */
function hashOf(view: DataView, buf: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let h = length;
  if (length >= 8) {
    h = Math.imul(h ^ view.getInt32(start, true), 0x9e3779b1);
    h = Math.imul(h ^ view.getInt32(start + 4, true), 0x85ebca6b);
    h = Math.imul(h ^ view.getInt32(end - 4, true), 0xc2b2ae35);
  } else {
    for (let p = start; p < end; p++) h = Math.imul(h ^ buf[p], 0x01000193);
  }
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

function hashOfBuffer(bytes: Buffer): number {
  return hashOf(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), bytes, 0, bytes.length);
}
