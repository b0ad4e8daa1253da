import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, PolicyView, Rule } from '../types';
import { policyView, quote, signals } from '../signals';
import { evaluatePolicy } from '../policy';
import { IAC, flushStep, idsOf, redeployStep, setTtlCommand } from '../fix';
import { isAuthorizerImplicitDeny, methodLabel, responseLine, ttlText } from './helpers';

export const authorizerCachedPolicyMismatch: Rule = {
  cause: 'authorizer-cached-policy-mismatch',
  title: 'A cached authorizer policy for another method was reused',
  step: 'authorizer',
  explanation:
    'Authorizer results are cached by token (or by the identity sources), not by method or path. The authorizer ' +
    'returned a policy that allows only the method of the first call (typically Resource: event.methodArn); within the ' +
    'cache TTL, a call with the same token to another method or path reuses that policy without calling the Lambda, ' +
    'and it does not cover the new method: 403 "User is not authorized to access this resource". Which call fails ' +
    'depends on which call filled the cache, so it looks intermittent.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (s.ttl === 0 || evidence.trace.testConsole || s.authorizerInvoked) return undefined;
  if (s.message.kind === 'authorizer-deny' && s.message.explicit) return undefined;
  if (!isAuthorizerImplicitDeny(evidence) && !(s.authorizerStarted && s.status === 403)) return undefined;
  if (s.combined?.decision === 'allow') return undefined;

  const origin = originPolicy(evidence);
  let confidence: Confidence;
  if (origin && origin.decision !== 'allow') confidence = 'high';
  else if (s.authorizerStarted) confidence = 'medium';
  else confidence = 'low';

  return {
    cause: 'authorizer-cached-policy-mismatch',
    confidence,
    summary: summary(evidence, confidence),
    evidence: [
      ...quote(evidence.trace.authorizer.started?.line),
      ...(s.authorizerStarted
        ? [
            'No "Endpoint request URI", "Sending request" or "Authorizer result body" line for this request: the Lambda was not called.',
          ]
        : []),
      ...quote(evidence.trace.clientNotAuthorized),
      ...responseLine(evidence),
      ...(evidence.cacheOrigin
        ? [`Cached result from request ${evidence.cacheOrigin.requestId}: ${evidence.cacheOrigin.resultBody}`]
        : []),
      `Authorizer result cache TTL: ${ttlText(s.ttl)}`,
    ],
    checklist: checklist(evidence),
    settle: confidence === 'high' ? undefined : settle(confidence),
    policies: origin ? [origin] : undefined,
  };
}

function originPolicy(evidence: Evidence): PolicyView | undefined {
  const origin = evidence.cacheOrigin;
  const methodArn = evidence.request.methodArn;
  if (!origin || origin.policyDocument === undefined || !methodArn) return undefined;
  const evaluation = evaluatePolicy(origin.policyDocument, { methodArn }, 'authorizer');
  return {
    ...policyView(`Policy cached from request ${origin.requestId}`, origin.policyDocument, evaluation),
    methodArn,
  };
}

function summary(evidence: Evidence, confidence: Confidence): string {
  const origin = evidence.cacheOrigin;
  if (confidence === 'high' && origin) {
    const [verb, ...path] = origin.methodArn?.split('/').slice(2) ?? [];
    const cachedFor = verb ? ` for ${verb} /${path.join('/')}` : '';

    return `A policy cached${cachedFor} by request ${origin.requestId} was reused for ${methodLabel(evidence)}, which it does not cover.`;
  }
  if (confidence === 'medium') {
    return `The authorizer was not called for this request (a cache hit), and the cached policy does not cover ${methodLabel(evidence)}.`;
  }
  return 'A policy cached from an earlier call with the same token may not cover this method.';
}

function settle(confidence: Confidence): string[] {
  const steps = [
    "Look for an invocation of the authorizer function at the request's time in its own log group: none means the cached policy was used.",
    'Find the earlier request with the same identity within the TTL and compare the Resource its authorizer returned with this method ARN.',
  ];
  if (confidence === 'low') {
    steps.unshift(
      "Check the authorizer's result-cache TTL (0 rules this cause out) and turn on INFO execution logging with data tracing.",
    );
  }
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const ttl = signals(evidence).ttl ?? 300;
  return [
    {
      text:
        'Have the authorizer return a Resource that covers every method the token may call, e.g. ' +
        `arn:aws:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/* instead of event.methodArn.`,
    },
    {
      text: `Or turn the result cache off (TTL ${ttl} s → 0); every request then calls the Lambda.`,
      command: setTtlCommand(ids, 0),
      iac: IAC.ttl,
    },
    {
      text:
        'Or, for a REQUEST authorizer, add the method and path to the identity sources so the cache key differs per ' +
        'route (which context variables API Gateway accepts as identity sources is not documented: test it first).',
    },
    redeployStep(ids, 'authorizer change'),
    flushStep(ids, `so no stale policy survives (otherwise wait up to ${ttl} s)`),
  ];
}
