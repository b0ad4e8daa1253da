import {
  IAC,
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
import { addInvokePermissionCommand, getFunctionPolicyCommand } from '../commands';
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
import { parsedIdentitySources } from '../../evidence/identity-source';

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
  const checked = merge([
    ...inUse.map((authorizer) => invokePermission(api, authorizer, account)),
    ...stages.map((stage) => cacheTrap(api, stage, inUse, account, logWindowMs)),
  ]);
  return api.resources.ok ? checked : { ...checked, findings: checked.findings.map(assumedInUse) };
}

/**
 * The methods could not be read, so every Lambda authorizer was taken to be in use: what is said about one from its
 * configuration alone may be about an authorizer no method uses, so it is advice, titled and evidenced as such.
 */
function assumedInUse(finding: DoctorFinding): DoctorFinding {
  // A cache trap is seen in the authorizer's own outputs in the stage's log: that it runs is not assumed.
  if (finding.check === 'could-not-check' || finding.check === 'authorizer-cache-trap') return finding;
  return {
    ...finding,
    severity: 'advice',
    title: msg('doctor.assumed.title', { title: finding.title }),
    evidence: [...finding.evidence, msg('doctor.assumed.evidence')],
  };
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
  if (policy.kind === 'no-function') return output([noFunction(api, scope, name, ids)]);
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
  const assumed =
    account === undefined && policy.kind === 'policy' ? coveringAccount(policy.document, ids) : undefined;
  if (assumed) return output([accountUnknown(scope, name, assumed, coverage)]);
  return output([missingPermission(scope, name, ids, coverage)]);
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
        command: getFunctionPolicyCommand(functionArn, scope.region),
      },
      {
        text: msg('doctor.invoke-permission.other-account.fix.grant', {
          accountId: policy.accountId,
          sourceArn: authorizerSourceArn(ids),
        }),
        command: addInvokePermissionCommand(
          functionArn,
          ids.authorizerId,
          authorizerSourceArn(ids),
          scope.region,
        ),
        iac: IAC.invokePermission,
      },
    ],
    evidence: [authorizer.authorizerUri ?? ''],
  };
}

/** The authorizer names a function of this account that Lambda does not know: point it at one, then redeploy. */
function noFunction(api: ApiFacts, scope: Scope, name: string, ids: Ids): DoctorFinding {
  const stages = api.stages.ok ? api.stages.value.map((facts) => facts.stage.stageName) : [];
  const deploys = stages.map((stage) => deployCommands({ ...ids, stage }, stageCanary(api, stage)));
  return {
    check: 'authorizer-invoke-permission',
    severity: 'must-change',
    scope,
    title: msg('doctor.invoke-permission.no-function.title', {
      authorizer: name,
      function: ids.functionName,
    }),
    why: msg('doctor.invoke-permission.no-function.why'),
    fix: [
      {
        text: msg('doctor.invoke-permission.no-function.fix'),
        ...(deploys.length > 0 ? { command: deploys.join('\n') } : {}),
      },
    ],
    evidence: [],
  };
}

/**
 * why403 could not tell its own account, and the permission covers the authorizer only when the API is in the account
 * it names: neither a pass nor a must-change.
 */
function accountUnknown(
  scope: Scope,
  name: string,
  assumed: string,
  coverage: Coverage | undefined,
): DoctorFinding {
  return {
    check: 'could-not-check',
    severity: 'advice',
    scope,
    title: msg('doctor.invoke-permission.account-unknown.title', { authorizer: name, accountId: assumed }),
    why: msg('doctor.invoke-permission.account-unknown.why', { accountId: assumed }),
    fix: [{ text: msg('doctor.invoke-permission.account-unknown.fix', { accountId: assumed }) }],
    evidence: statementEvidence(coverage),
  };
}

/** API Gateway may not invoke the function: grant it. */
function missingPermission(
  scope: Scope,
  name: string,
  ids: Ids,
  coverage: Coverage | undefined,
): DoctorFinding {
  const sourceArn = authorizerSourceArn(ids);
  return {
    check: 'authorizer-invoke-permission',
    severity: 'must-change',
    scope,
    title: msg('doctor.invoke-permission.title', { authorizer: name, function: ids.functionName, sourceArn }),
    why: msg('doctor.invoke-permission.why'),
    fix: [
      {
        text: msg('doctor.invoke-permission.fix'),
        command: addInvokePermissionCommand(ids.functionName, ids.authorizerId, sourceArn, scope.region),
        iac: IAC.invokePermission,
      },
    ],
    evidence: statementEvidence(coverage),
  };
}

