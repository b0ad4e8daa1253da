/**
 * Every word the Slack bot posts. These messages are Slack mrkdwn templates: the markup in them (`*bold*`,
 * `{user}`) is meant, while every parameter is escaped and redacted before it is put in, so nothing that came
 * from a person, an alarm or AWS can mention anyone. Header, button and dialog titles are plain text.
 */
export const slack = {
  'slack.verdict.header': '{status} · {title}',
  'slack.verdict.cause': '{emoji} `{cause}` · confidence: *{confidence}*',
  'slack.verdict.request': 'request {id}',
  'slack.verdict.api': 'API {api}',
  'slack.verdict.api-region': 'API {api} in {region}',
  'slack.verdict.first-step': '*First step:* {step}',
  'slack.verdict.details-in-thread':
    ':thread: The evidence, the policies, the configuration and the whole fix are in the thread.',
  'slack.verdict.details-button':
    'Press *Show details* for the evidence, the policies, the configuration and the whole fix.',
  'slack.verdict.partial': ':warning: *Partial search:* {what}',
  'slack.verdict.text': 'why403: {cause} ({confidence}) — {summary}',
  'slack.asked-by': 'asked by {user}',

  'slack.details.title': '*Details of request {id}*',
  'slack.details.text': 'why403: details of request {id}',
  'slack.details.evidence': '*Evidence*',
  'slack.details.more': '…and {count} more',
  'slack.details.fix': '*Fix*',
  'slack.details.also-possible': '*Also possible:* {causes}',
  'slack.details.settle': '*To settle it*',
  'slack.details.not-seen': '*Not seen:* {gaps}',
  'slack.policy.allow': 'Allow {resource}',
  'slack.policy.deny': 'Deny {resource}',
  'slack.policy.request': 'Request {arn}',
  'slack.policy.difference': 'First difference: {segment} {expected} ≠ {actual}',
  'slack.fit.left-out':
    '…{count, plural, one {# more part} other {# more parts}} left out to fit Slack’s message size',

  'slack.button.flush': 'Flush authorizer cache',
  'slack.button.trace': 'Show full trace',
  'slack.button.details': 'Show details',
  'slack.button.cloudwatch': 'Open in CloudWatch',
  'slack.button.recheck': 'Re-check',
  'slack.button.invalid':
    ':warning: This button does not carry what I put on it, so I did nothing. Ask again with `/why403 REQUEST_ID`.',
  'slack.flush.confirm.title': 'Flush the authorizer cache?',
  'slack.flush.confirm.text':
    'Every cached authorizer result of {where} is dropped; the next calls run the authorizer again. This changes live behaviour and is logged.',
  'slack.flush.confirm.yes': 'Flush',
  'slack.flush.confirm.no': 'Cancel',
  'slack.flush.done':
    ':broom: {user} flushed the authorizer cache of {where} ({region}) at {time}. The next calls run the authorizer again.',
  'slack.flush.failed': ':warning: Flushing the authorizer cache of {where} failed: {reason}',
  'slack.flush.just-done':
    'The authorizer cache of {where} was flushed moments ago by {user}: no second flush was sent.',
  'slack.flush.stuck':
    'Another flush of the authorizer cache of {where} did not finish, so none was sent. Try again in a minute.',

  'slack.scan.none': 'No failed requests on {where} in the last {minutes} min',
  'slack.scan.none-found':
    'No failed requests found on {where} in the last {minutes} min, but the scan could not see everything',
  'slack.scan.some':
    '{count, plural, one {# failed request} other {# failed requests}} on {where} in the last {minutes} min',
  'slack.scan.scanned': 'Logs Insights scanned {megabytes} MB',
  'slack.scan.region': 'region {region}',
  'slack.scan.partial': 'partial: {reason}',
  'slack.scan.cause': '*{cause}* — {count} · {title}',
  'slack.scan.examples': 'e.g. {ids}',
  'slack.scan.confidence': '{confidence}',
  'slack.scan.methods': 'methods: {methods}',
  'slack.scan.more-causes': '…and {count, plural, one {# more cause} other {# more causes}}',
  'slack.scan.fix-for': '*Fix for {cause}*',
  'slack.scan.details-title': '*How to fix the most frequent causes on {where}*',
  'slack.scan.text': 'why403: {headline}',
  'slack.scan.text-titled': 'why403: {title} — {headline}',
  'slack.scan.text-causes': '{text} — {causes}',
  'slack.alert.title': 'Alarm {alarm}: what the failed requests were',
  'slack.alert.title-unnamed': 'Alarm: what the failed requests were',
  'slack.alert.unknown-api': 'I could not tell which REST API "{name}" is.',
  'slack.alert.unknown-api-region': 'I could not tell which REST API "{name}" in {region} is.',
  'slack.alert.unknown-api-unnamed': 'I could not tell which REST API this alarm is about.',
  'slack.alert.unknown-api-hint': 'List it under apis: with its name and region in the why403 configuration.',

  'slack.trace.title': '*Execution log of request {id}* (redacted)',
  'slack.trace.none': '(no execution-log line was found for this request)',
  'slack.trace.more': '…and {count, plural, one {# more line} other {# more lines}}: use Open in CloudWatch',
  'slack.trace.text': 'Execution log of request {id}',

  'slack.progress.diagnose': 'Looking for request {id}…',
  'slack.progress.scan': 'Scanning {where} for failed requests…',
  'slack.progress.doctor': 'Checking {where} for what would hide the cause of the next 401/403/500…',
  'slack.progress.not-member':
    'I am not a member of this channel, so I will answer here once, when the search is done. Invite me (`/invite @why403`) to see the progress and get the details in a thread.',

  'slack.usage':
    '*Usage*\n' +
    '`/why403 REQUEST_ID [--api API_ID] [--stage STAGE] [--since 2h]` — explain one failed request (the `x-amzn-RequestId` header)\n' +
    '`/why403 api API_ID [STAGE] [--since 1h]` — counts per cause of an API’s recent 401/403/500s\n' +
    '`/why403 doctor API_ID [STAGE]` — check logging, permissions and authorizer traps before the next incident\n' +
    '`/why403 help` — this message\n' +
    'Or mention me in a thread with a request id, or with none to diagnose the ids in the thread’s first message.',
  'slack.usage.text': 'why403 usage',
  'slack.usage.problem-text': '{problem} — try /why403 help',
  'slack.command.no-id': 'expected one request id, got none',
  'slack.command.one-id': 'expected one request id, got {got}',
  'slack.command.doctor-args': '`/why403 doctor` needs an API id and, optionally, a stage',
  'slack.command.api-args': '`/why403 api` needs an API id and, optionally, a stage',
  'slack.command.unknown-option': 'unknown option {option}',
  'slack.command.needs-value': '{option} needs a value',
  'slack.mention.no-ids': 'I found no request id or API id in your message or in this thread.',

  'slack.error.diagnose': 'I could not finish looking for request {id}: {reason}',
  'slack.error.scan': 'I could not finish scanning {where}: {reason}',
  'slack.error.doctor': 'I could not finish checking {where}: {reason}',
  'slack.error.unexpected':
    'Something went wrong on my side. The people who run why403 can find it in the log under {correlation}.',
  'slack.error.not-started':
    'I could not start working on this, so no answer is coming: {reason} Ask again in a minute.',
  'slack.error.deadline':
    'I ran out of time before I could finish this (the bot’s Lambda function stops after {seconds} s), so no answer is coming. Ask again; if it keeps happening, raise the function’s timeout to about 60 s.',
  'slack.error.stale':
    'Your request waited too long before I could start on it (or the bot was updated meanwhile), so I dropped it. Ask again.',
  'slack.busy.person':
    'You already have {count, plural, one {# request} other {# requests}} under way with me. Ask again once one of them has answered.',
  'slack.error.not-posted':
    'I could not post my answer in {channel} (the reply link Slack gave me had expired), so here it is.',
  'slack.resume.gave-up':
    ':warning: I could not finish this: the bot stopped {count, plural, one {# time} other {# times}} while working on it (a replica restarted or ran out of memory). Type {command} to ask again.',
  'slack.resume.flush-interrupted':
    ':warning: The flush of the authorizer cache of {where} that {user} asked for was interrupted (the bot stopped while sending it): it may or may not have been sent. Look for FlushStageAuthorizersCache on {where} in CloudTrail, and press *Flush authorizer cache* again if it is not there.',
  'slack.resume.replay-interrupted':
    ':warning: Verify fix for request {id} was interrupted (the bot stopped while running it): the authorizer may or may not have been test-invoked. Look for TestInvokeAuthorizer in CloudTrail, and press *Verify fix* again for an answer.',

  'slack.refuse.user': 'You may not use why403.',
  'slack.refuse.channel': 'why403 is not enabled in this channel.',
  'slack.refuse.dm': 'why403 is not enabled in direct messages.',
  'slack.refuse.user-api': 'You may not see API {api}.',
  'slack.refuse.channel-api': 'This channel may not see API {api}.',
  'slack.refuse.dm-api': 'API {api} may not be shown in direct messages.',
  'slack.refuse.no-common-api-channel': 'None of the APIs you may see may be shown in this channel.',
  'slack.refuse.no-common-api-dm': 'None of the APIs you may see may be shown in direct messages.',
  'slack.refuse.flush-user': 'You may not flush authorizer caches.',
  'slack.refuse.flush-channel': 'Authorizer caches may not be flushed from this channel.',
  'slack.refuse.flush-dm': 'Authorizer caches may not be flushed from direct messages.',
  'slack.refuse.no-api': 'A flush needs to know which API it is for.',
  'slack.refuse.workspace': 'why403 is not enabled for people of your Slack workspace.',
  'slack.refuse.ask': 'Ask {contact} to allow it under {setting} in the why403 configuration.',
  'slack.refuse.ask-admin': 'Ask whoever runs why403 to allow it under {setting} in its configuration.',

  'slack.repeat.link':
    'Request {id} was already answered in this channel {ago} (asked by {user}): {link}. Press Re-check there to run it again.',
  'slack.repeat.no-link':
    'Request {id} was already answered in this channel {ago} (asked by {user}). Press Re-check on that answer to run it again.',
  'slack.repeat.running':
    'Request {id} is already being looked into in this channel (asked by {user}); the answer will appear there.',
  'slack.repeat.link-label': 'see the answer',
  'slack.ago': '{minutes, plural, =0 {just now} one {# minute ago} other {# minutes ago}}',
} as const;
