import readOnlyPolicy from '../../iam/why403-read-only.json';
import { arnMatches } from '../classify/policy';
import { executionLogGroup } from '../locate/log-groups';
import { logGroupOfArn } from '../locate/log-groups';
import { functionArnInUri, parseFunctionArn } from '../evidence/lambda-arn';
import type { ApiFacts, RequiredPermission } from './types';

/**
 * What why403 needs, read from the policy file it ships (iam/why403-read-only.json), made concrete for the APIs
 * being checked: each statement's actions with the resources of these APIs its patterns cover, so the IAM
 * simulation answers for the real log groups and REST APIs, not for the patterns' literal text.
 */

export const READ_ONLY_POLICY_FILE = 'iam/why403-read-only.json';
export const DOCTOR_POLICY_FILE = 'iam/why403-doctor.json';

interface PolicyStatement {
  Sid?: string;
  Action: string | string[];
  Resource: string | string[];
}

export function requiredPermissions(
  apis: readonly ApiFacts[],
  where: { region: string; account: string; partition: string },
): RequiredPermission[] {
  const candidates = candidateResources(apis, where);
  const statements = (readOnlyPolicy as { Statement: PolicyStatement[] }).Statement;
  return statements.flatMap((statement, index) => {
    const patterns = list(statement.Resource);
    const resources = patterns.includes('*')
      ? ['*']
      : candidates.filter((candidate) => patterns.some((pattern) => arnMatches(pattern, candidate)));
    if (resources.length === 0) return [];
    return [{ sid: statement.Sid ?? `#${index}`, actions: list(statement.Action), patterns, resources }];
  });
}

/** The ARNs why403 reads for these APIs: their REST API paths, the account settings, log groups. */
function candidateResources(
  apis: readonly ApiFacts[],
  where: { region: string; account: string; partition: string },
): string[] {
  const { partition } = where;
  const apigateway = (region: string, path: string) => `arn:${partition}:apigateway:${region}::${path}`;
  const logGroup = (region: string, account: string, name: string) =>
    `arn:${partition}:logs:${region}:${account}:log-group:${name}`;
  const found = new Set<string>([
    apigateway(where.region, '/restapis'),
    apigateway(where.region, '/account'),
    logGroup(where.region, where.account, '*'),
  ]);
  const addGroup = (region: string, account: string, name: string) => {
    found.add(logGroup(region, account, name));
    found.add(`${logGroup(region, account, name)}:*`);
  };
  for (const api of apis) {
    const base = `/restapis/${api.restApiId}`;
    for (const path of [base, `${base}/authorizers`, `${base}/resources`, `${base}/stages`])
      found.add(apigateway(api.region, path));
    for (const { stage } of api.stages.ok ? api.stages.value : []) {
      found.add(apigateway(api.region, `${base}/stages/${stage.stageName}`));
      addGroup(api.region, where.account, executionLogGroup(api.restApiId, stage.stageName));
      const access = logGroupOfArn(stage.accessLogSettings?.destinationArn);
      if (access) addGroup(access.region, access.accountId, access.name);
    }
    for (const authorizer of api.authorizers.ok ? api.authorizers.value : []) {
      const fn = parseFunctionArn(functionArnInUri(authorizer.authorizerUri));
      if (fn) addGroup(fn.region, fn.accountId, `/aws/lambda/${fn.name}`);
    }
  }
  return [...found];
}

function list(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}
