import type { SandboxOptions } from '../commands/sandbox';
import { useColor, type CliIo } from '../io';
import { note } from '../note';
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
import type { TextStyle } from '../../render/terminal';
import type { Diagnosis } from '../../pipeline/diagnose';
import { SANDBOX_SLACK, runSandbox, type SandboxRun } from '../../sandbox/run';
import type { SlackConfig } from '../../config/app-config';
import { msg } from '../../text';

const CHANNEL = 'C0SANDBOX';
const USER = 'U0ONCALL';

export async function sandboxAction(options: SandboxOptions, io: CliIo, l: Localizer): Promise<void> {
  const run = await runSandbox(options.quiet ? undefined : (message) => note(io, l.t(message)));
  const posts = slackPosts(run, SANDBOX_SLACK, l);
  io.stdout.write(
    options.json
      ? toJsonText(sandboxJson(run, posts, l))
      : sandboxText(run, posts, { color: useColor(io) }, l),
  );
}

/** What the Slack bot would post for each part of the run, in the sandbox's channel, for its on-call user. */
interface SlackPosts {
  verdict(diagnosis: Diagnosis): SlackMessage;
  replay: SlackMessage;
  alert: SlackMessage;
  doctor: SlackMessage;
}

function slackPosts(run: SandboxRun, slack: SlackConfig, l: Localizer): SlackPosts {
  const access = new Access(slack);
  const verdict = (diagnosis: Diagnosis) =>
    diagnosisMessage(diagnosis, {
      actions: {
        flushCache: access.offerFlush(CHANNEL, diagnosis.request.restApiId, diagnosis.verdict.cause),
      },
      requestedBy: USER,
      l,
    });
  const verified = run.replay.diagnosis;
  const offer = {
    verify: access.offerReplay(CHANNEL, verified.request.restApiId, verified.verdict.cause),
    afterDeploy: access.offerAfterDeploy(CHANNEL, verified.request.restApiId),
  };
  return {
    verdict,
    replay: withReplayOutcome(
      withReplayButtons(verdict(verified), verified, offer, undefined, l),
      run.replay,
      { user: USER, at: Date.now() },
      l,
    ),
    alert: scanMessage(run.scan, { actions: true, title: l.t(msg('cli.sandbox.alarm-title')), l }),
    doctor: doctorMessage(run.doctor, { l }),
  };
}

function sandboxJson(run: SandboxRun, posts: SlackPosts, l: Localizer): Record<string, unknown> {
  return {
    diagnoses: run.diagnoses.map(({ scenario, diagnosis }) => ({
      scenario: l.t(scenario.title),
      ...diagnosisJson(diagnosis, l),
      slack: posts.verdict(diagnosis),
    })),
    replay: { ...replayJson(run.replay, l), slack: posts.replay },
    scan: { ...apiScanJson(run.scan, l), slack: posts.alert },
    doctor: { ...doctorJson(run.doctor, l), slack: posts.doctor },
    awsCalls: run.awsCalls,
  };
}

function sandboxText(run: SandboxRun, posts: SlackPosts, style: TextStyle, l: Localizer): string {
  const out: string[] = [];
  for (const { scenario, diagnosis } of run.diagnoses) {
    const args = [
      scenario.requestId,
      scenario.restApiId && `--api ${scenario.restApiId}`,
      scenario.stage && `--stage ${scenario.stage}`,
    ]
      .filter(Boolean)
      .join(' ');
    out.push(
      heading(l.t(scenario.title), `why403 diagnose ${args}`),
      renderDiagnosisText(diagnosis, style, l),
      slackSection(`/why403 ${args}`, posts.verdict(diagnosis), l),
    );
  }
  const { target, diagnosis: verified } = run.replay;
  out.push(
    heading(
      l.t(msg('replay.sandbox.title')),
      `why403 replay ${verified.request.requestId} --api ${target.restApiId} --stage ${target.stage} --identity-file token.txt`,
    ),
    renderReplayText(run.replay, { style, from: 'file' }, l),
    slackSection(l.t(msg('replay.sandbox.trigger')), posts.replay, l),
    heading(l.t(msg('cli.sandbox.alarm')), `why403 scan ${run.scan.restApiId} --stage prod --since 1h`),
    renderApiScanText(run.scan, l),
    slackSection(l.t(msg('cli.sandbox.alarm-trigger')), posts.alert, l),
  );
  const doctorApi = run.doctor.apis[0]?.restApiId ?? '';
  out.push(
    heading(l.t(msg('doctor.sandbox.title')), `why403 doctor --api ${doctorApi}`),
    renderDoctorText(run.doctor, style, l),
    slackSection(`/why403 doctor ${doctorApi}`, posts.doctor, l),
    `\n${l.t(msg('cli.sandbox.calls', { count: run.awsCalls }))}\n`,
  );
  return out.join('');
}

function heading(title: string, command: string): string {
  return `\n${'='.repeat(100)}\n${title}\n$ ${command}\n\n`;
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
