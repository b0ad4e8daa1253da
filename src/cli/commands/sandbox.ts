import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface SandboxOptions {
  json?: boolean;
  quiet?: boolean;
}

export function registerSandbox(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('sandbox')
    .description(l.t(msg('cli.help.sandbox')))
    .option('--json', l.t(msg('cli.help.sandbox.json')))
    .option('--quiet', l.t(msg('cli.help.sandbox.quiet')))
    .action(async (options: SandboxOptions) => {
      const { sandboxAction } = await import('../actions/sandbox');
      await sandboxAction(options, io, l);
    });
}
