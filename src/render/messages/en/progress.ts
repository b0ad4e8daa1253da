/** What the engine is doing while a person waits (stderr in the CLI, the working message in Slack). */
export const progress = {
  'progress.found': 'Found request {requestId} in {logGroup}.',
  'progress.found-in-access-log': 'Found request {requestId} in the access log {logGroup}.',
  'progress.configuration': 'Reading the configuration of {where}…',
  'progress.cache-filler':
    'The authorizer was not called for this request: looking for the request that filled its cache…',
  'progress.function-log': "Reading the authorizer function's log {logGroup}…",
  'progress.listing-groups': 'Listing the API Gateway execution-log groups in {region}…',
  'progress.insights': 'Querying {groups} with Logs Insights…',
  'progress.traces': 'Reading the traces of {count} of {total} failed requests…',
  'progress.insights-status': 'Logs Insights: {status}, {megabytes} MB scanned so far…',
  'progress.searching': 'Searching {groups} from {start} to {end}…',
  'progress.test-invoke': 'Running authorizer {authorizerId} of {restApiId} once (TestInvokeAuthorizer)…',
  'progress.groups': '{count, plural, one {# execution-log group} other {# execution-log groups}}',
} as const;
