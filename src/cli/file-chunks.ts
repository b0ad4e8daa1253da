import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';

/** Reading a large file in chunks (`scan --file`). */

/** Chunks of a stream (gzip, pipes). */
export const CHUNK = 1 << 20;
/**
 * Chunks of a plain file read into one reused buffer: small enough to stay in the processor's cache while it is
 * read and then scanned (1 MiB chunks made the reading alone three times slower).
 */
export const FILE_CHUNK = 256 << 10;
/** The event loop gets a turn after this many bytes, so that a large file does not hold it for seconds. */
export const TURN_EVERY = 16 << 20;
export const GZIP_MAGIC = [0x1f, 0x8b];

export async function startsWithGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(GZIP_MAGIC.length), 0, GZIP_MAGIC.length, 0);
    return bytesRead === GZIP_MAGIC.length && GZIP_MAGIC.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}

/**
 * A file read into one buffer over and over: each chunk is valid until the next is asked for. Reads are
 * synchronous: a read from the page cache takes microseconds, and an asynchronous one costs more in passing it to
 * the thread pool and back than in copying the bytes (and the copy would compete with the counting worker for a
 * core).
 */
export async function* reusedChunks(path: string): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafeSlow(FILE_CHUNK);
  let sinceTurn = 0;
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, FILE_CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      sinceTurn += bytesRead;
      if (sinceTurn >= TURN_EVERY) {
        sinceTurn = 0;
        await setImmediate();
      }
    }
  } finally {
    closeSync(fd);
  }
}
