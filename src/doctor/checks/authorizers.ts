import {
  IAC,
  addAuthorizerPermissionCommand,
  authorizerSourceArn,
  flushCacheCommand,
  deployCommands,
  setTtlCommand,
  type Ids,
} from '../../classify/fix';
import { arnMatches, globMatches, parseMethodArn } from '../../classify/policy';
import type { AuthorizerConfig } from '../../evidence/types';
import { parseJson } from '../../json';
import { msg, type Text } from '../../text';
import { DOCTOR_POLICY_FILE } from '../required-permissions';
import type {
  ApiFacts,
  AuthorizerOutputSample,
  DoctorFinding,
  FunctionPolicyFact,
  Scope,
  StageFacts,
} from '../types';
import {
  apiScope,
  authorizersInUse,
  couldNotCheck,
  merge,
  output,
  passed,
  stageCanary,
  type CheckOutput,
} from './helpers';
import { functionArnInUri } from '../../evidence/lambda-arn';
import { resultTtlOf } from '../../classify/signals';

/**
 * The Lambda authorizers methods use: may API Gateway invoke each function (domain.md §3.3), and does a cached
 * authorizer return policies for one method only, the intermittent-403 trap (§3.4)?
 */
export function checkAuthorizers(
  api: ApiFacts,
  account: string | undefined,
  logWindowMs: number,
): CheckOutput {
  const inUse = authorizersInUse(api);
  const stages = api.stages.ok ? api.stages.value : [];
  return merge([
    ...inUse.map((authorizer) => invokePermission(api, authorizer, account)),
    ...stages.map((stage) => cacheTrap(api, stage, inUse, account, logWindowMs)),
  ]);
}

function idsFor(
  api: ApiFacts,
  authorizer: AuthorizerConfig,
  account: string | undefined,
  stage?: string,
): Ids {
  const functionArn = functionArnInUri(authorizer.authorizerUri);
  return {
    restApiId: api.restApiId,
    stage: stage ?? '<stage>',
    region: api.region,
    accountId: account ?? '<account-id>',
    authorizerId: authorizer.id ?? '<authorizer-id>',
    functionName: functionArn ?? '<authorizer-function-name>',
    functionArn,
    canary: stage === undefined ? undefined : stageCanary(api, stage),
  };
}

function nameOf(authorizer: AuthorizerConfig): string {
  return authorizer.name ? `${authorizer.name} (${authorizer.id})` : (authorizer.id ?? '?');
}

function invokePermission(
  api: ApiFacts,
  authorizer: AuthorizerConfig,
  account: string | undefined,
): CheckOutput {
  const scope = apiScope(api);
  const ids = idsFor(api, authorizer, account);
  const name = nameOf(authorizer);
  if (authorizer.authorizerCredentials) {
    return passed(
      'authorizer-invoke-permission',
      scope,
      msg('doctor.invoke-permission.role', { authorizer: name, role: authorizer.authorizerCredentials }),
    );
  }
  const read = authorizer.id ? api.functionPolicies[authorizer.id] : undefined;
  if (!read) return output();
  if (!read.ok) {
    return output([
      couldNotCheck(msg('doctor.what.function-policy', { authorizer: name }), read.problem, scope, {
        policyFile: DOCTOR_POLICY_FILE,
      }),
    ]);
  }
  const policy = read.value;
  if (policy.kind === 'stage-variable') {
    return output([
      {
        check: 'authorizer-invoke-permission',
        severity: 'advice',
        scope,
        title: msg('doctor.invoke-permission.stage-variable.title', { authorizer: name }),
        why: msg('doctor.invoke-permission.stage-variable.why'),
        fix: [{ text: msg('doctor.invoke-permission.stage-variable.fix') }],
        evidence: [authorizer.authorizerUri ?? ''],
      },
    ]);
  }
  if (policy.kind === 'other-account') return output([otherAccount(scope, name, ids, policy, authorizer)]);
  const sourceArn = authorizerSourceArn(ids);
  const coverage =
    policy.kind === 'policy' ? permissionCoverage(policy.document, sourceArn, account) : undefined;
  if (coverage?.covered) {
    return passed(
      'authorizer-invoke-permission',
      scope,
      msg('doctor.invoke-permission.ok', { authorizer: name, sourceArn }),
    );
  }
  return output([missingPermission(scope, name, ids, policy, coverage)]);
}

/**
 * Another account's function: why403 cannot see its policy (nor tell that it exists), so the check is left to that
 * account, with what to run there.
 */
