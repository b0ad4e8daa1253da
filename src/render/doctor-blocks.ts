import type { DoctorFinding, DoctorReport } from '../doctor/types';
import { redactText } from '../redact';
import { msg } from '../text';
import { escapeMrkdwn, type Block, type SlackMessage } from './blocks';
import { doctorSummary, doctorVerdict, groupReport } from './doctor';
import { english, type Localizer } from './localize';
import { wordSteps } from './worded';

/**
 * A doctor report as the Slack bot posts it: the verdict, then each finding (must change first) with why it
 * matters and its first fix, grouped under its account, API and stage. Pure: what to post is decided by the
 * report; everything is redacted and escaped, and the message stays within Slack's limits (50 blocks, 3,000
 * characters a section, about 12,000 in all), pointing to the CLI for what did not fit.
 */

const SECTION_LIMIT = 3000;
const MESSAGE_BUDGET = 10_500;
const BLOCK_LIMIT = 46;
const WHY_LIMIT = 500;
const COMMAND_LIMIT = 1900;

function safe(text: string): string {
  return escapeMrkdwn(redactText(text));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function codeBlock(text: string): string {
  return `\`\`\`${safe(text).replace(/```/g, "'''")}\`\`\``;
}

function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_LIMIT) } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 2000) }] };
}

function findingBlock(finding: DoctorFinding, command: string, l: Localizer): Block {
  const icon = finding.severity === 'must-change' ? ':red_circle:' : ':large_yellow_circle:';
  const label = l.t(
    msg(finding.severity === 'must-change' ? 'doctor.report.must-change' : 'doctor.report.advice'),
  );
  const [step] = wordSteps(finding.fix, l);
  const lines = [
    `${icon} *${safe(l.t(finding.title))}*  _${safe(label)}_`,
    safe(clip(l.t(finding.why), WHY_LIMIT)),
  ];
  if (step) {
    lines.push(`*${safe(l.t(msg('doctor.report.fix')))}* ${safe(step.text)}`);
    const snippet = step.command ?? step.code;
    // A cut command would be worse than none: it would run, wrongly.
    if (snippet && snippet.length <= COMMAND_LIMIT) lines.push(codeBlock(snippet));
    else if (snippet) lines.push(`_${safe(l.t(msg('doctor.report.too-long', { command })))}_`);
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

function size(block: Block): number {
  return JSON.stringify(block).length;
}

export function doctorMessage(
  report: DoctorReport,
  options: { command?: string; l?: Localizer } = {},
): SlackMessage {
  const l = options.l ?? english;
  const command = options.command ?? defaultCommand(report);
  const summary = doctorSummary(report, l);
  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clip(`${l.t(msg('doctor.report.title'))}: ${summary}`, 150),
        emoji: true,
      },
    },
    section(
      `${report.mustChange > 0 ? ':warning:' : ':white_check_mark:'} ${safe(doctorVerdict(report, l))}`,
    ),
  ];
  if (report.apis.length === 0) blocks.push(section(safe(l.t(msg('doctor.report.nothing')))));
  let used = blocks.reduce((total, block) => total + size(block), 0);
  let left = 0;
  for (const group of groupReport(report, l)) {
    if (group.findings.length === 0) continue;
    const heading = context(`*${safe(group.heading)}*`);
    for (const [i, finding] of group.findings.entries()) {
      const block = findingBlock(finding, command, l);
      const extra = size(block) + (i === 0 ? size(heading) + 30 : 0);
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
    blocks.push(context(safe(l.t(msg('doctor.report.more', { count: left, command })))));
  }
  return {
    text: redactText(l.t(msg('doctor.report.slack-fallback', { summary }))),
    blocks,
  };
}
