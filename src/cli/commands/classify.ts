import type { Command } from 'commander';
import type { CliIo } from '../io';
import { readTextInput, useColor } from '../io';
import { evidenceFromInput } from '../../evidence/bundle';
import { classify } from '../../classify/classify';
import { renderVerdictText } from '../../render/terminal';
import { toJsonText, verdictJson } from '../../render/json';

export function registerClassify(program: Command, io: CliIo): void {
  program
    .command('classify')
    .description('classify one evidence bundle (corpus format) or pasted execution-log text')
    .argument('[file]', 'evidence file, or - for standard input')
    .option('--json', 'print the verdict as JSON')
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const { text, source } = await readTextInput(file, io);
      const verdict = classify(evidenceFromInput(text, source));
      io.stdout.write(
        options.json ? toJsonText(verdictJson(verdict)) : renderVerdictText(verdict, { color: useColor(io) }),
      );
    });
}
