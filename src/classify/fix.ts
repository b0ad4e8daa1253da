import type { CanarySettings, Evidence } from '../evidence/types';
import type { ChecklistStep, IacSetting } from './types';
import { msg, type Message } from '../text';
import type { MessageId } from '../render/messages';
import { authorizerId, functionArnOf } from './signals';
import { parseFunctionArn } from '../evidence/lambda-arn';
import { sentByClient, type IdentitySource } from '../evidence/identity-source';
import { partitionOfRegion } from '../evidence/assemble';

/**
 * Copy-ready commands and IaC setting names shared by the rules' fix checklists. Ids come from the evidence;
 * what is not known stays a visible `<placeholder>` rather than a guess.
 */

export interface Ids {
  restApiId: string;
  stage: string;
  region?: string;
  accountId: string;
  /** `accountId` is the authorizer function's, not seen for the API (`RequestFacts.fromFunction`). */
  accountFromFunction?: boolean;
  authorizerId: string;
  functionName: string;
  functionArn?: string;
  /** The canary release of the request's stage, when the stage read is that stage and has one. */
  canary?: CanarySettings;
}

/** What a command on the stage needs. */
type StageIds = Pick<Ids, 'restApiId' | 'stage' | 'region'>;

export function idsOf(evidence: Evidence): Ids {
  const { request } = evidence;
  const functionArn = functionArnOf(evidence);
  return {
    restApiId: request.restApiId ?? '<rest-api-id>',
    stage: request.stage ?? '<stage>',
    region: request.region,
    accountId: request.accountId ?? '<account-id>',
    accountFromFunction: request.fromFunction?.includes('account') === true,
    authorizerId: authorizerId(evidence) ?? '<authorizer-id>',
    functionName: functionArn ?? '<authorizer-function-name>',
    functionArn,
    canary: stageCanary(evidence),
  };
}

/** The stage's canary settings, known only when the stage read is the request's own. */
function stageCanary(evidence: Evidence): CanarySettings | undefined {
  const stage = evidence.config.stage;
  const requested = evidence.request.stage;
  return requested !== undefined && stage?.stageName === requested ? stage.canarySettings : undefined;
}

function regionFlag(ids: StageIds): string {
  return ids.region ? ` --region ${ids.region}` : '';
}

export function flushCacheCommand(ids: Ids): string {
  return `aws apigateway flush-stage-authorizers-cache --rest-api-id ${ids.restApiId} --stage-name ${ids.stage}${regionFlag(ids)}`;
}

export function setTtlCommand(ids: Ids, seconds: number): string {
  return (
    `aws apigateway update-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId}` +
    ` --patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=${seconds}${regionFlag(ids)}`
  );
}

export function redeployCommand(ids: StageIds): string {
  return `aws apigateway create-deployment --rest-api-id ${ids.restApiId} --stage-name ${ids.stage}${regionFlag(ids)}`;
}

/**
 * Deploys the working copy to the stage's canary, keeping its traffic share and stage-variable overrides. Once a
 * stage has a canary, every deployment to it must name canary settings until the canary is removed, and it goes to
 * the canary while the stage keeps its own deployment (API Gateway developer guide, "Create a canary release
 * deployment").
 */
export function canaryDeployCommand(ids: StageIds, canary: CanarySettings): string {
  const { percentTraffic, stageVariableOverrides, useStageCache } = canary;
  const settings = {
    percentTraffic: percentTraffic ?? 0,
    ...(useStageCache !== undefined ? { useStageCache } : {}),
    ...(stageVariableOverrides && Object.keys(stageVariableOverrides).length > 0
      ? { stageVariableOverrides }
      : {}),
  };
  return (
    `aws apigateway create-deployment --rest-api-id ${ids.restApiId} --stage-name ${ids.stage}` +
    ` --canary-settings ${shellQuote(JSON.stringify(settings))}${regionFlag(ids)}`
  );
}

/**
 * Promotes the canary: the stage runs the canary's deployment (and its stage variables), and the canary's share of
 * traffic drops to 0 (the API Gateway developer guide, "Promote a canary release").
 */
