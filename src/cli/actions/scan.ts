import type { ScanOptions } from '../commands/scan';
import type { CliIo } from '../io';
import { note } from '../note';
import { checkWindow, fromInvokeUrl } from '../location';
import { inputSize, openStreamInput } from '../input';
import { scanLogFile, type FileScanReport } from '../../locate/file-scan';
import { MalformedJsonError } from '../../locate/log-stream';
import { NotALogError } from '../../locate/input-check';
import { InputError } from '../../errors';
import { toJsonText } from '../../render/json';
import type { Localizer } from '../../render/localize';
import { redactValue } from '../../redact';
import { msg } from '../../text';

export async function scanAction(
  apiId: string | undefined,
  options: ScanOptions,
  io: CliIo,
  l: Localizer,
): Promise<void> {
  if (options.file && apiId)
    throw new InputError(msg('cli.scan.input.both'), msg('cli.scan.input.both.hint'));
  if (options.file) {
    const report = redactValue(await scanFile(options.file, io, l));
    if (options.json) {
      io.stdout.write(toJsonText({ file: options.file, ...report }));
      return;
    }
    // Loaded once the file is read: the reading starts sooner, and JSON needs neither.
    const [{ renderFileScan }, { printable }] = await Promise.all([
      import('../../render/scan'),
      import('../../render/terminal'),
    ]);
    io.stdout.write(
      renderFileScan(printable(options.file === '-' ? 'standard input' : options.file), printable(report), l),
    );
    return;
  }
  if (!apiId) throw new InputError(msg('cli.scan.input.nothing'), msg('cli.scan.input.nothing.hint'));
  // Loaded on use: an API's scan needs the AWS SDK and the diagnosis renderer, a file's scan neither.
  const [{ serviceFor }, { apiScanJson, renderApiScanText }] = await Promise.all([
    import('../service'),
    import('../../render/diagnosis'),
  ]);
  const where = fromInvokeUrl({ ...options, api: apiId }, io, l);
  checkWindow(options, { takesAt: false });
  const scan = await serviceFor(io, options.config).scan(
    { restApiId: where.api ?? apiId, stage: where.stage, region: where.region, since: options.since },
    (message) => note(io, l.t(message)),
  );
  io.stdout.write(options.json ? toJsonText(apiScanJson(scan, l)) : renderApiScanText(scan, l));
}

/** From this size on, failed requests are counted on a second thread from the start (see failed-requests.ts). */
const LARGE_INPUT = 16 * 1024 * 1024;

async function scanFile(file: string, io: CliIo, l: Localizer): Promise<FileScanReport> {
  const input = await openStreamInput(file, io, l, { reused: true });
  const large = ((await inputSize(file, io)) ?? 0) >= LARGE_INPUT;
  try {
    return await scanLogFile(input, {
      source: file === '-' ? 'standard input' : file,
      workerAfter: large ? 0 : undefined,
    });
  } catch (error) {
    if (error instanceof NotALogError)
      throw new InputError(
        msg('input.is', { source: error.source, problem: error.problem }),
        msg('input.not-a-log.hint'),
      );
    if (!(error instanceof MalformedJsonError)) throw error;
    throw await malformed(file, error, io, l);
  } finally {
    // A scan that stopped early leaves the file open: the reader stops pulling chunks, and only this ends them.
    await input[Symbol.asyncIterator]().return?.();
  }
}

/** Where and how a JSON export breaks: found by reading the file again; standard input cannot be read again. */
async function malformed(
  file: string,
  error: MalformedJsonError,
  io: CliIo,
  l: Localizer,
): Promise<InputError> {
  const { findJsonFault, jsonRefusal, streamedJsonFault } = await import('../json-fault');
  const source = file === '-' ? 'standard input' : file;
  const fault =
    file === '-' ? streamedJsonFault(error.message) : await findJsonFault(await openStreamInput(file, io, l));
  return jsonRefusal(source, fault, msg('input.json.fix.hint'));
}
