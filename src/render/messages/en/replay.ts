/**
 * Verify the fix: the replay of a failed request through TestInvokeAuthorizer (`why403 replay` and the Slack bot's
 * Verify fix button), and Re-check after deploy. Messages whose id starts with `slack.` are Slack mrkdwn templates
 * (their parameters are escaped and redacted before they are put in); the others are plain text.
 */
export const replay = {
  'replay.help':
    'verify a fix: run the failed request\u2019s authorizer once with a token you give and judge the answer',
  'replay.help.request-id': 'the x-amzn-RequestId of the failed call (diagnosed first)',
  'replay.help.identity-file':
    'file holding the identity source (a token on one line, or a JSON object of identity sources); - reads standard input',
  'replay.help.authorizer': 'the authorizer to run, when the API has several and the trace names none',
  'replay.help.method-arn': 'the failed request\u2019s method ARN, when the logs do not give it',
  'replay.help.json': 'print the replay as JSON',

  'replay.identity.hint':
    'Put the token alone on one line, or, for several identity sources, a JSON object such as \'{"method.request.header.Authorization": "Bearer …", "method.request.querystring.tenant": "acme"}\'.',
  'replay.identity.empty': 'The identity file is empty.',
  'replay.identity.too-long': 'The identity is longer than {max} characters: that is not a header value.',
  'replay.identity.lines': 'The identity has more than one line.',
  'replay.identity.bad-json': 'The identity starts with a brace but is not a JSON object of strings.',
  'replay.identity.bad-value': 'The identity source {name} has no text value.',
  'replay.identity.unknown-source':
    'Authorizer {authorizer} reads an identity source of a kind why403 cannot supply: {source}.',
  'replay.identity.no-sources':
    'The authorizer lists no identity source, so one value cannot be placed: give the headers or query strings it reads by name.',
  'replay.identity.several':
    'The authorizer reads {count, plural, one {# identity source} other {# identity sources}} ({sources}): give a value for each by name.',
  'replay.identity.unknown-name':
    '{name} is none of the authorizer\u2019s identity sources ({sources}) nor an identity-source expression.',
  'replay.identity.missing':
    'No value for {count, plural, one {the identity source} other {the identity sources}} {sources}.',
  'replay.identity.no-file':
    'The identity file does not exist (its name is not repeated here, in case it was the token).',
  'replay.identity.unreadable': 'The identity file cannot be read (its name is not repeated here).',
  'replay.identity.no-file.hint':
    'Give the path of a file holding the token, or - to read it from standard input.',
  'replay.identity.required': 'why403 replay needs the identity to send, from a file or standard input.',
  'replay.identity.required.hint':
    'Add --identity-file FILE, or pipe it in: … | why403 replay REQUEST_ID --identity-file -',
  'replay.identity.on-command-line':
    'why403 replay never takes the identity on the command line: it would stay in the shell history and the process list.',
  'replay.identity.on-command-line.hint':
    'Write it to a file only you can read and give --identity-file FILE, or pipe it to --identity-file -',
  'replay.request-id.invalid':
    'The first argument is not an API Gateway request id (it is not repeated here, in case it was a token).',
  'replay.request-id.invalid.hint':
    'Give the failed call\u2019s x-amzn-RequestId, e.g. why403 replay 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc --identity-file token.txt',

  'replay.error.no-api':
    'Request {id} could not be tied to an API and stage, so there is no authorizer to run.',
  'replay.error.no-api.hint':
    'Give --api and --stage, and check that the request is in the logs (why403 diagnose).',
  'replay.error.no-method-arn':
    'The method ARN of request {id} is not in the evidence, so the answer could not be judged against it.',
  'replay.error.bad-method-arn': '{arn} is not an execute-api method ARN.',
  'replay.error.no-method-arn.hint':
    'Give it with --method-arn arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<VERB>/<path>',
  'replay.error.authorizers-unread': 'The API\u2019s authorizers could not be read: {reason}',
  'replay.error.which-authorizer':
    'The evidence does not say which authorizer handled the request, and the API has several: {authorizers}.',
  'replay.error.which-authorizer.hint': 'Name one with --authorizer ID.',
  'replay.error.no-such-authorizer': 'The API has no authorizer {id} (it has {authorizers}).',
  'replay.error.not-replayable':
    'Authorizer {id} is of type {type}: TestInvokeAuthorizer runs only Lambda (TOKEN, REQUEST) and Cognito authorizers.',

  'replay.outcome.allowed': 'With this token the authorizer now allows {method}.',
  'replay.outcome.denied': 'With this token {method} is still denied: {reason}',
  'replay.outcome.denied-at':
    'With this token the authorizer still denies {method}: the closest Allow of its policy differs from the request at the {segment}: \u201c{expected}\u201d \u2260 \u201c{actual}\u201d.',
  'replay.outcome.rejected':
    'The authorizer rejects this token: the client would get 401 Unauthorized for {method}.',
  'replay.outcome.failed': 'The authorizer failed (the client would get {status}) for {method}: {detail}',
  'replay.detail.bad-policy': 'it returned a policy API Gateway cannot use ({reason}).',
  'replay.detail.no-policy': 'it returned no policy.',
  'replay.detail.function-error': 'the function failed with {error}.',
  'replay.detail.configuration-error': 'API Gateway reports {error}.',
  'replay.detail.null-result': 'the function returned null.',
  'replay.detail.unknown': 'the test invoke\u2019s log does not say why.',
  'replay.note.test-stage':
    'The policy named the test invoke\u2019s stage \u201c{testStage}\u201d, which the authorizer takes from event.methodArn: it was read as the request\u2019s stage \u201c{stage}\u201d, as a real call would have it.',
  'replay.note.echoes-method-arn':
    'The policy allows exactly the method ARN the authorizer was given (Resource: event.methodArn): with a result TTL above 0, other methods then reuse it from the cache and get 403.',
  'replay.note.undetermined':
    'The answer depends on {keys}, which the failed request\u2019s evidence does not give; the most restrictive outcome is shown.',

  'replay.text.title': 'why403 replay — request {id} ({where})',
  'replay.text.ran':
    'Ran authorizer {authorizer} once through TestInvokeAuthorizer ({latency} ms), with {sources} from {from}.',
  'replay.text.from-file': 'the identity file',
  'replay.text.from-stdin': 'standard input',
  'replay.text.client-status': 'Test invoke answered clientStatus {status}.',
  'replay.text.principal': 'Principal returned: {principal}',
  'replay.text.combined': 'Combined (Table {table}): {reason}',
  'replay.text.log': 'From the test invoke\u2019s log (redacted)',
  'replay.text.notes': 'Notes',
  'replay.denied.hint':
    'attach the opt-in policy in iam/why403-test-invoke.json (apigateway:POST on the authorizers) to the identity why403 runs as',
  'replay.exit': 'The fix is not verified: the replay did not allow the method.',
  'replay.sandbox.title':
    'Verify the fix: the orders authorizer now returns a policy for the whole API. Its replay with a test token, judged against the failed request GET /orders/18:',
  'replay.sandbox.trigger': 'Verify fix, with the token typed into its modal',
  'replay.text.verdict': 'Diagnosis of the failed request: {cause} ({confidence})',

  'slack.replay.button.verify': 'Verify fix',
  'slack.replay.button.after-deploy': 'Re-check after deploy',
  'slack.replay.modal.title': 'Verify the fix',
  'slack.replay.modal.submit': 'Run authorizer',
  'slack.replay.modal.close': 'Cancel',
  'slack.replay.modal.intro':
    'This runs authorizer {authorizer} of {where} *once*, through TestInvokeAuthorizer, with the identity you enter, and judges its answer against the failed request {id} and the resource policy.',
  'slack.replay.modal.privacy':
    'What you enter is sent to AWS for this one call and is not posted, logged or stored. The function really runs (its cost and side effects), and an audit line records who ran it.',
  'slack.replay.modal.placeholder': 'what a client sends here, e.g. Bearer eyJ…',
  'slack.replay.after.title': 'Re-check after deploy',
  'slack.replay.after.submit': 'Re-check',
  'slack.replay.after.intro':
    'Once the fix is deployed, call the API again and enter the x-amzn-RequestId of the new call. why403 diagnoses it against the configuration as it is now and updates the verdict.',
  'slack.replay.after.label': 'Request id of the new call',
  'slack.replay.after.invalid':
    'That is not an API Gateway request id (e.g. 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc).',
  'slack.replay.modal.token': 'Identity (the token a client sends)',
  'slack.replay.outcome': '{emoji} *Verify fix:* {summary}',
  'slack.replay.by':
    'run by {user} at {time} · authorizer {authorizer} · {latency} ms · clientStatus {status}',
  'slack.replay.log': '*From the test invoke\u2019s log (redacted)*',
  'slack.replay.text': 'why403 verify fix: {summary}',
  'slack.replay.failed': 'Verify fix could not run for {where}: {reason}',
  'slack.replay.running':
    ':hourglass_flowing_sand: Running authorizer {authorizer} of {where} once. The verdict message will show the answer; you may close this.',
  'slack.replay.unavailable':
    'Verify fix runs only where the bot runs as a server (Docker, a VM): on AWS Lambda the identity would have to travel to a second invocation, and it never leaves the process that received it. Use why403 replay from a terminal instead.',
  'slack.refuse.replay-user': 'You may not run authorizers (Verify fix).',
  'slack.refuse.replay-channel': 'Authorizers may not be run (Verify fix) from this channel.',
  'slack.refuse.replay-no-api': 'Verify fix needs to know which API it is for.',
  'slack.refuse.replay-dm': 'Authorizers may not be run (Verify fix) from direct messages.',
} as const;