function otherAccount(
  scope: Scope,
  name: string,
  ids: Ids,
  policy: Extract<FunctionPolicyFact, { kind: 'other-account' }>,
  authorizer: AuthorizerConfig,
): DoctorFinding {
  const functionArn = ids.functionArn ?? ids.functionName;
  const region = ids.region ? ` --region ${ids.region}` : '';
  return {
    check: 'could-not-check',
    severity: 'advice',
    scope,
    title: msg('doctor.invoke-permission.other-account.title', {
      authorizer: name,
      function: functionArn,
      accountId: policy.accountId,
    }),
    why: policy.apiAccount
      ? msg('doctor.invoke-permission.other-account.why', {
          accountId: policy.accountId,
          apiAccount: policy.apiAccount,
        })
      : msg('doctor.invoke-permission.other-account.why.unknown', { accountId: policy.accountId }),
    fix: [
      {
        text: msg('doctor.invoke-permission.other-account.fix.read', { accountId: policy.accountId }),
        command: `aws lambda get-policy --function-name ${functionArn}${region}`,
      },
      {
        text: msg('doctor.invoke-permission.other-account.fix.grant', {
          accountId: policy.accountId,
          sourceArn: authorizerSourceArn(ids),
        }),
        command: addAuthorizerPermissionCommand({ ...ids, functionName: functionArn }),
        iac: IAC.invokePermission,
      },
    ],
    evidence: [authorizer.authorizerUri ?? ''],
  };
}

/** API Gateway may not invoke the function: grant it, or redeploy where the function is gone. */
function missingPermission(
  scope: Scope,
  name: string,
  ids: Ids,
  policy: Exclude<FunctionPolicyFact, { kind: 'stage-variable' | 'other-account' }>,
  coverage: Coverage | undefined,
): DoctorFinding {
  const noFunction = policy.kind === 'no-function';
  const evidence: Text[] =
    policy.kind === 'none'
      ? [msg('doctor.invoke-permission.evidence.no-policy')]
      : policy.kind === 'policy' && coverage?.apigatewaySourceArns.length === 0
        ? [msg('doctor.invoke-permission.evidence.no-statement')]
        : (coverage?.apigatewaySourceArns ?? []).map((arn) =>
            msg('doctor.invoke-permission.evidence.source-arn', { sourceArn: arn }),
          );
  return {
    check: 'authorizer-invoke-permission',
    severity: 'must-change',
    scope,
    title: noFunction
      ? msg('doctor.invoke-permission.no-function.title', { authorizer: name, function: ids.functionName })
      : msg('doctor.invoke-permission.title', {
          authorizer: name,
          function: ids.functionName,
          sourceArn: authorizerSourceArn(ids),
        }),
    why: msg('doctor.invoke-permission.why'),
    fix: noFunction
      ? [{ text: msg('doctor.invoke-permission.no-function.fix'), command: deployCommands(ids, ids.canary) }]
      : [
          {
            text: msg('doctor.invoke-permission.fix'),
            command: addAuthorizerPermissionCommand(ids),
            iac: IAC.invokePermission,
          },
        ],
    evidence,
  };
}

interface Coverage {
  covered: boolean;
  /** The SourceArn values of the statements for apigateway.amazonaws.com ('*' when one has none). */
  apigatewaySourceArns: string[];
}

