import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note } from '../io';

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT (/slack/events, /healthz)',
    )
    .option('--config <file>', 'configuration file (default: $WHY403_CONFIG or ./why403.config.yml)')
    .action(async (options: { config?: string }) => {
      const { readSlackSettings } = await import('../../slack/settings');
      const settings = readSlackSettings(io.env);
      const [{ serviceFor }, { createSlackBot }] = await Promise.all([
        import('../service'),
        import('../../slack/app'),
      ]);
      const bot = createSlackBot({ settings, service: serviceFor(io, options.config) });
      await bot.start();
      note(
        io,
        settings.mode === 'socket'
          ? 'why403 is connected to Slack over Socket Mode.'
          : `why403 listens on port ${settings.port}: POST /slack/events, GET /healthz.`,
      );
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          note(io, 'why403 is stopping: finishing the diagnoses under way…');
          void bot
            .stop()
            .then(() => bot.idle())
            .finally(resolve);
        };
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      });
    });
}
