// One of scripts/redos-check.mjs's checkers: its own recheck, so its own native agent process (one agent checks one
// pattern at a time). Answers each pattern posted to it with recheck's diagnostics.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const { check } = createRequire(import.meta.url)('recheck');

parentPort.on('message', async ({ id, source, flags }) => {
  try {
    parentPort.postMessage({ id, diagnostics: await check(source, flags, workerData.params) });
  } catch (error) {
    parentPort.postMessage({ id, failure: error instanceof Error ? error.message : String(error) });
  }
});
