import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, PolicyView, Rule, Signal } from '../types';
import { held, policyView, quote, settledDecision, signals } from '../signals';
import { evaluatePolicy } from '../policy';
import { IAC, flushStep, idsOf, redeployStep, setTtlCommand } from '../fix';
import {
  authorizerCompletedInExcerpt,
  authorizerNotInvoked,
  bare403OnLambdaMethod,
  isAuthorizerImplicitDeny,
  methodLabel,
  responseLine,
  ttlText,
  unreadSettle,
} from './helpers';
import { msg, type Message } from '../../text';
import { functionLogSilent } from '../function-log';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * authorizer-cached-policy-mismatch: within the TTL, a policy cached for another method (same identity) was
 * reused and does not cover this one. Decisive: the request that filled the cache was found (by the same identity
 * or principalId, or as the only authorizer call within the TTL whose policy misses this method) and the policy it
 * returned does not cover this method ARN; or, with TTL > 0, the authorizer function's own log is silent at the
 * request time (the Lambda did not run) and the answer is the implicit deny. Supporting: the authorizer step
 * started and the whole trace, read at INFO, shows no Lambda call (the cache answered); or several authorizer calls
 * within the TTL returned policies that miss this method, and which one filled the cache cannot be told. A trace
 * excerpt proves nothing by what it lacks.
 */

function fillerMisses(evidence: Evidence): boolean {
  const decision = settledDecision(originEvaluation(evidence));
  return decision !== undefined && decision !== 'allow';
}

const fillerPolicyMisses: Signal = {
  id: 'cache-filler-policy-misses-method',
  holds: (evidence) => evidence.cacheOrigin?.foundBy !== 'one-of-several' && fillerMisses(evidence),
};

/** Several calls within the TTL could have filled the cache; the latest is named, none is certain. */
const fillerCandidatesMiss: Signal = {
  id: 'cache-filler-candidates-miss-method',
  holds: (evidence) => evidence.cacheOrigin?.foundBy === 'one-of-several' && fillerMisses(evidence),
};

/** TTL > 0, the function's log silent at the request time, and the implicit-deny answer: the cache answered. */
const functionSilentImplicitDeny: Signal = {
  id: 'function-log-silent-and-implicit-deny',
  holds: (evidence) =>
    (signals(evidence).ttl ?? 0) > 0 &&
    Boolean(evidence.config.authorizer) &&
    functionLogSilent(evidence) &&
    isAuthorizerImplicitDeny(evidence),
};

const cacheAnswered: Signal = {
  id: 'authorizer-started-without-lambda-call',
  holds: (evidence) => Boolean(evidence.trace.authorizer.started) && authorizerNotInvoked(evidence),
};

/** The authorizer finished with a policy in a partial trace: more likely a fresh call whose Lambda lines were cut. */
const completedInExcerpt: Signal = {
  id: 'authorizer-completed-in-excerpt',
  holds: authorizerCompletedInExcerpt,
};

export const authorizerCachedPolicyMismatch: Rule = {
  cause: 'authorizer-cached-policy-mismatch',
  step: 'authorizer',
  decisive: [fillerPolicyMisses, functionSilentImplicitDeny],
  supporting: [cacheAnswered, fillerCandidatesMiss],
  contradicting: [completedInExcerpt],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  if (s.ttl === 0 || evidence.trace.testConsole || s.authorizerInvoked) return undefined;
  if (s.message.kind === 'authorizer-deny' && s.message.explicit) return undefined;
  const bare = bare403OnLambdaMethod(evidence) && (s.ttl ?? 0) > 0;
  if (!isAuthorizerImplicitDeny(evidence) && !(s.authorizerStarted && s.status === 403) && !bare)
    return undefined;
  if (s.combined?.decision === 'allow') return undefined;

  const origin = originPolicy(evidence);
  const level = fired.decisive.length > 0 ? 'found' : fired.supporting.length > 0 ? 'hit' : 'possible';
  const named = evidence.cacheOrigin;
  return {
    summary: summary(evidence, level),
    evidence: [
      ...quote(evidence.trace.authorizer.started?.line),
      ...(held(fired, cacheAnswered) ? [msg('evidence.not-invoked')] : []),
      ...(functionLogSilent(evidence)
        ? [msg('evidence.function-log-silent', { logGroup: evidence.authorizerLog?.logGroup ?? '' })]
        : []),
      ...quote(evidence.trace.clientNotAuthorized),
      ...responseLine(evidence),
      ...(named
        ? [
            msg('authorizer-cached-policy-mismatch.evidence.origin', {
              requestId: named.requestId,
              body: named.resultBody,
            }),
            msg(`authorizer-cached-policy-mismatch.evidence.found-by.${named.foundBy}`, {
              count: named.candidates,
            }),
          ]
        : []),
      msg('evidence.ttl', { ttl: ttlText(s.ttl) }),
    ],
    checklist: checklist(evidence),
    settle:
      level === 'found'
        ? undefined
        : [...unreadSettle(bare), ...settle(level, named?.foundBy === 'one-of-several')],
    policies: origin ? [origin] : undefined,
  };
}

