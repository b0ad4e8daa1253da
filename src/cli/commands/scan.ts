import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface ScanOptions {
  file?: string;
  stage?: string;
  region?: string;
  since?: string;
  config?: string;
  json?: boolean;
}

export function registerScan(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('scan')
    .description(l.t(msg('cli.help.scan')))
    .argument('[api-id]', l.t(msg('cli.help.scan.api-id')))
    .option('--file <file>', l.t(msg('cli.help.scan.file')))
    .option('--stage <name>', l.t(msg('cli.help.scan.stage')))
    .option('--region <region>', l.t(msg('cli.help.scan.region')))
    .option('--since <duration>', l.t(msg('cli.help.scan.since')))
    .option('--config <file>', l.t(msg('cli.help.scan.config')))
    .option('--json', l.t(msg('cli.help.scan.json')))
    .action(async (apiId: string | undefined, options: ScanOptions) => {
      const { scanAction } = await import('../actions/scan');
      await scanAction(apiId, options, io, l);
    });
}
