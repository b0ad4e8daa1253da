import { IAC } from '../../classify/fix';
import { msg } from '../../text';
import { logGroupOfArn } from '../../locate/log-groups';
import { analyseFormat, recommendedFormat, type VariableGroup } from '../access-log-format';
import {
  DOCTOR_IAC,
  enableAccessLogCommand,
  setAccessLogFormatCommand,
  setDataTraceCommand,
  setLoggingLevelCommand,
  type StageRef,
} from '../commands';
import type { ApiFacts, DoctorFinding, Scope, StageFacts } from '../types';
import { apiScope, authorizersInUse, list, merge, output, passed, type CheckOutput } from './helpers';

/**
 * A stage's logging as evidence for a later diagnosis: the execution log at INFO (the authorizer's steps and the
 * reason for a 401/403), data tracing (the authorizer's returned policy), and an access log whose format carries
 * the request id, the gateway response, the authorizer's and WAF's outcome.
 */
export function checkStageLogging(
  api: ApiFacts,
  facts: StageFacts,
  account: string | undefined,
): CheckOutput {
  const stage = facts.stage;
  const ref: StageRef = { restApiId: api.restApiId, stage: stage.stageName, region: api.region };
  return merge([
    executionLogging(api, facts, ref),
    accessLogging(api, facts, ref, account ?? '<account-id>'),
  ]);
}

function levelOf(value: string | undefined): 'OFF' | 'ERROR' | 'INFO' {
  const level = (value ?? 'OFF').toUpperCase();
  return level === 'INFO' || level === 'ERROR' ? level : 'OFF';
}

function executionLogging(api: ApiFacts, facts: StageFacts, ref: StageRef): CheckOutput {
  const settings = facts.stage.methodSettings ?? {};
  const level = levelOf(settings['*/*']?.loggingLevel);
  const scope = apiScope(api, ref.stage);
  if (level === 'INFO') {
    return merge([
      passed('execution-logging', scope, msg('doctor.execution-logging.ok', { stage: ref.stage })),
      quieterMethods(settings, ref, scope),
      dataTracing(facts, ref, scope),
    ]);
  }
  return merge([
    output([loggingTooLow(level, ref, scope)]),
    // Data tracing needs the log on; with logging off, turning logging on comes first.
    level === 'ERROR' ? dataTracing(facts, ref, scope) : output(),
  ]);
}

/** The execution log is off, or logs errors only: neither shows the authorizer's steps. */
function loggingTooLow(level: 'OFF' | 'ERROR', ref: StageRef, scope: Scope): DoctorFinding {
  const off = level === 'OFF';
  return {
    check: 'execution-logging',
    severity: 'must-change',
    scope,
    title: msg(off ? 'doctor.execution-logging.off.title' : 'doctor.execution-logging.error.title', {
      stage: ref.stage,
    }),
    why: msg(off ? 'doctor.execution-logging.off.why' : 'doctor.execution-logging.error.why'),
    fix: [
      {
        text: msg('doctor.execution-logging.fix'),
        command: setLoggingLevelCommand(ref, 'INFO'),
        iac: IAC.logging,
      },
    ],
    evidence: [],
  };
}

/** Methods whose own setting logs less than the stage's INFO. */
function quieterMethods(
  settings: NonNullable<StageFacts['stage']['methodSettings']>,
  ref: StageRef,
  scope: Scope,
): CheckOutput {
  const quieter = Object.entries(settings)
    .filter(([key, setting]) => key !== '*/*' && levelOf(setting.loggingLevel) !== 'INFO')
    .map(([key, setting]) => `${key}: ${levelOf(setting.loggingLevel)}`);
  if (quieter.length === 0) return output();
  return output([
    {
      check: 'execution-logging',
      severity: 'advice',
      scope,
      title: msg('doctor.execution-logging.override.title', { stage: ref.stage, methods: list(quieter) }),
      why: msg('doctor.execution-logging.override.why'),
      fix: [{ text: msg('doctor.execution-logging.override.fix'), iac: IAC.logging }],
      evidence: quieter,
    },
  ]);
}

