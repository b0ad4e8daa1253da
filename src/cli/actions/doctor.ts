import type { DoctorOptions } from '../commands/doctor';
import { useColor, type CliIo } from '../io';
import { note } from '../note';
import { serviceFor } from '../service';
import { fromInvokeUrl } from '../location';
import { ExitStatus } from '../../errors';
import { runDoctor } from '../../doctor';
import { doctorJson, renderDoctorText } from '../../render/doctor';
import { toJsonText } from '../../render/json';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export async function doctorAction(options: DoctorOptions, io: CliIo, l: Localizer): Promise<void> {
  const t = l.t;
  const where = fromInvokeUrl(options, io, l);
  const service = serviceFor(io, options.config);
  const report = await runDoctor(
    { restApiId: where.api, stage: where.stage, region: where.region },
    {
      aws: service.aws,
      config: service.config,
      now: Date.now,
      onProgress: (message) => note(io, t(message)),
    },
  );
  io.stdout.write(
    options.json ? toJsonText(doctorJson(report, l)) : renderDoctorText(report, { color: useColor(io) }, l),
  );
  // Something must change: the report is printed, the exit status says so (1), stderr says it once.
  if (report.mustChange > 0) throw new ExitStatus(t(msg('doctor.cli.exit', { count: report.mustChange })));
}
