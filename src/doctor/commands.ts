import type { IacSetting } from '../classify/types';
import { parseFunctionArn } from '../evidence/lambda-arn';
import { msg } from '../text';
import { partitionOfRegion } from '../evidence/assemble';

/**
 * Copy-ready AWS CLI commands and IaC setting names for doctor's fixes. Values that hold commas or quotes (a
 * log format, a policy) go in JSON patch operations, single-quoted for the shell, so `$context` stays literal.
 */

export interface StageRef {
  restApiId: string;
  stage: string;
  region: string;
}

function regionFlag(region: string): string {
  return ` --region ${region}`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function patchOperations(operations: ReadonlyArray<{ path: string; value: string }>): string {
  return shellQuote(JSON.stringify(operations.map(({ path, value }) => ({ op: 'replace', path, value }))));
}

export function setLoggingLevelCommand(ref: StageRef, level: 'INFO'): string {
  return (
    `aws apigateway update-stage --rest-api-id ${ref.restApiId} --stage-name ${ref.stage}` +
    ` --patch-operations op=replace,path=/*/*/logging/loglevel,value=${level}${regionFlag(ref.region)}`
  );
}

export function setDataTraceCommand(ref: StageRef): string {
  return (
    `aws apigateway update-stage --rest-api-id ${ref.restApiId} --stage-name ${ref.stage}` +
    ` --patch-operations op=replace,path=/*/*/logging/dataTrace,value=true${regionFlag(ref.region)}`
  );
}

function accessLogGroupName(ref: StageRef): string {
  return `/aws/apigateway/${ref.restApiId}/${ref.stage}/access`;
}

export function enableAccessLogCommand(ref: StageRef, account: string, format: string): string {
  const group = accessLogGroupName(ref);
  const arn = `arn:${partitionOfRegion(ref.region)}:logs:${ref.region}:${account}:log-group:${group}`;
  return [
    `aws logs create-log-group --log-group-name ${group}${regionFlag(ref.region)}`,
    `aws apigateway update-stage --rest-api-id ${ref.restApiId} --stage-name ${ref.stage} --patch-operations ${patchOperations(
      [
        { path: '/accessLogSettings/destinationArn', value: arn },
        { path: '/accessLogSettings/format', value: format },
      ],
    )}${regionFlag(ref.region)}`,
  ].join('\n');
}

export function setAccessLogFormatCommand(ref: StageRef, format: string): string {
  return `aws apigateway update-stage --rest-api-id ${ref.restApiId} --stage-name ${ref.stage} --patch-operations ${patchOperations(
    [{ path: '/accessLogSettings/format', value: format }],
  )}${regionFlag(ref.region)}`;
}

const CLOUDWATCH_ROLE_NAME = 'apigateway-cloudwatch-logs';

export function cloudwatchRoleCommands(account: string, region: string): string {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  return [
    `aws iam create-role --role-name ${CLOUDWATCH_ROLE_NAME} --assume-role-policy-document ${shellQuote(JSON.stringify(trust))}`,
    `aws iam attach-role-policy --role-name ${CLOUDWATCH_ROLE_NAME} --policy-arn arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::${account}:role/${CLOUDWATCH_ROLE_NAME}${regionFlag(region)}`,
  ].join('\n');
}

export function putPolicyCommand(principal: string, policyFile: string): string {
  const role = /:role\/(?:.*\/)?(?<name>[^/]+)$/.exec(principal)?.groups?.name;
  const user = /:user\/(?:.*\/)?(?<name>[^/]+)$/.exec(principal)?.groups?.name;
  if (role)
    return `aws iam put-role-policy --role-name ${role} --policy-name why403-read-only --policy-document file://${policyFile}`;
  if (user)
    return `aws iam put-user-policy --user-name ${user} --policy-name why403-read-only --policy-document file://${policyFile}`;
  return `aws iam put-role-policy --role-name <why403-role> --policy-name why403-read-only --policy-document file://${policyFile}`;
}

export function updateResourcePolicyCommand(restApiId: string, region: string, policy: unknown): string {
  return `aws apigateway update-rest-api --rest-api-id ${restApiId} --patch-operations ${patchOperations([
    { path: '/policy', value: JSON.stringify(policy) },
  ])}${regionFlag(region)}`;
}

/**
 * Lambda answers only in the function's own region ("Functions from 'us-east-1' are not reachable in this region"),
 * so a command about an authorizer function names the function's region, not the API's.
 */
function functionRegionFlag(functionName: string, apiRegion: string): string {
  return regionFlag(parseFunctionArn(functionName)?.region ?? apiRegion);
}

export function addInvokePermissionCommand(
  functionName: string,
  authorizerId: string,
  sourceArn: string,
  apiRegion: string,
): string {
  return (
    `aws lambda add-permission --function-name ${functionName} --statement-id apigateway-authorizer-${authorizerId}` +
    ` --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn ${sourceArn}` +
    functionRegionFlag(functionName, apiRegion)
  );
}

export function getFunctionPolicyCommand(functionName: string, apiRegion: string): string {
  return `aws lambda get-policy --function-name ${functionName}${functionRegionFlag(functionName, apiRegion)}`;
}

export const DOCTOR_IAC = {
  accessLog: [
    {
      tool: 'CDK',
      setting:
        'RestApi `deployOptions: { accessLogDestination: new LogGroupLogDestination(group), accessLogFormat: AccessLogFormat.custom(…) }`',
    },
    { tool: 'SAM', setting: 'AWS::Serverless::Api AccessLogSetting: { DestinationArn, Format }' },
    { tool: 'Serverless Framework', setting: "provider.logs.restApi: { accessLogging: true, format: '…' }" },
    { tool: 'Terraform', setting: 'aws_api_gateway_stage access_log_settings { destination_arn, format }' },
  ],
  cloudwatchRole: [
    { tool: 'CDK', setting: 'RestApi `cloudWatchRole: true`' },
    {
      tool: 'SAM',
      setting: msg('iac.account-role.sam', {
        resource: 'AWS::ApiGateway::Account',
        property: 'CloudWatchRoleArn',
      }),
    },
    {
      tool: 'Serverless Framework',
      setting: msg('iac.account-role.serverless', {
        setting: 'provider.logs.restApi',
        opt: 'roleManagedExternally: true',
      }),
    },
    { tool: 'Terraform', setting: 'aws_api_gateway_account.cloudwatch_role_arn' },
  ],
} satisfies Record<string, readonly IacSetting[]>;

/** Adds an API stage to an existing usage plan (PATCH op add on /apiStages takes `apiId:stage`). */
export function addStageToUsagePlanCommand(planId: string, ref: StageRef): string {
  return (
    `aws apigateway update-usage-plan --usage-plan-id ${planId}` +
    ` --patch-operations op=add,path=/apiStages,value=${ref.restApiId}:${ref.stage}${regionFlag(ref.region)}`
  );
}

/** A usage plan for one API stage, and the key callers send added to it. */
export function createUsagePlanCommands(ref: StageRef): string {
  return [
    `aws apigateway create-usage-plan --name ${ref.restApiId}-${ref.stage} --api-stages apiId=${ref.restApiId},stage=${ref.stage}${regionFlag(ref.region)}`,
    `aws apigateway create-usage-plan-key --usage-plan-id <usage-plan-id> --key-id <api-key-id> --key-type API_KEY${regionFlag(ref.region)}`,
  ].join('\n');
}
