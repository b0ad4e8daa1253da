/** Canary releases: which release of a stage served the request, and what that means for the verdict. */
export const canary = {
  'canary.export-unavailable':
    "The canary's deployment {deploymentId} could not be read: GetExport reads a stage's own deployment only, and no other stage runs it. The working copy was judged in its place (a canary is deployed from it), so what changed since that deployment is not known.",
  'canary.fact.label': 'Canary release',
  'canary.fact.canary':
    "this request was served by the canary (deployment {deploymentId}, {percent}% of requests): the canary's deployment and stage variables were judged",
  'canary.fact.production':
    "this request was served by the stage's own deployment {deploymentId}, not by its canary (deployment {canaryDeploymentId}, {percent}% of requests)",
  'canary.fact.unknown':
    'the stage sends {percent}% of requests to its canary (deployment {canaryDeploymentId}); which release served this request could not be told',
  'canary.gap.unknown':
    "Stage {stage} has a canary release (deployment {canaryDeploymentId}, {percent}% of requests), nothing tells which release served this request, and the two judge it differently ({production} on the stage's own deployment, {canary} on the canary's): this verdict is at most medium.",
  'canary.gap.drift-unknown':
    "Whether what bears on this request was redeployed depends on which release served it: the stage's own deployment {deploymentId} and its canary's {canaryDeploymentId} differ from the working copy in different ways, and nothing tells which one ran.",
  'canary.settle':
    'Which release of stage {stage} served the request: add $context.isCanaryRequest to the access-log format, or let why403 read {canaryGroup}, where API Gateway logs canary requests too (logs:FilterLogEvents).',
  'canary.scan.served':
    'Stage {stage} has a canary release (deployment {canaryDeploymentId}, {percent}% of requests): {count, plural, one {# failed request was} other {# failed requests were}} found in its canary group {canaryGroup} and judged as the canary runs {count, plural, one {it} other {them}}.',
  'canary.scan.undecided':
    "Stage {stage} has a canary release (deployment {canaryDeploymentId}, {percent}% of requests) and which release served {count, plural, one {# failed request} other {# failed requests}} could not be told ({reason}); the two releases judge {count, plural, one {it} other {them}} differently, so {count, plural, one {it is} other {they are}} counted as the stage's own deployment judges {count, plural, one {it} other {them}}, none with high confidence.",
  'canary.scan.unlisted': 'the log groups could not be listed: {reason}',
  'canary.scan.textless': 'lines of its canary group came back from Logs Insights without their text',
  'canary.scan.unflagged': 'its access log does not write $context.isCanaryRequest',
} as const;
