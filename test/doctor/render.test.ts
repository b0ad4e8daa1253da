import type { DoctorFinding, DoctorReport } from '../../src/doctor/types';
import { doctorMessage } from '../../src/render/doctor-blocks';
import { doctorJson, groupReport, renderDoctorText } from '../../src/render/doctor';
import { msg } from '../../src/text';

/** The doctor report's renderers: they group and format, within Slack's limits, and redact what they quote. */

const API = 'a1b2c3d4e5';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFuYSIsImlhdCI6MTUxNjIzOTAyMn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function finding(extra: Partial<DoctorFinding> = {}): DoctorFinding {
  return {
    check: 'execution-logging',
    severity: 'must-change',
    scope: { region: 'eu-west-1', restApiId: API, stage: 'prod' },
    title: msg('doctor.execution-logging.off.title', { stage: 'prod' }),
    why: msg('doctor.execution-logging.off.why'),
    fix: [
      { text: msg('doctor.execution-logging.fix'), command: 'aws apigateway update-stage --rest-api-id x' },
    ],
    evidence: [],
    ...extra,
  };
}

function report(findings: DoctorFinding[], extra: Partial<DoctorReport> = {}): DoctorReport {
  return {
    at: Date.UTC(2026, 10, 24, 10),
    apis: [{ restApiId: API, name: 'orders', region: 'eu-west-1', stages: ['prod'] }],
    identities: [
      { region: 'eu-west-1', account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/bot/s' },
    ],
    findings,
    passed: [],
    mustChange: findings.filter((f) => f.severity === 'must-change').length,
    ...extra,
  };
}

function sections(message: ReturnType<typeof doctorMessage>): string[] {
  return message.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

describe('doctor report in Block Kit', () => {
  it('stays within Slack limits and points to the CLI for the rest', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      finding({
        scope: { region: 'eu-west-1', restApiId: API, stage: `s${i}` },
        fix: [{ text: 'x', command: `aws ${'y'.repeat(800)}` }],
      }),
    );

    const message = doctorMessage(report(many));
    const more = message.blocks.at(-1);

    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(Math.max(...sections(message).map((text) => text.length))).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(message.blocks).length).toBeLessThan(12_000);
    expect(more).toMatchObject({
      type: 'context',
      elements: [
        {
          text: expect.stringMatching(
            /^…and \d+ more findings: run why403 doctor --api a1b2c3d4e5 --region eu-west-1 in a terminal/,
          ),
        },
      ],
    });
  });

  it('escapes and redacts everything it quotes', () => {
    const tricky = finding({
      title: '<!channel> & <https://evil.example|click>',
      fix: [{ text: 'use the header', command: `curl -H "Authorization: Bearer ${JWT}" https://x` }],
    });

    const text = JSON.stringify(doctorMessage(report([tricky])));

    expect(text).not.toContain(JWT);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });

  it('never posts a cut command', () => {
    const long = finding({ fix: [{ text: 'run this', command: `aws ${'z'.repeat(2500)}` }] });

    const body = sections(doctorMessage(report([long]))).at(-1);

    expect(body).not.toContain('zzz');
    expect(body).toContain(
      'The full command is too long for Slack: run why403 doctor --api a1b2c3d4e5 --region eu-west-1 in a terminal.',
    );
  });

  it('shows no tick when a check could not run', () => {
    const unchecked = finding({
      check: 'could-not-check',
      severity: 'advice',
      title: msg('doctor.unchecked.title', { what: msg('doctor.what.stages', { api: API }) }),
    });

    expect(sections(doctorMessage(report([unchecked])))[0]).toMatch(
      /^:grey_question: Nothing found that must change, but 1 check could not run/,
    );
  });

  it('says so when nothing must change', () => {
    const message = doctorMessage(report([]));

    expect(message.text).toBe('why403 doctor: Nothing must change · 0 pieces of advice · 0 checks passed');
    expect(sections(message)[0]).toBe(
      ':white_check_mark: Nothing must change: the next 401/403/500 can be diagnosed from evidence.',
    );
  });
});

describe('doctor report for a terminal and as JSON', () => {
  it('groups the account first, then each API with its stages under it, must-change first', () => {
    const findings = [
      finding({ severity: 'advice', title: 'advice on prod' }),
      finding({ title: 'must on prod' }),
      finding({ scope: { region: 'eu-west-1', accountId: '123456789012' }, title: 'account-wide' }),
    ];

    const groups = groupReport(report(findings));

    expect(groups.map((g) => [g.heading, g.findings.map((f) => f.title)])).toEqual([
      ['Account 123456789012 in eu-west-1', ['account-wide']],
      ['API a1b2c3d4e5 (orders) in eu-west-1', []],
      ['Stage prod', ['must on prod', 'advice on prod']],
    ]);
  });

  it('prints the why, what was seen and the fix, and the verdict last', () => {
    const text = renderDoctorText(
      report([
        finding({ evidence: [`Authorizer result body before parsing: {"context":{"token":"${JWT}"}}`] }),
      ]),
    );

    expect(text).toContain('✗ MUST CHANGE  Execution logging is off on stage prod');
    expect(text).toContain('Why it matters: With logging off API Gateway writes no line for any request');
    expect(text).toContain('$ aws apigateway update-stage --rest-api-id x');
    expect(text).not.toContain(JWT);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '1 setting must change before the next incident can be diagnosed from evidence.',
    );
  });

  it.each<[string, DoctorFinding[], string]>([
    ['every check ran', [], 'Nothing must change: the next 401/403/500 can be diagnosed from evidence.'],
    [
      'a check could not run',
      [
        finding({
          check: 'could-not-check',
          severity: 'advice',
          title: msg('doctor.unchecked.title', { what: msg('doctor.what.stages', { api: API }) }),
        }),
      ],
      'Nothing found that must change, but 1 check could not run (see above): until it runs, doctor cannot say the next 401/403/500 can be diagnosed from evidence.',
    ],
  ])('says the next incident can be diagnosed only when %s', (_name, findings, verdict) => {
    const text = renderDoctorText(report(findings));

    expect(text.trimEnd().split('\n').at(-1)).toBe(verdict);
  });

  it('puts every message into words in the JSON', () => {
    const json = doctorJson(report([finding()])) as { findings: Array<Record<string, unknown>> };

    expect(json.findings[0]).toMatchObject({
      check: 'execution-logging',
      severity: 'must-change',
      title: 'Execution logging is off on stage prod',
      fix: [
        {
          text: "Set the stage's execution logging to INFO.",
          command: 'aws apigateway update-stage --rest-api-id x',
        },
      ],
    });
  });
});
