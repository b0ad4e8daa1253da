import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { held, quote } from '../signals';
import { authorizerLogsCommand, idsOf } from '../fix';
import {
  AUTHORIZER_ERROR,
  answeredOtherThan,
  authorizerErrorLogged,
  authorizerFailureAnswer,
  couldNotCall,
  cutShortCouldNotCall,
  errorTypeLine,
  lambdaAnswered,
  threwUnauthorized,
} from './helpers';
import { msg, type Message } from '../../text';
import { readCompletely } from '../../evidence/sources';
import { functionLogSilent, matchedInvocation } from '../function-log';

/**
 * authorizer-function-error: API Gateway called the authorizer but could not use its answer (500). Decisive: the
 * trace shows what was wrong with the output — null, a Lambda runtime error object, an HTTP-style or shapeless
 * object, nested context values, or API Gateway's own "Invalid JSON in response" / "Could not parse policy" / "Unable
 * to parse given policy" — or a Lambda failure after the call was sent; or the function's own log showing this
 * request's invocation crash or time out while API Gateway answered 500. Supporting: a 500
 * AuthorizerConfigurationException for a request whose Lambda answered (its result body, the access log's invocation
 * fields, its own log); the trace's request lines alone do not count, a call refused for want of permission writes
 * them too. Contradicting: another status than 500. A
 * permission error line, or the function's log silent at the request time, rules it out (the function never ran); an
 * error object saying `Unauthorized` is the authorizer's deliberate 401, not a failure.
 */

/** What API Gateway says of an authorizer output it could not use (a policy is only parsed from that output). */
const MALFORMED_OUTPUT =
  /Invalid JSON in response|(?:could not|unable to) parse (?:the |given )?polic|Unrecognized field|not marked as ignorable|Invalid policy|Invalid principal/i;
/** The Lambda call itself failed. ("Authorizer error" is not one: it ends every authorizer failure, permissions too.) */
const LAMBDA_FAILURE = /Lambda (?:invocation|execution) failed|timed out/i;

const outputProblemSeen: Signal = {
  id: 'unusable-authorizer-output-seen',
  holds: (evidence) => outputProblem(evidence) !== undefined,
};

/** The function's own log shows this request's invocation crashing or timing out, and API Gateway answered 500. */
const functionLogShowsFailure: Signal = {
  id: 'function-log-shows-crash-or-timeout',
  holds: (evidence) => {
    const invocation = matchedInvocation(evidence);
    return Boolean(
      invocation && (invocation.error || invocation.timedOut) && authorizerFailedAnswer(evidence),
    );
  },
};

const answeredOtherThan500: Signal = {
  id: 'answered-other-than-500',
  holds: (evidence) => answeredOtherThan(evidence, 500),
};

/**
 * The Lambda answered, then API Gateway answered that the authorizer step failed. Its request lines alone are not
 * enough: they are written too when the Lambda refuses the call for want of permission (helpers.ts, lambdaAnswered).
 */
const invokedAnd500: Signal = {
  id: 'lambda-answered-then-configuration-error',
  holds: (evidence) => authorizerFailureAnswer(evidence) && lambdaAnswered(evidence),
};

export const authorizerFunctionError: Rule = {
  cause: 'authorizer-function-error',
  step: 'authorizer',
  decisive: [outputProblemSeen, functionLogShowsFailure],
  supporting: [invokedAnd500],
  contradicting: [answeredOtherThan500],
  check,
};

/** The answer or the trace says the authorizer step failed (500 AuthorizerConfigurationException). */
function authorizerFailedAnswer(evidence: Evidence): boolean {
  return (
    authorizerFailureAnswer(evidence) ||
    Boolean(evidence.trace.authorizer.configurationException) ||
    authorizerErrorLogged(evidence.trace)
  );
}

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (isPermissionProblem(evidence) || functionLogSilent(evidence)) return undefined;
  const crashed = held(fired, functionLogShowsFailure);
  const problem = outputProblem(evidence) ?? (crashed ? functionLogProblem(evidence) : undefined);
  if (!problem && !authorizerFailedAnswer(evidence)) return undefined;

  return {
    summary: problem ?? msg('authorizer-function-error.summary.unusable'),
    evidence: [
      ...(crashed ? functionLogEvidence(evidence) : []),
      ...quote(evidence.trace.authorizer.result?.line),
      ...evidence.trace.configurationErrors.map((error) => error.line.message),
      ...quote(evidence.trace.authorizer.configurationException),
      ...(evidence.response?.body
        ? [msg('evidence.response-body', { body: evidence.response.body.trim() })]
        : []),
      ...errorTypeLine(evidence),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0
        ? undefined
        : [
            msg('authorizer-function-error.settle.configuration-line'),
            msg('authorizer-function-error.settle.function-log'),
          ],
  };
}

