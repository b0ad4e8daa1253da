import type { Evidence, MethodConfig, MethodSetting, StageConfig } from '../evidence/types';
import type { Fact } from './types';
import { joinTexts, msg, type Text } from '../text';
import type { MessageId } from '../render/messages';
import { signals } from './signals';
import { parsePolicy } from './policy';
import { ttlText } from './rules/helpers';

/** A method of the API as method settings name it: its resource template and its verbs (`ANY`, the verb called). */
export interface MethodRef {
  resourcePath?: string;
  httpMethods: readonly string[];
}

/**
 * The execution-logging level: the stage-wide one (method setting "*\/*", or the first one set), or, given a
 * method that overrides it with its own setting, that method's.
 */
export function loggingLevelOf(stage: StageConfig | undefined, method?: MethodRef): string | undefined {
  const settings = stage?.methodSettings;
  if (!settings) return stage ? 'OFF' : undefined;
  const own = method && methodSetting(settings, method)?.[1].loggingLevel;
  if (own) return own;
  return (
    settings['*/*']?.loggingLevel ??
    Object.values(settings).find((s) => s.loggingLevel)?.loggingLevel ??
    'OFF'
  );
}

/**
 * The method a `methodSettings` key names: `{resource_path}/{http_method}`, the path without its leading slash,
 * with its slashes as they are or escaped as in a JSON pointer (`~1orders~1{id}/GET`); undefined for "*\/*".
 */
export function methodOfSettingKey(key: string): { resourcePath: string; httpMethod: string } | undefined {
  const slash = key.lastIndexOf('/');
  if (key === '*/*' || slash < 0) return undefined;
  const path = key.slice(0, slash).replace(/~1/g, '/').replace(/~0/g, '~');
  return { resourcePath: `/${path.replace(/^\/+/, '')}`, httpMethod: key.slice(slash + 1).toUpperCase() };
}

/** The method's own entry in `methodSettings` (its key and setting), the method's own verb before `ANY`. */
function methodSetting(
  settings: Readonly<Record<string, MethodSetting>>,
  method: MethodRef,
): [string, MethodSetting] | undefined {
  if (method.resourcePath === undefined) return undefined;
  const entries = Object.entries(settings).flatMap(([key, setting]) => {
    const named = methodOfSettingKey(key);
    return named && named.resourcePath === method.resourcePath
      ? [{ key, setting, verb: named.httpMethod }]
      : [];
  });
  for (const verb of method.httpMethods) {
    const own = entries.find((entry) => entry.verb === verb.toUpperCase());
    if (own) return [own.key, own.setting];
  }
  return undefined;
}

/** The method the evidence shows: the configured method (its template and verb), else what the request said. */
export function methodOfEvidence(evidence: Evidence): MethodRef | undefined {
  const { method } = evidence.config;
  const resourcePath = method?.resourcePath ?? evidence.request.resourcePath;
  const httpMethods = [method?.httpMethod, evidence.request.httpMethod].filter(
    (verb): verb is string => verb !== undefined && verb !== '',
  );
  return resourcePath !== undefined && httpMethods.length > 0 ? { resourcePath, httpMethods } : undefined;
}

const LEVEL_RANK: Readonly<Record<string, number>> = { OFF: 0, ERROR: 1, INFO: 2 };
/** How many methods that log less than the stage are named; the count says how many there are. */
const NAMED_METHODS = 3;

/**
 * The execution-logging fact: the level that applied to the request's method, said to be its own when it
 * overrides the stage's, and, briefly, which other methods log less than the stage (their failures may leave
 * fewer lines, or none).
 */
function describeLogging(stage: StageConfig, method: MethodRef | undefined): Text | undefined {
  const stageLevel = loggingLevelOf(stage);
  if (stageLevel === undefined) return undefined;
  const settings = stage.methodSettings ?? {};
  const own = method && methodSetting(settings, method);
  const level = loggingLevelOf(stage, method) ?? stageLevel;
  const shown: Text =
    level.toUpperCase() === stageLevel.toUpperCase()
      ? level
      : msg('value.method-override', { value: level, stage: stageLevel });
  const lower = Object.entries(settings).flatMap(([key, setting]) => {
    const named = methodOfSettingKey(key);
    const rank = LEVEL_RANK[setting.loggingLevel?.toUpperCase() ?? ''];
    if (
      !named ||
      key === own?.[0] ||
      rank === undefined ||
      rank >= (LEVEL_RANK[stageLevel.toUpperCase()] ?? 0)
    )
      return [];
    return [
      msg('value.method-level', {
        method: `${named.httpMethod} ${named.resourcePath}`,
        level: setting.loggingLevel ?? '',
      }),
    ];
  });
  if (lower.length === 0) return shown;
  return msg(method ? 'value.logging.others-lower' : 'value.logging.some-lower', {
    level: shown,
    count: lower.length,
    methods: joinTexts(lower.slice(0, NAMED_METHODS), 'value.joined') ?? '',
  });
}

/** Data tracing for the request's method: its own setting when it has one, else the stage-wide one. */
function describeDataTrace(stage: StageConfig, method: MethodRef | undefined): Text {
  const settings = stage.methodSettings ?? {};
  const stageWide = settings['*/*']?.dataTraceEnabled === true;
  const own = method && methodSetting(settings, method)?.[1].dataTraceEnabled;
  const onOff = (on: boolean) => msg(on ? 'value.on' : 'value.off');
  return own !== undefined && own !== stageWide
    ? msg('value.method-override', { value: onOff(own), stage: onOff(stageWide) })
    : onOff(stageWide);
}

/**
 * The OAuth scopes the method lists: undefined when not known, `[]` when it lists none. A bundle's method is read as
 * written, so a list is kept to its texts and one text is read as OAuth writes a scope list (space-separated).
 */
export function methodScopes(method: MethodConfig | undefined): string[] | undefined {
  const value: unknown = method?.authorizationScopes;
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((scope) => scope !== '');
  if (!Array.isArray(value)) return undefined;
  const scopes = value.flatMap((scope) =>
    typeof scope === 'string' && scope.trim() !== '' ? [scope.trim()] : [],
  );
  // A list of nothing readable says nothing: not that the method lists no scope.
  return scopes.length === 0 && value.length > 0 ? undefined : scopes;
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
    const scopes = methodScopes(config.method);
    add('fact.authorization-scopes', scopes && (scopes.length > 0 ? scopes.join(', ') : msg('value.none')));
  }
  if (config.restApi) {
    add('fact.endpoint-type', config.restApi.endpointConfiguration?.types?.join(', '));
    add('fact.vpc-endpoints', config.restApi.endpointConfiguration?.vpcEndpointIds?.join(', '));
    add('fact.resource-policy', describeResourcePolicy(config.restApi.policy));
    add('fact.api-key-source', config.restApi.apiKeySource);
  }
  if (config.stage) {
    const method = methodOfEvidence(evidence);
    add('fact.stage', config.stage.stageName);
    add('fact.execution-logging', describeLogging(config.stage, method));
    add('fact.data-tracing', describeDataTrace(config.stage, method));
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
