import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { held, resourcePolicyViews, settledDecision, signals } from '../signals';
import { IAC, getResourcePolicyCommand, idsOf, redeployStep, vpcEndpointPolicyCommand } from '../fix';
import {
  SIGNATURE_RESPONSE_TYPES,
  hasTrace,
  isPlainForbidden,
  isVpceCondition,
  responseLine,
  responseTypeRulesOut,
  signatureErrorFromEndpointPolicy,
} from './helpers';
import { msg, type Message } from '../../text';

/**
 * private-api-vpce-deny: a private API refused the VPC endpoint, or a VPC caller's private DNS sent a public API
 * call to the endpoint. Decisive: a PRIVATE API whose policy's VPC-endpoint condition fails for the request (the
 * endpoint known, or the only value unknown while the denial is told); a
 * public API called through a VPC endpoint answering a bare Forbidden; a denial that names the VPC endpoint policy.
 * Supporting: a PRIVATE API whose answer or trace is the resource-policy denial, its policy not read (a path or an
 * IP the policy does not allow is answered in the same words); a PRIVATE API answering Forbidden with nothing
 * logged; a PRIVATE API answering a signature error for a method without authorization (a custom VPC endpoint
 * policy reads the Authorization header as SigV4; a route that does not exist answers the same to a bearer token).
 */

/** The denial of an anonymous caller, or any the trace tells, unless it names an identity policy. */
function callerDenied(evidence: Evidence): boolean {
  const denial = signals(evidence).denial;
  if (!denial || denial.policyType === 'identity') return false;
  return denial.principal === 'anonymous' || evidence.trace.principalDenial !== undefined;
}

/** The evaluated resource policy refuses the request on a VPC-endpoint (or VPC) condition. */
function policyNamesVpce(evidence: Evidence): boolean {
  const policy = signals(evidence).resourcePolicy;
  return policy !== undefined && policy.decision !== 'allow' && isVpceCondition(policy.failedCondition?.key);
}

/**
 * It certainly does: the decision rests on no unknown value; or the caller's denial is told and the only values
 * unknown are the endpoint's or VPC's, so the condition on them is what failed. With the caller's IP unknown too, an
 * IP condition may have refused it instead.
 */
function policyDeniesVpce(evidence: Evidence): boolean {
  if (!policyNamesVpce(evidence)) return false;
  const policy = signals(evidence).resourcePolicy;
  if (settledDecision(policy) !== undefined) return true;
  return (
    callerDenied(evidence) &&
    policy !== undefined &&
    policy.notModelled.length === 0 &&
    policy.undetermined.every(isVpceCondition)
  );
}

/** The evaluated resource policy names another reason (an IP or principal condition, say). */
function policyDeniesForAnotherReason(evidence: Evidence): boolean {
  const policy = signals(evidence).resourcePolicy;
  return policy !== undefined && policy.decision !== 'allow' && !policyNamesVpce(evidence);
}

const privateApiDeniedTheEndpoint: Signal = {
  id: 'private-api-policy-refuses-the-endpoint',
  holds: (evidence) => signals(evidence).privateApi === true && policyDeniesVpce(evidence),
};

/**
 * The denial on a private API whose policy was not read (or reads as allowing): most often its endpoint condition,
 * but a path or an IP it does not allow answers in the same words.
 */
const privateApiDeniedTheCaller: Signal = {
  id: 'private-api-denied-the-caller',
  holds: (evidence) =>
    signals(evidence).privateApi === true &&
    !policyDeniesVpce(evidence) &&
    callerDenied(evidence) &&
    !policyDeniesForAnotherReason(evidence),
};

const publicApiThroughVpce: Signal = {
  id: 'public-api-called-through-vpc-endpoint',
  holds: (evidence) =>
    signals(evidence).privateApi === false && Boolean(evidence.request.vpceId) && isPlainForbidden(evidence),
};

const privateApiForbiddenUnlogged: Signal = {
  id: 'private-api-forbidden-without-trace',
  holds: (evidence) =>
    signals(evidence).privateApi === true && isPlainForbidden(evidence) && !hasTrace(evidence),
};

/** AWS names the policy that denied: `… because no VPC endpoint policy allows …` (or its explicit deny). */
const endpointPolicyNamed: Signal = {
  id: 'answer-names-vpc-endpoint-policy',
  holds: (evidence) => signals(evidence).denial?.policyType === 'vpc-endpoint',
};

const endpointPolicyReadSignature: Signal = {
  id: 'private-api-signature-error-without-method-authorization',
  holds: (evidence) => signals(evidence).privateApi === true && signatureErrorFromEndpointPolicy(evidence),
};

