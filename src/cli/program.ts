import { Command, CommanderError, type HelpConfiguration, type Option } from 'commander';
import type { CliIo } from './io';
import { ExitStatus, InputError, describeError } from '../errors';
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
  for (const command of [program, ...program.commands])
    for (const option of command.options)
      if (option.required && !option.parseArg) option.argParser(once(option));
  return program;
}

/**
 * A value option given twice with different values (`--stage prod … --stage staging`, an edited command line) is
 * refused: which one was meant cannot be told. The values are not repeated (one may be a file holding a token).
 */
function once(option: Option): (value: string, previous: unknown) => string {
  return (value, previous) => {
    if (previous === undefined || previous === value) return value;
    const name = option.long ?? option.flags;
    throw new InputError(
      msg('cli.error.repeated-option', { option: name }),
      msg('cli.error.repeated-option.hint'),
    );
  };
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
    const message = l.t(msg('cli.error.unknown-language', { lang: flag }));
    return failed({ kind: 'input', message, hint: l.t(msg('cli.error.unknown-language.hint')) }, args, io);
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

/**
 * Options people reach for to end or start a search window, which why403 does not take: the window runs back from
 * now (`--since`) or around a time (`--at`), and the refusal says so instead of a bare "unknown option".
 */
const WINDOW_EDGES = /^--(?:until|till|to|end|end-time|from|start|start-time|before|after)(?:=|$)/;
const WINDOWED: Readonly<Record<string, 'yes' | 'no'>> = { diagnose: 'yes', scan: 'no' };

/** Commander's English error in the reader's language where its shape is known, else as commander said it. */
function commanderProblem(error: CommanderError, command: string | undefined): Text {
  const text = error.message.replace(/^error: /, '');
  const suggestion = /\(Did you mean (?<suggestion>[^?\s]+)\?\)/.exec(text)?.groups?.suggestion;
  const name = /'(?<name>[^']*)'/.exec(text)?.groups?.name;
  const windowed = command === undefined ? undefined : WINDOWED[command];
  if (error.code === 'commander.unknownOption' && name && windowed && WINDOW_EDGES.test(name))
    return msg('cli.error.no-window-end', { name: name.replace(/=.*/, ''), at: windowed });
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

/** What went wrong, as it is printed: one line on stderr and, with `--json`, a JSON document on stdout. */
interface Failure {
  /** `input`: what was typed or given (exit 2); `aws`: an AWS call failed (exit 1); `internal`: anything else (1). */
  kind: 'input' | 'aws' | 'internal';
  message: string;
  hint?: string;
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
      // `why403` alone prints the usage on stderr, as a usage error: nothing was asked.
      return error.exitCode === 0 ? 0 : 2;
    const command = args.find((arg) => COMMANDS.includes(arg));
    const usage = { command: `why403 ${command ? `${command} ` : ''}--help` };
    const problem = commanderProblem(error, command);
    io.stderr.write(`why403: ${l.t(msg('cli.error.usage', { message: problem, ...usage }))}\n`);
    if (wantsJson(args))
      io.stdout.write(
        jsonFailure({ kind: 'input', message: l.t(problem), hint: l.t(msg('cli.error.usage.hint', usage)) }),
      );
    return 2;
  }
  if (error instanceof ExitStatus) {
    io.stderr.write(`why403: ${error.message}\n`);
    return 1;
  }
  // Loaded on use, like each command's implementation: an error from AWS has loaded them already.
  const [{ AwsError, explainAwsError }, { redactText }] = await Promise.all([
    import('../aws/errors'),
    import('../redact'),
  ]);
  const kind = error instanceof InputError ? 'input' : error instanceof AwsError ? 'aws' : 'internal';
  const { message, hint } = error instanceof AwsError ? explainAwsError(error, l) : describeError(error, l);
  const code = failed(
    {
      kind,
      message: redactText(message),
      hint: hint ?? (kind === 'internal' ? l.t(msg('cli.error.internal.hint')) : undefined),
    },
    args,
    io,
  );
  if (io.env.WHY403_DEBUG && error instanceof Error && kind === 'internal')
    io.stderr.write(`${error.stack}\n`);
  return code;
}

/** Prints a failure; its exit status: 2 for bad input, 1 for the rest. */
function failed(failure: Failure, args: readonly string[], io: CliIo): number {
  io.stderr.write(
    `why403: ${oneLine(failure.message)}${failure.hint ? ` — ${oneLine(failure.hint)}` : ''}\n`,
  );
  if (wantsJson(args)) io.stdout.write(jsonFailure(failure));
  return failure.kind === 'input' ? 2 : 1;
}

/** `--json` before `--`: whatever happens, stdout holds one JSON document. */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

function jsonFailure(failure: Failure): string {
  const { kind, message, hint } = failure;
  return `${JSON.stringify({ error: { kind, message, ...(hint === undefined ? {} : { hint }) } }, null, 2)}\n`;
}
