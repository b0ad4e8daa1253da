#!/usr/bin/env node
import { runCli } from './program';
import { processIo } from './io';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0); // the reader went away (| head); nothing left to say
});

void runCli(process.argv.slice(2), processIo()).then((code) => {
  // A command is finished when it resolves. What may still hold the event loop (idle keep-alive sockets, the Slack
  // client retrying auth.test while Slack is unreachable) must not keep a stopped server running until it is killed.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
