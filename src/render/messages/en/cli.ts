/** The command line's own words: its reports, its errors, and the validation of what a user types. */
export const cli = {
  'cli.error.usage': '{message} — run "{command}" for usage',
  'cli.error.unknown-option': "unknown option ''{name}''",
  'cli.error.unknown-command': "unknown command ''{name}''",
  'cli.error.missing-argument': "missing required argument ''{name}''",
  'cli.error.option-missing-argument': "option ''{name}'' argument missing",
  'cli.error.missing-option': "required option ''{name}'' not specified",
  'cli.error.excess-arguments':
    "too many arguments for ''{name}''. Expected {expected, plural, one {# argument} other {# arguments}} but got {received}.",
  'cli.error.excess-arguments-program':
    'too many arguments. Expected {expected, plural, one {# argument} other {# arguments}} but got {received}.',
  'cli.error.did-you-mean': '{message} (Did you mean {suggestion}?)',
  'cli.error.unknown-language': 'unknown language "{lang}"',
  'cli.error.unknown-language.hint': 'use --lang en or --lang zh-TW',
  'cli.option.lang': 'language of the output: en or zh-TW (default: LC_ALL, LC_MESSAGES or LANG, else en)',
  'cli.join': '{first}; {rest}',
  'cli.report.request-where': '{request} ({where})',
  'cli.report.policy': '{label}: {decision}',

  'cli.scan.api-heading': 'why403 scan — {api} in {region}, {start} – {end}',
  'cli.scan.classified':
    '{total, plural, one {# failed request} other {# failed requests}} classified{found}; Logs Insights scanned {megabytes} MB',
  'cli.scan.of-found': ' (of {found} found)',
  'cli.scan.partial': 'Partial: {reason}',
  'cli.scan.not-seen': 'Not seen: {gap}',
  'cli.scan.file-heading':
    'why403 scan — {file}: {lines} lines, {requests} requests ({ok} ok, {failed} failed, {incomplete} incomplete)',
  'cli.scan.none': 'No failed requests.',
  'cli.scan.column.cause': 'cause',
  'cli.scan.column.count': 'count',
  'cli.scan.column.examples': 'example request ids',
  'cli.scan.methods': 'methods: {methods}',

  'cli.policy-check.decision.allow': 'ALLOW',
  'cli.policy-check.decision.implicit-deny': 'IMPLICIT-DENY',
  'cli.policy-check.decision.explicit-deny': 'EXPLICIT-DENY',
  'cli.policy-check.decision.invalid': 'INVALID',
  'cli.policy-check.headline': '{decision}: {reason}',
  'cli.policy-check.method-arn': 'method ARN: {arn}',
  'cli.policy-check.statement': 'deciding statement: {statement}',
  'cli.policy-check.condition': 'condition: {condition}',
  'cli.policy-check.undetermined':
    'depends on unknown values: {keys} (the answer assumes the most restrictive case)',
  'cli.policy-check.not-modelled': 'not modelled: {what}',
  'cli.policy-check.part': '{source}: {decision} — {reason}',
  'cli.policy-check.yes': 'yes',
  'cli.policy-check.no': 'no',
  'cli.policy-check.unknown': 'unknown',
  'cli.policy-check.applies': '{statement}: applies {applies} ({why})',
  'cli.policy-check.matches': 'action {action}, resource {resource}, principal {principal}',
  'cli.policy-check.differs': 'resource differs at {segment}: "{expected}" vs "{actual}"',
  'cli.policy-check.malformed-arn': 'malformed method ARN "{arn}"',
  'cli.policy-check.malformed-arn.hint':
    "use arn:aws:execute-api:'{region}':'{account}':'{api-id}'/'{stage}'/'{VERB}'/'{path}', e.g. arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets",
  'cli.policy-check.nothing': 'nothing to evaluate',
  'cli.policy-check.nothing.hint': 'give --policy FILE (authorizer policy), --resource-policy FILE, or both',
  'cli.policy-check.bad-ip': '"{ip}" is not an IP address',
  'cli.policy-check.bad-ip.hint': 'give --source-ip as an IPv4 or IPv6 address, e.g. 203.0.113.7',
  'cli.policy-check.bad-condition': '--condition "{pair}" is not KEY=VALUE',
  'cli.policy-check.bad-condition.hint': 'e.g. --condition aws:PrincipalOrgID=o-abc123',
  'cli.policy-check.not-json': '{source} is not valid JSON ({detail})',
  'cli.policy-check.not-json.hint':
    'give a policy document such as \'{"Version":"2012-10-17","Statement":[…]}\'',

  'cli.sandbox.scenario.cached':
    'GET /orders/18 fails 60 s after GET /orders/17 succeeded with the same token',
  'cli.sandbox.scenario.deny':
    'A read-only user tries DELETE /orders/17 (searched without --api: every API in the region)',
  'cli.sandbox.scenario.permission':
    'The staging stage answers 500 after the authorizer function was redeployed under a new name',
  'cli.sandbox.scenario.ip-deny': 'A laptop outside the office network calls the IP-restricted reports API',
  'cli.sandbox.scenario.api-key': 'A partner key works on staging but not on prod',
  'cli.sandbox.scenario.unlogged': 'A 403 from the legacy API, whose stage has execution logging off',
  'cli.sandbox.alarm': 'A CloudWatch 4XXError alarm for the orders API lands in #alerts',
  'cli.sandbox.alarm-title': 'Alarm orders-4xx: what the failed requests were',
  'cli.sandbox.slack-posts': '--- What the Slack bot posts for {trigger} ---',
  'cli.sandbox.alarm-trigger': 'the alarm (a reply in its thread)',
  'cli.sandbox.block-kit':
    '--- The same message as Block Kit JSON (paste it into https://app.slack.com/block-kit-builder) ---',
  'cli.sandbox.calls':
    '({count, plural, one {# call} other {# calls}} to the simulated AWS, through the real AWS SDK.)',

  'config.request-id.extended': '"{id}" looks like an extended request id (x-amz-apigw-id)',
  'config.request-id.extended.hint':
    'give the request id: the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
  'config.request-id.invalid': '"{id}" is not an API Gateway request id',
  'config.request-id.invalid.hint':
    'give the x-amzn-RequestId response header, a UUID such as 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
  'config.rest-api-id.invalid': '"{value}" is not a REST API id',
  'config.rest-api-id.invalid.hint':
    "give the 10-character id from https://'{api-id}'.execute-api.'{region}'.amazonaws.com",
  'config.stage.invalid': '"{value}" is not a stage name',
  'config.stage.invalid.hint': 'stage names use letters, digits, - and _ (e.g. prod)',
  'config.region.invalid': '"{value}" is not an AWS region',
  'config.region.invalid.hint': 'give a region such as us-east-1 or eu-west-1',
  'config.duration.invalid': '"{text}" is not a duration',
  'config.duration.invalid.hint': 'give a number and a unit: 30m, 2h, 1d, 1w',
  'config.time.invalid': '"{text}" is not a time',
  'config.time.invalid.hint': 'give an ISO time such as 2026-11-24T10:15Z',
  'config.since-and-at': '--since and --at cannot be used together',
  'config.since-and-at.hint': 'give one of them',
  'config.file.missing': 'configuration file {file} does not exist',
  'config.file.missing.hint': 'check the path given to --config or WHY403_CONFIG',
  'config.file.syntax': '{source} is not valid YAML or JSON: {detail}',
  'config.file.syntax.hint': 'fix the syntax',
  'config.file.problems': '{source} has {count, plural, one {# problem} other {# problems}}: {problems}',
  'config.file.problems.hint': 'see the configuration section of the README',
  'config.problem': '{path}: {problem}',
  'config.problem.top-level': '(top level)',
  'config.role-arn.invalid': 'is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
  'config.slack-id.invalid': 'is not a Slack id (e.g. C0123ABCD, U0123ABCD, B0123ABCD)',
  'config.account.unknown': '"{account}" is not defined under accounts',
} as const;