export const privateApiVpceDeny: Rule = {
  cause: 'private-api-vpce-deny',
  step: 'edge',
  decisive: [privateApiDeniedTheEndpoint, publicApiThroughVpce, endpointPolicyNamed],
  supporting: [privateApiDeniedTheCaller, privateApiForbiddenUnlogged, endpointPolicyReadSignature],
  contradicting: [],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const readSignature = signatureErrorFromEndpointPolicy(evidence);
  if (
    responseTypeRulesOut(
      evidence,
      readSignature ? ['ACCESS_DENIED', ...SIGNATURE_RESPONSE_TYPES] : ['ACCESS_DENIED'],
    )
  )
    return undefined;
  const unknownEndpoint =
    s.privateApi === undefined &&
    (callerDenied(evidence) || (isPlainForbidden(evidence) && !hasTrace(evidence)) || readSignature);
  if (fired.decisive.length === 0 && fired.supporting.length === 0 && !unknownEndpoint) return undefined;

  if (held(fired, endpointPolicyNamed)) return endpointPolicyDenial(evidence);
  if (readSignature && fired.decisive.length === 0) return endpointPolicyFinding(evidence);
  const throughVpce = held(fired, publicApiThroughVpce);
  return {
    summary: summary(evidence, throughVpce),
    evidence: [
      ...responseLine(evidence),
      ...(s.privateApi
        ? [msg('private-api-vpce-deny.evidence.private', { endpoints: vpcEndpoints(evidence) })]
        : []),
      ...(evidence.request.vpceId
        ? [msg('private-api-vpce-deny.evidence.caller-vpce', { vpceId: evidence.request.vpceId })]
        : []),
      ...(s.resourcePolicy ? [s.resourcePolicy.reason] : []),
    ],
    checklist: checklist(evidence, throughVpce),
    settle:
      fired.decisive.length > 0
        ? undefined
        : [msg('private-api-vpce-deny.settle.endpoint-type'), msg('private-api-vpce-deny.settle.access-log')],
    policies: resourcePolicyViews(evidence),
  };
}

/** The application's own Authorization header, read by a custom VPC endpoint policy as a broken signature. */
function endpointPolicyFinding(evidence: Evidence): FindingDraft {
  const vpce = evidence.request.vpceId ?? '<vpce-id>';
  return {
    summary: msg('private-api-vpce-deny.summary.endpoint-policy'),
    evidence: [
      ...responseLine(evidence),
      msg('private-api-vpce-deny.evidence.private', { endpoints: vpcEndpoints(evidence) }),
    ],
    checklist: [
      {
        text: msg('private-api-vpce-deny.fix.endpoint-policy', { vpceId: vpce }),
        command: vpcEndpointPolicyCommand(idsOf(evidence), vpce),
      },
      { text: msg('private-api-vpce-deny.fix.token-header') },
    ],
    settle: [msg('private-api-vpce-deny.settle.endpoint-policy'), msg('private-api-vpce-deny.settle.route')],
  };
}

/** The VPC endpoint's own policy denied the call, as the answer says: the API's resource policy is not at fault. */
function endpointPolicyDenial(evidence: Evidence): FindingDraft {
  const vpce = evidence.request.vpceId ?? '<vpce-id>';
  const explicit = signals(evidence).denial?.explicit ?? false;
  return {
    summary: msg(
      explicit
        ? 'private-api-vpce-deny.summary.endpoint-policy-deny'
        : 'private-api-vpce-deny.summary.endpoint-policy-no-allow',
    ),
    evidence: responseLine(evidence),
    checklist: [
      {
        text: msg('private-api-vpce-deny.fix.endpoint-policy-allow', { vpceId: vpce }),
        command: vpcEndpointPolicyCommand(idsOf(evidence), vpce),
      },
    ],
  };
}

function vpcEndpoints(evidence: Evidence): Message | string {
  const ids = evidence.config.restApi?.endpointConfiguration?.vpcEndpointIds ?? [];
  return ids.length > 0 ? ids.join(', ') : msg('private-api-vpce-deny.none-associated');
}

function summary(evidence: Evidence, throughVpce: boolean): Message {
  if (throughVpce) {
    return msg('private-api-vpce-deny.summary.public-through-vpce', {
      vpceId: evidence.request.vpceId ?? '',
    });
  }
  const condition = signals(evidence).resourcePolicy?.failedCondition;
  if (condition && isVpceCondition(condition.key)) {
    return msg('private-api-vpce-deny.summary.condition', {
      actual: condition.actual ? condition.actual.join(', ') : msg('private-api-vpce-deny.no-endpoint'),
      operator: condition.operator,
      key: condition.key,
      expected: condition.expected.join(', '),
    });
  }
  return msg('private-api-vpce-deny.summary.generic');
}

function checklist(evidence: Evidence, throughVpce: boolean): ChecklistStep[] {
  const ids = idsOf(evidence);
  const region = ids.region ?? '<region>';
  const vpce = evidence.request.vpceId ?? '<vpce-id>';
  if (throughVpce) {
    return [
      { text: msg('private-api-vpce-deny.fix.custom-domain') },
      { text: msg('private-api-vpce-deny.fix.private-dns-off') },
    ];
  }
  return [
    {
      text: msg('private-api-vpce-deny.fix.allow-vpce', { vpceId: vpce }),
      command: getResourcePolicyCommand(ids),
      iac: IAC.resourcePolicy,
    },
    redeployStep(ids, 'fix.what.resource-policy'),
    {
      text: msg('private-api-vpce-deny.fix.vpce-hostname', {
        url: `https://${ids.restApiId}-${vpce}.execute-api.${region}.vpce.amazonaws.com/${ids.stage}/…`,
      }),
    },
  ];
}
