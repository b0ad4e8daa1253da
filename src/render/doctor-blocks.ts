import type { DoctorFinding, DoctorReport } from '../doctor/types';
import { redactText } from '../redact';
import { msg } from '../text';
import {
  blockSize,
  blocksSize,
  codeBlock,
  context,
  header,
  plain,
  SECTION_LIMIT,
  type Block,
  type SlackMessage,
} from './block-kit';
import { doctorStanding, doctorSummary, doctorVerdict, groupReport } from './doctor';

const STANDING_ICON: Record<ReturnType<typeof doctorStanding>, string> = {
  'must-change': ':warning:',
  unchecked: ':grey_question:',
  ok: ':white_check_mark:',
};
import { english, type Localizer } from './localize';
import { wordSteps } from './worded';
import { clip } from './width';

/**
 * A doctor report as the Slack bot posts it: the verdict, then each finding (must change first) with why it
 * matters and its first fix, grouped under its account, API and stage. Pure: what to post is decided by the
 * report; everything is redacted and escaped, and the message stays within Slack's limits (50 blocks, 3,000
 * characters a section, about 12,000 in all), pointing to the CLI for what did not fit.
 */

const MESSAGE_BUDGET = 10_500;
const BLOCK_LIMIT = 46;
const WHY_LIMIT = 500;
const COMMAND_LIMIT = 1900;

function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_LIMIT) } };
}

function findingBlock(finding: DoctorFinding, command: string, l: Localizer): Block {
  const icon = finding.severity === 'must-change' ? ':red_circle:' : ':large_yellow_circle:';
  const label = msg(
    finding.severity === 'must-change' ? 'doctor.report.must-change' : 'doctor.report.advice',
  );
  const [step] = wordSteps(finding.fix, l);
  const lines = [
    `${icon} *${plain(l, finding.title)}*  _${plain(l, label)}_`,
    plain(l, clip(l.t(finding.why), WHY_LIMIT)),
  ];
  if (step) {
    lines.push(`*${plain(l, msg('doctor.report.fix'))}* ${plain(l, step.text)}`);
    const snippet = step.command ?? step.code;
    // A cut command would be worse than none: it would run, wrongly.
    if (snippet && snippet.length <= COMMAND_LIMIT) lines.push(codeBlock([snippet]));
    else if (snippet) lines.push(`_${plain(l, msg('doctor.report.too-long', { command }))}_`);
  }
  return section(lines.join('\n'));
}

/** The CLI command that shows the same report in full. */
function defaultCommand(report: DoctorReport): string {
  const [api] = report.apis;
  return report.apis.length === 1
    ? `why403 doctor --api ${api.restApiId} --region ${api.region}`
    : 'why403 doctor';
}

export function doctorMessage(
  report: DoctorReport,
  options: { command?: string; l?: Localizer } = {},
): SlackMessage {
  const l = options.l ?? english;
  const command = options.command ?? defaultCommand(report);
  const summary = doctorSummary(report, l);
  const blocks: Block[] = [
    header(`${l.t(msg('doctor.report.title'))}: ${summary}`),
    section(`${STANDING_ICON[doctorStanding(report)]} ${plain(l, doctorVerdict(report, l))}`),
  ];
  if (report.apis.length === 0) blocks.push(section(plain(l, msg('doctor.report.nothing'))));
  let used = blocksSize(blocks);
  let left = 0;
  for (const group of groupReport(report, l)) {
    if (group.findings.length === 0) continue;
    const heading = context(`*${plain(l, group.heading)}*`);
    for (const [i, finding] of group.findings.entries()) {
      const block = findingBlock(finding, command, l);
      const extra = blockSize(block) + (i === 0 ? blockSize(heading) + 30 : 0);
      if (left > 0 || blocks.length + (i === 0 ? 3 : 1) > BLOCK_LIMIT || used + extra > MESSAGE_BUDGET) {
        left++;
        continue;
      }
      if (i === 0) blocks.push({ type: 'divider' }, heading);
      blocks.push(block);
      used += extra;
    }
  }
  if (left > 0) {
    blocks.push(context(plain(l, msg('doctor.report.more', { count: left, command }))));
  }
  return {
    text: redactText(l.t(msg('doctor.report.slack-fallback', { summary }))),
    blocks,
  };
}
