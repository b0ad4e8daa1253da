export const notFoundInLogs = {
  'not-found-in-logs.title': 'The request is not in the logs that were searched',
  'not-found-in-logs.title.inconclusive':
    'Inconclusive: the request was not found, but not everything could be searched',
  'not-found-in-logs.explanation':
    'No execution-log or access-log record for this request id was found in the searched window. Either the ' +
    'request never reached this API stage (WAF, a route or edge rejection, a 401 for a missing identity that ' +
    'API Gateway does not log, another API, stage, region or account), or logging could not record it (execution ' +
    'logging off or at ERROR level, turned on after the request, no account CloudWatch role, retention expired).',
  'not-found-in-logs.summary.no-group':
    'Request {requestId} could not be looked up: the execution-log group does not exist, so execution logging has never written for this stage.',
  'not-found-in-logs.summary.not-there':
    "Request {requestId} is not in this stage's logs: every log was searched over the whole window, with execution logging at INFO.",
  'not-found-in-logs.summary.inconclusive':
    'Request {requestId} was not found, but the search could not read everything (see below): it may still be there.',
  'not-found-in-logs.settle.request-id':
    'Whether the id is the request id (x-amzn-RequestId), not the extended id (x-amz-apigw-id) or a trace id.',
  'not-found-in-logs.settle.where':
    'The region, account and stage the client really called (custom domains map to one API and stage each).',
  'not-found-in-logs.evidence.searched': 'Searched: {groups}',
  'not-found-in-logs.evidence.searched-nothing': 'Searched: no log group',
  'not-found-in-logs.evidence.window': 'Window: {start} – {end}',
  'not-found-in-logs.evidence.level': 'Stage execution logging: {level}',
  'not-found-in-logs.evidence.level-error':
    'Stage execution logging: {level} (ERROR omits the authorizer and usage-plan lines of ordinary 401/403s)',
  'not-found-in-logs.evidence.no-role':
    'Account setting: no CloudWatch role (API Gateway cannot write any execution log in this region).',
  'not-found-in-logs.evidence.web-acl':
    'A WAF web ACL is attached ({arn}); WAF blocks leave no execution log.',
  'not-found-in-logs.evidence.access-log-off': 'Access logging is off on this stage.',
  'not-found-in-logs.evidence.default-endpoint-off':
    "The API's default endpoint is disabled (disableExecuteApiEndpoint): every call to {api}.execute-api… is answered 403 Forbidden, in every stage. Clients must call through the API's custom domain name.",
  'not-found-in-logs.fix.grant':
    'Let why403 read the logs: grant {action} on {resource} (iam/why403-read-only.json has it).',
  'not-found-in-logs.fix.account-role':
    'Give API Gateway a CloudWatch role for this account and region (a role trusting apigateway.amazonaws.com with AmazonAPIGatewayPushToCloudWatchLogs).',
  'not-found-in-logs.fix.enable-logging':
    'Turn on INFO execution logging with data tracing on the stage, then reproduce the call. Cost note: INFO ' +
    'with data tracing logs every request (a few KB each) at CloudWatch Logs ingestion prices; turn it back down ' +
    'after the investigation.',
  'not-found-in-logs.fix.access-logging':
    'Turn on access logging with $context.error.responseType, $context.authorizer.error, $context.waf.status and $context.identity.sourceIp: it is written even for WAF-blocked and unlogged requests.',
  'not-found-in-logs.fix.config-only':
    'Meanwhile, judge from configuration alone: the authorizer TTL and identity sources, the resource policy, the method auth type, the API-key requirement.',
} as const;