export function promoteCanaryCommand(ids: StageIds, canary: CanarySettings): string {
  const overrides = Object.keys(canary.stageVariableOverrides ?? {}).length > 0;
  return (
    `aws apigateway update-stage --rest-api-id ${ids.restApiId} --stage-name ${ids.stage} --patch-operations` +
    ' op=copy,path=/deploymentId,from=/canarySettings/deploymentId' +
    ' op=replace,path=/canarySettings/percentTraffic,value=0.0' +
    (overrides ? ' op=copy,path=/variables,from=/canarySettings/stageVariableOverrides' : '') +
    regionFlag(ids)
  );
}

export function getAuthorizerUriCommand(ids: Ids): string {
  return `aws apigateway get-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId} --query authorizerUri${regionFlag(ids)}`;
}

/** The authorizer's URI written as the function's invoke URI, in its own region. */
export function setAuthorizerUriCommand(ids: Ids): string {
  const region = ids.region ?? '<region>';
  const uri = `arn:${partitionOfRegion(region)}:apigateway:${region}:lambda:path/2015-03-31/functions/${ids.functionArn ?? '<authorizer-function-arn>'}/invocations`;
  return (
    `aws apigateway update-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId}` +
    ` --patch-operations op=replace,path=/authorizerUri,value=${uri}${regionFlag(ids)}`
  );
}

export function getIntegrationUriCommand(ids: Ids, httpMethod = '<METHOD>'): string {
  return `aws apigateway get-integration --rest-api-id ${ids.restApiId} --resource-id <resource-id> --http-method ${httpMethod} --query uri${regionFlag(ids)}`;
}

/** The gateway responses the API customised (an HTML page among them is what answered). */
export function gatewayResponsesCommand(ids: Ids): string {
  return `aws apigateway get-gateway-responses --rest-api-id ${ids.restApiId}${regionFlag(ids)}`;
}

export function authorizerSourceArn(ids: Ids): string {
  const region = ids.region ?? '<region>';
  return `arn:${partitionOfRegion(region)}:execute-api:${region}:${ids.accountId}:${ids.restApiId}/authorizers/${ids.authorizerId}`;
}

export function addAuthorizerPermissionCommand(ids: Ids): string {
  return (
    `aws lambda add-permission --function-name ${ids.functionName} --statement-id apigateway-authorizer-${ids.authorizerId}` +
    ` --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn ${authorizerSourceArn(ids)}${regionFlag(ids)}`
  );
}

export function enableExecutionLoggingCommand(ids: StageIds): string {
  return (
    `aws apigateway update-stage --rest-api-id ${ids.restApiId} --stage-name ${ids.stage}` +
    ` --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO op=replace,path=/*/*/logging/dataTrace,value=true${regionFlag(ids)}`
  );
}

export function authorizerLogsCommand(ids: Ids, time?: number): string {
  const name = parseFunctionArn(ids.functionArn)?.name ?? '<authorizer-function-name>';
  const window = time === undefined ? '' : ` --start-time ${time - 60_000} --end-time ${time + 60_000}`;
  return `aws logs filter-log-events --log-group-name /aws/lambda/${name}${window}${regionFlag(ids)}`;
}

export function getResourcesCommand(ids: Ids): string {
  return `aws apigateway get-resources --rest-api-id ${ids.restApiId} --embed methods${regionFlag(ids)}`;
}

/** A shell word: kept as it is when plain (placeholders included), else single-quoted with its quotes escaped. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./<>-]+$/.test(text) ? text : shellQuote(text);
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A `<placeholder>` for a value the person fills in. */
function placeholder(name: string): string {
  return `<${name}>`;
}

/**
 * A copy-ready call of the stage that sends every header and query string these identity sources list, each with
 * a placeholder (one header alone: `<token>`). Stage variables and context values are not the client's to send.
 */
export function curlCommand(ids: Ids, sources: readonly IdentitySource[] = [], path = '<path>'): string {
  const sent = sources.filter(sentByClient);
  const headers = sent.filter((source) => source.kind === 'header');
  const query = sent
    .filter((source) => source.kind !== 'header')
    .map((source) => `${encodeURIComponent(source.name)}=${placeholder(source.name)}`);
  const region = ids.region ?? '<region>';
  const url = `https://${ids.restApiId}.execute-api.${region}.amazonaws.com/${ids.stage}/${path}`;
  const flags = headers.map((header) => {
    const value = headers.length === 1 ? '<token>' : placeholder(header.name);
    return ` -H ${shellQuote(`${header.name}: ${value}`)}`;
  });
  return `curl -i${flags.join('')} ${shellWord(query.length > 0 ? `${url}?${query.join('&')}` : url)}`;
}

