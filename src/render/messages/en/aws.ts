/** AWS failures and what was not read because of them: errors for a person, the sources a diagnosis could not read. */
export const aws = {
  'aws.denied': 'AWS denied {action} on {resource}',
  'aws.denied.hint': 'grant the read-only policy in iam/why403-read-only.json to the identity why403 runs as',
  'aws.log-group-missing': 'log group {group} does not exist',
  'aws.not-found.hint': 'check the API id, the stage and the region (--region)',
  'aws.credentials.hint':
    'set AWS_PROFILE or AWS credentials and AWS_REGION, or try the built-in sandbox: why403 sandbox',
  'aws.unavailable.throttled':
    '{service} {operation} was still throttled ({code}) after {attempts, plural, one {# attempt} other {# attempts}}',
  'aws.unavailable.server-error':
    '{service} {operation} kept failing ({code}) after {attempts, plural, one {# attempt} other {# attempts}}',
  'aws.unavailable.timed-out':
    '{service} {operation} did not answer in time after {attempts, plural, one {# attempt} other {# attempts}}',
  'aws.unavailable.network':
    '{service} {operation} could not be reached ({code}) after {attempts, plural, one {# attempt} other {# attempts}}',
  'aws.unavailable.budget-ended': '{what}, and the time budget ran out before another try',
  'aws.unavailable.retry-after':
    '{what}, and AWS asked to wait {seconds} s before another try, longer than why403 waits',
  'aws.unavailable.hint': 'AWS is throttling or failing; try again in a minute',
  'aws.unavailable.query-limit':
    '{service} {operation} was still refused (LimitExceededException) after {attempts, plural, one {# attempt} other {# attempts}}: the account already runs as many Logs Insights queries at once as its quota allows (queries of dashboards and other tools count too)',
  'aws.unavailable.query-limit.hint':
    'wait a few minutes for them to end, or stop some: aws logs describe-queries --status Running{region}, then aws logs stop-query --query-id <queryId>{region}',
  'aws.timeout': '{service} {operation} on {resource} did not finish within the time budget',
  'aws.malformed': '{service} {operation} returned a malformed response ({detail}) for {resource}',
  'aws.malformed.html': "HTTP {status}: an HTML page instead of AWS's JSON",
  'aws.malformed.not-json': 'HTTP {status}: not valid JSON',
  'aws.malformed.cut-off': 'the body was cut off',
  'aws.malformed.shape': 'HTTP 200: {problem}',
  'aws.malformed.hint':
    'something between why403 and AWS answered in its place (a proxy, a firewall, a wrong AWS_ENDPOINT_URL): check HTTPS_PROXY and the endpoint settings, then try again',
  'aws.malformed.cut-off.hint': 'the connection dropped while the answer was read; try again',
  'aws.not-found': '{resource} was not found ({detail})',
  'aws.no-credentials': 'no usable AWS credentials or region: {detail}',
  'aws.failed': '{service} {operation} failed: {code}: {detail}',
  'aws.error': '{detail}',
  'aws.credentials-rejected':
    "AWS refused the credentials why403 used for {service} {operation} ({code}: {detail}): refresh them (aws sso login, a new session token, the profile's keys) and try again",
  'aws.credentials-rejected.hint':
    'check which identity the environment and AWS_PROFILE select: aws sts get-caller-identity',
  'aws.denied.assume-role.hint':
    "the role's trust policy must trust the identity why403 runs as (with the external id, when the configuration gives one), and that identity must be allowed sts:AssumeRole on it",

  'read.source.execution-log': 'The execution log',
  'read.source.access-log': 'The access log',
  'read.source.config-rest-api': "The API's configuration (resource policy, endpoint type)",
  'read.source.config-authorizers': "The API's authorizers",
  'read.source.config-resources': "The API's resources and methods",
  'read.source.config-stage': "The stage's configuration (logging, access log, WAF)",
  'read.source.config-account': "The account's API Gateway settings (CloudWatch role)",
  'read.source.config-deployment': "The stage's deployment",
  'read.source.authorizer-log': "The authorizer function's log",
  'read.source.cache-filler': 'The request that filled the authorizer cache',
  'read.denied':
    '{source} could not be read: AWS denied {action} on {resource}. Grant it to let why403 read it.',
  'read.denied.group':
    '{source} could not be searched in {group}: AWS denied {action}. Grant it to let why403 read it.',
  'read.partial':
    '{source} was read only partly: {reason}. Run the diagnosis again, or give it a longer window or time budget (search.timeBudgetSeconds).',
  'read.missing': '{source} does not exist ({resource}): nothing was ever written there.',
  'read.not-configured': '{source} holds nothing for this request: {reason}.',
  'read.not-attempted': '{source} was not read.',
  'read.stage-logging-off':
    'Execution logging is off on stage {stage}, so its execution log holds no request to search. Turn it on (INFO, with data tracing) and reproduce the call: {command}',
  'read.group-missing.no-role':
    '{source} does not exist ({group}): stage {stage} has execution logging on, but the account has no CloudWatch role for API Gateway in this region, so API Gateway cannot write it (see the fix).',
  'read.group-missing.logging-on':
    "{source} does not exist ({group}), although stage {stage} has execution logging on: nothing has been written there (no request since logging was turned on, or the group was deleted; the account's CloudWatch role {role} must also be allowed to write to CloudWatch Logs).",
  'read.group-missing.role-unknown':
    '{source} does not exist ({group}), although stage {stage} has execution logging on: nothing has been written there (no request since logging was turned on, the group was deleted, or the account has no CloudWatch role for API Gateway, which could not be checked).',
  'read.reason.access-log-off':
    'the stage has no access logging (turn it on with $context.error.responseType, $context.waf.status and $context.authorizer.error)',
  'read.reason.access-log-elsewhere':
    'the stage sends its access log to {destination}, which is not a CloudWatch log group why403 can search',
  'read.reason.access-log-unreadable':
    "a line for this request is in {group}, but it does not fit the stage's access-log format",
  'read.reason.stage-unknown':
    "the stage's configuration, which names the access-log group, could not be read",
  'read.reason.no-role':
    'the account has no CloudWatch role for API Gateway, so no execution log can be written in this region',

  'search.partial.page-budget':
    'stopped after {pages, plural, one {# page} other {# pages}} (the page budget)',
  'search.partial.group': '{group}: {reason}',
  'search.partial.retention':
    '{group} keeps events for {days, plural, one {# day} other {# days}}: what was written before {since} is deleted',
  'search.partial.retention-unread':
    '{group}: its retention could not be read (DescribeLogGroups failed), so what was written more than a day ago may be deleted',
  'search.partial.budget': 'the time budget ran out before the whole window was searched',
  'search.partial.group-budget': '{group}: the time budget ran out',
  'search.partial.stages-unlisted':
    'the stages of {restApiId} could not be listed ({reason}), so a stage that writes no execution log was not searched',
  'search.partial.access-logs-skipped':
    'the API has {count} stages, more than the {max} whose access logs are searched, so no access log was (a WAF block, or a request refused before execution logging, is only there): give --stage NAME to search that stage’s too',
  'search.partial.joined': '{first}; {rest}',

  'diagnosis.partial': 'This answer is partial: {reason}.',
  'diagnosis.budget-ended': 'the time budget ran out',
  'diagnosis.cache-origin-failed':
    'Could not look for the request that filled the authorizer cache: {reason}.',
  'diagnosis.found-in': 'Found in {group}',
  'diagnosis.found-in-access-log': 'Not in the execution log; found in the access log {group}',
  'diagnosis.not-found-in': 'Not found in {groups}',
  'diagnosis.not-found-anywhere': 'Not found in any log group',
  'diagnosis.searched': 'searched {start} – {end}',
  'diagnosis.heading.unread': 'Could not read',

  'scan.partial.query-ended': 'the Logs Insights query ended {status}',
  'scan.partial.budget-first':
    'the time budget ran out while Logs Insights was still looking for failed requests (the query was stopped)',
  'scan.partial.budget-traces':
    'the time budget ran out before the traces of {count, plural, one {# failed request} other {# failed requests}} were read (the query was stopped); they are not counted',
  'scan.partial.traces-failed':
    'the traces of {count, plural, one {# failed request} other {# failed requests}} could not be read ({reason}); they are not counted',
  'scan.partial.sampled': 'classified the newest {chosen} of {found} failed requests',
  'scan.partial.traces-limit':
    "the traces query reached Logs Insights' limit of 10,000 lines: {count, plural, one {# failed request} other {# failed requests}} whose lines were cut off are not counted",
  'scan.partial.first-ended':
    'the Logs Insights query for failed requests ended {status} before it completed: failed requests it had not reached are not counted',
  'scan.partial.failed-limit':
    'Logs Insights matched {matched, plural, one {# line} other {# lines}} that end a failed request, and returns at most 10,000: only the newest {found, plural, one {# failed request is} other {# failed requests are}} known, so every count is a lower bound',
  'scan.partial.unidentified':
    '{count, plural, one {# line} other {# lines}} that end a failed request came back without a request id; {count, plural, one {that request is} other {those requests are}} not counted',
  'scan.partial.traces-textless':
    '{count, plural, one {# failed request} other {# failed requests}} whose lines came back without their text {count, plural, one {is} other {are}} not counted',
  'scan.partial.traces-absent':
    'the traces query returned no lines of {count, plural, one {# failed request} other {# failed requests}}; they are not counted',
  'scan.gap.no-group':
    'Stage {stage} has no execution-log group ({group}): execution logging was never on there, so its failed requests are not counted.',
  'scan.gap.access-log-only':
    'Stage {stage} has no execution-log group ({group}): its {count, plural, one {# failed request was} other {# failed requests were}} counted from its access log {accessGroup} alone, which tells less than a trace (see each confidence).',
  'scan.partial.access-log':
    'the access log {group} was not read to the end (Logs Insights stopped or reached its 10,000 lines): its counts are a lower bound',
  'scan.partial.access-log-failed': 'the access log {group} could not be read ({reason})',
  'scan.partial.access-log-unreadable':
    "{count, plural, one {# record} other {# records}} of the access log {group} did not fit the stage's format and {count, plural, one {was} other {were}} not counted",
  'scan.gap.access-log-beside':
    '{count, plural, one {# failed request} other {# failed requests}} of stage {stage} left no failure line in its execution log (refused before the method ran: by a web ACL, say) and {count, plural, one {was} other {were}} counted from its access log {accessGroup} alone, which tells less than a trace (see each confidence).',
  'scan.partial.access-log-unattributed':
    '{count, plural, one {# failed request} other {# failed requests}} of the access log {group}, which stages {stages} share, did not say {count, plural, one {its} other {their}} stage ($context.stage) and {count, plural, one {was} other {were}} not counted',
  'scan.gap.access-log-unknown':
    "The configuration of stage {stage} could not be read, so whether it writes an access log is not known: failed requests that leave no failure line in its execution log (a web ACL's block, say) may be missing from the counts.",
  'scan.gap.web-acl-unlogged':
    'Stage {stage} has a web ACL and writes no access log to CloudWatch Logs: requests AWS WAF blocks leave no line in the execution log, so they are not counted.',
  'scan.gap.logging-off':
    'Execution logging is off on stage {stage}: failed requests there since it was turned off are not in its log and not counted.',
  'scan.gap.logging-error':
    'Stage {stage} logs at ERROR level: a plain 401 or 403 may leave no line there, so its counts are a lower bound.',
  'scan.gap.stage-changed':
    'Stage {stage} was changed at {at}, within the window: how it logged before then is not known, so failed requests before then may be missing.',
  'scan.confidence': 'confidence: {levels}',
  'scan.confidence.level': '{count} {level}',
  'scan.confidence.joined': '{first}, {rest}',
  'scan.gap.no-groups': 'No execution-log group exists for this API: execution logging has never been on.',
  'scan.denied.hint':
    'scan API_ID reads the execution logs with Logs Insights: {grant}, as iam/why403-read-only.json does. Without Logs Insights, count an export: {exports}; or explain one request: why403 diagnose <request-id>',
  'scan.denied.start-query':
    'grant logs:StartQuery on {groups} (and logs:GetQueryResults, logs:StopQuery on *)',
  'scan.denied.query-results':
    'it started a query on {groups} but may not read its results: grant logs:GetQueryResults and logs:StopQuery on *',
  'scan.gap.stop-failed':
    'Could not stop Logs Insights query {queryId}: {reason}. It may go on scanning until it times out.',
} as const;
