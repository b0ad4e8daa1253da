import { join } from 'node:path';
import { benchScan } from './scan';

/** `npm run bench`: prints numbers; asserts nothing. */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  await benchScan(root);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
