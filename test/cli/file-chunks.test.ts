import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FILE_CHUNK, TURN_EVERY, reusedChunks, startsWithGzip } from '../../src/cli/file-chunks';

const dir = mkdtempSync(join(tmpdir(), 'why403-chunks-'));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Each chunk read (copied) before the next is asked for, as the contract says. */
async function readBack(path: string): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  for await (const chunk of reusedChunks(path)) parts.push(Buffer.from(chunk));
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

describe('Reading a large plain file in reused chunks', () => {
  it('gives back every byte, in order, over several chunks', async () => {
    const bytes = Buffer.alloc(2 * FILE_CHUNK + 12_345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
    const read = await readBack(file('big.log', bytes));
    expect(read.chunks).toBe(3);
    expect(read.bytes.equals(bytes)).toBe(true);
  });

  it('gives nothing for an empty file and one chunk for a small one', async () => {
    expect((await readBack(file('empty.log', Buffer.alloc(0)))).chunks).toBe(0);
    const small = await readBack(file('small.log', Buffer.from('(id) line\n')));
    expect(small).toEqual({ bytes: Buffer.from('(id) line\n'), chunks: 1 });
  });

  it('closes the file when the reader stops early', async () => {
    const path = file('early.log', Buffer.alloc(3 * FILE_CHUNK, 0x61));
    for await (const chunk of reusedChunks(path)) {
      expect(chunk.length).toBe(FILE_CHUNK);
      break;
    }
    // A second full read still works: nothing was left half-read or locked.
    expect((await readBack(path)).bytes.length).toBe(3 * FILE_CHUNK);
  });

  it('gives the event loop a turn while it reads a large file', async () => {
    const path = file('large.log', Buffer.alloc(2 * TURN_EVERY, 0x61));
    let turns = 0;
    const tick = () => {
      turns++;
      ticking = setImmediate(tick);
    };
    let ticking = setImmediate(tick);
    let chunksBeforeTurn: number | undefined;
    let chunks = 0;
    try {
      for await (const chunk of reusedChunks(path)) {
        expect(chunk.length).toBe(FILE_CHUNK);
        chunks++;
        if (turns > 0) chunksBeforeTurn ??= chunks;
      }
    } finally {
      clearImmediate(ticking);
    }
    expect(chunks).toBe((2 * TURN_EVERY) / FILE_CHUNK);
    expect(chunksBeforeTurn).toBeLessThan(chunks);
  });

  it('tells gzip from text by its first bytes, not its name', async () => {
    expect(await startsWithGzip(file('export.log', gzipSync('(id) line\n')))).toBe(true);
    expect(await startsWithGzip(file('plain.gz', Buffer.from('(id) line\n')))).toBe(false);
    expect(await startsWithGzip(file('one-byte.log', Buffer.from([0x1f])))).toBe(false);
  });
});
