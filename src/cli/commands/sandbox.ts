import type { Command } from 'commander';
import type { CliIo } from '../io';
import { note, useColor } from '../io';
import { toJsonText } from '../../render/json';
import { apiScanJson, diagnosisJson, renderApiScanText, renderDiagnosisText } from '../../render/diagnosis';
import { diagnosisMessage, scanMessage } from '../../render/blocks';
import type { SlackMessage } from '../../render/block-kit';
import { renderMessageText } from '../../render/blocks-text';
import { doctorJson, renderDoctorText } from '../../render/doctor';
import { doctorMessage } from '../../render/doctor-blocks';
import { Access } from '../../slack/access';
import { renderReplayText, replayJson, withReplayButtons, withReplayOutcome } from '../../render/replay';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export function registerSandbox(program: Command, io: CliIo, l: Localizer): void {
  program
    .command('sandbox')
    .description(l.t(msg('cli.help.sandbox')))
    .option('--json', l.t(msg('cli.help.sandbox.json')))
    .option('--quiet', l.t(msg('cli.help.sandbox.quiet')))
    .action(async (options: { json?: boolean; quiet?: boolean }) => {
      const { SANDBOX_SLACK, runSandbox } = await import('../../sandbox/run');
      const run = await runSandbox(options.quiet ? undefined : (message) => note(io, l.t(message)));
      const access = new Access(SANDBOX_SLACK);
      const slackFor = (diagnosis: (typeof run.diagnoses)[number]['diagnosis']) =>
        diagnosisMessage(diagnosis, {
          actions: {
            flushCache: access.offerFlush('C0SANDBOX', diagnosis.request.restApiId, diagnosis.verdict.cause),
          },
          requestedBy: 'U0ONCALL',
          l,
        });
      const verified = run.replay.diagnosis;
      const replayReply = withReplayOutcome(
        withReplayButtons(
          slackFor(verified),
          verified,
          {
            verify: access.offerReplay('C0SANDBOX', verified.request.restApiId, verified.verdict.cause),
            afterDeploy: access.offerAfterDeploy('C0SANDBOX', verified.request.restApiId),
          },
          undefined,
          l,
        ),
        run.replay,
        { user: 'U0ONCALL', at: Date.now() },
        l,
      );
      const alertReply = scanMessage(run.scan, {
        actions: true,
        title: l.t(msg('cli.sandbox.alarm-title')),
        l,
      });
      if (options.json) {
        io.stdout.write(
          toJsonText({
            diagnoses: run.diagnoses.map(({ scenario, diagnosis }) => ({
              scenario: l.t(scenario.title),
              ...diagnosisJson(diagnosis, l),
              slack: slackFor(diagnosis),
            })),
            replay: { ...replayJson(run.replay, l), slack: replayReply },
            scan: { ...apiScanJson(run.scan, l), slack: alertReply },
            doctor: { ...doctorJson(run.doctor, l), slack: doctorMessage(run.doctor, { l }) },
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
        io.stdout.write(`\n${'='.repeat(100)}\n${l.t(scenario.title)}\n$ why403 diagnose ${args}\n\n`);
        io.stdout.write(renderDiagnosisText(diagnosis, style, l));
        io.stdout.write(slackSection(`/why403 ${args}`, slackFor(diagnosis), l));
      }
      const { target } = run.replay;
      io.stdout.write(
        `\n${'='.repeat(100)}\n${l.t(msg('replay.sandbox.title'))}\n$ why403 replay ${verified.request.requestId} --api ${target.restApiId} --stage ${target.stage} --identity-file token.txt\n\n`,
      );
      io.stdout.write(renderReplayText(run.replay, { style, from: 'file' }, l));
      io.stdout.write(slackSection(l.t(msg('replay.sandbox.trigger')), replayReply, l));
      io.stdout.write(
        `\n${'='.repeat(100)}\n${l.t(msg('cli.sandbox.alarm'))}\n$ why403 scan ${run.scan.restApiId} --stage prod --since 1h\n\n`,
      );
      io.stdout.write(renderApiScanText(run.scan, l));
      io.stdout.write(slackSection(l.t(msg('cli.sandbox.alarm-trigger')), alertReply, l));
      const doctorApi = run.doctor.apis[0]?.restApiId ?? '';
      const doctorArgs = `--api ${doctorApi}`;
      io.stdout.write(
        `\n${'='.repeat(100)}\n${l.t(msg('doctor.sandbox.title'))}\n$ why403 doctor ${doctorArgs}\n\n`,
      );
      io.stdout.write(renderDoctorText(run.doctor, style, l));
      io.stdout.write(slackSection(`/why403 doctor ${doctorApi}`, doctorMessage(run.doctor, { l }), l));
      io.stdout.write(`\n${l.t(msg('cli.sandbox.calls', { count: run.awsCalls }))}\n`);
    });
}

function slackSection(trigger: string, message: SlackMessage, l: Localizer): string {
  return [
    `\n${l.t(msg('cli.sandbox.slack-posts', { trigger }))}\n`,
    renderMessageText(message),
    l.t(msg('cli.sandbox.block-kit')),
    JSON.stringify({ blocks: message.blocks }),
    '',
  ].join('\n');
}
