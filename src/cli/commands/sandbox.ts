import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { runSandbox } from '../../sandbox/run';
import { toJsonText } from '../../render/json';
import { apiScanJson, diagnosisJson, renderApiScanText, renderDiagnosisText } from '../../render/diagnosis';

export function registerSandbox(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('run diagnose and scan end to end against the built-in simulated AWS: no credentials needed')
    .option('--json', 'print the diagnoses and the scan as JSON')
    .option('--quiet', 'no progress messages on stderr')
    .action(async (options: { json?: boolean; quiet?: boolean }) => {
      const run = await runSandbox(options.quiet ? undefined : (message) => note(io, message));
      if (options.json) {
        io.stdout.write(
          toJsonText({
            diagnoses: run.diagnoses.map(({ scenario, diagnosis }) => ({
              scenario: scenario.title,
              ...diagnosisJson(diagnosis),
            })),
            scan: apiScanJson(run.scan),
            awsCalls: run.awsCalls,
          }),
        );
        return;
      }
      const style = { color: useColor(io) };
      for (const { scenario, diagnosis } of run.diagnoses) {
        const args = [
          scenario.requestId,
          scenario.restApiId && `--api ${scenario.restApiId}`,
          scenario.stage && `--stage ${scenario.stage}`,
        ]
          .filter(Boolean)
          .join(' ');
        io.stdout.write(`\n=== ${scenario.title}\n=== why403 diagnose ${args}\n\n`);
        io.stdout.write(renderDiagnosisText(diagnosis, style));
      }
      io.stdout.write(
        `\n=== Scanning the orders API for the last hour\n=== why403 scan ${run.scan.restApiId} --stage prod --since 1h\n\n`,
      );
      io.stdout.write(renderApiScanText(run.scan));
      io.stdout.write(`\n(${run.awsCalls} calls to the simulated AWS, through the real AWS SDK.)\n`);
    });
}
