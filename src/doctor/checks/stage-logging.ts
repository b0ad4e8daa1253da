import { IAC } from '../../classify/fix';
import { parsePolicy } from '../../classify/policy';
import { msg, type Message } from '../../text';
import { logGroupOfArn } from '../../locate/log-groups';
import {
  analyseFormat,
  recommendedFormat,
  type RequiredVariable,
  type VariableGroup,
} from '../access-log-format';
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

interface FieldGroups {
  /** The groups whose fields a diagnosis of this stage may read. */
  groups: VariableGroup[];
  /** Of those, the ones not known to be needed (no web ACL yet, or what decides it could not be read). */
  optional: VariableGroup[];
}

/**
 * Which access-log fields this API's diagnoses read: the authorizer's when a method uses a Lambda authorizer, the
 * caller's address and VPC endpoint when the resource policy tests them or the API is private. What could not be
 * read is asked for too, as advice, never passed over as not needed.
 */
function fieldGroups(api: ApiFacts, stage: StageFacts): FieldGroups {
  const groups: VariableGroup[] = ['core', 'waf'];
  const optional: VariableGroup[] = stage.stage.webAclArn ? [] : ['waf'];
  if (!api.authorizers.ok) optional.push('authorizer');
  if (authorizersInUse(api).length > 0 || !api.authorizers.ok) groups.push('authorizer');
  if (!api.restApi.ok) {
    groups.push('source-ip', 'vpce');
    optional.push('source-ip', 'vpce');
    return { groups, optional };
  }
  const keys = policyConditionKeys(api.restApi.value.policy);
  if (keys.has('aws:sourceip')) groups.push('source-ip');
  const isPrivate = api.restApi.value.endpointConfiguration?.types?.includes('PRIVATE') ?? false;
  if (isPrivate || keys.has('aws:sourcevpce') || keys.has('aws:sourcevpc')) groups.push('vpce');
  return { groups, optional };
}

/** The condition keys a resource policy tests, lower-cased. */
function policyConditionKeys(policy: string | undefined): Set<string> {
  const parsed = policy ? parsePolicy(policy) : undefined;
  if (!parsed?.ok) return new Set();
  return new Set(
    parsed.policy.Statement.flatMap((statement) =>
      Object.values(statement.Condition ?? {}).flatMap((block) =>
        Object.keys(block).map((key) => key.toLowerCase()),
      ),
    ),
  );
}

function accessLogging(api: ApiFacts, facts: StageFacts, ref: StageRef, account: string): CheckOutput {
  const settings = facts.stage.accessLogSettings;
  const scope = apiScope(api, ref.stage);
  const fields = fieldGroups(api, facts);
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
            command: enableAccessLogCommand(ref, account, recommendedFormat(fields.groups)),
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
  return accessLogFormat(facts, ref, scope, fields);
}

function accessLogFormat(facts: StageFacts, ref: StageRef, scope: Scope, fields: FieldGroups): CheckOutput {
  const format = facts.stage.accessLogSettings?.format ?? '';
  const analysis = analyseFormat(format, fields.groups);
  const needed = analysis.missing.filter((field) => !fields.optional.includes(field.group));
  if (analysis.missing.length === 0 && analysis.kind !== 'invalid-json') {
    return passed('access-log-format', scope, msg('doctor.access-log-format.ok', { stage: ref.stage }));
  }
  const missing = analysis.missing.map((field) => `$context.${field.variable}`);
  const mustChange = needed.length > 0 || analysis.kind === 'invalid-json';
  const finding: DoctorFinding = {
    check: 'access-log-format',
    severity: mustChange ? 'must-change' : 'advice',
    scope,
    title:
      analysis.kind === 'invalid-json'
        ? msg('doctor.access-log-format.invalid-json.title', { stage: ref.stage })
        : msg('doctor.access-log-format.title', { stage: ref.stage, missing: list(missing, 12) }),
    why: formatWhy(mustChange, needed, analysis.missing),
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

function formatWhy(
  mustChange: boolean,
  needed: readonly RequiredVariable[],
  missing: readonly RequiredVariable[],
): Message {
  const network = (field: RequiredVariable) => field.group === 'source-ip' || field.group === 'vpce';
  if (mustChange) {
    return msg(
      needed.length > 0 && needed.every(network)
        ? 'doctor.access-log-format.network.why'
        : 'doctor.access-log-format.why',
    );
  }
  return msg(
    missing.every((field) => field.group === 'waf')
      ? 'doctor.access-log-format.waf-only.why'
      : 'doctor.access-log-format.unknown.why',
  );
}
