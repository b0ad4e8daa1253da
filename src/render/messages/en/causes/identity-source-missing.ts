export const identitySourceMissing = {
  'identity-source-missing.title': "The request lacked the authorizer's identity source",
  'identity-source-missing.explanation':
    'Before calling a Lambda authorizer, API Gateway checks that every configured identity source (the token header ' +
    'for TOKEN authorizers; each header, query string or stage variable listed for REQUEST authorizers) is present and ' +
    'non-empty. If one is missing it answers 401 Unauthorized at once and never calls the Lambda, so the authorizer ' +
    'log shows nothing. Common triggers: a header name that differs from the configuration, a client that omits it, or ' +
    'a CORS preflight OPTIONS request on a method that has the authorizer.',
  'identity-source-missing.summary.source':
    'API Gateway answered 401 without calling the authorizer: the request did not carry {source} (or it was empty).',
  'identity-source-missing.summary.sources':
    'API Gateway answered 401 without calling the authorizer: one of its identity sources ({source}) had no value for this request — a header or query string it did not carry (or sent empty), or a stage variable or context value that was not set.',
  'identity-source-missing.summary.stage-variable':
    'API Gateway answers every request 401 without calling the authorizer: its identity sources name {count, plural, one {stage variable {variables}, which stage {stage} does not set} other {stage variables {variables}, which stage {stage} does not set}}. This is a configuration fault, not something the client can send.',
  'identity-source-missing.summary.generic':
    "API Gateway answered 401 without calling the authorizer: the request most likely lacked the authorizer's identity source.",
  'identity-source-missing.summary.source-unproven':
    'The request may not have carried {source} (or sent it empty): API Gateway then answers 401 without calling the authorizer. Whether the authorizer ran is not proven.',
  'identity-source-missing.summary.sources-unproven':
    "One of the authorizer's identity sources ({source}) may have had no value for this request — a header or query string it did not carry (or sent empty), or a stage variable or context value that was not set: API Gateway then answers 401 without calling the authorizer. Whether the authorizer ran is not proven.",
  'identity-source-missing.summary.generic-unproven':
    "The request may have lacked the authorizer's identity source: API Gateway then answers 401 without calling the authorizer. Whether the authorizer ran is not proven.",
  'identity-source-missing.evidence.not-invoked':
    'The whole trace holds no Lambda invocation line: API Gateway rejected the request before calling the authorizer.',
  'identity-source-missing.evidence.access-log-no-call':
    'The access log records no call of the authorizer\'s Lambda: {fields} {count, plural, one {is} other {are}} "-" (not set). A sign it was not called, not proof: what API Gateway writes there on a refusal is unconfirmed.',
  'identity-source-missing.evidence.stage-variable-undefined':
    'Stage {stage} defines no stage variable {variable} (it defines {defined}).',
  'identity-source-missing.evidence.stage-variables-none':
    'Stage {stage} defines no stage variables at all, so {variable} has no value.',
  'identity-source-missing.evidence.stage-variable-empty':
    'Stage {stage} sets stage variable {variable} to an empty value.',
  'identity-source-missing.evidence.header-not-sent':
    'The request as curl -v shows it, its headers given whole, carried no {count, plural, one {{headers} header} other {{headers} headers}} (or sent {count, plural, one {it} other {them}} empty).',
  'identity-source-missing.settle.stage-variables':
    'Whether stage {stage} sets {count, plural, one {stage variable {variables}} other {stage variables {variables}}} to a non-empty value (aws apigateway get-stage): a listed stage variable the stage lacks fails every request.',
  'identity-source-missing.settle.lambda-ran':
    'Whether the authorizer Lambda ran for this request (its log group, or an "Authorizer result body" line in the whole trace): if it did, the authorizer itself said Unauthorized.',
  'identity-source-missing.settle.regex':
    "The authorizer's type and identityValidationExpression: a TOKEN authorizer's regex rejects with the same 401.",
  'identity-source-missing.settle.header':
    'Whether the failing request carried the identity-source header (non-empty) — check the client, not the token value.',
  'identity-source-missing.fix.carry':
    'Check that the request carries every configured identity source ({source}), non-empty. Reproduce with each header and query string set:',
  'identity-source-missing.fix.stage-variables':
    'curl cannot send {count, plural, one {stage variable {variables}} other {stage variables {variables}}}: stage {stage} must set {count, plural, one {it} other {each}} to a non-empty value.',
  'identity-source-missing.fix.context':
    'curl cannot send {values} either: API Gateway sets {count, plural, one {that context value} other {those context values}} itself, and {count, plural, one {it} other {each}} must be non-empty for the request.',
  'identity-source-missing.fix.define-stage-variable':
    'Set {count, plural, one {stage variable {variables}} other {stage variables {variables}}} on stage {stage} to the value the authorizer expects (not empty):',
  'identity-source-missing.fix.drop-stage-variable':
    'Or, if the authorizer does not need {count, plural, one {it} other {them}}, remove {variables} from its identity sources:',
  'identity-source-missing.fix.drop-last-source':
    'Or, if the authorizer does not need it, remove it from its identity sources; with no identity source left, authorization caching must be off (TTL 0).',
  'identity-source-missing.fix.call-again':
    'Then call the method again, with every header and query string the authorizer lists:',
  'identity-source-missing.fix.client':
    'Fix the client, or fix the identity source to the header the clients really send.',
  'identity-source-missing.fix.options':
    'Keep OPTIONS methods (CORS preflight) without an authorizer: browsers never send credentials on preflight.',
} as const;
