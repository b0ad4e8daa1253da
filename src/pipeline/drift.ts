import type { AuthorizerConfig, MethodConfig } from '../evidence/types';
import type { ChecklistStep, Fact, Verdict } from '../classify/types';
import { IAC, canaryDeployCommand, promoteCanaryCommand, redeployCommand } from '../classify/fix';
import { parsePolicy } from '../classify/policy';
import { resultTtlOf } from '../classify/signals';
import { lookUpConfig, type ApiSnapshot, type RequestKeys } from '../gather/api-config';
import { deployedAuthorizerName } from '../gather/deployed';
import { releaseSnapshot, releasesDiffer, type CanaryRelease, type ServedRelease } from '../gather/canary';
import { redactValue } from '../redact';
import { joinTexts, msg, type Message, type Text } from '../text';

/**
 * Deploy drift: the API's working copy (what GetAuthorizers, GetResources and GetRestApi return) against what the
 * stage runs (its deployment, exported). Changes to authorizers, methods and the resource policy take effect only
 * when the API is redeployed to the stage (domain.md §2), so a difference means "changed but not redeployed". Only
 * what bears on this request is compared: its authorizer, its method (or route), and the resource policy every
 * request is judged against. The verdict judges what the stage runs; the drift is reported beside it, with the
 * redeploy command.
 */

export type DriftField =
  | 'route'
  | 'authorization'
  | 'method-authorizer'
  | 'api-key-required'
  | 'authorization-scopes'
  | 'authorizer'
  | 'authorizer-type'
  | 'authorizer-uri'
  | 'authorizer-role'
  | 'identity-source'
  | 'validation-regex'
  | 'ttl'
  | 'resource-policy';

export interface DriftChange {
  field: DriftField;
  /** What changed: an authorizer's name, a method (`GET /orders/{id}`), or empty for the resource policy. */
  subject: string;
  /** The value the stage runs; undefined when it has none (a route not deployed, no resource policy). */
  deployed?: string;
  /** The working copy's value; undefined when it has none (removed since the deployment). */
  live?: string;
}

export interface DeployDrift {
  restApiId: string;
  stage: string;
  deploymentId?: string;
  changes: DriftChange[];
  /** Makes the stage run the working copy. */
  command: string;
  /**
   * On a stage with a canary, where every deployment goes to the canary: which release served the request, the
   * canary's deployment, and how the working copy reaches that release (deployed to the canary, the canary promoted,
   * or both).
   */
  canary?: { served: ServedRelease; deploymentId: string; path: CanaryPath };
}

export type CanaryPath = 'deploy-canary' | 'promote' | 'deploy-and-promote';

type DriftIds = { restApiId: string; stage: string; region?: string };

/**
 * The drift of the release that served the request. On a stage with a canary: the canary's deployment when the
 * canary served it; the stage's own when that did; and when which one did is not known and they differ, only a drift
 * both releases show, else none, and a gap that says why.
 */
export function releaseDrift(
  snapshot: ApiSnapshot,
  keys: RequestKeys,
  ids: DriftIds,
  served: ServedRelease,
): { drift?: DeployDrift; gap?: Text } {
  const canary = snapshot.canary;
  if (!canary) return { ...optional(deployDrift(snapshot, keys, ids)) };
  const production = deployDrift(snapshot, keys, ids);
  const ofCanary = canary.deployed ? deployDrift(releaseSnapshot(snapshot, 'canary'), keys, ids) : undefined;
  if (served === 'canary') return { ...optional(ofCanary && onCanary(ofCanary, canary, ids, served)) };
  const path: CanaryPath = canary.deployed && !ofCanary ? 'promote' : 'deploy-and-promote';
  if (served === 'production' || !releasesDiffer(snapshot))
    return { ...optional(production && onCanary(production, canary, ids, served, path)) };
  if (production && ofCanary && sameChanges(production, ofCanary))
    return { drift: onCanary(production, canary, ids, served) };
  if (!production && !ofCanary) return {};
  return {
    gap: msg('canary.gap.drift-unknown', {
      stage: ids.stage,
      deploymentId: snapshot.stage?.deploymentId ?? '?',
      canaryDeploymentId: canary.settings.deploymentId,
    }),
  };
}

function optional(drift: DeployDrift | undefined): { drift?: DeployDrift } {
  return drift ? { drift } : {};
}

function sameChanges(a: DeployDrift, b: DeployDrift): boolean {
  return JSON.stringify(a.changes) === JSON.stringify(b.changes);
}

function onCanary(
  drift: DeployDrift,
  canary: CanaryRelease,
  ids: DriftIds,
  served: ServedRelease,
  path: CanaryPath = served === 'canary' ? 'deploy-canary' : 'deploy-and-promote',
): DeployDrift {
  const { settings } = canary;
  const commands = {
    'deploy-canary': [canaryDeployCommand(ids, settings)],
    promote: [promoteCanaryCommand(ids, settings)],
    'deploy-and-promote': [canaryDeployCommand(ids, settings), promoteCanaryCommand(ids, settings)],
  }[path];
  return {
    ...drift,
    command: commands.join('\n'),
    canary: { served, deploymentId: settings.deploymentId, path },
  };
}

