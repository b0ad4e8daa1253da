import type { Evidence, StageConfig } from '../evidence/types';
import type { Fact } from './types';
import { msg, type Text } from '../text';
import type { MessageId } from '../render/messages';
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
  const add = (label: MessageId, value: Text | undefined) => {
    if (value !== undefined && value !== '') facts.push({ label: msg(label), value });
  };
  const authorizer = config.authorizer;
  if (authorizer) {
    add(
      'fact.authorizer',
      [authorizer.name, authorizer.id && `(${authorizer.id})`, authorizer.type].filter(Boolean).join(' '),
    );
    add('fact.identity-sources', authorizer.identitySource);
    add(
      'fact.validation-regex',
      authorizer.identityValidationExpression ??
        (authorizer.type === 'TOKEN' ? msg('value.none') : undefined),
    );
    add('fact.ttl', ttlText(signals(evidence).ttl));
    add('fact.authorizer-role', authorizer.authorizerCredentials);
  } else if (evidence.trace.authorizer.started) {
    add('fact.authorizer', evidence.trace.authorizer.started.authorizerId);
  }
  if (config.method) {
    add('fact.method', [config.method.httpMethod, config.method.resourcePath].filter(Boolean).join(' '));
    add('fact.method-authorization', config.method.authorizationType);
    add(
      'fact.api-key-required',
      config.method.apiKeyRequired === undefined
        ? undefined
        : msg(config.method.apiKeyRequired ? 'value.yes' : 'value.no'),
    );
  }
  if (config.restApi) {
    add('fact.endpoint-type', config.restApi.endpointConfiguration?.types?.join(', '));
    add('fact.vpc-endpoints', config.restApi.endpointConfiguration?.vpcEndpointIds?.join(', '));
    add('fact.resource-policy', describeResourcePolicy(config.restApi.policy));
    add('fact.api-key-source', config.restApi.apiKeySource);
  }
  if (config.stage) {
    add('fact.stage', config.stage.stageName);
    add('fact.execution-logging', loggingLevelOf(config.stage));
    add(
      'fact.data-tracing',
      msg(config.stage.methodSettings?.['*/*']?.dataTraceEnabled === true ? 'value.on' : 'value.off'),
    );
    add('fact.access-logs', config.stage.accessLogSettings?.destinationArn ?? msg('value.off'));
    add('fact.web-acl', config.stage.webAclArn);
    add('fact.deployment', config.stage.deploymentId);
  }
  if (config.account) add('fact.account-role', config.account.cloudwatchRoleArn ?? msg('value.none'));
  return facts;
}

function describeResourcePolicy(policy: string | undefined): Text {
  if (!policy) return msg('value.none');
  const parsed = parsePolicy(policy);
  if (!parsed.ok) return msg('value.unreadable', { reason: parsed.reason });
  return msg('value.statements', { count: parsed.policy.Statement.length });
}
