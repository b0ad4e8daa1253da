import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { signals } from '../signals';
import { getResourcesCommand, idsOf, redeployStep } from '../fix';
import { responseLine } from './helpers';

export const missingAuthenticationToken: Rule = {
  cause: 'missing-authentication-token',
  title: 'No such route in the deployed stage ("Missing Authentication Token")',
  step: 'route',
  explanation:
    'Despite its name this is usually not an authentication problem: API Gateway found no resource and method for ' +
    'this path in the deployed stage — a typo, a missing stage segment in the URL, a wrong verb, a resource added ' +
    'but not redeployed, or a custom-domain base-path mismatch. An Authorization: Bearer header on such a call ' +
    'produces the "not a valid key=value pair" variant.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  if (s.methodAuthorization === 'AWS_IAM') return undefined;
  const saysMissing =
    s.message.kind === 'missing-authentication-token' || s.message.kind === 'incomplete-signature';
  const logged = s.responseType === 'MISSING_AUTHENTICATION_TOKEN';
  if (!saysMissing && !logged) return undefined;
  const confidence: Confidence = logged || s.methodAuthorization !== undefined ? 'high' : 'medium';
  return {
    cause: 'missing-authentication-token',
    confidence,
    summary:
      s.message.kind === 'incomplete-signature'
        ? 'The route does not exist in the deployed stage; the bearer token was then read as a broken SigV4 header.'
        : 'API Gateway found no resource and method for this path in the deployed stage.',
    evidence: [
      ...responseLine(evidence),
      ...(logged ? ['Access log responseType: MISSING_AUTHENTICATION_TOKEN'] : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            "The method's authorization type: on an AWS_IAM method the same answer means the call was not signed.",
          ],
  };
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: `Compare the URL with https://${ids.restApiId}.execute-api.${ids.region ?? '<region>'}.amazonaws.com/${ids.stage}/<path> (stage segment, path, verb, case) and with the resource tree:`,
      command: getResourcesCommand(ids),
    },
    redeployStep(ids, 'route (if it exists only in the working copy, not in the deployed stage)'),
    {
      text: 'Behind a custom domain, check the base-path mapping.',
      command: 'aws apigateway get-base-path-mappings --domain-name <domain-name>',
    },
    { text: 'If the method uses AWS_IAM, sign the request with SigV4 (service execute-api).' },
  ];
}
