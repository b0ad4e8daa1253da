import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface DoctorOptions {
  api?: string;
  stage?: string;
  region?: string;
  config?: string;
  json?: boolean;
}

export function registerDoctor(program: Command, io: CliIo, l: Localizer): void {
  const t = l.t;
  program
    .command('doctor')
    .description(t(msg('doctor.cli.description')))
    .option('--api <id>', t(msg('doctor.cli.api')))
    .option('--stage <name>', t(msg('doctor.cli.stage')))
    .option('--region <region>', t(msg('doctor.cli.region')))
    .option('--config <file>', t(msg('doctor.cli.config')))
    .option('--json', t(msg('doctor.cli.json')))
    .action(async (options: DoctorOptions) => {
      const { doctorAction } = await import('../actions/doctor');
      await doctorAction(options, io, l);
    });
}
