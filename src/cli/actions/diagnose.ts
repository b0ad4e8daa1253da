import type { DiagnoseOptions } from '../commands/diagnose';
import { useColor, type CliIo } from '../io';
import { note } from '../note';
import { serviceFor } from '../service';
import { checkWindow, fromInvokeUrl } from '../location';
import { toJsonText } from '../../render/json';
import { diagnosisJson, renderDiagnosisText } from '../../render/diagnosis';
import type { Localizer } from '../../render/localize';

export async function diagnoseAction(
  requestId: string,
  options: DiagnoseOptions,
  io: CliIo,
  l: Localizer,
): Promise<void> {
  const where = fromInvokeUrl(options, io, l);
  checkWindow(options, { takesAt: true });
  const service = serviceFor(io, options.config);
  const diagnosis = await service.diagnose(
    {
      requestId,
      restApiId: where.api,
      stage: where.stage,
      region: where.region,
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
}
