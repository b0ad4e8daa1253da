export const identityValidationRegexMismatch = {
  'identity-validation-regex-mismatch.title': "The token did not match the authorizer's validation regex",
  'identity-validation-regex-mismatch.explanation':
    'A TOKEN authorizer can have an identityValidationExpression: a regular expression the token must match before ' +
    'API Gateway calls the Lambda. A token that does not match (typically "Bearer …" expected and a bare JWT sent, ' +
    'or the reverse) gets 401 Unauthorized at once, with no Lambda call — the same answer as a missing header. ' +
    'REQUEST authorizers have no such check.',
  'identity-validation-regex-mismatch.summary.regex':
    'API Gateway answered 401 without calling the authorizer; the token may not match its validation regex {regex}.',
  'identity-validation-regex-mismatch.summary.generic':
    'API Gateway answered 401 without calling the authorizer; if it is a TOKEN authorizer with a validation regex, the token may not match it.',
  'identity-validation-regex-mismatch.summary.regex-unproven':
    "The token may not have matched the authorizer's validation regex {regex}: API Gateway then answers 401 without calling the authorizer. Whether the authorizer ran is not proven.",
  'identity-validation-regex-mismatch.summary.generic-unproven':
    'If it is a TOKEN authorizer with a validation regex, the token may not have matched it: API Gateway then answers 401 without calling the authorizer. Whether the authorizer ran is not proven.',
  'identity-validation-regex-mismatch.settle.header':
    'Whether the request carried the token header at all (missing → identity-source-missing; present → the regex rejected it).',
  'identity-validation-regex-mismatch.settle.offline':
    'Test the regex offline against a redacted sample of the token\'s shape (for example "Bearer eyJ…"); never paste a live token in a channel.',
  'identity-validation-regex-mismatch.fix.test-regex':
    "Test the regex {regex} offline against the token's shape (prefix, dots, length) — never against a live token in chat.",
  'identity-validation-regex-mismatch.fix.read-regex':
    "Read the authorizer's identityValidationExpression and test it offline against the token's shape.",
  'identity-validation-regex-mismatch.fix.align':
    'Align the regex with the real token format, or fix the client\'s prefix ("Bearer ").',
} as const;
