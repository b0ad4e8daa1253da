import { Command, CommanderError } from 'commander';
import type { CliIo } from './io';
import { InputError, describeError } from '../errors';
import { AwsError, explainAwsError } from '../aws/errors';

import { redactText } from '../redact';
import { registerClassify } from './commands/classify';
import { registerPolicyCheck } from './commands/policy-check';
import { registerScan } from './commands/scan';
import { registerSandbox } from './commands/sandbox';
import { registerDiagnose } from './commands/diagnose';
import { registerServe } from './commands/serve';
import { version as VERSION } from '../../package.json';

const COMMANDS = ['classify', 'diagnose', 'scan', 'policy-check', 'serve', 'sandbox'];

export function buildProgram(io: CliIo): Command {
  const program = new Command('why403')
    .description(
      'Explains why an Amazon API Gateway REST API answered 401/403/500 on authorization, and what to change.',
    )
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined, // errors are printed once, as one line, by runCli
    });
  registerClassify(program, io);
  registerDiagnose(program, io);

  registerScan(program, io);
  registerPolicyCheck(program, io);
  registerServe(program, io);
  registerSandbox(program, io);
  return program;
}

/** Runs one command line; returns the exit code. Never throws, never prints a stack trace. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, args, io);
  }
}

function reportError(error: unknown, args: readonly string[], io: CliIo): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    const command = args.find((arg) => COMMANDS.includes(arg));
    const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    io.stderr.write(`why403: ${message} — run "why403 ${command ? `${command} ` : ''}--help" for usage\n`);
    return 2;
  }
  const { message, hint } = error instanceof AwsError ? explainAwsError(error) : describeError(error);

  io.stderr.write(`why403: ${redactText(message)}${hint ? ` — ${hint}` : ''}\n`);
  if (io.env.WHY403_DEBUG && error instanceof Error && !(error instanceof InputError))
    io.stderr.write(`${error.stack}\n`);
  return error instanceof InputError ? 2 : 1;
}
