import { open } from 'node:fs/promises';

/** Reading a large file in chunks (`scan --file`). */

export const CHUNK = 1 << 20;
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
 * A file read into two buffers in turn, the next chunk read while the last one is used. A stream allocates every
 * chunk afresh, and touching that much new memory costs more than reading the file from the page cache.
 */
export async function* reusedChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  const buffers = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
  let turn = 0;
  let reading = handle.read(buffers[turn], 0, CHUNK, null);
  try {
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) return;
      turn ^= 1;
      reading = handle.read(buffers[turn], 0, CHUNK, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await reading.catch(() => undefined);
    await handle.close();
  }
}
