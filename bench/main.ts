// The SDK versions are pinned by the lockfile; its Node 22 notice is not a figure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { join } from 'node:path';
import { benchScan } from './scan';
import { benchAws } from './aws';
import { benchSlack } from './slack';

/** `npm run bench`: prints numbers; asserts nothing. */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  await benchScan(root);
  await benchAws();
  await benchSlack();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
