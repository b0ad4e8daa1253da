import { IAC, deployCommands } from '../../classify/fix';
import {
  combineEvaluations,
  evaluatePolicy,
  parsePolicy,
  type PolicyDocument,
  type PolicyStatement,
} from '../../classify/policy';
import type { RestApiConfig } from '../../evidence/types';
import { msg } from '../../text';
import { updateResourcePolicyCommand } from '../commands';
import type { ApiFacts } from '../types';
import { apiScope, authorizersInUse, list, output, stageCanary, type CheckOutput } from './helpers';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * A resource policy that allows some source IPs does not keep other IPs out of a method with a Lambda authorizer:
 * the pre-check before the authorizer looks only at Deny statements, and afterwards an authorizer Allow with a
 * silent resource policy is Allow (domain.md §4.4, Table A). Judged with the product's own policy evaluator: an
 * address inside the allowed ranges and one outside them, against each such method of each stage.
 */

/** Documentation and shared addresses: one of them lies outside any range a real policy allows. */
const OUTSIDE_CANDIDATES = [
  '192.0.2.1',
  '198.51.100.1',
  '203.0.113.1',
  '100.64.0.1',
  '8.8.8.8',
  '2001:db8::1',
];

export function checkResourcePolicy(api: ApiFacts, account: string | undefined): CheckOutput {
  if (!api.restApi.ok || !api.restApi.value.policy || isPrivate(api.restApi.value)) return output();
  const parsed = parsePolicy(api.restApi.value.policy);
  if (!parsed.ok) return output();
  const ranges = allowedRanges(parsed.policy.Statement);
  if (ranges.length === 0) return output();
  const authorizerIds = new Set(authorizersInUse(api).map((authorizer) => authorizer.id));
  const methods = (api.resources.ok ? api.resources.value : []).flatMap((resource) =>
    Object.values(resource.methods)
      .filter((method) => method.authorizationType === 'CUSTOM' && authorizerIds.has(method.authorizerId))
      .map((method) => ({ verb: method.httpMethod ?? 'ANY', path: resource.path })),
  );
  const stages = api.stages.ok ? api.stages.value.map((s) => s.stage.stageName) : [];
  const owner = account ?? accountInPolicy(parsed.policy, api.restApiId) ?? '000000000000';
  const open: Array<{ stage: string; verb: string; path: string; ip: string }> = [];
  for (const stage of stages) {
    for (const method of methods) {
      const methodArn = `arn:${partitionOfRegion(api.region)}:execute-api:${api.region}:${owner}:${api.restApiId}/${stage}/${method.verb === 'ANY' ? 'GET' : method.verb}/${samplePath(method.path)}`;
      const ip = outsideLetIn(parsed.policy, methodArn, ranges);
      if (ip) open.push({ stage, ...method, ip });
    }
  }
  if (open.length === 0) return output();
  return output([finding(api, parsed.policy, ranges, open)]);
}

function isPrivate(restApi: RestApiConfig): boolean {
  return restApi.endpointConfiguration?.types?.includes('PRIVATE') ?? false;
}

/** The aws:SourceIp values of Allow statements with an IpAddress condition. */
function allowedRanges(statements: readonly PolicyStatement[]): string[] {
  return statements.flatMap((statement) => {
    if (statement.Effect !== 'Allow') return [];
    const block = Object.entries(statement.Condition ?? {}).find(
      ([operator]) => operator === 'IpAddress',
    )?.[1];
    const value = Object.entries(block ?? {}).find(([key]) => key.toLowerCase() === 'aws:sourceip')?.[1];
    return typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [];
  });
}

function accountInPolicy(policy: PolicyDocument, restApiId: string): string | undefined {
  const arn = policy.Statement.flatMap((s) => s.Resource ?? []).find((r) => r.includes(`:${restApiId}/`));
  return arn ? /^arn:[\w-]+:execute-api:[^:]*:(?<account>\d{12}):/.exec(arn)?.groups?.account : undefined;
}

