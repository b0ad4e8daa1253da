import type { Command } from 'commander';
import type { CliIo } from '../io';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export interface PolicyCheckOptions {
  methodArn: string;
  policy?: string;
  resourcePolicy?: string;
  sourceIp?: string;
  vpce?: string;
  vpc?: string;
  principal?: string;
  condition: string[];
  crossAccount?: boolean;
  json?: boolean;
}

export function registerPolicyCheck(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('policy-check')
    .description(l.t(msg('cli.help.policy-check')))
    .requiredOption('--method-arn <arn>', l.t(msg('cli.help.policy-check.method-arn')))
    .option('--policy <file>', l.t(msg('cli.help.policy-check.policy')))
    .option('--resource-policy <file>', l.t(msg('cli.help.policy-check.resource-policy')))
    .option('--source-ip <ip>', l.t(msg('cli.help.policy-check.source-ip')))
    .option('--vpce <id>', l.t(msg('cli.help.policy-check.vpce')))
    .option('--vpc <id>', l.t(msg('cli.help.policy-check.vpc')))
    .option('--principal <arn>', l.t(msg('cli.help.policy-check.principal')))
    .option('--condition <key=value>', l.t(msg('cli.help.policy-check.condition')), collect, [])
    .option('--cross-account', l.t(msg('cli.help.policy-check.cross-account')))
    .option('--json', l.t(msg('cli.help.policy-check.json')))
    .action(async (options: PolicyCheckOptions) => {
      const { policyCheckAction } = await import('../actions/policy-check');
      await policyCheckAction(options, io, l);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
