import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import {
  accessLogShowsNoLambdaCall,
  authorizerNotInvoked,
  functionLogShowsInvocation,
  mayBeRefusedBeforeLambda,
  noAuthorizerOnMethod,
  noLambdaCallLine,
  responseLine,
} from './helpers';
import { msg, type Message } from '../../text';

/**
 * identity-validation-regex-mismatch: a TOKEN authorizer's identityValidationExpression rejected the token (401,
 * no Lambda call). No decisive signal exists in public evidence: API Gateway answers and logs a failed regex
 * exactly like a missing header, so this cause is at most medium. Supporting: evidence that the Lambda did not run
 * (proven by the whole trace or the function's silent log, or the access log's call fields logged as `-`), which
 * favours it over the Lambda's own Unauthorized. A configured regex only makes the cause possible: a missing header
 * and the Lambda's Unauthorized answer the same 401 with it. Contradicting: a method known to use no authorizer
 * (AWS_IAM, NONE); the function's own log showing an invocation taken for this request's. Impossible for REQUEST
 * authorizers and for TOKEN authorizers without one.
 */

const notInvoked: Signal = { id: 'lambda-not-called', holds: authorizerNotInvoked };
const noCallLogged: Signal = { id: 'access-log-shows-no-lambda-call', holds: accessLogShowsNoLambdaCall };
const invocationLogged: Signal = { id: 'function-log-shows-invocation', holds: functionLogShowsInvocation };

export const identityValidationRegexMismatch: Rule = {
  cause: 'identity-validation-regex-mismatch',
  step: 'identity',
  decisive: [],
  supporting: [notInvoked, noCallLogged],
  contradicting: [{ id: 'method-without-authorizer', holds: noAuthorizerOnMethod }, invocationLogged],
  check,
};

function check(evidence: Evidence): FindingDraft | undefined {
  if (!mayBeRefusedBeforeLambda(evidence)) return undefined;
  const s = signals(evidence);
  const authorizer = evidence.config.authorizer;
  if (s.authorizerType === 'REQUEST') return undefined;
  if (authorizer && !authorizer.identityValidationExpression) return undefined;
  const regex = authorizer?.identityValidationExpression;

  return {
    summary: summary(regex, authorizerNotInvoked(evidence)),
    evidence: [
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...noLambdaCallLine(evidence),
      ...(regex ? [msg('evidence.validation-regex', { regex })] : []),
    ],
    checklist: checklist(evidence),
    settle: [
      msg('identity-validation-regex-mismatch.settle.header'),
      msg('identity-validation-regex-mismatch.settle.offline'),
    ],
  };
}

/** Said outright only when the Lambda is proven not to have run; otherwise as what may have happened. */
function summary(regex: string | undefined, proven: boolean): Message {
  if (regex)
    return proven
      ? msg('identity-validation-regex-mismatch.summary.regex', { regex })
      : msg('identity-validation-regex-mismatch.summary.regex-unproven', { regex });
  return proven
    ? msg('identity-validation-regex-mismatch.summary.generic')
    : msg('identity-validation-regex-mismatch.summary.generic-unproven');
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const regex = evidence.config.authorizer?.identityValidationExpression;
  return [
    {
      text: regex
        ? msg('identity-validation-regex-mismatch.fix.test-regex', { regex })
        : msg('identity-validation-regex-mismatch.fix.read-regex'),
      command: regex
        ? `node -e 'console.log(new RegExp(process.argv[1]).test(process.argv[2]))' '${regex}' 'Bearer eyJhbGciOi.x.y'`
        : undefined,
    },
    { text: msg('identity-validation-regex-mismatch.fix.align'), iac: IAC.validationRegex },
    redeployStep(ids, 'fix.what.regex-change'),
  ];
}
