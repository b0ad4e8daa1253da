import { styleText } from 'node:util';
import type { Verdict } from '../classify/types';
import type { RequestFacts } from '../evidence/types';
import { describeMethod } from '../evidence/assemble';
import { english, type Localizer } from './localize';
import { wordVerdict, type WordedPolicy, type WordedStep } from './worded';
import { msg } from '../text';
import { clip, displayWidth, padEndWidth, wrap } from './width';
import { isArnSegment, segmentName } from '../classify/policy/method-arn';

/** Plain-text rendering for a terminal. Formats what the verdict says; decides nothing. */

export interface TextStyle {
  color: boolean;
}

type Format = Parameters<typeof styleText>[0];

export function paint(style: TextStyle, format: Format, text: string): string {
  return style.color ? styleText(format, text) : text;
}

/** The longest line of evidence shown whole. */
export const MAX_LINE = 500;

/**
 * Control characters that came in with the evidence (terminal escapes, carriage returns, bidi overrides) would act on
 * the terminal instead of being read: they are shown escaped, as `\u001b`.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printable(item)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printable(item)])) as T;
  return value;
}

export function renderVerdictText(
  verdict: Verdict,
  style: TextStyle = { color: false },
  l: Localizer = english,
): string {
  const w = printable(wordVerdict(verdict, l));
  const out: string[] = [];
  const heading = (title: string) => out.push('', paint(style, 'bold', title));
  const headline = l.t(
    msg('report.headline', { cause: w.cause, confidence: l.t(msg(`confidence.${w.confidence}`)) }),
  );
  out.push(paint(style, 'bold', `why403 — ${describeRequest(w.request, l)}`), '');
  out.push(`  ${paint(style, w.confidence === 'high' ? 'red' : 'yellow', headline)}`);
  out.push(`  ${paint(style, 'bold', w.title)}`, `  ${w.summary}`);
  heading(l.t(msg('report.why')));
  out.push(indent(w.explanation));
  if (w.evidence.length > 0) {
    heading(l.t(msg('report.evidence')));
    for (const line of w.evidence) out.push(`  › ${clip(line, MAX_LINE).replace(/\n/g, '\n    ')}`);
  }
  if (w.policies.length > 0) {
    heading(l.t(msg('report.policies')));
    for (const policy of w.policies) out.push(...renderPolicy(policy, l));
  }
  if (w.facts.length > 0) {
    heading(l.t(msg('report.configuration')));
    const width = Math.max(...w.facts.map((f) => displayWidth(f.label)));
    for (const fact of w.facts) out.push(`  ${padEndWidth(fact.label, width)}  ${fact.value}`);
  }
  heading(l.t(msg('report.fix')));
  w.checklist.forEach((step, i) => out.push(...renderStep(step, i + 1, style)));
  const others = w.candidates.filter((c) => c.cause !== w.cause);
  if (others.length > 0) {
    heading(l.t(msg('report.other-causes')));
    for (const c of others)
      out.push(`  - ${c.cause} (${l.t(msg(`confidence.${c.confidence}`))}): ${c.summary}`);
  }
  if (w.settle.length > 0) {
    heading(l.t(msg('report.settle')));
    for (const question of w.settle) out.push(`  - ${question}`);
  }
  if (w.gaps.length > 0) {
    heading(l.t(msg('report.not-seen')));
    for (const gap of w.gaps) out.push(`  - ${gap}`);
  }
  return `${out.join('\n')}\n`;
}

function describeRequest(request: RequestFacts, l: Localizer = english): string {
  const where = [
    request.restApiId && request.stage ? `${request.restApiId}/${request.stage}` : request.restApiId,
    describeMethod(request),
  ]
    .filter(Boolean)
    .join(' ');
  const id = request.requestId
    ? l.t(msg('report.request', { requestId: request.requestId }))
    : l.t(msg('report.evidence-given'));
  return where ? l.t(msg('cli.report.request-where', { request: id, where })) : id;
}

/** A policy's decision, what it allows and denies, and why; the reason wrapped to `reasonWidth` when given. */
export function renderPolicy(policy: WordedPolicy, l: Localizer, reasonWidth?: number): string[] {
  const decision = msg(`policy.decision.${policy.decision}`);
  const lines = [`  ${l.t(msg('cli.report.policy', { label: policy.label, decision }))}`];
  if (policy.methodArn)
    lines.push(`    ${l.t(msg('report.policy-request', { methodArn: policy.methodArn }))}`);
  for (const resource of policy.allowed) lines.push(`    Allow ${resource}`);
  for (const resource of policy.denied) lines.push(`    Deny  ${resource}`);
  if (policy.difference) {
    const { segment, expected, actual } = policy.difference;
    const name = isArnSegment(segment) ? segmentName(segment) : segment;
    lines.push(`    ${l.t(msg('report.first-difference', { segment: name, expected, actual }))}`);
  }
  const reason = reasonWidth === undefined ? [policy.reason] : wrap(policy.reason, reasonWidth);
  lines.push(...reason.map((line) => `    ${line}`));
  return lines;
}

function renderStep(step: WordedStep, n: number, style: TextStyle): string[] {
  const lines = [`  ${n}. ${step.text}`];
  if (step.command) {
    for (const commandLine of step.command.split('\n'))
      lines.push(`     ${paint(style, 'cyan', `$ ${commandLine}`)}`);
  }
  for (const codeLine of step.code?.split('\n') ?? []) lines.push(`     ${paint(style, 'cyan', codeLine)}`);
  for (const iac of step.iac ?? []) lines.push(`     ${iac.tool}: ${iac.setting}`);
  return lines;
}

/** Wrapped to 100 columns (by display width: Chinese breaks between characters) and indented. */
function indent(text: string, width = 100): string {
  return wrap(text, width)
    .map((line) => `  ${line}`)
    .join('\n');
}
