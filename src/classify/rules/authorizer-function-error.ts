import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { authorizerLogsCommand, idsOf } from '../fix';
import { ASSUME_ROLE, LAMBDA_PERMISSION } from './helpers';

export const authorizerFunctionError: Rule = {
  cause: 'authorizer-function-error',
  title: 'The authorizer Lambda crashed or returned an invalid response',
  step: 'authorizer',
  explanation:
    'API Gateway called the authorizer but could not use what came back: the function threw (an import error, an ' +
    'unhandled exception, a timeout), returned null, returned an HTTP-style object such as {statusCode: 401}, failed ' +
    'with an error other than exactly "Unauthorized", or returned a context with nested objects. Any of these ' +
    'becomes 500 {"message": null} with AuthorizerConfigurationException.',
  check,
};

const MALFORMED_OUTPUT =
  /Invalid JSON in response|Could not parse policy|Unrecognized field|not marked as ignorable|Invalid policy|Invalid principal/i;
const LAMBDA_FAILURE = /Lambda (?:invocation|execution) failed|timed out|Authorizer error/i;

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const problem = outputProblem(evidence);
  const configurationAnswer =
    s.message.kind === 'authorizer-configuration' ||
    /^AUTHORIZER_(CONFIGURATION_ERROR|FAILURE)$/.test(s.responseType ?? '');
  if (isPermissionProblem(evidence)) return undefined;

  let confidence: Confidence;
  if (problem) confidence = 'high';
  else if (configurationAnswer && s.authorizerInvoked) confidence = 'medium';
  else if (configurationAnswer || evidence.trace.authorizer.configurationException) confidence = 'low';
  else return undefined;

  return {
    cause: 'authorizer-function-error',
    confidence,
    summary:
      problem ?? "API Gateway could not use the authorizer's answer (500 AuthorizerConfigurationException).",
    evidence: [
      ...quote(evidence.trace.authorizer.result?.line),
      ...evidence.trace.configurationErrors.map((error) => error.line.message),
      ...quote(evidence.trace.authorizer.configurationException),
      ...(evidence.response?.body ? [`Response: ${evidence.response.body.trim()}`] : []),
      ...(evidence.response?.errorType ? [`x-amzn-ErrorType: ${evidence.response.errorType}`] : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'The "Execution failed due to configuration error:" line in the execution log: "Invalid permissions on Lambda function" or "does not have permission to assume the provided role" mean a permission problem instead.',
            "Whether the authorizer function's own log shows an invocation at the request time (none → API Gateway could not call it).",
          ],
  };
}

/** A plain description of what was wrong with the authorizer's output, when the trace shows it. */
function outputProblem(evidence: Evidence): string | undefined {
  const result = evidence.trace.authorizer.result;
  if (result?.isNull) return 'The authorizer returned null instead of {principalId, policyDocument}.';
  if (result?.runtimeError) {
    const { errorType, errorMessage } = result.runtimeError;
    return `The authorizer function failed with ${errorType ?? 'an error'}${errorMessage ? `: ${firstLine(errorMessage)}` : ''}.`;
  }
  if (result?.parsed !== undefined && typeof result.parsed === 'object' && result.parsed !== null) {
    const shapeProblem = describeShape(result.parsed as Record<string, unknown>);
    if (shapeProblem) return shapeProblem;
  }
  const malformed = evidence.trace.configurationErrors.find((error) => MALFORMED_OUTPUT.test(error.detail));
  if (malformed) return `API Gateway could not parse the authorizer's output: ${malformed.detail}`;
  const failed = evidence.trace.configurationErrors.find((error) => LAMBDA_FAILURE.test(error.detail));
  if (failed && evidence.trace.authorizer.invocationLines.length > 0)
    return `The authorizer call failed: ${failed.detail}`;
  return undefined;
}

function describeShape(output: Record<string, unknown>): string | undefined {
  if ('statusCode' in output && !('policyDocument' in output)) {
    return 'The authorizer returned an HTTP-style response ({statusCode: …}); authorizers must return a policy, or fail with "Unauthorized" for 401.';
  }
  if (!('policyDocument' in output)) return 'The authorizer response has no policyDocument.';
  const context = output.context;
  if (
    context &&
    typeof context === 'object' &&
    Object.values(context).some((v) => v !== null && typeof v === 'object')
  ) {
    return 'The authorizer returned a context with nested objects or arrays; context values must be strings, numbers or booleans.';
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
      text: "Open the authorizer function's log at the request time and find the error.",
      command: authorizerLogsCommand(ids, evidence.request.time),
    },
    { text: 'Fix the crash or the packaging (a missing module, a handler name, a timeout).' },
    {
      text:
        'Return the documented shape: {principalId, policyDocument: {Version, Statement}, context?}. Reject a bad token ' +
        'by failing with exactly "Unauthorized"; keep context values flat (strings, numbers, booleans).',
    },
    {
      text: 'Reproduce with a test invocation of the authorizer (this runs the function; use a test token).',
      command: `aws apigateway test-invoke-authorizer --rest-api-id ${ids.restApiId} --authorizer-id ${ids.authorizerId} --headers Authorization=<test-token>`,
    },
  ];
}
