import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface ClassifyOptions {
  json?: boolean;
}

export function registerClassify(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('classify')
    .description(l.t(msg('cli.help.classify')))
    .argument('[file]', l.t(msg('cli.help.classify.file')))
    .option('--json', l.t(msg('cli.help.classify.json')))
    .action(async (file: string | undefined, options: ClassifyOptions) => {
      const { classifyAction } = await import('../actions/classify');
      await classifyAction(file, options, io, l);
    });
}
