import ipaddr from 'ipaddr.js';
import type { PolicyCheckOptions } from '../commands/policy-check';
import type { CliIo } from '../io';
import { readTextInput } from '../input';
import { InputError } from '../../errors';
import { parseInvokeUrl } from '../../config/ids';
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
  const result = await policyCheck({ ...options, methodArn: methodArnOf(options.methodArn) }, io, l);
  io.stdout.write(options.json ? toJsonText(result) : renderPolicyCheckText(result, l));
}

/**
 * The method ARN as typed, without the spaces a paste brings. An invoke URL lacks the account and the method, so it
 * is refused with the ARN to type, those two left to fill in.
 */
function methodArnOf(value: string): string {
  const arn = value.trim();
  if (parseMethodArn(arn)) return arn;
  const url = parseInvokeUrl(arn);
  if (url) {
    const path = /^(?:https?:\/\/)?[^/]+\/[^/?#]*\/?(?<path>[^?#]*)/.exec(arn)?.groups?.path ?? '';
    const example = `arn:aws:execute-api:${url.region}:<account-id>:${url.restApiId}/${url.stage ?? '<stage>'}/<VERB>/${path}`;
    throw new InputError(
      msg('cli.policy-check.invoke-url', { url: arn }),
      msg('cli.policy-check.invoke-url.hint', { arn: example }),
    );
  }
  throw new InputError(
    msg('cli.policy-check.malformed-arn', { arn }),
    msg('cli.policy-check.malformed-arn.hint'),
  );
}

async function policyCheck(options: PolicyCheckOptions, io: CliIo, l: Localizer): Promise<PolicyCheckResult> {
  if (!options.policy && !options.resourcePolicy) {
    throw new InputError(msg('cli.policy-check.nothing'), msg('cli.policy-check.nothing.hint'));
  }
  const context = {
    methodArn: options.methodArn,
    principal: options.principal ?? 'anonymous',
    conditionValues: conditionValues(options),
  };
  const authorizer = options.policy
    ? evaluatePolicy(await readPolicy(options.policy, io, l), { methodArn: options.methodArn }, 'authorizer')
    : undefined;
  const resourcePolicy = options.resourcePolicy
    ? evaluatePolicy(await readPolicy(options.resourcePolicy, io, l), context, 'resource-policy')
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
  // Only the forms the evaluator reads: `1.2.3` is an IPv4 address to ipaddr.isValid, and not what was meant.
  if (options.sourceIp !== undefined && !isAddress(options.sourceIp)) {
    throw new InputError(
      msg(options.sourceIp.includes('/') ? 'cli.policy-check.ip-range' : 'cli.policy-check.bad-ip', {
        ip: options.sourceIp,
      }),
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
async function readPolicy(file: string, io: CliIo, l: Localizer): Promise<unknown> {
  const { text, source } = await readTextInput(file, io, l);
  const direct = parsePolicy(text.trim());
  if (direct.ok) return direct.policy;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (YAML_KEY.test(text))
      throw new InputError(
        msg('cli.policy-check.yaml', { source }),
        msg('cli.policy-check.yaml.hint', { source }),
      );
    if (text.trim() === '')
      throw new InputError(msg('input.is', { source, problem: msg('input.empty') }), POLICY_HINT);
    const { findJsonFault, jsonRefusal } = await import('../json-fault');
    throw jsonRefusal(source, await findJsonFault([Buffer.from(text)]), POLICY_HINT);
  }
  const wrapped = json as { policy?: unknown } | null;
  return wrapped && typeof wrapped === 'object' && typeof wrapped.policy === 'string' ? wrapped.policy : json;
}

function isAddress(ip: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(ip) || (ip.includes(':') && ipaddr.IPv6.isValid(ip));
}

const POLICY_HINT = msg('cli.policy-check.not-json.hint');

/** A YAML mapping's first key, as a policy written in YAML (CloudFormation, SAM) starts. */
const YAML_KEY = /^\uFEFF?\s*(?:Version|Statement|PolicyDocument|Policy)\s*:/;
