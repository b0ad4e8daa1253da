import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Finding, Rule } from '../types';
import { authorizerPolicyViews, quote, signals } from '../signals';
import { authorizerLogsCommand, flushStep, idsOf } from '../fix';

export const authorizerExplicitDeny: Rule = {
  cause: 'authorizer-explicit-deny',
  title: 'The Lambda authorizer returned an explicit Deny',
  step: 'authorizer',
  explanation:
    'The authorizer ran and returned a policy with a Deny statement that covers the method being called. An explicit ' +
    'Deny always wins, so API Gateway answered 403 no matter what else allows the call. With caching on, the same ' +
    'Deny is reused for every request with the same token until the cache entry expires.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const result = evidence.trace.authorizer.result;
  const messageSaysExplicit = s.message.kind === 'authorizer-deny' && s.message.explicit;
  const policyDenies = s.authorizerPolicy?.decision === 'explicit-deny';
  const denySeen = result?.effectsSeen.includes('Deny') ?? false;
  if (s.authorizerPolicy && !policyDenies && !messageSaysExplicit) return undefined;
  if (!policyDenies && !messageSaysExplicit && !denySeen) return undefined;

  const confidence = policyDenies || messageSaysExplicit ? 'high' : 'medium';
  return {
    cause: 'authorizer-explicit-deny',
    confidence,
    summary: summary(evidence, policyDenies, denySeen),
    evidence: [
      ...quote(result?.line),
      ...quote(evidence.trace.authorizer.policyAccepted?.line),
      ...quote(evidence.trace.clientNotAuthorized),
      ...(messageSaysExplicit ? [`Response: ${evidence.response?.message ?? ''}`] : []),
      ...(evidence.trace.testConsole ? [testConsoleNote(evidence)] : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'The final status of this request (a 403 confirms the Deny applied; 200 means another statement allowed it).',
          ],
    policies: authorizerPolicyViews(evidence),
  };
}

function summary(evidence: Evidence, policyDenies: boolean, denySeen: boolean): string {
  const statement = signals(evidence).authorizerPolicy?.statement;
  if (policyDenies && statement) {
    return `The authorizer's policy denies ${evidence.request.methodArn}: statement #${statement.index}${statement.sid ? ` (${statement.sid})` : ''} is a Deny that covers it.`;
  }
  if (denySeen) return 'The authorizer returned a policy with a Deny statement for this request.';
  if (!evidence.trace.authorizer.result && evidence.trace.authorizer.started) {
    return 'The authorizer policy applied to this request (from its cache: the Lambda was not called) holds an explicit Deny.';
  }
  return 'API Gateway says the authorizer\'s policy explicitly denies this request ("… with an explicit deny").';
}

function testConsoleNote(evidence: Evidence): string {
  const stage = evidence.trace.authorizer.result?.raw.includes('/null/') ? 'null' : 'ESTestInvoke-stage';
  return `This trace comes from the console's Test tab: the method ARN was synthetic (stage "${stage}") and the cache was not used.`;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const ttl = signals(evidence).ttl;
  const steps: ChecklistStep[] = [
    {
      text: "Read the authorizer function's own log for why it chose Deny (expired or invalid token, a role or group rule).",
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    {
      text:
        'If the Deny is intended, the client needs a valid token. For a bad or expired token prefer failing with the ' +
        'error "Unauthorized" (401), so clients can tell "log in again" from "forbidden".',
    },
    {
      text:
        'If the Deny is broader than meant (for example Resource "*" or ".../*/*" for one rule), narrow its Resource to ' +
        'the methods the rule is about.',
    },
  ];
  if (ttl !== 0 && !evidence.trace.testConsole) {
    steps.push(flushStep(ids, `after the fix (otherwise the cached Deny stays for up to ${ttl ?? 300} s)`));
  }
  return steps;
}