function dataTracing(facts: StageFacts, ref: StageRef, scope: Scope): CheckOutput {
  if (facts.stage.methodSettings?.['*/*']?.dataTraceEnabled) {
    return passed('data-tracing', scope, msg('doctor.data-tracing.ok', { stage: ref.stage }));
  }
  return output([
    {
      check: 'data-tracing',
      severity: 'advice',
      scope,
      title: msg('doctor.data-tracing.title', { stage: ref.stage }),
      why: msg('doctor.data-tracing.why'),
      fix: [{ text: msg('doctor.data-tracing.fix'), command: setDataTraceCommand(ref), iac: IAC.logging }],
      evidence: [],
    },
  ]);
}

function variableGroups(api: ApiFacts): VariableGroup[] {
  return authorizersInUse(api).length > 0 ? ['core', 'authorizer', 'waf'] : ['core', 'waf'];
}

function accessLogging(api: ApiFacts, facts: StageFacts, ref: StageRef, account: string): CheckOutput {
  const settings = facts.stage.accessLogSettings;
  const scope = apiScope(api, ref.stage);
  const groups = variableGroups(api);
  if (!settings?.destinationArn) {
    return output([
      {
        check: 'access-logging',
        severity: 'must-change',
        scope,
        title: msg('doctor.access-logging.off.title', { stage: ref.stage }),
        why: msg('doctor.access-logging.off.why'),
        fix: [
          {
            text: msg('doctor.access-logging.off.fix'),
            command: enableAccessLogCommand(ref, account, recommendedFormat(groups)),
            iac: DOCTOR_IAC.accessLog,
          },
        ],
        evidence: [],
      },
    ]);
  }
  if (!logGroupOfArn(settings.destinationArn)) {
    return output([
      {
        check: 'access-logging',
        severity: 'advice',
        scope,
        title: msg('doctor.access-logging.not-cloudwatch.title', { stage: ref.stage }),
        why: msg('doctor.access-logging.not-cloudwatch.why'),
        fix: [{ text: msg('doctor.access-logging.not-cloudwatch.fix'), iac: DOCTOR_IAC.accessLog }],
        evidence: [settings.destinationArn],
      },
    ]);
  }
  return accessLogFormat(facts, ref, scope, groups);
}

function accessLogFormat(
  facts: StageFacts,
  ref: StageRef,
  scope: Scope,
  groups: VariableGroup[],
): CheckOutput {
  const format = facts.stage.accessLogSettings?.format ?? '';
  const analysis = analyseFormat(format, groups);
  const hasWaf = Boolean(facts.stage.webAclArn);
  const needed = analysis.missing.filter((field) => field.group !== 'waf' || hasWaf);
  if (analysis.missing.length === 0 && analysis.kind !== 'invalid-json') {
    return passed('access-log-format', scope, msg('doctor.access-log-format.ok', { stage: ref.stage }));
  }
  const missing = analysis.missing.map((field) => `$context.${field.variable}`);
  const finding: DoctorFinding = {
    check: 'access-log-format',
    severity: needed.length > 0 || analysis.kind === 'invalid-json' ? 'must-change' : 'advice',
    scope,
    title:
      analysis.kind === 'invalid-json'
        ? msg('doctor.access-log-format.invalid-json.title', { stage: ref.stage })
        : msg('doctor.access-log-format.title', { stage: ref.stage, missing: list(missing, 12) }),
    why: msg(
      needed.length > 0 || analysis.kind === 'invalid-json'
        ? 'doctor.access-log-format.why'
        : 'doctor.access-log-format.waf-only.why',
    ),
    fix: [
      {
        text: msg('doctor.access-log-format.fix'),
        command: setAccessLogFormatCommand(ref, analysis.suggested),
        code: analysis.suggested,
        iac: DOCTOR_IAC.accessLog,
      },
    ],
    evidence: [format],
  };
  return output([finding]);
}
