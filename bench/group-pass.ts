import { groupLogFile } from '../src/locate/grouping-pass';
import { reusedChunks } from '../src/cli/file-chunks';

/**
 * The reading-and-grouping pass of `scan --file` alone, for the benchmark: read the file as the CLI does, check it is
 * text, split it into lines, group them by request id and settle which requests ended below 400 — everything but
 * classifying the failed ones. Prints the counts as JSON. Not a user-facing command.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const counts = await groupLogFile(reusedChunks(file), { source: file });
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
