import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface DiagnoseOptions {
  api?: string;
  stage?: string;
  region?: string;
  since?: string;
  at?: string;
  config?: string;
  json?: boolean;
}

export function registerDiagnose(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('diagnose')
    .description(l.t(msg('cli.help.diagnose')))
    .argument('<request-id>', l.t(msg('cli.help.diagnose.request-id')))
    .option('--api <id>', l.t(msg('cli.help.diagnose.api')))
    .option('--stage <name>', l.t(msg('cli.help.diagnose.stage')))
    .option('--region <region>', l.t(msg('cli.help.diagnose.region')))
    .option('--since <duration>', l.t(msg('cli.help.diagnose.since')))
    .option('--at <time>', l.t(msg('cli.help.diagnose.at')))
    .option('--config <file>', l.t(msg('cli.help.config')))
    .option('--json', l.t(msg('cli.help.diagnose.json')))
    .action(async (requestId: string, options: DiagnoseOptions) => {
      const { diagnoseAction } = await import('../actions/diagnose');
      await diagnoseAction(requestId, options, io, l);
    });
}
