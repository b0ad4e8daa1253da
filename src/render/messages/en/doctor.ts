/** `why403 doctor`: the check to run before an incident. Findings, fixes, the report around them. */
export const doctor = {
  'doctor.report.title': 'why403 doctor',
  'doctor.report.checked':
    '{apis, plural, =0 {No REST API checked} one {# REST API checked} other {# REST APIs checked}} in {regions}',
  'doctor.report.as': 'as {arn}',
  'doctor.report.summary':
    '{mustChange, plural, =0 {Nothing must change} one {# must change} other {# must change}} · {advice, plural, one {# piece of advice} other {# pieces of advice}} · {passed, plural, one {# check passed} other {# checks passed}}',
  'doctor.report.account': 'Account {account} in {region}',
  'doctor.report.account-unknown': 'The account in {region}',
  'doctor.report.api': 'API {api} in {region}',
  'doctor.report.api-named': 'API {api} ({name}) in {region}',
  'doctor.report.stage': 'Stage {stage}',
  'doctor.report.must-change': 'MUST CHANGE',
  'doctor.report.advice': 'ADVICE',
  'doctor.report.why': 'Why it matters:',
  'doctor.report.fix': 'Fix:',
  'doctor.report.seen': 'Seen:',
  'doctor.report.passed': 'Passed:',
  'doctor.report.nothing':
    'No REST API to check: give --api, list APIs in the configuration file, or check --region.',
  'doctor.report.verdict.must-change':
    '{count, plural, one {# setting must change} other {# settings must change}} before the next incident can be diagnosed from evidence.',
  'doctor.report.verdict.ok': 'Nothing must change: the next 401/403/500 can be diagnosed from evidence.',
  'doctor.report.verdict.unchecked':
    'Nothing found that must change, but {count, plural, one {# check} other {# checks}} could not run (see above): until {count, plural, one {it runs} other {they run}}, doctor cannot say the next 401/403/500 can be diagnosed from evidence.',
  'doctor.report.more':
    '…and {count, plural, one {# more finding} other {# more findings}}: run {command} in a terminal for all of them.',
  'doctor.report.slack-fallback': 'why403 doctor: {summary}',
  'doctor.report.too-long': 'The full command is too long for Slack: run {command} in a terminal.',

  'doctor.cli.description':
    "check, before an incident, that the next 401/403/500 can be diagnosed: execution and access logging, the account's CloudWatch role, why403's own permissions, authorizer caching traps, Lambda permissions, IP-only resource policies, private APIs without a resource policy, API keys without a usage plan",
  'doctor.cli.api':
    'REST API id (default: the APIs of the configuration file, else every REST API of the region)',
  'doctor.cli.stage': 'only this stage (default: every stage)',
  'doctor.cli.region': 'AWS region (default: the configuration file, then AWS_REGION / the profile)',
  'doctor.cli.config': 'configuration file (default: $WHY403_CONFIG or ./why403.config.yml)',
  'doctor.cli.json': 'print the findings as JSON',
  'doctor.cli.exit':
    '{count, plural, one {# setting must change} other {# settings must change}} (see the report above)',

  'doctor.sandbox.title':
    'Before the next incident: why403 doctor on the orders API (logging, access-log format, authorizers, permissions)',

  'doctor.progress.listing': 'Listing the REST APIs in {region}…',
  'doctor.progress.api': 'Checking API {api} in {region}…',
  'doctor.progress.permissions': "Checking why403's own permissions in {region}…",
  'doctor.progress.probes':
    "IAM will not simulate why403's permissions in {region}: trying one harmless read per action instead…",

  'doctor.what.rest-apis': 'the REST APIs of {region}',
  'doctor.what.rest-api': 'API {api} (resource policy, endpoint type)',
  'doctor.what.authorizers': 'the authorizers of API {api}',
  'doctor.what.resources': 'the methods of API {api}',
  'doctor.what.stages': 'the stages of API {api}',
  'doctor.what.cloudwatch-role': "the account's CloudWatch role for API Gateway",
  'doctor.what.identity': 'who why403 runs as',
  'doctor.what.simulation': "why403's permissions with the IAM policy simulator",
  'doctor.what.function-policy': 'whether API Gateway may invoke authorizer {authorizer}',
  'doctor.what.authorizer-outputs': 'the recent authorizer outputs of stage {stage}',

  'doctor.unchecked.title': 'Could not check {what}',
  'doctor.unchecked.denied': 'AWS denied {action} on {resource}.',
  'doctor.unchecked.missing': '{resource} does not exist.',
  'doctor.unchecked.unavailable':
    '{operation} was throttled or failed after retries. A check that cannot run proves nothing either way.',
  'doctor.unchecked.fix.grant':
    'Grant {action} on {resource} to the identity why403 runs as ({file}), then run doctor again.',
  'doctor.unchecked.fix.missing':
    'Check the id and the region (--region), or take the API out of the configuration file.',
  'doctor.unchecked.fix.log-group-missing':
    "The group appears once the stage logs a request. If the stage has served requests since its logging was turned on, check the account's CloudWatch role; otherwise run doctor again after some traffic.",
  'doctor.unchecked.fix.principal-missing':
    'IAM does not know the role under that name: the session ARN leaves out a role path. One harmless call per action was tried instead; nothing else to do.',
  'doctor.unchecked.fix.retry': 'Run doctor again in a minute.',

  'doctor.execution-logging.off.title': 'Execution logging is off on stage {stage}',
  'doctor.execution-logging.off.why':
    "With logging off API Gateway writes no line for any request: when a call fails, why403 can only answer 'not found in logs' and the cause stays a guess. Logging must be on before the failure; nothing can be recovered afterwards.",
  'doctor.execution-logging.error.title': 'Execution logging on stage {stage} is at ERROR, not INFO',
  'doctor.execution-logging.error.why':
    'At ERROR API Gateway keeps only configuration errors (the 500s). A plain 401 or 403 leaves no line: not the authorizer that ran, not the policy it returned, not the step that refused the call.',
  'doctor.execution-logging.fix': "Set the stage's execution logging to INFO.",
  'doctor.execution-logging.ok': 'Stage {stage} writes its execution log at INFO.',
  'doctor.execution-logging.override.title':
    'Stage {stage} logs at INFO, but some methods override it with less: {methods}',
  'doctor.execution-logging.override.why':
    'A 401/403 on those methods leaves no authorizer or policy line, so it cannot be diagnosed from the log like the others.',
  'doctor.execution-logging.override.fix':
    "Set those methods' logging level to INFO, or remove their override, in the stage's method settings.",

  'doctor.data-tracing.title': 'Data tracing is off on stage {stage}',
  'doctor.data-tracing.why':
    'Every public authorizer trace that shows the returned policy ("Authorizer result body before parsing") and the method ARN the authorizer was asked about was logged with data tracing on: that is the evidence that tells a policy that misses the method from a cached one. It also logs request and response bodies, so weigh it for production: why403 redacts what it quotes, CloudWatch keeps what it receives.',
  'doctor.data-tracing.fix': 'Turn on data tracing on the stage (or turn it on while investigating).',
  'doctor.data-tracing.ok': 'Stage {stage} has data tracing on.',

  'doctor.access-logging.off.title': 'Stage {stage} writes no access log',
  'doctor.access-logging.off.why':
    'The access log is the only record of requests stopped before the execution log has anything to say (WAF blocks, some 401s), and it names the gateway response chosen for every request ($context.error.responseType). Without it those failures cannot be told apart.',
  'doctor.access-logging.off.fix':
    'Create a log group and turn on access logging with a format that carries what a diagnosis needs.',
  'doctor.access-logging.not-cloudwatch.title':
    'Stage {stage} sends its access log somewhere why403 cannot read',
  'doctor.access-logging.not-cloudwatch.why':
    'why403 reads access logs from CloudWatch Logs; a Firehose destination is invisible to it, so WAF blocks and gateway responses are not seen in a diagnosis.',
  'doctor.access-logging.not-cloudwatch.fix':
    'Send the access log to a CloudWatch log group as well (or instead).',

  'doctor.access-log-format.title': "Stage {stage}'s access-log format lacks {missing}",
  'doctor.access-log-format.invalid-json.title':
    "Stage {stage}'s access-log format looks like JSON but is not valid JSON",
  'doctor.access-log-format.why':
    'why403 joins the access log to the execution log by $context.requestId and reads which gateway response API Gateway chose from $context.error.responseType; the $context.authorizer fields show whether the Lambda ran, what it answered and for whom, the WAF fields whether WAF blocked. For requests that leave no execution-log line these fields are the only evidence.',
  'doctor.access-log-format.waf-only.why':
    'The stage has no web ACL today, so only the WAF fields are missing; with them, a WAF attached later shows up in the access log at once.',
  'doctor.access-log-format.network.why':
    "A resource policy that tests the caller's address or VPC endpoint (aws:SourceIp, aws:SourceVpce), or a private API, is judged by $context.identity.sourceIp and $context.identity.vpceId. No execution-log line carries them: without them in the access log, a 403 from the resource policy cannot be told from one it did not cause.",
  'doctor.access-log-format.unknown.why':
    "Whether a diagnosis needs these fields depends on what why403 could not read (see the checks it could not run): the $context.authorizer fields when a method uses a Lambda authorizer, the caller's address and VPC endpoint when the resource policy tests them, the WAF fields once a web ACL is attached. Adding them costs nothing where they turn out not to be needed.",
  'doctor.access-log-format.fix': 'Replace the format with this one: the same fields plus the missing ones.',
  'doctor.access-log-format.ok': "Stage {stage}'s access log carries every field a diagnosis reads.",

  'doctor.cloudwatch-role.title': 'API Gateway has no CloudWatch role in {region}',
  'doctor.cloudwatch-role.why':
    'Without the account-level role API Gateway writes no execution log at all, whatever each stage says: every failure would be "not found in logs".',
  'doctor.cloudwatch-role.fix':
    'Create a role API Gateway can assume with the AmazonAPIGatewayPushToCloudWatchLogs policy and set it on the account (once per region).',
  'doctor.cloudwatch-role.ok': 'API Gateway logs to CloudWatch through {role}.',

  'doctor.bot-permissions.denied.title':
    'why403 lacks {count, plural, one {a permission} other {# permissions}} it needs: {actions}',
  'doctor.bot-permissions.denied.why':
    'During an incident the diagnosis would stop at AccessDenied on these calls and could say only what it could not see.',
  'doctor.bot-permissions.denied.fix': 'Attach {file} to the identity why403 runs as.',
  'doctor.bot-permissions.evidence.simulated':
    '{action} on {resources} (IAM policy simulator; statement {sid})',
  'doctor.bot-permissions.evidence.tried': '{action} on {resources} (tried; statement {sid})',
  'doctor.bot-permissions.evidence.unavailable': '{action}: {operation} was throttled or failed',
  'doctor.bot-permissions.evidence.no-probe': '{action}: no harmless call is known to try it',
  'doctor.bot-permissions.unknown.title': 'Could not tell whether why403 may call {actions}',
  'doctor.bot-permissions.unknown.why':
    'A permission that was not checked may be missing when an incident needs it.',
  'doctor.bot-permissions.unknown.fix':
    'Let why403 simulate its own permissions ({file}: iam:SimulatePrincipalPolicy on its role), or run doctor again.',
  'doctor.bot-permissions.no-principal.title': 'why403 runs as {arn}, which IAM cannot simulate',
  'doctor.bot-permissions.no-principal.why':
    'Its permissions were checked by trying one harmless read per action instead. The account root or a federated user should not run a bot.',
  'doctor.bot-permissions.no-principal.fix': 'Run why403 as a role with {file} attached.',
  'doctor.bot-permissions.ok.simulated':
    'IAM confirms {principal} may make {count, plural, one {the # call} other {all # calls}} why403 needs.',
  'doctor.bot-permissions.ok.probed':
    '{count, plural, one {The # call} other {All # calls}} why403 needs went through for {principal}.',

  'doctor.cache-trap.title':
    'Authorizer {authorizer} caches results for {ttl} s but returned a policy for one method only ({shaped} of {count} outputs in the last {hours} h)',
  'doctor.cache-trap.why':
    'With caching on, the policy returned for the first call is reused for every other method the same token calls within {ttl} s, and it does not cover them: those calls get an intermittent 403 "User is not authorized to access this resource", and which call fails depends on which one filled the cache.',
  'doctor.cache-trap.why.echoed':
    'The returned Resource is exactly the method ARN the authorizer was given ({echoed, plural, one {# output shows it} other {# outputs show it}}): Resource: event.methodArn. With caching on, that policy is reused for every other method the same token calls within {ttl} s and denies them: an intermittent 403 "User is not authorized to access this resource", and which call fails depends on which one filled the cache.',
  'doctor.cache-trap.fix.wildcard':
    'Return a policy that covers every method the caller may use (a wildcard over the stage), not event.methodArn:',
  'doctor.cache-trap.fix.ttl': "Or turn the authorizer's result cache off (TTL 0) until the policy is fixed.",
  'doctor.cache-trap.fix.deploy': 'Redeploy the stage, then empty its authorizer cache.',
  'doctor.cache-trap.ok':
    'Authorizer {authorizer} on stage {stage}: none of its {count, plural, one {# output} other {# outputs}} in the last {hours} h allows just one method.',
  'doctor.cache-trap.none-seen':
    'Authorizer {authorizer} on stage {stage}: no output of it in the execution log of the last {hours} h to check.',

  'doctor.invoke-permission.title':
    'API Gateway may not invoke the function of authorizer {authorizer}: no permission on {function} covers {sourceArn}',
  'doctor.invoke-permission.no-function.title':
    'Authorizer {authorizer} points at a function that does not exist: {function}',
  'doctor.invoke-permission.why': `Every request to a method with this authorizer fails with 500 '{"message": null}' before the function runs. A SourceArn written for methods (…/*/GET/…) does not cover …/authorizers/<id>.`,
  'doctor.invoke-permission.fix':
    'Let apigateway.amazonaws.com invoke the function for this authorizer (…/authorizers/<id> or …/authorizers/*).',
  'doctor.invoke-permission.no-function.why':
    'Every request to a method with this authorizer fails with 500 \'{"message": null}\': API Gateway has no function to call. The stages run what was deployed, so the change takes effect only after a redeployment.',
  'doctor.invoke-permission.no-function.fix':
    "Point the authorizer's authorizerUri at the function's real ARN (or deploy the function), then redeploy the stages.",
  'doctor.invoke-permission.evidence.no-policy': 'The function has no resource-based policy at all.',
  'doctor.invoke-permission.evidence.no-statement':
    'No statement of the function policy lets apigateway.amazonaws.com call lambda:InvokeFunction.',
  'doctor.invoke-permission.evidence.source-arn':
    'apigateway.amazonaws.com is allowed only for SourceArn {sourceArn}',
  'doctor.invoke-permission.evidence.source-arn-account':
    'apigateway.amazonaws.com is allowed only for SourceArn {sourceArn} from account {accounts}',
  'doctor.invoke-permission.account-unknown.title':
    'Could not confirm that API Gateway may invoke the function of authorizer {authorizer}: the permission covers it only if the API is in account {accountId}',
  'doctor.invoke-permission.account-unknown.why':
    "why403 could not tell which account it runs in (GetCallerIdentity failed), so it cannot tell whether this API is in account {accountId}, the one the function's permission names for API Gateway.",
  'doctor.invoke-permission.account-unknown.fix':
    'Check that the API is in account {accountId}, or let why403 call sts:GetCallerIdentity and run doctor again.',
  'doctor.invoke-permission.ok':
    'API Gateway may invoke the function of authorizer {authorizer} ({sourceArn}).',
  'doctor.invoke-permission.role':
    'Authorizer {authorizer} invokes its function through the role {role} (its trust and permissions were not checked).',
  'doctor.invoke-permission.other-account.title':
    "Could not check authorizer {authorizer}'s function {function}: it is another account's function (account {accountId})",
  'doctor.invoke-permission.other-account.why':
    'why403 runs in account {apiAccount}, and Lambda shows another account\'s function to no one that account has not allowed: its answer (access denied, or "Function not found") says nothing about whether the function exists or may be invoked. Only account {accountId} can check it.',
  'doctor.invoke-permission.other-account.why.unknown':
    "Lambda answered that the function was not found, but why403 could not tell its own account (GetCallerIdentity failed), and Lambda answers so for another account's function too: whether the function exists is not known. If it is in account {accountId} and that is not this account, only that account can check it.",
  'doctor.invoke-permission.other-account.fix.read':
    'In account {accountId}, read the function policy and look for a statement letting apigateway.amazonaws.com invoke it for this authorizer:',
  'doctor.invoke-permission.other-account.fix.grant':
    'If there is none, add it in account {accountId} (SourceArn {sourceArn}):',
  'doctor.invoke-permission.stage-variable.title':
    'Authorizer {authorizer} picks its function through a stage variable: its permission was not checked',
  'doctor.invoke-permission.stage-variable.why':
    'Each stage may call a different function; each needs a permission for apigateway.amazonaws.com covering this authorizer.',
  'doctor.invoke-permission.stage-variable.fix':
    'For each stage, check the function its variable names: aws lambda get-policy --function-name <function>.',

  'doctor.ip-allow.title':
    'The resource policy allows {ranges} but does not keep other addresses out of {methods}, which use a Lambda authorizer',
  'doctor.ip-allow.why':
    'Before the authorizer runs API Gateway looks only at Deny statements; afterwards an authorizer Allow with a resource policy that says nothing about the caller is Allow (Table A: Allow + Neither = Allow). So any address with a valid token gets in, and a 403 from outside the ranges will never come from this policy.',
  'doctor.ip-allow.fix.deny':
    'Add an explicit Deny for every other address (NotIpAddress), keeping the existing statements:',
  'doctor.ip-allow.evidence':
    'A caller from {ip} that the authorizer allows gets Allow on {method} (stage {stage}): Allow + Neither = Allow.',
  'doctor.what.rest-apis.rest':
    'the rest of the REST APIs of {region} (only the first {count, plural, one {# was} other {# were}} listed, and checked)',
  'doctor.what.usage-plans': 'the usage plans that the API keys of API {api} must be in',

  'doctor.assumed.title':
    'Unverified (the methods could not be read, so this authorizer is assumed to be in use): {title}',
  'doctor.assumed.evidence':
    'Whether any method uses this authorizer is not known: the methods could not be read (see above). If none does, it cannot fail a request.',

  'doctor.cache-trap.title.context':
    'Authorizer {authorizer} caches results for {ttl} s and returned a policy for one method only ({shaped} of {count} outputs in the last {hours} h); whether its context identity sources ({sources}) keep methods apart in the cache could not be confirmed',
  'doctor.cache-trap.why.context':
    'AWS documents that a REQUEST authorizer derives its cache key from its identity sources, but not which context variables it accepts there, nor that {sources} take part in the key. If they do, calls that differ in them get a cached policy of their own and a one-method policy does no harm; if not, the policy returned for the first call is reused within {ttl} s for the other methods the same caller calls, and those get an intermittent 403 "User is not authorized to access this resource". A policy that covers every method the caller may use is safe either way.',

  'doctor.usage-plan.title': 'Stage {stage} is in no usage plan, but {methods} require an API key',
  'doctor.usage-plan.why':
    'API Gateway accepts an API key only through a usage plan that lists the API and stage: with {api}/{stage} in none, every call to these methods gets 403 Forbidden, whatever key is sent.',
  'doctor.usage-plan.fix.add':
    'Add the stage to the usage plan whose keys the callers send (the plans of this account and region: {plans}):',
  'doctor.usage-plan.fix.create': 'Create a usage plan for the stage and add the key the callers send to it:',
  'doctor.usage-plan.fix.create.or':
    "Or create a usage plan of the stage's own and add the callers' key to it:",
  'doctor.usage-plan.fix.deployed':
    "The methods were read from the API's working copy: if apiKeyRequired changed since the stage's last deployment, the stage runs the old setting until you redeploy it.",
  'doctor.usage-plan.evidence':
    'No usage plan of this account and region lists {api}/{stage} ({count, plural, =0 {there are no usage plans} one {# usage plan read} other {# usage plans read}}).',
  'doctor.usage-plan.ok':
    "Stage {stage}: the methods that require an API key are in the usage plans {plans} (whether the callers' keys are in them was not checked).",

  'doctor.private-policy.title': 'Private API {api} has no resource policy',
  'doctor.private-policy.why':
    'A private API is reached only through the VPC endpoints its resource policy allows. With no policy nothing allows a call: calls are refused with 403, and API Gateway will not deploy the API ("Private REST API doesn\'t have a resource policy attached to it"). A stage still running an older deployment keeps that deployment\'s policy until the next deployment, which fails.',
  'doctor.private-policy.fix.policy':
    "Attach a resource policy that allows calls through the API's VPC endpoints ({endpoints}) and denies every other:",
  'doctor.private-policy.fix.policy.no-vpce':
    'Attach a resource policy that allows calls through your execute-api VPC endpoint (replace {endpoints} with its id) and denies every other:',
  'doctor.private-policy.evidence':
    'endpointConfiguration.types: PRIVATE; policy: none; vpcEndpointIds: {endpoints}',
} as const;
