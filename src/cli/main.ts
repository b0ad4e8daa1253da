#!/usr/bin/env node
import { runCli } from './program';
import { processIo } from './io';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0); // the reader went away (| head); nothing left to say
});

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
