export const apiKeyMissingOrInvalid = {
  'api-key-missing-or-invalid.title':
    'The API key was missing, wrong, disabled or not in a usage plan for this stage',
  'api-key-missing-or-invalid.explanation':
    'The method requires an API key. The key must be sent (x-api-key header, or returned by the authorizer as ' +
    "usageIdentifierKey when the API's key source is AUTHORIZER), exist, be enabled, and belong to a usage plan that " +
    `lists this API and stage. Every one of these failures gives the same 403 '{"message":"Forbidden"}'.`,
  'api-key-missing-or-invalid.evidence.required': 'Method setting: apiKeyRequired = true',
  'api-key-missing-or-invalid.evidence.source': 'API key source: {source}',
  'api-key-missing-or-invalid.this-stage': 'this API stage',
  'api-key-missing-or-invalid.summary.rejected':
    'The API key is not in a usage plan for {apiStage}: {reason}',
  'api-key-missing-or-invalid.summary.rejected-method':
    'The API key is not in a usage plan for {apiStage} (method {method} requires a key): {reason}',
  'api-key-missing-or-invalid.summary.authorizer':
    'The method requires an API key, and the authorizer did not supply a valid one (usageIdentifierKey).',
  'api-key-missing-or-invalid.summary.header':
    'The method requires an API key, and the request did not carry a valid one for this stage.',
  'api-key-missing-or-invalid.settle.line':
    'An "API Key … not authorized" line in the execution log, or $context.error.responseType INVALID_API_KEY in the access log.',
  'api-key-missing-or-invalid.settle.waf':
    "The stage's WAF web ACL (a WAF block answers the same Forbidden) and the API's endpoint type.",
  'api-key-missing-or-invalid.fix.authorizer-key':
    'The API key source is AUTHORIZER: have the authorizer return the key value as usageIdentifierKey.',
  'api-key-missing-or-invalid.fix.send-key':
    'Send the key in the x-api-key header (or set the API key source to AUTHORIZER if the authorizer supplies it).',
  'api-key-missing-or-invalid.fix.enabled': 'Check that the key exists and is enabled.',
  'api-key-missing-or-invalid.fix.usage-plan': 'Add the key to a usage plan that lists {apiStage}:',
} as const;
