import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import { isUnauthorized401, responseLine } from './helpers';

export const identityValidationRegexMismatch: Rule = {
  cause: 'identity-validation-regex-mismatch',
  title: "The token did not match the authorizer's validation regex",
  step: 'identity',
  explanation:
    'A TOKEN authorizer can have an identityValidationExpression: a regular expression the token must match before ' +
    'API Gateway calls the Lambda. A token that does not match (typically "Bearer …" expected and a bare JWT sent, ' +
    'or the reverse) gets 401 Unauthorized at once, with no Lambda call — the same answer as a missing header. ' +
    'REQUEST authorizers have no such check.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (!isUnauthorized401(evidence) || s.authorizerInvoked) return undefined;
  const authorizer = evidence.config.authorizer;
  if (s.authorizerType === 'REQUEST') return undefined;
  if (authorizer && !authorizer.identityValidationExpression) return undefined;

  const confidence: Confidence = authorizer?.identityValidationExpression ? 'medium' : 'low';
  return {
    cause: 'identity-validation-regex-mismatch',
    confidence,
    summary: authorizer?.identityValidationExpression
      ? `API Gateway answered 401 without calling the authorizer; the token may not match its validation regex ${authorizer.identityValidationExpression}.`
      : 'API Gateway answered 401 without calling the authorizer; if it is a TOKEN authorizer with a validation regex, the token may not match it.',
    evidence: [
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...(authorizer?.identityValidationExpression
        ? [`Validation regex: ${authorizer.identityValidationExpression}`]
        : []),
    ],
    checklist: checklist(evidence),
    settle: [
      'Whether the request carried the token header at all (missing → identity-source-missing; present → the regex rejected it).',
      'Test the regex offline against a redacted sample of the token\'s shape (for example "Bearer eyJ…"); never paste a live token in a channel.',
    ],
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const regex = evidence.config.authorizer?.identityValidationExpression;
  return [
    {
      text: regex
        ? `Test the regex ${regex} offline against the token's shape (prefix, dots, length) — never against a live token in chat.`
        : "Read the authorizer's identityValidationExpression and test it offline against the token's shape.",
      command: regex
        ? `node -e 'console.log(new RegExp(process.argv[1]).test(process.argv[2]))' '${regex}' 'Bearer eyJhbGciOi.x.y'`
        : undefined,
    },
    {
      text: 'Align the regex with the real token format, or fix the client\'s prefix ("Bearer ").',
      iac: IAC.validationRegex,
    },
    redeployStep(ids, 'regex change'),
  ];
}
