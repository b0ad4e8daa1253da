import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { toJsonText } from '../../render/json';
import { apiScanJson, diagnosisJson, renderApiScanText, renderDiagnosisText } from '../../render/diagnosis';
import { diagnosisMessage, scanMessage, type SlackMessage } from '../../render/blocks';
import { renderMessageText } from '../../render/blocks-text';
import { Access } from '../../slack/access';

export function registerSandbox(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description(
      'run diagnose and scan end to end against the built-in simulated AWS, and show what the Slack bot would post',
    )
    .option('--json', 'print the diagnoses, the scan and the Slack messages as JSON')
    .option('--quiet', 'no progress messages on stderr')
    .action(async (options: { json?: boolean; quiet?: boolean }) => {
      const { SANDBOX_SLACK, runSandbox } = await import('../../sandbox/run');
      const run = await runSandbox(options.quiet ? undefined : (message) => note(io, message));
      const access = new Access(SANDBOX_SLACK);
      const slackFor = (diagnosis: (typeof run.diagnoses)[number]['diagnosis']) =>
        diagnosisMessage(diagnosis, {
          actions: {
            flushCache: access.offerFlush('C0SANDBOX', diagnosis.request.restApiId, diagnosis.verdict.cause),
          },
          requestedBy: 'U0ONCALL',
        });
      const alertReply = scanMessage(run.scan, {
        actions: true,
        title: 'Alarm orders-4xx: what the failed requests were',
      });
      if (options.json) {
        io.stdout.write(
          toJsonText({
            diagnoses: run.diagnoses.map(({ scenario, diagnosis }) => ({
              scenario: scenario.title,
              ...diagnosisJson(diagnosis),
              slack: slackFor(diagnosis),
            })),
            scan: { ...apiScanJson(run.scan), slack: alertReply },
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
        io.stdout.write(`\n${'='.repeat(100)}\n${scenario.title}\n$ why403 diagnose ${args}\n\n`);
        io.stdout.write(renderDiagnosisText(diagnosis, style));
        io.stdout.write(slackSection(`/why403 ${args}`, slackFor(diagnosis)));
      }
      io.stdout.write(
        `\n${'='.repeat(100)}\nA CloudWatch 4XXError alarm for the orders API lands in #alerts\n$ why403 scan ${run.scan.restApiId} --stage prod --since 1h\n\n`,
      );
      io.stdout.write(renderApiScanText(run.scan));
      io.stdout.write(slackSection('the alarm (a reply in its thread)', alertReply));
      io.stdout.write(`\n(${run.awsCalls} calls to the simulated AWS, through the real AWS SDK.)\n`);
    });
}

function slackSection(trigger: string, message: SlackMessage): string {
  return [
    `\n--- What the Slack bot posts for ${trigger} ---\n`,
    renderMessageText(message),
    '--- The same message as Block Kit JSON (paste it into https://app.slack.com/block-kit-builder) ---',
    JSON.stringify({ blocks: message.blocks }),
    '',
  ].join('\n');
}