/** Sets stage variables (a placeholder value each) on the stage. */
export function setStageVariablesCommand(ids: Ids, names: readonly string[]): string {
  const operations = names.map((name) =>
    shellWord(`op=replace,path=/variables/${name},value=${placeholder(name)}`),
  );
  return (
    `aws apigateway update-stage --rest-api-id ${ids.restApiId} --stage-name ${ids.stage}` +
    ` --patch-operations ${operations.join(' ')}${regionFlag(ids)}`
  );
}

/** Writes the authorizer's identity sources (a JSON patch: the list holds commas and spaces). */
export function setIdentitySourceCommand(ids: Ids, identitySource: string): string {
  const patch = JSON.stringify([{ op: 'replace', path: '/identitySource', value: identitySource }]);
  return (
    `aws apigateway update-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId}` +
    ` --patch-operations ${shellQuote(patch)}${regionFlag(ids)}`
  );
}

/** The role's name, from its ARN (the last segment: roles may have paths). */
export function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? roleArn;
}

export function roleTrustPolicyCommand(roleName: string): string {
  return `aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`;
}

export function vpcEndpointPolicyCommand(ids: Ids, vpceId: string): string {
  return `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${vpceId} --query 'VpcEndpoints[].PolicyDocument' --output text${regionFlag(ids)}`;
}

export function getResourcePolicyCommand(ids: Ids): string {
  return `aws apigateway get-rest-api --rest-api-id ${ids.restApiId} --query policy --output text${regionFlag(ids)}`;
}

/**
 * The standard last steps after a configuration change: redeploy, and empty the authorizer cache. On a stage with a
 * canary the deployment goes to the canary, so the step deploys there and then promotes the canary.
 */
export function redeployStep(ids: Ids, what: MessageId): ChecklistStep {
  const { canary } = ids;
  return {
    text: canary
      ? msg('fix.redeploy.canary', { what: msg(what), stage: ids.stage, percent: canary.percentTraffic ?? 0 })
      : msg('fix.redeploy', { what: msg(what) }),
    command: deployCommands(ids, canary),
    iac: IAC.redeploy,
  };
}

/**
 * What puts the working copy live on a stage: a deployment, or on a stage with a canary release the deployment to
 * the canary (the only one a deployment may go to) and its promotion.
 */
export function deployCommands(ids: StageIds, canary: CanarySettings | undefined): string {
  return canary
    ? `${canaryDeployCommand(ids, canary)}\n${promoteCanaryCommand(ids, canary)}`
    : redeployCommand(ids);
}

export function flushStep(ids: Ids, why: Message): ChecklistStep {
  return { text: msg('fix.flush', { why }), command: flushCacheCommand(ids) };
}

/** Two settings that go together. */
function both(first: string, second: string): Message {
  return msg('iac.both', { first, second });
}

