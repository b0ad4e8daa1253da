import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export function registerServe(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('serve')
    .description(l.t(msg('cli.help.serve')))
    .option('--config <file>', l.t(msg('cli.help.config')))
    .action(async (options: { config?: string }) => {
      const { serveAction } = await import('../actions/serve');
      await serveAction(options, io, l);
    });
}
