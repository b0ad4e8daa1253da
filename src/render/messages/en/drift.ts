/** Deploy drift: the API's working copy against what the stage runs (its deployment). */
export const drift = {
  'drift.fact.label': 'Not redeployed',
  'drift.joined': '{first}; {rest}',
  'drift.value.none': 'none',
  'drift.change.setting': '{subject}: {setting} is {deployed} in the stage, {live} in the working copy',
  'drift.change.route-added': '{method} is in the working copy but not in the deployed stage',
  'drift.change.route-removed': '{method} was removed from the working copy; the stage still serves it',
  'drift.change.authorizer-removed':
    'the stage runs authorizer {authorizer}, which the working copy no longer has (deleted or renamed)',
  'drift.change.policy': 'the resource policy the stage runs differs from the working copy in {statements}',
  'drift.change.policy-removed':
    'the resource policy was removed from the working copy; the stage still runs it',
  'drift.field.authorization': 'authorization',
  'drift.field.method-authorizer': 'authorizer',
  'drift.field.api-key-required': 'API key required',
  'drift.field.authorization-scopes': 'OAuth scopes',
  'drift.field.authorizer-type': 'type',
  'drift.field.authorizer-uri': 'function',
  'drift.field.authorizer-role': 'invoke role',
  'drift.field.identity-source': 'identity sources',
  'drift.field.validation-regex': 'validation regex',
  'drift.field.ttl': 'result cache TTL',
  'drift.fix':
    'Redeploy stage {stage}: it still runs deployment {deploymentId}, and what bears on this request changed in the working copy since (see "Not redeployed"). This verdict judges what the stage runs.',
  'drift.fix.unknown-deployment':
    'Redeploy stage {stage}: what bears on this request changed in the working copy since its last deployment (see "Not redeployed"). This verdict judges what the stage runs.',
  'drift.fix.canary':
    'Deploy the working copy to stage {stage}\'s canary, which served this request: it runs deployment {deploymentId}, and what bears on this request changed in the working copy since (see "Not redeployed"). On a stage with a canary every deployment goes to the canary; promote it once it works.',
  'drift.fix.promote':
    'Promote stage {stage}\'s canary (deployment {canaryDeploymentId}), which runs the working copy: this request was served by the stage\'s own deployment {deploymentId}, and what bears on it changed since (see "Not redeployed").',
  'drift.fix.canary-then-promote':
    'Deploy the working copy to stage {stage}\'s canary, then promote it: the stage\'s own deployment {deploymentId} served this request, and what bears on it changed in the working copy since (see "Not redeployed"). On a stage with a canary every deployment goes to the canary first.',

  'diagnosis.gap.only-authorizer':
    'Nothing names the authorizer that ran: the API has one Lambda authorizer, {name} ({id}), and it was taken as that one.',
  'diagnosis.gap.authorizer-unknown':
    'Nothing names the authorizer that ran, and the API has {count} Lambda authorizers: its configuration (TTL, identity sources) could not be told. Add $context.httpMethod and $context.resourcePath to the access-log format, or turn on INFO execution logging.',
  'diagnosis.gap.function-other-account':
    "The authorizer function is in account {accountId}, not the API's: its log ({logGroup}) is there and was not read, so whether it ran for this request is not known. Read it in that account, or give why403 a role there.",
  'diagnosis.gap.api-account-unread':
    "The API's account could not be read (STS GetCallerIdentity gave no answer), so the authorizer function's account, {accountId}, is taken for it: where the function's log is looked for and in the commands below. If the API lives in another account, use that one.",
  'diagnosis.gap.judged-live':
    "What the stage runs (its deployment) could not be read, so this verdict judges the API's working copy, which takes effect only once redeployed.",
} as const;
