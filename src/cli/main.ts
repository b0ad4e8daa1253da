#!/usr/bin/env node
// The SDK versions are pinned by the lockfile; its Node 22 notice is for whoever upgrades them, not for users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { runCli } from './program';
import { processIo } from './io';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0); // the reader went away (| head); nothing left to say
});

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
