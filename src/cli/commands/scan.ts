import type { Command } from 'commander';
import type { CliIo } from '../io';
import { openStreamInput } from '../io';
import { scanLogFile, type FileScanReport } from '../../locate/file-scan';
import { InputError } from '../../errors';
import { toJsonText } from '../../render/json';
import { formatCount, renderCauseTable } from '../../render/scan';
import { redactValue } from '../../redact';

interface ScanOptions {
  file?: string;
  json?: boolean;
}

export function registerScan(program: Command, io: CliIo): void {
  program
    .command('scan')
    .description('classify every failed request in an exported execution log (--file)')
    .option(
      '--file <file>',
      'exported execution log: plain lines, filter-log-events JSON or a Logs Insights export (- for stdin)',
    )
    .option('--json', 'print counts per cause as JSON')
    .action(async (options: ScanOptions) => {
      if (!options.file)
        throw new InputError('nothing to scan', 'give --file FILE with an exported execution log');
      const report = redactValue(await scanFile(options.file, io));
      io.stdout.write(
        options.json ? toJsonText({ file: options.file, ...report }) : renderFileScan(options.file, report),
      );
    });
}

async function scanFile(file: string, io: CliIo): Promise<FileScanReport> {
  const input = await openStreamInput(file, io);
  try {
    return await scanLogFile(input);
  } catch (error) {
    throw new InputError(
      `cannot scan ${file}: ${(error as Error).message}`,
      'give plain execution-log lines or valid JSON',
    );
  }
}

function renderFileScan(file: string, report: FileScanReport): string {
  const lines = [
    `why403 scan — ${file}: ${formatCount(report.lines)} lines, ${formatCount(report.requests)} requests ` +
      `(${formatCount(report.ok)} ok, ${formatCount(report.total)} failed, ${formatCount(report.incomplete)} incomplete)`,
    '',
    ...renderCauseTable(report.causes),
  ];
  return `${lines.join('\n')}\n`;
}
