import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { resourcePolicyViews, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep } from '../fix';
import { hasTrace, isPlainForbidden, isVpceCondition, responseLine, responseTypeRulesOut } from './helpers';

export const privateApiVpceDeny: Rule = {
  cause: 'private-api-vpce-deny',
  title: 'A private API refused the VPC endpoint (or the call never reached it)',
  step: 'edge',
  explanation:
    'A PRIVATE API answers only calls that come through an execute-api interface VPC endpoint that its resource ' +
    'policy allows (aws:SourceVpce / aws:SourceVpc). A call from an endpoint the policy does not list is denied with ' +
    '"User: anonymous is not authorized …". A related trap: private DNS on such an endpoint captures every ' +
    '*.execute-api hostname in the VPC, so calls from the VPC to public APIs get a bare 403 Forbidden.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const anonymousDenied = s.message.kind === 'principal-deny' && s.message.principal === 'anonymous';
  const policyDeniesVpce =
    s.resourcePolicy !== undefined &&
    s.resourcePolicy.decision !== 'allow' &&
    isVpceCondition(s.resourcePolicy.failedCondition?.key);
  const forbiddenUnlogged = isPlainForbidden(evidence) && !hasTrace(evidence);
  if (responseTypeRulesOut(evidence, ['ACCESS_DENIED'])) return undefined;
  const publicCalledFromVpc =
    s.privateApi === false && Boolean(evidence.request.vpceId) && isPlainForbidden(evidence);

  let confidence: Confidence;
  if (s.privateApi && (anonymousDenied || policyDeniesVpce || Boolean(evidence.trace.resourcePolicyDenial)))
    confidence = 'high';
  else if (publicCalledFromVpc) confidence = 'high';
  else if (s.privateApi && forbiddenUnlogged) confidence = 'medium';
  else if (s.privateApi === undefined && (anonymousDenied || forbiddenUnlogged)) confidence = 'low';
  else return undefined;

  return {
    cause: 'private-api-vpce-deny',
    confidence,
    summary: summary(evidence, publicCalledFromVpc),
    evidence: [
      ...responseLine(evidence),
      ...(s.privateApi ? [`Endpoint type: PRIVATE (VPC endpoints: ${vpcEndpoints(evidence)})`] : []),
      ...(evidence.request.vpceId ? [`Caller's VPC endpoint: ${evidence.request.vpceId}`] : []),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
    ],
    checklist: checklist(evidence, publicCalledFromVpc),
    settle:
      confidence === 'high'
        ? undefined
        : [
            "The API's endpoint type (GetRestApi endpointConfiguration.types): only a PRIVATE API, or a VPC caller with private DNS, fits this cause.",
            'The access log fields $context.identity.vpceId and sourceIp for the request.',
          ],
    policies: resourcePolicyViews(evidence),
  };
}

function vpcEndpoints(evidence: Evidence): string {
  const ids = evidence.config.restApi?.endpointConfiguration?.vpcEndpointIds ?? [];
  return ids.length > 0 ? ids.join(', ') : 'none associated';
}

function summary(evidence: Evidence, publicCalledFromVpc: boolean): string {
  if (publicCalledFromVpc) {
    return `A public API was called from inside a VPC (${evidence.request.vpceId}) whose execute-api endpoint has private DNS on: the call landed on the endpoint and was refused.`;
  }
  const condition = signals(evidence).resourcePolicy?.failedCondition;
  if (condition && isVpceCondition(condition.key)) {
    const actual = condition.actual ? condition.actual.join(', ') : 'no VPC endpoint';
    return `The private API's resource policy does not admit ${actual} (${condition.operator} ${condition.key} ${condition.expected.join(', ')}).`;
  }
  return "The private API's resource policy does not admit the VPC endpoint (or network) the call came from.";
}

function checklist(evidence: Evidence, publicCalledFromVpc: boolean): ChecklistStep[] {
  const ids = idsOf(evidence);
  const region = ids.region ?? '<region>';
  const vpce = evidence.request.vpceId ?? '<vpce-id>';
  if (publicCalledFromVpc) {
    return [
      { text: 'Call the public API through a custom domain name, which private DNS does not capture.' },
      {
        text: 'Or turn private DNS off on the execute-api VPC endpoint and call private APIs by their VPCE-specific hostnames.',
      },
    ];
  }
  return [
    {
      text: `Allow the calling VPC endpoint (${vpce}) or VPC in the resource policy (aws:SourceVpce / aws:SourceVpc).`,
      command: getResourcePolicyCommand(ids),
      iac: IAC.resourcePolicy,
    },
    redeployStep(ids, 'resource policy'),
    {
      text: `Call through the VPCE-specific hostname, or send the x-apigw-api-id header: https://${ids.restApiId}-${vpce}.execute-api.${region}.vpce.amazonaws.com/${ids.stage}/…`,
    },
  ];
}
