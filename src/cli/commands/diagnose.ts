import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { toJsonText } from '../../render/json';
import { diagnosisJson, renderDiagnosisText } from '../../render/diagnosis';
import { english, type Localizer } from '../../render/localize';

interface DiagnoseOptions {
  api?: string;
  stage?: string;
  region?: string;
  since?: string;
  at?: string;
  config?: string;
  json?: boolean;
}

export function registerDiagnose(program: Command, io: CliIo, l: Localizer = english): void {
  program
    .command('diagnose')
    .description(
      'find a request in the execution logs, read the configuration that decided it, and explain the outcome',
    )
    .argument('<request-id>', 'the x-amzn-RequestId of the failed call')
    .option('--api <id>', 'REST API id (searches only its stages)')
    .option('--stage <name>', 'stage name (with --api: searches only that stage)')
    .option(
      '--region <region>',
      'AWS region (default: the configuration file, then AWS_REGION / the profile)',
    )
    .option('--since <duration>', 'how far back to search, e.g. 2h or 1d (default 24h)')
    .option('--at <time>', 'search around this time, e.g. 2026-11-24T10:15Z')
    .option('--config <file>', 'configuration file (default: $WHY403_CONFIG or ./why403.config.yml)')
    .option('--json', 'print the diagnosis as JSON')
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
        (message) => note(io, message),
      );
      io.stdout.write(
        options.json
          ? toJsonText(diagnosisJson(diagnosis, l))
          : renderDiagnosisText(diagnosis, { color: useColor(io) }, l),
      );
    });
}
