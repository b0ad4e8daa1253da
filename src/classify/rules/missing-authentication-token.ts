import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { signals } from '../signals';
import { getResourcesCommand, idsOf, redeployStep } from '../fix';
import { responseLine, saysMissingToken, signatureErrorFromEndpointPolicy } from './helpers';
import { msg } from '../../text';

/**
 * missing-authentication-token: no such route in the deployed stage. Decisive: the "Missing Authentication
 * Token" answer (or the access log's MISSING_AUTHENTICATION_TOKEN, or the bearer-token "key=value pair" variant)
 * for a method whose authorization is known not to be AWS_IAM, or for a path that matches no resource of the API:
 * an unsigned call to an AWS_IAM method is the only other source of that answer — except that the bearer variant,
 * for a method without authorization of an API that may be private, also comes from a VPC endpoint policy reading
 * the Authorization header (private-api-vpce-deny). Supporting: the answer alone.
 */

const answerForNonIamMethod: Signal = {
  id: 'missing-token-answer-for-non-iam-or-unknown-route',
  holds: (evidence) => {
    const authorization = signals(evidence).methodAuthorization;
    const routeUnknown = evidence.config.routeMatched === false;
    const nonIamMethod =
      authorization !== undefined &&
      authorization !== 'AWS_IAM' &&
      !signatureErrorFromEndpointPolicy(evidence);
    return saysMissingToken(evidence) && (nonIamMethod || routeUnknown);
  },
};

const missingTokenAnswer: Signal = { id: 'missing-token-answer', holds: saysMissingToken };

export const missingAuthenticationToken: Rule = {
  cause: 'missing-authentication-token',
  step: 'route',
  decisive: [answerForNonIamMethod],
  supporting: [missingTokenAnswer],
  contradicting: [],
  check,
};

/**
 * The trace's "Unauthorized request: <id>" with no authorizer step, answered 403: how the Knowledge Center prints a
 * missing route's trace (domain.md §9). It makes this cause a candidate, nothing more.
 */
function unauthorizedRequestAnswered403(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    evidence.trace.authorizer.unauthorizedRequest !== undefined &&
    s.status === 403 &&
    !s.authorizerStarted &&
    !s.authorizerInvoked
  );
}

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  if (s.methodAuthorization === 'AWS_IAM') return undefined;
  if (!saysMissingToken(evidence) && !unauthorizedRequestAnswered403(evidence)) return undefined;
  return {
    summary: msg(
      s.message.kind === 'incomplete-signature'
        ? 'missing-authentication-token.summary.bearer'
        : 'missing-authentication-token.summary.route',
    ),
    evidence: [
      ...responseLine(evidence),
      ...(s.responseType === 'MISSING_AUTHENTICATION_TOKEN'
        ? [msg('evidence.response-type', { responseType: s.responseType })]
        : []),
      ...(evidence.config.routeMatched === false
        ? [msg('missing-authentication-token.evidence.no-route')]
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0 ? undefined : [msg('missing-authentication-token.settle.authorization')],
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: msg('missing-authentication-token.fix.compare-url', {
        url: `https://${ids.restApiId}.execute-api.${ids.region ?? '<region>'}.amazonaws.com/${ids.stage}/<path>`,
      }),
      command: getResourcesCommand(ids),
    },
    redeployStep(ids, 'fix.what.route'),
    {
      text: msg('missing-authentication-token.fix.base-path'),
      command: 'aws apigateway get-base-path-mappings --domain-name <domain-name>',
    },
    { text: msg('missing-authentication-token.fix.sign') },
  ];
}