type Statement = {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

/** Does a function policy let apigateway.amazonaws.com invoke it for `sourceArn`? */
export function permissionCoverage(
  document: string,
  sourceArn: string,
  account: string | undefined,
): Coverage {
  const parsed = parseJson(document) as { Statement?: Statement | Statement[] } | undefined;
  const statements = parsed?.Statement ? [parsed.Statement].flat() : [];
  const forApiGateway = statements.filter(
    (s) => s.Effect === 'Allow' && principalIsApiGateway(s.Principal) && coversInvoke(s.Action),
  );
  const apigatewaySourceArns = forApiGateway.flatMap((s) => conditionValues(s, 'aws:sourcearn') ?? ['*']);
  const covered = forApiGateway.some((statement) => {
    const arns = conditionValues(statement, 'aws:sourcearn');
    const accounts = conditionValues(statement, 'aws:sourceaccount');
    const arnOk = !arns || arns.some((pattern) => arnMatches(pattern, sourceArn));
    const accountOk = !accounts || account === undefined || accounts.includes(account);
    return arnOk && accountOk;
  });
  return { covered, apigatewaySourceArns };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function principalIsApiGateway(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  return strings((principal as { Service?: unknown }).Service).includes('apigateway.amazonaws.com');
}

function coversInvoke(action: unknown): boolean {
  return strings(action).some((pattern) => globMatches(pattern, 'lambda:InvokeFunction', true));
}

/** The values a condition key is tested against, whatever the operator; undefined when the key is not used. */
function conditionValues(statement: Statement, key: string): string[] | undefined {
  let found: string[] | undefined;
  for (const block of Object.values(statement.Condition ?? {})) {
    for (const [name, value] of Object.entries(block ?? {}))
      if (name.toLowerCase() === key) found = [...(found ?? []), ...strings(value)];
  }
  return found;
}

/** A returned policy that allows exactly one method ARN, with no wildcard: the shape of `Resource: event.methodArn`. */
function isMethodArnShaped(sample: AuthorizerOutputSample): boolean {
  if (sample.hasDeny || sample.allowResources.length !== 1) return false;
  const [resource] = sample.allowResources;
  return !/[*?]/.test(resource) && parseMethodArn(resource) !== undefined;
}

function cacheTrap(
  api: ApiFacts,
  facts: StageFacts,
  inUse: readonly AuthorizerConfig[],
  account: string | undefined,
  logWindowMs: number,
): CheckOutput {
  const stage = facts.stage.stageName;
  const scope = apiScope(api, stage);
  const read = facts.authorizerOutputs;
  if (!read) return output();
  if (!read.ok)
    return output([
      couldNotCheck(msg('doctor.what.authorizer-outputs', { stage }), read.problem, scope, {
        missing: msg('doctor.unchecked.fix.log-group-missing'),
      }),
    ]);
  const hours = Math.round(logWindowMs / 3_600_000);
  return merge(
    inUse
      .filter((authorizer) => resultTtlOf(authorizer) > 0)
      .map((authorizer) => {
        const samples = read.value.filter((sample) => sample.authorizerId === authorizer.id);
        const shaped = samples.filter(isMethodArnShaped);
        const name = nameOf(authorizer);
        if (shaped.length === 0) {
          const text =
            samples.length === 0
              ? msg('doctor.cache-trap.none-seen', { authorizer: name, stage, hours })
              : msg('doctor.cache-trap.ok', { authorizer: name, stage, count: samples.length, hours });
          return passed('authorizer-cache-trap', scope, text);
        }
        return output([trapFinding(api, authorizer, stage, { samples, shaped, account, hours })]);
      }),
  );
}

function trapFinding(
  api: ApiFacts,
  authorizer: AuthorizerConfig,
  stage: string,
  seen: {
    samples: AuthorizerOutputSample[];
    shaped: AuthorizerOutputSample[];
    account?: string;
    hours: number;
  },
): DoctorFinding {
  const ids = idsFor(api, authorizer, seen.account, stage);
  const echoed = seen.shaped.filter((sample) => sample.methodArn === sample.allowResources[0]).length;
  return {
    check: 'authorizer-cache-trap',
    severity: 'must-change',
    scope: apiScope(api, stage),
    title: msg('doctor.cache-trap.title', {
      authorizer: nameOf(authorizer),
      ttl: resultTtlOf(authorizer),
      shaped: seen.shaped.length,
      count: seen.samples.length,
      hours: seen.hours,
    }),
    why: msg(echoed > 0 ? 'doctor.cache-trap.why.echoed' : 'doctor.cache-trap.why', {
      ttl: resultTtlOf(authorizer),
      echoed,
    }),
    fix: [
      { text: msg('doctor.cache-trap.fix.wildcard'), code: WILDCARD_SNIPPET },
      { text: msg('doctor.cache-trap.fix.ttl'), command: setTtlCommand(ids, 0), iac: IAC.ttl },
      {
        text: msg('doctor.cache-trap.fix.deploy'),
        command: `${deployCommands(ids, ids.canary)}\n${flushCacheCommand(ids)}`,
      },
    ],
    evidence: seen.shaped.slice(0, 2).map((sample) => sample.line),
  };
}

const WILDCARD_SNIPPET = [
  '// Allow every method of the stage the token may use, not only the method that filled the cache:',
  "const [, , , region, account, rest] = event.methodArn.split(':');",
  "const [apiId, stage] = rest.split('/');",
  'const resource = `arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/*/*`;',
].join('\n');
