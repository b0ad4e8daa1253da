import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import {
  answered401,
  authorizerNotInvoked,
  cognitoAuthorizer,
  mayBeRefusedBeforeLambda,
  noAuthorizerOnMethod,
  responseLine,
} from './helpers';
import { msg, type Message } from '../../text';

/**
 * identity-source-missing: a 401 before the Lambda, because an identity source was absent or empty. Decisive: a
 * 401 (answered, not only the trace's "Unauthorized request", which a missing route writes too) whose authorizer
 * Lambda is proven not to have run, where the validation regex cannot be the reason (a
 * REQUEST authorizer, or a TOKEN authorizer without identityValidationExpression). Supporting: either half alone.
 * Contradicting: a Cognito user-pool authorizer, which never calls a Lambda and answers an expired or foreign token
 * with the same 401 (other.ts); a method known to use no authorizer (AWS_IAM, NONE), whose unsigned calls and
 * missing routes are logged with the same 'Unauthorized request' line.
 */

function regexImpossible(evidence: Evidence): boolean {
  const authorizer = evidence.config.authorizer;
  return (
    signals(evidence).authorizerType === 'REQUEST' ||
    (authorizer !== undefined && !authorizer.identityValidationExpression)
  );
}

const notInvokedNoRegex: Signal = {
  id: 'lambda-not-called-and-no-regex',
  holds: (evidence) => authorizerNotInvoked(evidence) && regexImpossible(evidence) && answered401(evidence),
};

const notInvoked: Signal = { id: 'lambda-not-called', holds: authorizerNotInvoked };
const noRegex: Signal = { id: 'no-validation-regex-possible', holds: regexImpossible };
const cognito: Signal = { id: 'cognito-user-pool-authorizer', holds: cognitoAuthorizer };
const noAuthorizer: Signal = { id: 'method-without-authorizer', holds: noAuthorizerOnMethod };

export const identitySourceMissing: Rule = {
  cause: 'identity-source-missing',
  step: 'identity',
  decisive: [notInvokedNoRegex],
  supporting: [notInvoked, noRegex],
  contradicting: [cognito, noAuthorizer],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (!mayBeRefusedBeforeLambda(evidence)) return undefined;
  const authorizer = evidence.config.authorizer;
  const extendedIdLine = evidence.trace.extendedRequestId
    ? evidence.trace.lines.find((l) => l.message.startsWith('Extended Request Id'))
    : undefined;
  return {
    summary: authorizer?.identitySource
      ? msg('identity-source-missing.summary.source', { source: authorizer.identitySource })
      : msg('identity-source-missing.summary.generic'),
    evidence: [
      ...quote(extendedIdLine),
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...(authorizerNotInvoked(evidence) ? [msg('identity-source-missing.evidence.not-invoked')] : []),
      ...(authorizer?.identitySource
        ? [msg('evidence.identity-source', { source: authorizer.identitySource })]
        : []),
    ],
    checklist: checklist(evidence),
    settle: fired.decisive.length > 0 ? undefined : settle(evidence),
  };
}

function settle(evidence: Evidence): Message[] {
  const steps: Message[] = [];
  if (!authorizerNotInvoked(evidence)) steps.push(msg('identity-source-missing.settle.lambda-ran'));
  if (!regexImpossible(evidence)) steps.push(msg('identity-source-missing.settle.regex'));
  steps.push(msg('identity-source-missing.settle.header'));
  return steps;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const source = evidence.config.authorizer?.identitySource ?? 'method.request.header.Authorization';
  const header = /method\.request\.header\.(?<name>[^,\s]+)/.exec(source)?.groups?.name ?? 'Authorization';
  return [
    {
      text: msg('identity-source-missing.fix.carry', { source }),
      command: `curl -i -H '${header}: <token>' https://${ids.restApiId}.execute-api.${ids.region ?? '<region>'}.amazonaws.com/${ids.stage}/<path>`,
    },
    { text: msg('identity-source-missing.fix.client'), iac: IAC.identitySource },
    redeployStep(ids, 'fix.what.identity-source-change'),
    { text: msg('identity-source-missing.fix.options') },
  ];
}
