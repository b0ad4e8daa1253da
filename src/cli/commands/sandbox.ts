import type { Command } from 'commander';
import type { CliIo } from '../io';
import { useColor } from '../io';
import { EXAMPLES } from '../../sandbox/examples';
import { evidenceFromBundle } from '../../evidence/bundle';
import { classify } from '../../classify/classify';
import { renderVerdictText } from '../../render/terminal';
import { toJsonText, verdictJson } from '../../render/json';

export function registerSandbox(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('run the engine on the built-in sandbox: no AWS or Slack credentials needed')
    .option('--json', 'print the verdicts as JSON')
    .action((options: { json?: boolean }) => {
      const results = EXAMPLES.map((example) => ({
        example,
        verdict: classify(evidenceFromBundle(example)),
      }));
      if (options.json) {
        io.stdout.write(
          toJsonText(
            results.map(({ example, verdict }) => ({ example: example.id, ...verdictJson(verdict) })),
          ),
        );
        return;
      }
      for (const { example, verdict } of results) {
        io.stdout.write(`\n=== Sandbox scenario: ${example.title} ===\n\n`);
        io.stdout.write(renderVerdictText(verdict, { color: useColor(io) }));
      }
    });
}
