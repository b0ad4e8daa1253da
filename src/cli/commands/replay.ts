import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface ReplayOptions {
  api?: string;
  stage?: string;
  region?: string;
  since?: string;
  at?: string;
  authorizer?: string;
  methodArn?: string;
  identityFile?: string;
  config?: string;
  json?: boolean;
}

/**
 * `why403 replay REQUEST_ID --identity-file FILE|-`: verify a fix by running the failed request's authorizer once
 * with a token read from a file or standard input. The identity is never taken from the command line (it would stay
 * in the shell history and in every process listing): anything beyond the request id is refused without being
 * repeated, and so is a request id that does not look like one, in case it was the token.
 */
export function registerReplay(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('replay')
    .description(l.t(msg('replay.help')))
    .argument('<request-id>', l.t(msg('replay.help.request-id')))
    .option('--identity-file <file>', l.t(msg('replay.help.identity-file')))
    .option('--api <id>', l.t(msg('cli.help.diagnose.api')))
    .option('--stage <name>', l.t(msg('cli.help.diagnose.stage')))
    .option('--region <region>', l.t(msg('cli.help.diagnose.region')))
    .option('--since <duration>', l.t(msg('cli.help.diagnose.since')))
    .option('--at <time>', l.t(msg('cli.help.diagnose.at')))
    .option('--authorizer <id>', l.t(msg('replay.help.authorizer')))
    .option('--method-arn <arn>', l.t(msg('replay.help.method-arn')))
    .option('--config <file>', l.t(msg('cli.help.config')))
    .option('--json', l.t(msg('replay.help.json')))
    // Unknown options and extra words are refused by replayAction, without commander quoting them back.
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (requestId: string, options: ReplayOptions, command: Command) => {
      const { replayAction } = await import('../actions/replay');
      await replayAction(requestId, command.args, options, io, l);
    });
}