function originEvaluation(evidence: Evidence) {
  const origin = evidence.cacheOrigin;
  const methodArn = evidence.request.methodArn;
  if (!origin || origin.policyDocument === undefined || !methodArn) return undefined;
  return evaluatePolicy(origin.policyDocument, { methodArn }, 'authorizer');
}

function originPolicy(evidence: Evidence): PolicyView | undefined {
  const origin = evidence.cacheOrigin;
  const evaluation = originEvaluation(evidence);
  if (!origin || !evaluation) return undefined;
  return {
    ...policyView(
      msg('authorizer-cached-policy-mismatch.policy-label', { requestId: origin.requestId }),
      origin.policyDocument,
      evaluation,
    ),
    methodArn: evidence.request.methodArn,
  };
}

function summary(evidence: Evidence, level: 'found' | 'hit' | 'possible'): Message {
  const origin = evidence.cacheOrigin;
  if (origin?.foundBy === 'one-of-several' && level !== 'possible' && fillerMisses(evidence)) {
    return msg('authorizer-cached-policy-mismatch.summary.likely', {
      count: origin.candidates,
      requestId: origin.requestId,
      method: methodLabel(evidence),
    });
  }
  if (level === 'found' && origin && fillerMisses(evidence)) {
    const [verb, ...path] = origin.methodArn?.split('/').slice(2) ?? [];
    return verb
      ? msg('authorizer-cached-policy-mismatch.summary.found-for', {
          cachedFor: `${verb} /${path.join('/')}`,
          requestId: origin.requestId,
          method: methodLabel(evidence),
        })
      : msg('authorizer-cached-policy-mismatch.summary.found', {
          requestId: origin.requestId,
          method: methodLabel(evidence),
        });
  }
  if (level === 'hit') {
    return msg('authorizer-cached-policy-mismatch.summary.hit', { method: methodLabel(evidence) });
  }
  return msg('authorizer-cached-policy-mismatch.summary.possible');
}

function settle(level: 'hit' | 'possible', severalFillers: boolean): Message[] {
  const steps = [
    msg('authorizer-cached-policy-mismatch.settle.function-log'),
    msg(
      severalFillers
        ? 'authorizer-cached-policy-mismatch.settle.which-filler'
        : 'authorizer-cached-policy-mismatch.settle.filler',
    ),
  ];
  if (level === 'possible') steps.unshift(msg('authorizer-cached-policy-mismatch.settle.ttl'));
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const ttl = signals(evidence).ttl ?? 300;
  return [
    {
      text: msg('authorizer-cached-policy-mismatch.fix.wide-resource', {
        resource: `arn:${partitionOfRegion(ids.region)}:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/*`,
      }),
    },
    {
      text: msg('authorizer-cached-policy-mismatch.fix.ttl-off', { ttl }),
      command: setTtlCommand(ids, 0),
      iac: IAC.ttl,
    },
    { text: msg('authorizer-cached-policy-mismatch.fix.request-identity') },
    redeployStep(ids, 'fix.what.authorizer-change'),
    flushStep(ids, msg('authorizer-cached-policy-mismatch.fix.flush-why', { ttl })),
  ];
}