/** What was wrong with the authorizer's output, when the trace shows it. */
function outputProblem(evidence: Evidence): Message | undefined {
  const result = evidence.trace.authorizer.result;
  if (result?.isNull) return msg('authorizer-function-error.summary.null');
  if (result?.runtimeError) {
    const { errorType, errorMessage } = result.runtimeError;
    if (threwUnauthorized(result)) return undefined;
    const failedWith = errorType ?? msg('authorizer-function-error.an-error');
    return errorMessage
      ? msg('authorizer-function-error.summary.runtime-error', {
          errorType: failedWith,
          errorMessage: firstLine(errorMessage),
        })
      : msg('authorizer-function-error.summary.runtime-error-type', { errorType: failedWith });
  }
  if (result?.parsed !== undefined && typeof result.parsed === 'object' && result.parsed !== null) {
    const shapeProblem = describeShape(result.parsed as Record<string, unknown>);
    if (shapeProblem) return shapeProblem;
  }
  const malformed = evidence.trace.configurationErrors.find((error) => MALFORMED_OUTPUT.test(error.detail));
  if (malformed) return msg('authorizer-function-error.summary.unparsable', { detail: malformed.detail });
  const failed = evidence.trace.configurationErrors.find(
    (error) =>
      LAMBDA_FAILURE.test(error.detail) ||
      // In a whole trace, "Authorizer error" after the call with no permission line means the call itself failed
      // (a line cut short before it said what failed may have been that permission line).
      (AUTHORIZER_ERROR.test(error.detail) &&
        readCompletely(evidence, 'execution-log') &&
        !evidence.trace.configurationErrors.some(cutShortCouldNotCall)),
  );
  if (failed && evidence.trace.authorizer.invocationLines.length > 0)
    return msg('authorizer-function-error.summary.call-failed', { detail: failed.detail });
  return undefined;
}

/** What the function's own log says went wrong in this request's invocation (it showed a failure). */
function functionLogProblem(evidence: Evidence): Message | undefined {
  const invocation = matchedInvocation(evidence);
  if (!invocation) return undefined;
  if (invocation.timedOut) return msg('authorizer-function-error.summary.timed-out');
  const error = invocation.error;
  return error
    ? msg('authorizer-function-error.summary.function-error', {
        errorType: error.type ?? msg('authorizer-function-error.an-error'),
        errorMessage: firstLine(error.message),
      })
    : undefined;
}

function functionLogEvidence(evidence: Evidence): Message[] {
  const invocation = matchedInvocation(evidence);
  if (!invocation) return [];
  const lines = [
    msg('authorizer-function-error.evidence.invocation', {
      logGroup: evidence.authorizerLog?.logGroup ?? '',
      id: invocation.lambdaRequestId,
    }),
  ];
  if (invocation.coldStart) lines.push(msg('authorizer-function-error.evidence.cold-start'));
  for (const frame of invocation.error?.stack ?? [])
    lines.push(msg('authorizer-function-error.evidence.stack', { frame }));
  return lines;
}

function describeShape(output: Record<string, unknown>): Message | undefined {
  if ('statusCode' in output && !('policyDocument' in output)) {
    return msg('authorizer-function-error.summary.http-style');
  }
  if (!('policyDocument' in output)) return msg('authorizer-function-error.summary.no-policy');
  const context = output.context;
  if (
    context &&
    typeof context === 'object' &&
    Object.values(context).some((v) => v !== null && typeof v === 'object')
  ) {
    return msg('authorizer-function-error.summary.nested-context');
  }
  return undefined;
}

function isPermissionProblem(evidence: Evidence): boolean {
  return evidence.trace.configurationErrors.some((error) => couldNotCall(error.detail));
}

function firstLine(text: string): string {
  return text.split(/\\n|\n/)[0].slice(0, 200);
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: msg('authorizer-function-error.fix.read-log'),
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    { text: msg('authorizer-function-error.fix.crash') },
    { text: msg('authorizer-function-error.fix.shape') },
    {
      text: msg('authorizer-function-error.fix.test-invoke'),
      command: `aws apigateway test-invoke-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId} --headers Authorization=<test-token>`,
    },
  ];
}
