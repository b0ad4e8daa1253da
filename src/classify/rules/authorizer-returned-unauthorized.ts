import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { authorizerLogsCommand, idsOf } from '../fix';
import { isUnauthorized401, responseLine } from './helpers';

export const authorizerReturnedUnauthorized: Rule = {
  cause: 'authorizer-returned-unauthorized',
  title: 'The authorizer rejected the token (Unauthorized)',
  step: 'authorizer',
  explanation:
    'The Lambda authorizer ran and failed with the exact error "Unauthorized", which is how an authorizer says the ' +
    'token is not acceptable (expired, wrong issuer or audience, bad signature). API Gateway turns it into 401. ' +
    "The reason is in the authorizer function's own log, not in API Gateway's.",
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (!isUnauthorized401(evidence) && !evidence.trace.authorizer.unauthorized) return undefined;
  if (evidence.trace.authorizer.result?.policyDocument !== undefined) return undefined;
  const confidence = s.authorizerInvoked ? 'high' : 'low';
  if (confidence === 'low' && evidence.trace.authorizer.unauthorizedRequest) return undefined;
  return {
    cause: 'authorizer-returned-unauthorized',
    confidence,
    summary: s.authorizerInvoked
      ? 'The authorizer Lambda ran for this request and rejected the token with "Unauthorized".'
      : 'The authorizer may have run and rejected the token with "Unauthorized" (the client sees the same 401 either way).',
    evidence: [
      ...evidence.trace.authorizer.invocationLines.slice(0, 1).map((line) => line.message),
      ...quote(evidence.trace.authorizer.unauthorized),
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...(evidence.accessLog?.authorizerRequestId
        ? [`Authorizer invocation id: ${evidence.accessLog.authorizerRequestId}`]
        : []),
      ...responseLine(evidence),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'Whether the authorizer function logged an invocation at the request time (yes → this cause; no → the identity source was missing or failed the regex).',
          ],
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: "Read the authorizer function's log at the request time for its reason (expired token, wrong issuer or audience, signature or JWKS failure).",
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    { text: "Fix the client's token, or the authorizer's validation settings (issuer, audience, keys)." },
  ];
}
