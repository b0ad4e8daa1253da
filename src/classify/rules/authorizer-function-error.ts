import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { authorizerLogsCommand, idsOf } from '../fix';
import { ASSUME_ROLE, LAMBDA_PERMISSION } from './helpers';
import { msg, type Message } from '../../text';
import { readCompletely } from '../../evidence/sources';

/**
 * authorizer-function-error: API Gateway called the authorizer but could not use its answer (500). Decisive: the
 * trace shows what was wrong with the output — null, a Lambda runtime error object, an HTTP-style or shapeless
 * object, nested context values, or API Gateway's own "Invalid JSON in response" / "Could not parse policy" — or
 * a Lambda failure after the call was sent. Supporting: a 500 AuthorizerConfigurationException for a request
 * whose Lambda was called. A permission error line rules it out (the function never ran).
 */

const MALFORMED_OUTPUT =
  /Invalid JSON in response|Could not parse policy|Unrecognized field|not marked as ignorable|Invalid policy|Invalid principal/i;
/** The Lambda call itself failed. ("Authorizer error" is not one: it ends every authorizer failure, permissions too.) */
const LAMBDA_FAILURE = /Lambda (?:invocation|execution) failed|timed out/i;
const AUTHORIZER_ERROR = /Authorizer error/i;

const outputProblemSeen: Signal = {
  id: 'unusable-authorizer-output-seen',
  holds: (evidence) => outputProblem(evidence) !== undefined,
};

const invokedAnd500: Signal = {
  id: 'lambda-called-then-configuration-error',
  holds: (evidence) => isConfigurationAnswer(evidence) && signals(evidence).authorizerInvoked,
};

export const authorizerFunctionError: Rule = {
  cause: 'authorizer-function-error',
  step: 'authorizer',
  decisive: [outputProblemSeen],
  supporting: [invokedAnd500],
  contradicting: [],
  check,
};

function isConfigurationAnswer(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.message.kind === 'authorizer-configuration' ||
    /^AUTHORIZER_(CONFIGURATION_ERROR|FAILURE)$/.test(s.responseType ?? '')
  );
}

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (isPermissionProblem(evidence)) return undefined;
  const problem = outputProblem(evidence);
  const authorizerFailed =
    isConfigurationAnswer(evidence) ||
    Boolean(evidence.trace.authorizer.configurationException) ||
    evidence.trace.configurationErrors.some((error) => AUTHORIZER_ERROR.test(error.detail));
  if (!problem && !authorizerFailed) return undefined;

  return {
    summary: problem ?? msg('authorizer-function-error.summary.unusable'),
    evidence: [
      ...quote(evidence.trace.authorizer.result?.line),
      ...evidence.trace.configurationErrors.map((error) => error.line.message),
      ...quote(evidence.trace.authorizer.configurationException),
      ...(evidence.response?.body
        ? [msg('evidence.response-body', { body: evidence.response.body.trim() })]
        : []),
      ...(evidence.response?.errorType
        ? [msg('evidence.error-type', { errorType: evidence.response.errorType })]
        : []),
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
      // In a whole trace, "Authorizer error" after the call with no permission line means the call itself failed.
      (AUTHORIZER_ERROR.test(error.detail) && readCompletely(evidence, 'execution-log')),
  );
  if (failed && evidence.trace.authorizer.invocationLines.length > 0)
    return msg('authorizer-function-error.summary.call-failed', { detail: failed.detail });
  return undefined;
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
  return evidence.trace.configurationErrors.some(
    (error) => LAMBDA_PERMISSION.test(error.detail) || ASSUME_ROLE.test(error.detail),
  );
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