export const IAC = {
  ttl: [
    { tool: 'CDK', setting: 'TokenAuthorizer / RequestAuthorizer `resultsCacheTtl: Duration.seconds(0)`' },
    { tool: 'SAM', setting: 'Auth.Authorizers.<Name>.Identity.ReauthorizeEvery: 0' },
    { tool: 'Serverless Framework', setting: 'functions.<fn>.events.http.authorizer.resultTtlInSeconds: 0' },
    { tool: 'Terraform', setting: 'aws_api_gateway_authorizer.authorizer_result_ttl_in_seconds = 0' },
  ],
  identitySource: [
    { tool: 'CDK', setting: 'TokenAuthorizer `identitySource` / RequestAuthorizer `identitySources`' },
    {
      tool: 'SAM',
      setting: 'Auth.Authorizers.<Name>.Identity.Header (TOKEN) / Identity.Headers, QueryStrings (REQUEST)',
    },
    { tool: 'Serverless Framework', setting: 'functions.<fn>.events.http.authorizer.identitySource' },
    { tool: 'Terraform', setting: 'aws_api_gateway_authorizer.identity_source' },
  ],
  validationRegex: [
    { tool: 'CDK', setting: 'TokenAuthorizer `validationRegex`' },
    { tool: 'SAM', setting: 'Auth.Authorizers.<Name>.Identity.ValidationExpression' },
    {
      tool: 'Serverless Framework',
      setting: 'functions.<fn>.events.http.authorizer.identityValidationExpression',
    },
    { tool: 'Terraform', setting: 'aws_api_gateway_authorizer.identity_validation_expression' },
  ],
  invokePermission: [
    {
      tool: 'CDK',
      setting: msg('iac.generated-permission.cdk', {
        constructs: 'TokenAuthorizer / RequestAuthorizer',
        resource: 'AWS::Lambda::Permission',
      }),
    },
    {
      tool: 'SAM',
      setting: msg('iac.generated-permission.sam', {
        property: 'Auth.Authorizers.<Name>.FunctionArn',
        role: 'FunctionInvokeRole',
      }),
    },
    {
      tool: 'Terraform',
      setting:
        'aws_lambda_permission.source_arn = "${aws_api_gateway_rest_api.<api>.execution_arn}/authorizers/${aws_api_gateway_authorizer.<auth>.id}"',
    },
  ],
  authorizerRole: [
    { tool: 'CDK', setting: 'TokenAuthorizer / RequestAuthorizer `assumeRole`' },
    { tool: 'SAM', setting: 'Auth.Authorizers.<Name>.FunctionInvokeRole' },
    { tool: 'Terraform', setting: 'aws_api_gateway_authorizer.authorizer_credentials' },
  ],
  resourcePolicy: [
    { tool: 'CDK', setting: 'RestApi `policy: new iam.PolicyDocument(…)`' },
    {
      tool: 'SAM',
      setting: 'Auth.ResourcePolicy (IpRangeWhitelist, IntrinsicVpceWhitelist, CustomStatements, …)',
    },
    { tool: 'Serverless Framework', setting: 'provider.apiGateway.resourcePolicy' },
    { tool: 'Terraform', setting: 'aws_api_gateway_rest_api_policy.policy' },
  ],
  apiKey: [
    {
      tool: 'CDK',
      setting:
        'Method `apiKeyRequired: true`; `usagePlan.addApiStage({ stage })`, `usagePlan.addApiKey(key)`',
    },
    { tool: 'SAM', setting: both('Auth.ApiKeyRequired', 'Auth.UsagePlan') },
    {
      tool: 'Serverless Framework',
      setting: msg('cli.join', {
        first: 'functions.<fn>.events.http.private: true',
        rest: both('provider.apiGateway.apiKeys', 'provider.apiGateway.usagePlan'),
      }),
    },
    {
      tool: 'Terraform',
      setting: both('aws_api_gateway_usage_plan.api_stages', 'aws_api_gateway_usage_plan_key'),
    },
  ],
  logging: [
    {
      tool: 'CDK',
      setting:
        'RestApi `deployOptions: { loggingLevel: MethodLoggingLevel.INFO, dataTraceEnabled: true }`, `cloudWatchRole: true`',
    },
    {
      tool: 'SAM',
      setting:
        'AWS::Serverless::Api MethodSettings: [{ LoggingLevel: INFO, DataTraceEnabled: true, ResourcePath: "/*", HttpMethod: "*" }]',
    },
    {
      tool: 'Serverless Framework',
      setting: 'provider.logs.restApi: { level: INFO, fullExecutionData: true }',
    },
    {
      tool: 'Terraform',
      setting:
        'aws_api_gateway_method_settings settings { logging_level = "INFO", data_trace_enabled = true }; aws_api_gateway_account.cloudwatch_role_arn',
    },
  ],
  redeploy: [
    {
      tool: 'CDK',
      setting: msg('iac.redeploy.cdk', { setting: 'RestApi `deploy: true`', command: '`cdk deploy`' }),
    },
    {
      tool: 'Terraform',
      setting: 'aws_api_gateway_deployment `triggers = { redeployment = sha1(jsonencode(...)) }`',
    },
  ],
} satisfies Record<string, readonly IacSetting[]>;
