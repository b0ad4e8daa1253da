import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { held, quote, signals } from '../signals';
import { authorizerLogsCommand, idsOf } from '../fix';
import {
  accessLogShowsNoLambdaCall,
  accessLogShowsPolicyOrIntegration,
  answeredOtherThan,
  authorizerGavePolicy,
  authorizerNotInvoked,
  cognitoAuthorizer,
  isUnauthorized401,
  noAuthorizerOnMethod,
  responseLine,
  threwUnauthorized,
} from './helpers';
import { msg } from '../../text';
import { matchedInvocation } from '../function-log';
import { passedAuthorization } from '../../evidence/trace';

/**
 * authorizer-returned-unauthorized: the Lambda ran and failed with exactly "Unauthorized" (401). Decisive: a 401
 * for a request whose authorizer Lambda was called, placed at the authorizer (invocation lines, the Lambda's own
 * Unauthorized, or the access log's UNAUTHORIZED beside its invocation fields), or the function's own log showing
 * that invocation throw "Unauthorized": the other 401 causes stop before the call. Supporting: the access log's
 * invocation fields and a 401 alone. Contradicting: another status than 401; a result body other than the
 * `Unauthorized` error; the access log's call fields logged as `-`. A trace proven complete without any Lambda call rules it out, and so does evidence that the
 * authorizer step ended with a policy or the request went on past it (a later step's trace line, or the access
 * log's principal or integration status): a 401 then came from later, the backend's.
 */

function invokedAnd401(evidence: Evidence): boolean {
  return (
    signals(evidence).authorizerInvoked && (isUnauthorized401(evidence) || lambdaSaidUnauthorized(evidence))
  );
}

/**
 * The 401 is placed at the authorizer: the trace shows the call, the Lambda said Unauthorized, or the access log
 * names the gateway's own UNAUTHORIZED. An access log that only shows the call does not place it: a backend's 401
 * after an Allow reads the same when the integration's status is not logged.
 */
function placedAtAuthorizer(evidence: Evidence): boolean {
  return (
    evidence.trace.authorizer.invocationLines.length > 0 ||
    lambdaSaidUnauthorized(evidence) ||
    signals(evidence).responseType === 'UNAUTHORIZED'
  );
}

const invokedThen401: Signal = {
  id: 'lambda-called-then-401',
  holds: (evidence) => invokedAnd401(evidence) && placedAtAuthorizer(evidence),
};

const loggedCallThen401: Signal = {
  id: 'access-log-shows-call-then-401',
  holds: (evidence) => invokedAnd401(evidence) && !placedAtAuthorizer(evidence),
};

/** The trace's bare `Unauthorized`, or the result body as the error object the Lambda threw with that message. */
function lambdaSaidUnauthorized(evidence: Evidence): boolean {
  const { authorizer } = evidence.trace;
  return Boolean(authorizer.unauthorized) || threwUnauthorized(authorizer.result);
}

/** The trace shows what the Lambda returned, and it is not the `Unauthorized` error. */
const returnedSomethingElse: Signal = {
  id: 'result-body-other-than-unauthorized',
  holds: (evidence) => {
    const result = evidence.trace.authorizer.result;
    return result !== undefined && !threwUnauthorized(result);
  },
};

const answeredOtherThan401: Signal = {
  id: 'answered-other-than-401',
  holds: (evidence) => answeredOtherThan(evidence, 401),
};

/** The function's own log shows this request's invocation failing with "Unauthorized", and the answer was 401. */
const functionLogUnauthorized: Signal = {
  id: 'function-log-shows-unauthorized',
  holds: (evidence) => Boolean(matchedInvocation(evidence)?.unauthorized) && isUnauthorized401(evidence),
};

/** The access log logs the Lambda's call fields as `-`: the call was not recorded (not proof: domain.md §9). */
const noCallLogged: Signal = { id: 'access-log-shows-no-lambda-call', holds: accessLogShowsNoLambdaCall };

export const authorizerReturnedUnauthorized: Rule = {
  cause: 'authorizer-returned-unauthorized',
  step: 'authorizer',
  decisive: [invokedThen401, functionLogUnauthorized],
  supporting: [loggedCallThen401],
  contradicting: [answeredOtherThan401, returnedSomethingElse, noCallLogged],
  check,
};

/** The Lambda gave a policy, or the request went on past the authorizer: it did not throw Unauthorized. */
function authorizerGaveAPolicy(evidence: Evidence): boolean {
  return (
    authorizerGavePolicy(evidence.trace) ||
    passedAuthorization(evidence.trace) ||
    accessLogShowsPolicyOrIntegration(evidence)
  );
}

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (!isUnauthorized401(evidence) && !lambdaSaidUnauthorized(evidence)) return undefined;
  if (evidence.trace.authorizer.result?.policyDocument !== undefined) return undefined;
  if (authorizerGaveAPolicy(evidence)) return undefined;
  // A Cognito user pool's authorizer, or none at all, calls no Lambda that could have said Unauthorized.
  if (authorizerNotInvoked(evidence) || cognitoAuthorizer(evidence) || noAuthorizerOnMethod(evidence))
    return undefined;
  const certain = fired.decisive.length > 0;
  return {
    summary: msg(
      certain
        ? 'authorizer-returned-unauthorized.summary.ran'
        : 'authorizer-returned-unauthorized.summary.may',
    ),
    evidence: [
      ...evidence.trace.authorizer.invocationLines.slice(0, 1).map((line) => line.message),
      ...quote(evidence.trace.authorizer.unauthorized),
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...(evidence.accessLog?.authorizerRequestId
        ? [msg('evidence.authorizer-invocation-id', { id: evidence.accessLog.authorizerRequestId })]
        : []),
      ...responseLine(evidence),
      ...(held(fired, functionLogUnauthorized)
        ? [
            msg('authorizer-returned-unauthorized.evidence.function-log', {
              logGroup: evidence.authorizerLog?.logGroup ?? '',
              id: matchedInvocation(evidence)?.lambdaRequestId ?? '',
            }),
          ]
        : []),
    ],
    checklist: checklist(evidence),
    settle: certain ? undefined : [msg('authorizer-returned-unauthorized.settle.function-log')],
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: msg('authorizer-returned-unauthorized.fix.read-log'),
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    { text: msg('authorizer-returned-unauthorized.fix.token') },
  ];
}
