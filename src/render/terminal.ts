import { styleText } from 'node:util';
import type { ChecklistStep, PolicyView, Verdict } from '../classify/types';
import type { RequestFacts } from '../evidence/types';
import { describeMethod } from '../evidence/assemble';

/** Plain-text rendering for a terminal. Formats what the verdict says; decides nothing. */

export interface TextStyle {
  color: boolean;
}

type Format = Parameters<typeof styleText>[0];

function paint(style: TextStyle, format: Format, text: string): string {
  return style.color ? styleText(format, text) : text;
}

const MAX_LINE = 500;

export function clip(text: string, max = MAX_LINE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function renderVerdictText(verdict: Verdict, style: TextStyle = { color: false }): string {
  const out: string[] = [];
  const heading = (title: string) => out.push('', paint(style, 'bold', title));
  const headline = `${verdict.cause}  (confidence: ${verdict.confidence})`;
  out.push(paint(style, 'bold', `why403 — ${describeRequest(verdict.request)}`), '');
  out.push(`  ${paint(style, verdict.confidence === 'high' ? 'red' : 'yellow', headline)}`);
  out.push(`  ${paint(style, 'bold', verdict.title)}`, `  ${verdict.summary}`);
  heading('Why');
  out.push(indent(verdict.explanation));
  if (verdict.evidence.length > 0) {
    heading('Evidence');
    for (const line of verdict.evidence) out.push(`  › ${clip(line).replace(/\n/g, '\n    ')}`);
  }
  if (verdict.policies.length > 0) {
    heading('Policies');
    for (const policy of verdict.policies) out.push(...renderPolicy(policy));
  }
  if (verdict.facts.length > 0) {
    heading('Configuration');
    const width = Math.max(...verdict.facts.map((f) => f.label.length));
    for (const fact of verdict.facts) out.push(`  ${fact.label.padEnd(width)}  ${fact.value}`);
  }
  heading('Fix');
  verdict.checklist.forEach((step, i) => out.push(...renderStep(step, i + 1, style)));
  const others = verdict.candidates.filter((c) => c.cause !== verdict.cause);
  if (others.length > 0) {
    heading('Other causes that fit');
    for (const c of others) out.push(`  - ${c.cause} (${c.confidence}): ${c.summary}`);
  }
  if (verdict.settle.length > 0) {
    heading('To settle it');
    for (const question of verdict.settle) out.push(`  - ${question}`);
  }
  if (verdict.gaps.length > 0) {
    heading('Not seen');
    for (const gap of verdict.gaps) out.push(`  - ${gap}`);
  }
  return `${out.join('\n')}\n`;
}

export function describeRequest(request: RequestFacts): string {
  const where = [
    request.restApiId && request.stage ? `${request.restApiId}/${request.stage}` : request.restApiId,
    describeMethod(request),
  ]
    .filter(Boolean)
    .join(' ');
  const id = request.requestId ? `request ${request.requestId}` : 'the evidence given';
  return where ? `${id} (${where})` : id;
}

function renderPolicy(policy: PolicyView): string[] {
  const lines = [`  ${policy.label}: ${policy.decision}`];
  if (policy.methodArn) lines.push(`    request: ${policy.methodArn}`);
  for (const resource of policy.allowed) lines.push(`    Allow ${resource}`);
  for (const resource of policy.denied) lines.push(`    Deny  ${resource}`);
  if (policy.difference) {
    lines.push(
      `    first difference: ${policy.difference.segment} "${policy.difference.expected}" ≠ "${policy.difference.actual}"`,
    );
  }
  lines.push(`    ${policy.reason}`);
  return lines;
}

function renderStep(step: ChecklistStep, n: number, style: TextStyle): string[] {
  const lines = [`  ${n}. ${step.text}`];
  if (step.command) {
    for (const commandLine of step.command.split('\n'))
      lines.push(`     ${paint(style, 'cyan', `$ ${commandLine}`)}`);
  }
  for (const codeLine of step.code?.split('\n') ?? []) lines.push(`     ${paint(style, 'cyan', codeLine)}`);
  for (const iac of step.iac ?? []) lines.push(`     ${iac.tool}: ${iac.setting}`);
  return lines;
}

function indent(text: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(`  ${current}`);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(`  ${current}`);
  return lines.join('\n');
}
