import type { Evidence, StageConfig } from '../evidence/types';
import type { Fact } from './types';
import { signals } from './signals';
import { parsePolicy } from './policy';
import { ttlText } from './rules/helpers';

/** The stage-wide execution-logging level (method setting "*\/*"), or the first one set. */
export function loggingLevelOf(stage: StageConfig | undefined): string | undefined {
  const settings = stage?.methodSettings;
  if (!settings) return stage ? 'OFF' : undefined;
  return (
    settings['*/*']?.loggingLevel ??
    Object.values(settings).find((s) => s.loggingLevel)?.loggingLevel ??
    'OFF'
  );
}

/** Configuration facts that bear on the outcome, in the order an on-call engineer reads them. */
export function describeConfig(evidence: Evidence): Fact[] {
  const { config } = evidence;
  const facts: Fact[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') facts.push({ label, value });
  };
  const authorizer = config.authorizer;
  if (authorizer) {
    add(
      'Authorizer',
      [authorizer.name, authorizer.id && `(${authorizer.id})`, authorizer.type].filter(Boolean).join(' '),
    );
    add('Identity sources', authorizer.identitySource);
    add(
      'Validation regex',
      authorizer.identityValidationExpression ?? (authorizer.type === 'TOKEN' ? 'none' : undefined),
    );
    add('Result cache TTL', ttlText(signals(evidence).ttl));
    add('Authorizer role', authorizer.authorizerCredentials);
  } else if (evidence.trace.authorizer.started) {
    add('Authorizer', evidence.trace.authorizer.started.authorizerId);
  }
  if (config.method) {
    add('Method', [config.method.httpMethod, config.method.resourcePath].filter(Boolean).join(' '));
    add('Method authorization', config.method.authorizationType);
    add(
      'API key required',
      config.method.apiKeyRequired === undefined ? undefined : String(config.method.apiKeyRequired),
    );
  }
  if (config.restApi) {
    add('Endpoint type', config.restApi.endpointConfiguration?.types?.join(', '));
    add('VPC endpoints', config.restApi.endpointConfiguration?.vpcEndpointIds?.join(', '));
    add('Resource policy', describeResourcePolicy(config.restApi.policy));
    add('API key source', config.restApi.apiKeySource);
  }
  if (config.stage) {
    add('Stage', config.stage.stageName);
    add('Execution logging', loggingLevelOf(config.stage));
    add('Data tracing', config.stage.methodSettings?.['*/*']?.dataTraceEnabled === true ? 'on' : 'off');
    add('Access logs', config.stage.accessLogSettings?.destinationArn ?? 'off');
    add('WAF web ACL', config.stage.webAclArn);
    add('Deployment', config.stage.deploymentId);
  }
  if (config.account) add('Account CloudWatch role', config.account.cloudwatchRoleArn ?? 'none');
  return facts;
}

function describeResourcePolicy(policy: string | undefined): string {
  if (!policy) return 'none';
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return `unreadable (${parsed.reason})`;
  const count = parsed.policy.Statement.length;
  return `${count} statement${count === 1 ? '' : 's'}`;
}
