export const authorizerFunctionError = {
  'authorizer-function-error.title': 'The authorizer Lambda crashed or returned an invalid response',
  'authorizer-function-error.explanation':
    'API Gateway called the authorizer but could not use what came back: the function threw (an import error, an ' +
    "unhandled exception, a timeout), returned null, returned an HTTP-style object such as '{statusCode: 401}', failed " +
    'with an error other than exactly "Unauthorized", or returned a context with nested objects. Any of these ' +
    `becomes 500 '{"message": null}' with AuthorizerConfigurationException.`,
  'authorizer-function-error.summary.unusable':
    "API Gateway could not use the authorizer's answer (500 AuthorizerConfigurationException).",
  'authorizer-function-error.summary.null':
    "The authorizer returned null instead of '{principalId, policyDocument}'.",
  'authorizer-function-error.summary.runtime-error':
    'The authorizer function failed with {errorType}: {errorMessage}.',
  'authorizer-function-error.summary.runtime-error-type': 'The authorizer function failed with {errorType}.',
  'authorizer-function-error.an-error': 'an error',
  'authorizer-function-error.summary.http-style': `The authorizer returned an HTTP-style response ('{statusCode: …}'); authorizers must return a policy, or fail with "Unauthorized" for 401.`,
  'authorizer-function-error.summary.no-policy': 'The authorizer response has no policyDocument.',
  'authorizer-function-error.summary.nested-context':
    'The authorizer returned a context with nested objects or arrays; context values must be strings, numbers or booleans.',
  'authorizer-function-error.summary.unparsable':
    "API Gateway could not parse the authorizer's output: {detail}",
  'authorizer-function-error.summary.call-failed': 'The authorizer call failed: {detail}',
  'authorizer-function-error.summary.timed-out': 'The authorizer function timed out for this request.',
  'authorizer-function-error.summary.function-error':
    'The authorizer function failed with {errorType}: {errorMessage} (its own log, for this request).',
  'authorizer-function-error.evidence.invocation': 'Authorizer function log {logGroup}, invocation {id}:',
  'authorizer-function-error.evidence.cold-start': 'It was a cold start (the function was initialising).',
  'authorizer-function-error.evidence.stack': '  {frame}',
  'authorizer-function-error.settle.configuration-line':
    'The "Execution failed due to configuration error:" line in the execution log: "Invalid permissions on Lambda function" or "does not have permission to assume the provided role" mean a permission problem instead.',
  'authorizer-function-error.settle.function-log':
    "Whether the authorizer function's own log shows an invocation at the request time (none → API Gateway could not call it).",
  'authorizer-function-error.fix.read-log':
    "Open the authorizer function's log at the request time and find the error.",
  'authorizer-function-error.fix.crash':
    'Fix the crash or the packaging (a missing module, a handler name, a timeout).',
  'authorizer-function-error.fix.shape':
    "Return the documented shape: '{principalId, policyDocument: {Version, Statement}, context?}'. Reject a bad token " +
    'by failing with exactly "Unauthorized"; keep context values flat (strings, numbers, booleans).',
  'authorizer-function-error.fix.test-invoke':
    'Reproduce with a test invocation of the authorizer (this runs the function; use a test token).',
} as const;
