import { Command, CommanderError, type HelpConfiguration } from 'commander';
import type { CliIo } from './io';
import { InputError, describeError } from '../errors';
import { cliLocale, localeOf, localizer, type Localizer } from '../render/localize';
import { msg, type Message, type Text } from '../text';
import { displayWidth, oneLine, wrap } from '../render/width';
import { registerClassify } from './commands/classify';
import { registerPolicyCheck } from './commands/policy-check';
import { registerScan } from './commands/scan';
import { registerSandbox } from './commands/sandbox';
import { registerDiagnose } from './commands/diagnose';
import { registerServe } from './commands/serve';
import { registerDoctor } from './commands/doctor';
import { registerReplay } from './commands/replay';
import { version as VERSION } from '../../package.json';

const COMMANDS = ['classify', 'diagnose', 'scan', 'policy-check', 'serve', 'sandbox', 'doctor', 'replay'];

/** Each command's options and help; what a command does is loaded only when it runs (src/cli/actions). */
function buildProgram(io: CliIo, l: Localizer): Command {
  const program = new Command('why403')
    .description(l.t(msg('cli.help.program')))
    .version(VERSION, '-V, --version', l.t(msg('cli.help.version-option')))
    .helpOption('-h, --help', l.t(msg('cli.help.help-option')))
    .helpCommand('help [command]', l.t(msg('cli.help.help-option')))
    .configureHelp(helpIn(l))
    .option('--lang <language>', l.t(msg('cli.option.lang')))
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined, // errors are printed once, as one line, by runCli
    });
  registerClassify(program, io, l);
  registerDiagnose(program, io, l);
  registerScan(program, io, l);
  registerPolicyCheck(program, io, l);
  registerServe(program, io, l);
  registerSandbox(program, io, l);
  registerDoctor(program, io, l);
  registerReplay(program, io, l);
  return program;
}

const HELP_TITLES: Readonly<Record<string, Message['id']>> = {
  'Usage:': 'cli.help.title.usage',
  'Options:': 'cli.help.title.options',
  'Commands:': 'cli.help.title.commands',
  'Arguments:': 'cli.help.title.arguments',
  'Global Options:': 'cli.help.title.global-options',
};

/** Commander's help in the reader's language: its headings, and Chinese wrapped by display width. */
function helpIn(l: Localizer): HelpConfiguration {
  const styleTitle = (title: string) => (HELP_TITLES[title] ? l.t(msg(HELP_TITLES[title])) : title);
  if (l.locale === 'en') return { styleTitle };
  return { styleTitle, displayWidth, boxWrap: (text: string, width: number) => wrap(text, width).join('\n') };
}

/** Runs one command line; returns the exit code. Never throws, never prints a stack trace. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const flag = langFlag(args);
  const l = localizer(cliLocale(flag, io.env));
  if (flag !== undefined && !localeOf(flag)) {
    const problem = msg('cli.error.unknown-language', { lang: flag });
    io.stderr.write(`why403: ${l.t(problem)} — ${l.t(msg('cli.error.unknown-language.hint'))}\n`);
    return 2;
  }
  try {
    await buildProgram(io, l).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return await reportError(error, args, io, l);
  }
}

/**
 * `--lang X` or `--lang=X` anywhere before `--`: read before the command line is parsed, so that even its parse
 * errors speak the language asked for.
 */
function langFlag(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    if (args[i] === '--lang' && i + 1 < args.length) found = args[++i];
    else if (args[i].startsWith('--lang=')) found = args[i].slice('--lang='.length);
  }
  return found;
}

const COMMANDER_ERRORS: Readonly<Record<string, Message['id']>> = {
  'commander.unknownOption': 'cli.error.unknown-option',
  'commander.unknownCommand': 'cli.error.unknown-command',
  'commander.missingArgument': 'cli.error.missing-argument',
  'commander.optionMissingArgument': 'cli.error.option-missing-argument',
  'commander.missingMandatoryOptionValue': 'cli.error.missing-option',
};

/** Commander's English error in the reader's language where its shape is known, else as commander said it. */
function commanderProblem(error: CommanderError): Text {
  const text = error.message.replace(/^error: /, '');
  const suggestion = /\(Did you mean (?<suggestion>[^?\s]+)\?\)/.exec(text)?.groups?.suggestion;
  const name = /'(?<name>[^']*)'/.exec(text)?.groups?.name;
  const id = COMMANDER_ERRORS[error.code];
  const excess =
    /^too many arguments(?: for '(?<name>[^']*)')?\. Expected (?<expected>\d+) arguments? but got (?<received>\d+)\.$/.exec(
      text,
    )?.groups;
  const problem: Text | undefined =
    id && name !== undefined
      ? msg(id, { name })
      : excess
        ? msg(excess.name ? 'cli.error.excess-arguments' : 'cli.error.excess-arguments-program', {
            name: excess.name ?? '',
            expected: Number(excess.expected),
            received: Number(excess.received),
          })
        : undefined;
  if (!problem) return oneLine(text);
  return suggestion ? msg('cli.error.did-you-mean', { message: problem, suggestion }) : problem;
}

async function reportError(
  error: unknown,
  args: readonly string[],
  io: CliIo,
  l: Localizer,
): Promise<number> {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    const command = args.find((arg) => COMMANDS.includes(arg));
    const usage = msg('cli.error.usage', {
      message: commanderProblem(error),
      command: `why403 ${command ? `${command} ` : ''}--help`,
    });
    io.stderr.write(`why403: ${l.t(usage)}\n`);
    return 2;
  }
  // Loaded on use, like each command's implementation: an error from AWS has loaded them already.
  const [{ AwsError, explainAwsError }, { redactText }] = await Promise.all([
    import('../aws/errors'),
    import('../redact'),
  ]);
  const { message, hint } = error instanceof AwsError ? explainAwsError(error, l) : describeError(error, l);
  io.stderr.write(`why403: ${redactText(message)}${hint ? ` — ${hint}` : ''}\n`);
  if (io.env.WHY403_DEBUG && error instanceof Error && !(error instanceof InputError))
    io.stderr.write(`${error.stack}\n`);
  return error instanceof InputError ? 2 : 1;
}
