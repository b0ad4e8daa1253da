import { createReadStream } from 'node:fs';
import { groupLogFile } from '../src/locate/grouping-pass';

/**
 * The reading-and-grouping pass of `scan --file` alone, for the benchmark: read the file as the CLI does, check it is
 * text, split it into lines, group them by request id and settle which requests ended below 400 — everything but
 * classifying the failed ones. Prints the counts as JSON. Not a user-facing command.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const counts = await groupLogFile(createReadStream(file, { highWaterMark: 1 << 20 }), { source: file });
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
