import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { toJsonText } from '../../render/json';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

interface DoctorOptions {
  api?: string;
  stage?: string;
  region?: string;
  config?: string;
  json?: boolean;
}

/** Something must change: the report is printed, the exit status says so (1), stderr says it once. */
class MustChange extends Error {
  override readonly name = 'MustChange';
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
      // Loaded on use: the engine brings the AWS SDK, and doctor alone the IAM, STS and Lambda clients.
      const [{ runDoctor }, { serviceFor }, { doctorJson, renderDoctorText }] = await Promise.all([
        import('../../doctor'),
        import('../service'),
        import('../../render/doctor'),
      ]);
      const service = serviceFor(io, options.config);
      const report = await runDoctor(
        { restApiId: options.api, stage: options.stage, region: options.region },
        {
          aws: service.aws,
          config: service.config,
          now: Date.now,
          onProgress: (message) => note(io, t(message)),
        },
      );
      io.stdout.write(
        options.json
          ? toJsonText(doctorJson(report, l))
          : renderDoctorText(report, { color: useColor(io) }, l),
      );
      if (report.mustChange > 0)
        throw new MustChange(t(msg('doctor.cli.exit', { count: report.mustChange })));
    });
}
