import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors';
import { redactText } from '../redact';

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

export function useColor(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

/** Progress and warnings go to stderr, redacted like everything else that leaves the process. */
export function note(io: CliIo, text: string): void {
  io.stderr.write(`${redactText(text)}\n`);
}

/** Reads a whole (small) input: a file, or standard input for `-` or when input is piped. */
export async function readTextInput(
  file: string | undefined,
  io: CliIo,
): Promise<{ text: string; source: string }> {
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) {
      throw new InputError(
        'no input given',
        'give a FILE, or pipe the evidence in: why403 classify - < evidence.json',
      );
    }
    return { text: await readAll(io.stdin), source: 'standard input' };
  }
  const path = resolve(io.cwd, file);
  await assertReadableFile(path, file);
  return { text: await readFile(path, 'utf8'), source: file };
}

/** Opens a possibly huge input as a stream of chunks. */
export async function openStreamInput(file: string, io: CliIo): Promise<AsyncIterable<Buffer | string>> {
  if (file === '-') return io.stdin as AsyncIterable<Buffer | string>;
  const path = resolve(io.cwd, file);
  await assertReadableFile(path, file);
  return createReadStream(path, { highWaterMark: 1 << 18 });
}

async function assertReadableFile(path: string, shown: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${shown} is a directory`, 'give the path of a file');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot read ${shown}: no such file`, 'check the path');
    if (code === 'EACCES')
      throw new InputError(`cannot read ${shown}: permission denied`, 'check the file permissions');
    throw new InputError(`cannot read ${shown}: ${(error as Error).message}`);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
