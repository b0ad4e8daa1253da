import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { toJsonText } from '../../render/json';
import { diagnosisJson, renderDiagnosisText } from '../../render/diagnosis';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

interface DiagnoseOptions {
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
      // Loaded on use: the AWS SDK is the heaviest part of start-up, and classify / scan --file never need it.
      const { serviceFor } = await import('../service');
      const service = serviceFor(io, options.config);
      const diagnosis = await service.diagnose(
        {
          requestId,
          restApiId: options.api,
          stage: options.stage,
          region: options.region,
          since: options.since,
          at: options.at,
        },
        (message) => note(io, l.t(message)),
      );
      io.stdout.write(
        options.json
          ? toJsonText(diagnosisJson(diagnosis, l))
          : renderDiagnosisText(diagnosis, { color: useColor(io) }, l),
      );
    });
}