export function deployDrift(
  snapshot: ApiSnapshot,
  keys: RequestKeys,
  ids: { restApiId: string; stage: string; region?: string },
): DeployDrift | undefined {
  if (!snapshot.deployed) return undefined;
  const deployed = lookUpConfig(snapshot, keys).config;
  const live = lookUpConfig({ ...snapshot, deployed: undefined }, keys).config;
  const changes = [
    ...(liveRead(snapshot, 'config:resources')
      ? methodChanges(snapshot, keys, deployed.method, live.method)
      : []),
    ...(liveRead(snapshot, 'config:authorizers')
      ? authorizerChanges(deployed.authorizer, snapshot.authorizers ?? [])
      : []),
    ...(liveRead(snapshot, 'config:rest-api')
      ? policyChanges(snapshot.deployed.policy, snapshot.restApi?.policy, ids.restApiId)
      : []),
  ];
  if (changes.length === 0) return undefined;
  return {
    restApiId: ids.restApiId,
    stage: ids.stage,
    ...(snapshot.stage?.deploymentId ? { deploymentId: snapshot.stage.deploymentId } : {}),
    changes,
    command: redeployCommand(ids),
  };
}

function liveRead(
  snapshot: ApiSnapshot,
  source: 'config:resources' | 'config:authorizers' | 'config:rest-api',
) {
  return snapshot.sources[source]?.read === 'complete';
}

function methodChanges(
  snapshot: ApiSnapshot,
  keys: RequestKeys,
  deployed: MethodConfig | undefined,
  live: MethodConfig | undefined,
): DriftChange[] {
  const subject = methodName(deployed ?? live, keys);
  if (!subject) return [];
  if (!deployed || !live) {
    if (!deployed && !live) return [];
    return [{ field: 'route', subject, ...(deployed ? { deployed: 'yes' } : { live: 'yes' }) }];
  }
  const deployedAuthorizer = deployedAuthorizerName(snapshot.deployed, deployed);
  const liveAuthorizer =
    snapshot.authorizers?.find((a) => a.id === live.authorizerId)?.name ?? live.authorizerId;
  return [
    change('authorization', subject, deployed.authorizationType, live.authorizationType),
    change('method-authorizer', subject, deployedAuthorizer, liveAuthorizer),
    change('api-key-required', subject, yesNo(deployed.apiKeyRequired), yesNo(live.apiKeyRequired)),
    change('authorization-scopes', subject, scopeList(deployed), scopeList(live)),
  ].flatMap((c) => c ?? []);
}

function methodName(method: MethodConfig | undefined, keys: RequestKeys): string | undefined {
  const verb = method?.httpMethod ?? keys.httpMethod;
  const path = method?.resourcePath ?? keys.resourcePath ?? keys.path;
  return verb && path ? `${verb} ${path}` : undefined;
}

function authorizerChanges(
  deployed: AuthorizerConfig | undefined,
  liveAuthorizers: readonly AuthorizerConfig[],
): DriftChange[] {
  if (!deployed?.name) return [];
  const subject = deployed.name;
  const live = liveAuthorizers.find((a) => a.name === deployed.name);
  if (!live) return [{ field: 'authorizer', subject, deployed: deployed.id ?? subject }];
  return [
    change('authorizer-type', subject, deployed.type, live.type),
    change('authorizer-uri', subject, deployed.authorizerUri, live.authorizerUri),
    change('authorizer-role', subject, deployed.authorizerCredentials, live.authorizerCredentials),
    change(
      'identity-source',
      subject,
      identitySources(deployed.identitySource),
      identitySources(live.identitySource),
    ),
    change(
      'validation-regex',
      subject,
      deployed.identityValidationExpression,
      live.identityValidationExpression,
    ),
    change('ttl', subject, String(resultTtlOf(deployed)), String(resultTtlOf(live))),
  ].flatMap((c) => c ?? []);
}

function change(
  field: DriftField,
  subject: string,
  deployed: string | undefined,
  live: string | undefined,
): DriftChange | undefined {
  if ((deployed ?? '') === (live ?? '')) return undefined;
  return {
    field,
    subject,
    ...(deployed !== undefined ? { deployed } : {}),
    ...(live !== undefined ? { live } : {}),
  };
}

/** A method's OAuth scopes, in an order of their own (the export and GetMethod need not list them alike). */
function scopeList(method: MethodConfig): string | undefined {
  const scopes = [...(method.authorizationScopes ?? [])].sort();
  return scopes.length > 0 ? scopes.join(', ') : undefined;
}

function yesNo(value: boolean | undefined): string {
  return value ? 'true' : 'false';
}

