import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import { isPlainForbidden, responseLine, responseTypeRulesOut } from './helpers';

export const apiKeyMissingOrInvalid: Rule = {
  cause: 'api-key-missing-or-invalid',
  title: 'The API key was missing, wrong, disabled or not in a usage plan for this stage',
  step: 'api-key',
  explanation:
    'The method requires an API key. The key must be sent (x-api-key header, or returned by the authorizer as ' +
    "usageIdentifierKey when the API's key source is AUTHORIZER), exist, be enabled, and belong to a usage plan that " +
    'lists this API and stage. Every one of these failures gives the same 403 {"message":"Forbidden"}.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const rejected = evidence.trace.apiKeyRejected;
  const method = evidence.config.method;
  if (method?.apiKeyRequired === false && !rejected) return undefined;
  if (
    responseTypeRulesOut(evidence, ['INVALID_API_KEY']) ||
    evidence.trace.apiKeyAccepted ||
    evidence.trace.integrationStatus
  ) {
    return undefined;
  }

  let confidence: Confidence;
  if (rejected || s.responseType === 'INVALID_API_KEY') confidence = 'high';
  else if (isPlainForbidden(evidence) && method?.apiKeyRequired)
    confidence = evidence.config.stage?.webAclArn ? 'medium' : 'high';
  else if (isPlainForbidden(evidence) && s.privateApi !== true) confidence = 'medium';
  else return undefined;

  return {
    cause: 'api-key-missing-or-invalid',
    confidence,
    summary: summary(evidence),
    evidence: [
      ...quote(rejected?.line),
      ...responseLine(evidence),
      ...(s.responseType ? [`Access log responseType: ${s.responseType}`] : []),
      ...(method?.apiKeyRequired ? ['Method setting: apiKeyRequired = true'] : []),
      ...(evidence.config.restApi?.apiKeySource
        ? [`API key source: ${evidence.config.restApi.apiKeySource}`]
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'An "API Key … not authorized" line in the execution log, or $context.error.responseType INVALID_API_KEY in the access log.',
            "The stage's WAF web ACL (a WAF block answers the same Forbidden) and the API's endpoint type.",
          ],
  };
}

function summary(evidence: Evidence): string {
  const rejected = evidence.trace.apiKeyRejected;
  if (rejected) {
    return `The API key is not in a usage plan for ${rejected.apiStage ?? 'this API stage'}${rejected.method ? ` (method ${rejected.method} requires a key)` : ''}: ${rejected.reason ?? ''}`.trim();
  }
  if (evidence.config.restApi?.apiKeySource === 'AUTHORIZER') {
    return 'The method requires an API key, and the authorizer did not supply a valid one (usageIdentifierKey).';
  }
  return 'The method requires an API key, and the request did not carry a valid one for this stage.';
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const fromAuthorizer = evidence.config.restApi?.apiKeySource === 'AUTHORIZER';
  return [
    {
      text: fromAuthorizer
        ? 'The API key source is AUTHORIZER: have the authorizer return the key value as usageIdentifierKey.'
        : 'Send the key in the x-api-key header (or set the API key source to AUTHORIZER if the authorizer supplies it).',
    },
    {
      text: 'Check that the key exists and is enabled.',
      command: 'aws apigateway get-api-key --api-key <api-key-id>',
    },
    {
      text: `Add the key to a usage plan that lists ${ids.restApiId}/${ids.stage}:`,
      command:
        `aws apigateway update-usage-plan --usage-plan-id <usage-plan-id> --patch-operations op=add,path=/apiStages,value=${ids.restApiId}:${ids.stage}\n` +
        'aws apigateway create-usage-plan-key --usage-plan-id <usage-plan-id> --key-id <api-key-id> --key-type API_KEY',
      iac: IAC.apiKey,
    },
    redeployStep(ids, 'apiKeyRequired setting (if it changed)'),
  ];
}
