import { styleText } from 'node:util';
import type { DoctorFinding, DoctorReport, PassedCheck } from '../doctor/types';
import { redactText, redactValue } from '../redact';
import { msg } from '../text';
import { english, type Localizer } from './localize';
import { wordSteps } from './worded';
import type { TextStyle } from './terminal';

/**
 * `why403 doctor` for a terminal and as JSON: findings grouped per account, API and stage, each with why it
 * matters and the exact fix. Formats what the checks found; decides nothing.
 */

export interface DoctorGroup {
  kind: 'account' | 'api' | 'stage';
  /** The heading, in words. */
  heading: string;
  findings: DoctorFinding[];
  passed: PassedCheck[];
}

const SEVERITY_ORDER = { 'must-change': 0, advice: 1 } as const;

/** Account sections first, then each API followed by its stages; must-change before advice in each. */
export function groupReport(report: DoctorReport, l: Localizer = english): DoctorGroup[] {
  const groups = new Map<string, DoctorGroup>();
  const groupOf = (scope: DoctorFinding['scope']): DoctorGroup => {
    // A stage's findings sit under its API's heading, so the API's group exists first.
    if (scope.stage) groupOf({ region: scope.region, restApiId: scope.restApiId });
    const key = scope.restApiId
      ? `1|${scope.region}|${scope.restApiId}|${scope.stage ?? ''}`
      : `0|${scope.region}|${scope.accountId ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind: kindOf(scope), heading: headingOf(scope, report, l), findings: [], passed: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const finding of report.findings) groupOf(finding.scope).findings.push(finding);
  for (const passed of report.passed) groupOf(passed.scope).passed.push(passed);
  for (const group of groups.values())
    group.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return [...groups.keys()].sort().map((key) => groups.get(key) as DoctorGroup);
}

function kindOf(scope: DoctorFinding['scope']): DoctorGroup['kind'] {
  if (!scope.restApiId) return 'account';
  return scope.stage ? 'stage' : 'api';
}

function headingOf(scope: DoctorFinding['scope'], report: DoctorReport, l: Localizer): string {
  if (!scope.restApiId) {
    return l.t(
      scope.accountId
        ? msg('doctor.report.account', { account: scope.accountId, region: scope.region })
        : msg('doctor.report.account-unknown', { region: scope.region }),
    );
  }
  if (scope.stage) return l.t(msg('doctor.report.stage', { stage: scope.stage }));
  const name = report.apis.find((api) => api.restApiId === scope.restApiId)?.name;
  return l.t(
    name
      ? msg('doctor.report.api-named', { api: scope.restApiId, name, region: scope.region })
      : msg('doctor.report.api', { api: scope.restApiId, region: scope.region }),
  );
}

export function doctorSummary(report: DoctorReport, l: Localizer = english): string {
  return l.t(
    msg('doctor.report.summary', {
      mustChange: report.mustChange,
      advice: report.findings.length - report.mustChange,
      passed: report.passed.length,
    }),
  );
}

/**
 * Where the report stands: something must change, or nothing must but some checks could not run (which proves
 * nothing: "can be diagnosed" is said only when every check ran), or all is well.
 */
export function doctorStanding(report: DoctorReport): 'must-change' | 'unchecked' | 'ok' {
  if (report.mustChange > 0) return 'must-change';
  return report.findings.some((finding) => finding.check === 'could-not-check') ? 'unchecked' : 'ok';
}

export function doctorVerdict(report: DoctorReport, l: Localizer = english): string {
  switch (doctorStanding(report)) {
    case 'must-change':
      return l.t(msg('doctor.report.verdict.must-change', { count: report.mustChange }));
    case 'unchecked': {
      const count = report.findings.filter((finding) => finding.check === 'could-not-check').length;
      return l.t(msg('doctor.report.verdict.unchecked', { count }));
    }
    case 'ok':
      return l.t(msg('doctor.report.verdict.ok'));
  }
}

function paint(style: TextStyle, format: Parameters<typeof styleText>[0], text: string): string {
  return style.color ? styleText(format, text) : text;
}

export function renderDoctorText(
  report: DoctorReport,
  style: TextStyle = { color: false },
  l: Localizer = english,
): string {
  const regions = [...new Set(report.apis.map((api) => api.region))].join(', ') || '—';
  const as = report.identities.find((identity) => identity.arn)?.arn;
  const out = [
    paint(
      style,
      'bold',
      `${l.t(msg('doctor.report.title'))} — ${l.t(msg('doctor.report.checked', { apis: report.apis.length, regions }))}${as ? ` ${l.t(msg('doctor.report.as', { arn: as }))}` : ''}`,
    ),
    `  ${doctorSummary(report, l)}`,
  ];
  if (report.apis.length === 0) out.push('', `  ${l.t(msg('doctor.report.nothing'))}`);
  for (const group of groupReport(report, l)) {
    const indent = group.kind === 'stage' ? '    ' : '  ';
    out.push('', `${indent.slice(2)}${paint(style, 'bold', group.heading)}`);
    for (const finding of group.findings) out.push(...renderFinding(finding, indent, style, l));
    for (const passed of group.passed) out.push(`${indent}${paint(style, 'green', '✓')} ${l.t(passed.text)}`);
  }
  out.push('', paint(style, report.mustChange > 0 ? 'red' : 'green', doctorVerdict(report, l)));
  return `${redactText(out.join('\n'))}\n`;
}

function renderFinding(finding: DoctorFinding, indent: string, style: TextStyle, l: Localizer): string[] {
  const label =
    finding.severity === 'must-change'
      ? paint(style, 'red', `✗ ${l.t(msg('doctor.report.must-change'))}`)
      : paint(style, 'yellow', `! ${l.t(msg('doctor.report.advice'))}`);
  const lines = [`${indent}${label}  ${paint(style, 'bold', l.t(finding.title))}`];
  lines.push(`${indent}    ${l.t(msg('doctor.report.why'))} ${l.t(finding.why)}`);
  if (finding.evidence.length > 0) {
    lines.push(`${indent}    ${l.t(msg('doctor.report.seen'))}`);
    for (const item of finding.evidence) lines.push(`${indent}      › ${l.t(item).replace(/\n/g, ' ')}`);
  }
  lines.push(`${indent}    ${l.t(msg('doctor.report.fix'))}`);
  wordSteps(finding.fix, l).forEach((step, i) => {
    lines.push(`${indent}      ${i + 1}. ${step.text}`);
    for (const command of step.command?.split('\n') ?? [])
      lines.push(`${indent}         ${paint(style, 'cyan', `$ ${command}`)}`);
    for (const code of step.code?.split('\n') ?? [])
      lines.push(`${indent}         ${paint(style, 'cyan', code)}`);
    for (const iac of step.iac ?? []) lines.push(`${indent}         ${iac.tool}: ${iac.setting}`);
  });
  return lines;
}

/** `why403 doctor --json`: every message in words, everything redacted. */
export function doctorJson(report: DoctorReport, l: Localizer = english): Record<string, unknown> {
  return redactValue({
    at: new Date(report.at).toISOString(),
    mustChange: report.mustChange,
    apis: report.apis,
    identities: report.identities,
    findings: report.findings.map((finding) => ({
      check: finding.check,
      severity: finding.severity,
      scope: finding.scope,
      title: l.t(finding.title),
      why: l.t(finding.why),
      fix: wordSteps(finding.fix, l),
      evidence: finding.evidence.map(l.t),
    })),
    passed: report.passed.map((passed) => ({
      check: passed.check,
      scope: passed.scope,
      text: l.t(passed.text),
    })),
  });
}