/** `/orders/{id}` → `orders/x`: a concrete request path for the method ARN. */
function samplePath(path: string): string {
  const parts = path.replace(/^\//, '').split('/');
  // A path parameter is a whole segment on REST APIs: `{id}`, `{proxy+}`.
  return parts
    .map((part) => (part.length > 2 && part.startsWith('{') && part.endsWith('}') ? 'x' : part))
    .join('/');
}

function evaluate(policy: PolicyDocument, methodArn: string, ip: string) {
  return evaluatePolicy(
    policy,
    { methodArn, conditionValues: { 'aws:SourceIp': ip, 'aws:SourceVpce': null, 'aws:SourceVpc': null } },
    'resource-policy',
  );
}

/**
 * An address outside the allowed ranges that still gets in once the authorizer allows, when an address inside
 * them is allowed by the policy itself (so the policy is meant to restrict this method by IP).
 */
function outsideLetIn(
  policy: PolicyDocument,
  methodArn: string,
  ranges: readonly string[],
): string | undefined {
  const inside = ranges.map((range) => range.split('/')[0]);
  if (!inside.some((ip) => evaluate(policy, methodArn, ip).decision === 'allow')) return undefined;
  for (const ip of OUTSIDE_CANDIDATES) {
    const resourcePolicy = evaluate(policy, methodArn, ip);
    if (resourcePolicy.decision === 'allow') continue;
    if (resourcePolicy.decision !== 'implicit-deny' || resourcePolicy.undetermined.length > 0)
      return undefined;
    const authorizer = evaluatePolicy(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: methodArn }],
      },
      { methodArn },
      'authorizer',
    );
    return combineEvaluations({ authorizer, resourcePolicy }).decision === 'allow' ? ip : undefined;
  }
  return undefined;
}

function finding(
  api: ApiFacts,
  policy: PolicyDocument,
  ranges: string[],
  open: ReadonlyArray<{ stage: string; verb: string; path: string; ip: string }>,
) {
  const deny: PolicyStatement = {
    Sid: 'DenyOutsideAllowedIps',
    Effect: 'Deny',
    Principal: '*',
    Action: ['execute-api:Invoke'],
    Resource: ['execute-api:/*'],
    Condition: { NotIpAddress: { 'aws:SourceIp': ranges } },
  };
  const fixed = { ...policy, Statement: [...policy.Statement, deny] };
  const stages = [...new Set(open.map((o) => o.stage))];
  const ids = (stage: string) => ({
    restApiId: api.restApiId,
    stage,
    region: api.region,
    accountId: '',
    authorizerId: '',
    functionName: '',
  });
  const allows = policy.Statement.filter((s) => s.Effect === 'Allow' && s.Condition?.IpAddress);
  return {
    check: 'resource-policy-ip-allow' as const,
    severity: 'must-change' as const,
    scope: apiScope(api),
    title: msg('doctor.ip-allow.title', {
      ranges: list(ranges),
      methods: list([...new Set(open.map((o) => `${o.verb} ${o.path}`))]),
    }),
    why: msg('doctor.ip-allow.why'),
    fix: [
      {
        text: msg('doctor.ip-allow.fix.deny'),
        code: JSON.stringify(deny, null, 2),
        command: updateResourcePolicyCommand(api.restApiId, api.region, fixed),
        iac: IAC.resourcePolicy,
      },
      {
        text: msg('fix.redeploy', { what: msg('fix.what.resource-policy') }),
        command: stages.map((stage) => deployCommands(ids(stage), stageCanary(api, stage))).join('\n'),
        iac: IAC.redeploy,
      },
    ],
    evidence: [
      ...allows.map((statement) => JSON.stringify(statement)),
      ...open
        .slice(0, 3)
        .map((o) =>
          msg('doctor.ip-allow.evidence', { ip: o.ip, method: `${o.verb} ${o.path}`, stage: o.stage }),
        ),
    ],
  };
}