function identitySources(value: string | undefined): string | undefined {
  return value
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/**
 * The resource policies, compared as IAM reads them: statements in any order, one value or a list alike, condition
 * keys in any case, and `execute-api:/…` the same as the API's own full ARN (exports show the full one). An export
 * without a policy proves nothing: it is not compared. The change names the statements that differ (by Sid, else by
 * position), on either side.
 */
function policyChanges(
  deployed: string | undefined,
  live: string | undefined,
  restApiId: string,
): DriftChange[] {
  if (deployed === undefined) return [];
  const ran = canonicalStatements(deployed, restApiId);
  const working = live ? canonicalStatements(live, restApiId) : undefined;
  if (!ran || (live && !working)) return [];
  if (!working) return [{ field: 'resource-policy', subject: '', deployed: names(ran) }];
  const differs = (a: CanonicalStatement[], b: CanonicalStatement[]) =>
    a.filter((s) => !b.some((o) => o.key === s.key));
  const changed = [...differs(working, ran), ...differs(ran, working)];
  if (changed.length === 0) return [];
  const subject = [...new Set(changed.map((s) => s.name))].join(', ');
  return [{ field: 'resource-policy', subject, deployed: names(ran), live: names(working) }];
}

interface CanonicalStatement {
  key: string;
  /** `Sid DenyOutsideOffice`, or `#1` (its position) without a Sid. */
  name: string;
}

function names(statements: readonly CanonicalStatement[]): string {
  return statements.map((s) => s.name).join(', ');
}

function canonicalStatements(policy: string, restApiId: string): CanonicalStatement[] | undefined {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return undefined;
  const own = new RegExp(`^arn:[\\w-]+:execute-api:[\\w-]+:\\d{12}:${restApiId}/`);
  const resources = (list: string[] | undefined) => list?.map((r) => r.replace(own, 'execute-api:/')).sort();
  return parsed.policy.Statement.map((s, index) => ({
    key: sortedJson({
      Effect: s.Effect,
      Action: s.Action?.slice().sort(),
      NotAction: s.NotAction?.slice().sort(),
      Resource: resources(s.Resource),
      NotResource: resources(s.NotResource),
      Principal: s.Principal,
      NotPrincipal: s.NotPrincipal,
      Condition: lowerKeys(s.Condition),
    }),
    name: s.Sid ? `Sid ${s.Sid}` : `#${index}`,
  }));
}

function lowerKeys(condition: Record<string, Record<string, unknown>> | undefined): unknown {
  if (!condition) return undefined;
  return Object.fromEntries(
    Object.entries(condition).map(([operator, entries]) => [
      operator,
      Object.fromEntries(
        Object.entries(entries).map(([key, value]) => [
          key.toLowerCase(),
          Array.isArray(value) ? value.map(String).sort() : [String(value)],
        ]),
      ),
    ]),
  );
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

/** One change in words. Values are verbatim (ARNs, regexes, identity sources); TTLs and flags are worded. */
export function describeChange(change: DriftChange): Message {
  const { subject } = change;
  const value = (text: string | undefined): Text =>
    text === undefined ? msg('drift.value.none') : valueOf(change.field, text);
  switch (change.field) {
    case 'route':
      return msg(change.deployed ? 'drift.change.route-removed' : 'drift.change.route-added', {
        method: subject,
      });
    case 'authorizer':
      return msg('drift.change.authorizer-removed', { authorizer: subject });
    case 'resource-policy':
      return change.live === undefined
        ? msg('drift.change.policy-removed')
        : msg('drift.change.policy', { statements: subject });
    default:
      return msg('drift.change.setting', {
        subject,
        setting: msg(`drift.field.${change.field}`),
        deployed: value(change.deployed),
        live: value(change.live),
      });
  }
}

function fixText(drift: DeployDrift): Message {
  const params = { stage: drift.stage, deploymentId: drift.deploymentId ?? '?' };
  if (drift.canary?.path === 'deploy-canary')
    return msg('drift.fix.canary', { stage: drift.stage, deploymentId: drift.canary.deploymentId });
  if (drift.canary?.path === 'promote')
    return msg('drift.fix.promote', { ...params, canaryDeploymentId: drift.canary.deploymentId });
  if (drift.canary) return msg('drift.fix.canary-then-promote', params);
  return msg(drift.deploymentId ? 'drift.fix' : 'drift.fix.unknown-deployment', {
    stage: drift.stage,
    deploymentId: drift.deploymentId ?? '',
  });
}

function valueOf(field: DriftField, text: string): Text {
  if (field === 'ttl')
    return Number(text) === 0 ? msg('ttl.off') : msg('ttl.seconds', { seconds: Number(text) });
  if (field === 'api-key-required') return msg(text === 'true' ? 'value.yes' : 'value.no');
  return text;
}

/**
 * The verdict with the drift where every renderer shows it: a configuration fact naming each change, and a first
 * fix step that makes the stage run the working copy.
 */
export function withDrift(verdict: Verdict, drift: DeployDrift | undefined): Verdict {
  if (!drift) return verdict;
  const fact: Fact = {
    label: msg('drift.fact.label'),
    value: joinTexts(drift.changes.map(describeChange), 'drift.joined') as Text,
  };
  const step: ChecklistStep = {
    text: fixText(drift),
    command: drift.command,
    iac: IAC.redeploy,
  };
  return redactValue({
    ...verdict,
    facts: [fact, ...verdict.facts],
    checklist: [step, ...verdict.checklist],
  });
}
