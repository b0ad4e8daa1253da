import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import { isUnauthorized401, responseLine } from './helpers';

export const identitySourceMissing: Rule = {
  cause: 'identity-source-missing',
  title: "The request lacked the authorizer's identity source",
  step: 'identity',
  explanation:
    'Before calling a Lambda authorizer, API Gateway checks that every configured identity source (the token header ' +
    'for TOKEN authorizers; each header, query string or stage variable listed for REQUEST authorizers) is present and ' +
    'non-empty. If one is missing it answers 401 Unauthorized at once and never calls the Lambda, so the authorizer ' +
    'log shows nothing. Common triggers: a header name that differs from the configuration, a client that omits it, or ' +
    'a CORS preflight OPTIONS request on a method that has the authorizer.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (!isUnauthorized401(evidence) || s.authorizerInvoked) return undefined;
  const authorizer = evidence.config.authorizer;
  const regexImpossible =
    authorizer !== undefined && (s.authorizerType === 'REQUEST' || !authorizer.identityValidationExpression);
  const traced = Boolean(evidence.trace.authorizer.unauthorizedRequest);

  let confidence: Confidence;
  if (traced && regexImpossible) confidence = 'high';
  else if (traced || regexImpossible) confidence = 'medium';
  else confidence = 'low';

  return {
    cause: 'identity-source-missing',
    confidence,
    summary: summary(evidence),
    evidence: [
      ...quote(
        evidence.trace.extendedRequestId
          ? evidence.trace.lines.find((l) => l.message.startsWith('Extended Request Id'))
          : undefined,
      ),
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...(traced
        ? ['No Lambda invocation lines: API Gateway rejected the request before calling the authorizer.']
        : []),
      ...(authorizer?.identitySource ? [`Identity source: ${authorizer.identitySource}`] : []),
    ],
    checklist: checklist(evidence),
    settle: confidence === 'high' ? undefined : settle(evidence, traced),
  };
}

function summary(evidence: Evidence): string {
  const source = evidence.config.authorizer?.identitySource;
  if (source)
    return `API Gateway answered 401 without calling the authorizer: the request did not carry ${source} (or it was empty).`;
  return "API Gateway answered 401 without calling the authorizer: the request most likely lacked the authorizer's identity source.";
}

function settle(evidence: Evidence, traced: boolean): string[] {
  const steps: string[] = [];
  if (!traced) {
    steps.push(
      'Whether the authorizer Lambda ran for this request (its log group, or an "Authorizer result body" line): if it did, the authorizer itself said Unauthorized.',
    );
  }
  if (!evidence.config.authorizer?.identityValidationExpression || evidence.config.authorizer === undefined) {
    steps.push(
      "The authorizer's type and identityValidationExpression: a TOKEN authorizer's regex rejects with the same 401.",
    );
  }
  steps.push(
    'Whether the failing request carried the identity-source header (non-empty) — check the client, not the token value.',
  );
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const source = evidence.config.authorizer?.identitySource ?? 'method.request.header.Authorization';
  const header = /method\.request\.header\.(?<name>[^,\s]+)/.exec(source)?.groups?.name ?? 'Authorization';
  return [
    {
      text: `Check that the request carries every configured identity source (${source}), non-empty. Reproduce with the header set:`,
      command: `curl -i -H '${header}: <token>' https://${ids.restApiId}.execute-api.${ids.region ?? '<region>'}.amazonaws.com/${ids.stage}/<path>`,
    },
    {
      text: 'Fix the client, or fix the identity source to the header the clients really send.',
      iac: IAC.identitySource,
    },
    redeployStep(ids, 'identity source change'),
    {
      text: 'Keep OPTIONS methods (CORS preflight) without an authorizer: browsers never send credentials on preflight.',
    },
  ];
}
