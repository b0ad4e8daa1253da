import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Finding, Rule } from '../types';
import { IAC, enableExecutionLoggingCommand, idsOf } from '../fix';
import { formatUtc } from '../../time';
import { loggingLevelOf } from '../facts';

export const notFoundInLogs: Rule = {
  cause: 'not-found-in-logs',
  title: 'The request is not in the logs that were searched',
  step: 'logging',
  explanation:
    'No execution-log or access-log record for this request id was found in the searched window. Either the ' +
    'request never reached this API stage (WAF, a route or edge rejection, a 401 for a missing identity that ' +
    'API Gateway does not log, another API, stage, region or account), or logging could not record it (execution ' +
    'logging off or at ERROR level, turned on after the request, no account CloudWatch role, retention expired).',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const search = evidence.search;
  if (!search || search.found) return undefined;
  return {
    cause: 'not-found-in-logs',
    confidence: search.partial ? 'medium' : 'high',
    summary: summary(evidence),
    evidence: checks(evidence),
    checklist: checklist(evidence),
    settle: [
      'Whether the id is the request id (x-amzn-RequestId), not the extended id (x-amz-apigw-id) or a trace id.',
      'The region, account and stage the client really called (custom domains map to one API and stage each).',
    ],
  };
}

function summary(evidence: Evidence): string {
  const search = evidence.search;
  const id = evidence.request.requestId ?? 'the request';
  if (search && search.logGroups.length > 0 && search.missingLogGroups.length === search.logGroups.length) {
    return `Request ${id} could not be looked up: the execution-log group does not exist, so execution logging has never written for this stage.`;
  }
  return `Request ${id} is not in the execution logs searched${search?.partial ? ' (the search stopped early)' : ''}.`;
}

/** What was checked and what was found, in plain words. */
function checks(evidence: Evidence): string[] {
  const { search, config } = evidence;
  const lines: string[] = [];
  if (search) {
    lines.push(`Searched: ${search.logGroups.join(', ') || 'no log group'}`);
    if (search.window)
      lines.push(`Window: ${formatUtc(search.window.start)} – ${formatUtc(search.window.end)}`);
    if (search.missingLogGroups.length > 0)
      lines.push(`Log group missing: ${search.missingLogGroups.join(', ')}`);
    if (search.partial) lines.push(`Partial search: ${search.partial}`);
  }
  const level = loggingLevelOf(config.stage);
  if (level)
    lines.push(
      `Stage execution logging: ${level}${level === 'ERROR' ? ' (ERROR omits the authorizer and usage-plan lines of ordinary 401/403s)' : ''}`,
    );
  if (config.account && !config.account.cloudwatchRoleArn) {
    lines.push(
      'Account setting: no CloudWatch role (API Gateway cannot write any execution log in this region).',
    );
  }
  if (config.stage?.webAclArn)
    lines.push(`A WAF web ACL is attached (${config.stage.webAclArn}); WAF blocks leave no execution log.`);
  if (config.stage && !config.stage.accessLogSettings?.destinationArn)
    lines.push('Access logging is off on this stage.');
  lines.push(...evidence.gaps);
  return lines;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const steps: ChecklistStep[] = [];
  if (evidence.config.account && !evidence.config.account.cloudwatchRoleArn) {
    steps.push({
      text: 'Give API Gateway a CloudWatch role for this account and region (a role trusting apigateway.amazonaws.com with AmazonAPIGatewayPushToCloudWatchLogs).',
      command: `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::${ids.accountId}:role/<apigateway-cloudwatch-role>`,
    });
  }
  steps.push(
    {
      text:
        'Turn on INFO execution logging with data tracing on the stage, then reproduce the call. Cost note: INFO ' +
        'with data tracing logs every request (a few KB each) at CloudWatch Logs ingestion prices; turn it back down ' +
        'after the investigation.',
      command: enableExecutionLoggingCommand(ids),
      iac: IAC.logging,
    },
    {
      text: 'Turn on access logging with $context.error.responseType, $context.authorizer.error, $context.waf.status and $context.identity.sourceIp: it is written even for WAF-blocked and unlogged requests.',
    },
    {
      text: 'Meanwhile, judge from configuration alone: the authorizer TTL and identity sources, the resource policy, the method auth type, the API-key requirement.',
    },
  );
  return steps;
}
