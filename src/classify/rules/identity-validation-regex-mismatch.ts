import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import {
  authorizerNotInvoked,
  mayBeRefusedBeforeLambda,
  noAuthorizerOnMethod,
  responseLine,
} from './helpers';
import { msg } from '../../text';

/**
 * identity-validation-regex-mismatch: a TOKEN authorizer's identityValidationExpression rejected the token (401,
 * no Lambda call). No decisive signal exists in public evidence: API Gateway answers and logs a failed regex
 * exactly like a missing header, so this cause is at most medium. Supporting: a validation regex is configured;
 * the Lambda is proven not to have run. Contradicting: a method known to use no authorizer (AWS_IAM, NONE).
 * Impossible for REQUEST authorizers and for TOKEN authorizers without one.
 */

const regexConfigured: Signal = {
  id: 'validation-regex-configured',
  holds: (evidence) => Boolean(evidence.config.authorizer?.identityValidationExpression),
};

const notInvoked: Signal = { id: 'lambda-not-called', holds: authorizerNotInvoked };

export const identityValidationRegexMismatch: Rule = {
  cause: 'identity-validation-regex-mismatch',
  step: 'identity',
  decisive: [],
  supporting: [regexConfigured, notInvoked],
  contradicting: [{ id: 'method-without-authorizer', holds: noAuthorizerOnMethod }],
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
    summary: regex
      ? msg('identity-validation-regex-mismatch.summary.regex', { regex })
      : msg('identity-validation-regex-mismatch.summary.generic'),
    evidence: [
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...(regex ? [msg('evidence.validation-regex', { regex })] : []),
    ],
    checklist: checklist(evidence),
    settle: [
      msg('identity-validation-regex-mismatch.settle.header'),
      msg('identity-validation-regex-mismatch.settle.offline'),
    ],
  };
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
