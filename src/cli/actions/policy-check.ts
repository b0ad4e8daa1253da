import ipaddr from 'ipaddr.js';
import type { PolicyCheckOptions } from '../commands/policy-check';
import type { CliIo } from '../io';
import { readTextInput } from '../input';
import { InputError } from '../../errors';
import {
  combineEvaluations,
  evaluatePolicy,
  parseMethodArn,
  parsePolicy,
  type ConditionValues,
  type PolicyEvaluation,
} from '../../classify/policy';
import { toJsonText } from '../../render/json';
import { renderPolicyCheckText, type PolicyCheckResult } from '../../render/policy-check';
import type { Localizer } from '../../render/localize';
import { msg } from '../../text';

export async function policyCheckAction(options: PolicyCheckOptions, io: CliIo, l: Localizer): Promise<void> {
  const result = await policyCheck(options, io, l);
  io.stdout.write(options.json ? toJsonText(result) : renderPolicyCheckText(result, l));
}

async function policyCheck(options: PolicyCheckOptions, io: CliIo, l: Localizer): Promise<PolicyCheckResult> {
  if (!parseMethodArn(options.methodArn)) {
    throw new InputError(
      msg('cli.policy-check.malformed-arn', { arn: options.methodArn }),
      msg('cli.policy-check.malformed-arn.hint'),
    );
  }
  if (!options.policy && !options.resourcePolicy) {
    throw new InputError(msg('cli.policy-check.nothing'), msg('cli.policy-check.nothing.hint'));
  }
  const context = {
    methodArn: options.methodArn,
    principal: options.principal ?? 'anonymous',
    conditionValues: conditionValues(options),
  };
  const authorizer = options.policy
    ? evaluatePolicy(await readPolicy(options.policy, io), { methodArn: options.methodArn }, 'authorizer')
    : undefined;
  const resourcePolicy = options.resourcePolicy
    ? evaluatePolicy(await readPolicy(options.resourcePolicy, io), context, 'resource-policy')
    : undefined;
  if (authorizer && resourcePolicy) {
    const combined = combineEvaluations({ authorizer, resourcePolicy, crossAccount: options.crossAccount });
    return {
      decision: combined.decision,
      statement: combined.statement ?? null,
      reason: l.t(combined.reason),
      methodArn: options.methodArn,
      phase: combined.phase,
      table: combined.table,
      decidedBy: combined.decidedBy,
      failedCondition: combined.failedCondition,
      undetermined: combined.undetermined,
      authorizer: single(authorizer, l),
      resourcePolicy: single(resourcePolicy, l),
    };
  }
  return { ...single((authorizer ?? resourcePolicy) as PolicyEvaluation, l), methodArn: options.methodArn };
}

function single(evaluation: PolicyEvaluation, l: Localizer): PolicyCheckResult {
  return {
    decision: evaluation.decision,
    statement: evaluation.statement ?? null,
    reason: l.t(evaluation.reason),
    source: evaluation.source,
    failedCondition: evaluation.failedCondition,
    undetermined: evaluation.undetermined,
    notModelled: evaluation.notModelled.map(l.t),
    statements: evaluation.statements.map((s) => ({
      index: s.statement.index,
      sid: s.statement.sid,
      effect: s.statement.effect,
      applies: s.applies,
      action: s.action,
      resource: s.resource,
      principal: s.principal,
      conditions: s.conditions,
      difference: s.difference,
    })),
  };
}

function conditionValues(options: PolicyCheckOptions): ConditionValues {
  if (options.sourceIp && !ipaddr.isValid(options.sourceIp)) {
    throw new InputError(
      msg('cli.policy-check.bad-ip', { ip: options.sourceIp }),
      msg('cli.policy-check.bad-ip.hint'),
    );
  }
  const networkKnown = Boolean(options.sourceIp || options.vpce || options.vpc);
  const values: ConditionValues = {
    'aws:SourceIp': options.sourceIp,
    'aws:SourceVpce': options.vpce ?? (networkKnown ? null : undefined),
    'aws:SourceVpc': options.vpc ?? (networkKnown ? null : undefined),
  };
  for (const pair of options.condition) {
    const separator = pair.indexOf('=');
    if (separator <= 0)
      throw new InputError(
        msg('cli.policy-check.bad-condition', { pair }),
        msg('cli.policy-check.bad-condition.hint'),
      );
    values[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return values;
}

/** A policy file: a policy document, GetRestApi's (double-escaped) policy string, or an object holding one. */
async function readPolicy(file: string, io: CliIo): Promise<unknown> {
  const { text, source } = await readTextInput(file, io);
  const direct = parsePolicy(text.trim());
  if (direct.ok) return direct.policy;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      msg('cli.policy-check.not-json', { source, detail: (error as Error).message }),
      msg('cli.policy-check.not-json.hint'),
    );
  }
  const wrapped = json as { policy?: unknown } | null;
  return wrapped && typeof wrapped === 'object' && typeof wrapped.policy === 'string' ? wrapped.policy : json;
}