/** What the function policy allows apigateway.amazonaws.com, statement by statement. */
function statementEvidence(coverage: Coverage | undefined): Text[] {
  if (!coverage) return [msg('doctor.invoke-permission.evidence.no-policy')];
  if (coverage.statements.length === 0) return [msg('doctor.invoke-permission.evidence.no-statement')];
  return coverage.statements.map(({ sourceArns, accounts }) => {
    const sourceArn = sourceArns?.join(' ') ?? '*';
    return accounts
      ? msg('doctor.invoke-permission.evidence.source-arn-account', {
          sourceArn,
          accounts: accounts.join(' '),
        })
      : msg('doctor.invoke-permission.evidence.source-arn', { sourceArn });
  });
}

interface Coverage {
  covered: boolean;
  /** The conditions of each statement for apigateway.amazonaws.com (undefined: that key is not tested). */
  statements: Array<{ sourceArns?: string[]; accounts?: string[] }>;
}

type Statement = {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

function apiGatewayStatements(document: string): Statement[] {
  const parsed = parseJson(document) as { Statement?: Statement | Statement[] } | undefined;
  const statements = parsed?.Statement ? [parsed.Statement].flat() : [];
  return statements.filter(
    (s) => s.Effect === 'Allow' && principalIsApiGateway(s.Principal) && coversInvoke(s.Action),
  );
}

/**
 * Does a function policy let apigateway.amazonaws.com invoke it for `sourceArn`? A statement that tests the source
 * account covers only a known account that it names.
 */
export function permissionCoverage(
  document: string,
  sourceArn: string,
  account: string | undefined,
): Coverage {
  const forApiGateway = apiGatewayStatements(document);
  const statements = forApiGateway.map((s) => ({
    sourceArns: conditionValues(s, 'aws:sourcearn'),
    accounts: conditionValues(s, 'aws:sourceaccount'),
  }));
  const covered = statements.some(({ sourceArns, accounts }) => {
    const arnOk = !sourceArns || sourceArns.some((pattern) => arnMatches(pattern, sourceArn));
    const accountOk = !accounts || (account !== undefined && accounts.includes(account));
    return arnOk && accountOk;
  });
  return { covered, statements };
}

/**
 * When why403's own account is not known: an account the policy names (in a SourceArn or SourceAccount) for which
 * it would cover this authorizer, if any.
 */
export function coveringAccount(document: string, ids: Ids): string | undefined {
  const named = apiGatewayStatements(document).flatMap((s) => [
    ...(conditionValues(s, 'aws:sourcearn') ?? []).map((arn) => arn.split(':')[4] ?? ''),
    ...(conditionValues(s, 'aws:sourceaccount') ?? []),
  ]);
  return [...new Set(named)]
    .filter((candidate) => /^\d{12}$/.test(candidate))
    .find(
      (candidate) =>
        permissionCoverage(document, authorizerSourceArn({ ...ids, accountId: candidate }), candidate)
          .covered,
    );
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
  const context = contextSources(authorizer);
  const counts = {
    authorizer: nameOf(authorizer),
    ttl: resultTtlOf(authorizer),
    shaped: seen.shaped.length,
    count: seen.samples.length,
    hours: seen.hours,
  };
  return {
    check: 'authorizer-cache-trap',
    severity: context.length > 0 ? 'advice' : 'must-change',
    scope: apiScope(api, stage),
    title:
      context.length > 0
        ? msg('doctor.cache-trap.title.context', { ...counts, sources: context.join(', ') })
        : msg('doctor.cache-trap.title', counts),
    why:
      context.length > 0
        ? msg('doctor.cache-trap.why.context', { ttl: resultTtlOf(authorizer), sources: context.join(', ') })
        : msg(echoed > 0 ? 'doctor.cache-trap.why.echoed' : 'doctor.cache-trap.why', {
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

/**
 * A REQUEST authorizer's context-variable identity sources (`context.httpMethod`, `context.resourcePath`, …). AWS
 * documents identity sources as what the cache key is derived from, but not which context variables are accepted nor
 * that they key the cache (domain.md §9): if they do, calls that differ in them get their own cached policy and a
 * one-method policy may be harmless, so the trap cannot be asserted.
 */
function contextSources(authorizer: AuthorizerConfig): string[] {
  if (authorizer.type !== 'REQUEST') return [];
  return parsedIdentitySources(authorizer.identitySource)
    .filter((source) => source.kind === 'context')
    .map((source) => source.expression);
}

const WILDCARD_SNIPPET = [
  '// Allow every method of the stage the token may use, not only the method that filled the cache:',
  "const [, , , region, account, rest] = event.methodArn.split(':');",
  "const [apiId, stage] = rest.split('/');",
  'const resource = `arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/*/*`;',
].join('\n');
