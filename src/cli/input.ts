import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors';
import { msg, type Text } from '../text';
import { describeNonText } from '../locate/input-check';
import { CHUNK, GZIP_MAGIC, reusedChunks, startsWithGzip } from './file-chunks';
import type { CliIo } from './io';
import { note } from './note';
import type { Localizer } from '../render/localize';

/** Reading what a command is given: a file, standard input, gzipped or not. */

/**
 * Reads a whole (small) input: a file, or standard input for `-` or when input is piped. Gzipped input is
 * decompressed; input that is not text is refused with `hint` saying what to give instead.
 */
export async function readTextInput(
  file: string | undefined,
  io: CliIo,
  l: Localizer,
  hint: Text = msg('cli.input.text-file.hint'),
): Promise<{ text: string; source: string }> {
  if (file === undefined && io.stdin.isTTY) {
    throw new InputError(msg('cli.input.none'), msg('cli.input.none.hint'));
  }
  const source = file === undefined || file === '-' ? 'standard input' : file;
  const bytes = await readAll(await openStreamInput(file ?? '-', io, l));
  if (bytes === undefined)
    throw new InputError(
      msg('cli.input.too-large', { source, mebibytes: MAX_TEXT_INPUT / (1 << 20) }),
      msg('cli.input.too-large.hint', { file: file === undefined || file === '-' ? 'FILE' : file }),
    );
  const problem = describeNonText(bytes);
  if (problem) throw new InputError(msg('input.is', { source, problem }), hint);
  return { text: bytes.toString('utf8'), source };
}

/**
 * Opens a possibly huge input as a stream of chunks, decompressed when it is gzipped (named `.gz`, or starting with
 * gzip's magic bytes: exports to S3 are gzipped, and so is what `aws s3 cp … -` pipes in). With `reused`, a plain
 * regular file's chunks share one buffer: a chunk is valid only until the next one is asked for, and whoever keeps
 * bytes longer copies them. A pipe (`--file <(zcat export.gz)`) is streamed: it cannot be read at an offset.
 */
export async function openStreamInput(
  file: string,
  io: CliIo,
  l: Localizer,
  options: { reused?: boolean } = {},
): Promise<AsyncIterable<Buffer>> {
  // `-` at a terminal waits for what is typed or pasted: said, so that it does not look like a hang.
  if (file === '-' && io.stdin.isTTY) note(io, l.t(msg('cli.input.from-terminal')));
  if (file === '-') return gunzipped(io.stdin as AsyncIterable<Buffer | string>, 'standard input', false);
  const path = resolve(io.cwd, file);
  const { regular } = await assertReadableFile(path, file);
  const named = file.endsWith('.gz');
  if (options.reused && regular && !named && !(await startsWithGzip(path))) return reusedChunks(path);
  return gunzipped(createReadStream(path, { highWaterMark: CHUNK }), file, named);
}

/** The size of a named input in bytes; undefined for standard input. */
export async function inputSize(file: string, io: CliIo): Promise<number | undefined> {
  return file === '-' ? undefined : (await stat(resolve(io.cwd, file))).size;
}

async function* gunzipped(
  chunks: AsyncIterable<Buffer | string>,
  source: string,
  named: boolean,
): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let next = await iterator.next();
  while (!next.done && headBytes < GZIP_MAGIC.length) {
    const buf = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(buf);
    headBytes += buf.length;
    if (headBytes < GZIP_MAGIC.length) next = await iterator.next();
  }
  const start = Buffer.concat(head);
  const all = replay(head, iterator, headBytes >= GZIP_MAGIC.length ? await iterator.next() : next);
  if (!named && !GZIP_MAGIC.every((b, i) => start[i] === b)) {
    yield* all;
    return;
  }
  const gunzip = pipeline(Readable.from(all), createGunzip({ chunkSize: 1 << 20 }), () => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('Z_')) throw error;
    throw new InputError(
      msg('cli.input.bad-gzip', { source, detail: (error as Error).message }),
      msg('cli.input.bad-gzip.hint'),
    );
  }
}

async function* replay(
  head: Buffer[],
  iterator: AsyncIterator<Buffer | string>,
  current: IteratorResult<Buffer | string>,
): AsyncGenerator<Buffer> {
  yield* head;
  let next = current;
  while (!next.done) {
    yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    next = await iterator.next();
  }
}

/** A file that can be read, or one line saying why not; whether it is a regular file (not a pipe or a device). */
async function assertReadableFile(path: string, shown: string): Promise<{ regular: boolean }> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new InputError(msg('cli.input.directory', { file: shown }), msg('cli.input.directory.hint'));
    return { regular: info.isFile() };
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(
        msg('cli.input.no-such-file', { file: shown }),
        msg('cli.input.no-such-file.hint'),
      );
    if (code === 'EACCES')
      throw new InputError(msg('cli.input.denied', { file: shown }), msg('cli.input.denied.hint'));
    throw new InputError(msg('cli.input.unreadable', { file: shown, detail: (error as Error).message }));
  }
}

/**
 * The most a command that reads one request's evidence takes in: far beyond any trace, bundle or response, and far
 * below what would exhaust memory (a gzipped input is counted as it is decompressed).
 */
export const MAX_TEXT_INPUT = 64 << 20;

/** The whole input, or undefined once it goes past `MAX_TEXT_INPUT` (reading stops there). */
async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_TEXT_INPUT) return undefined;
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
