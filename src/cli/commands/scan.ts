import type { Command } from 'commander';
import type { CliIo } from '../io';
import { inputSize, note, openStreamInput } from '../io';
import { scanLogFile, type FileScanReport } from '../../locate/file-scan';
import { MalformedJsonError } from '../../locate/log-stream';
import { NotALogError } from '../../locate/input-check';
import { InputError } from '../../errors';
import { toJsonText } from '../../render/json';
import { renderFileScan } from '../../render/scan';
import { printable } from '../../render/terminal';
import { apiScanJson, renderApiScanText } from '../../render/diagnosis';
import type { Localizer } from '../../render/localize';
import { redactValue } from '../../redact';
import { msg } from '../../text';

interface ScanOptions {
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
      if (options.file && apiId)
        throw new InputError(msg('cli.scan.input.both'), msg('cli.scan.input.both.hint'));
      if (options.file) {
        const report = redactValue(await scanFile(options.file, io));
        io.stdout.write(
          options.json
            ? toJsonText({ file: options.file, ...report })
            : renderFileScan(printable(options.file), printable(report), l),
        );
        return;
      }
      if (!apiId) throw new InputError(msg('cli.scan.input.nothing'), msg('cli.scan.input.nothing.hint'));
      const { serviceFor } = await import('../service');
      const scan = await serviceFor(io, options.config).scan(
        { restApiId: apiId, stage: options.stage, region: options.region, since: options.since },
        (message) => note(io, l.t(message)),
      );
      io.stdout.write(options.json ? toJsonText(apiScanJson(scan, l)) : renderApiScanText(scan, l));
    });
}

/** From this size on, failed requests are counted on a second thread from the start (see failed-requests.ts). */
const LARGE_INPUT = 16 * 1024 * 1024;

async function scanFile(file: string, io: CliIo): Promise<FileScanReport> {
  const input = await openStreamInput(file, io, { reused: true });
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
    throw new InputError(
      msg('cli.scan.input.malformed', { file, detail: error.message }),
      msg('cli.scan.input.malformed.hint'),
    );
  }
}
