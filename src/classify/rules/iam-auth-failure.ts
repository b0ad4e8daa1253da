import type { CallerBound, Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { idsOf } from '../fix';
import {
  SIGNATURE_RESPONSE_TYPES,
  accessDeniedUnread,
  authorizationMayBe,
  answerOfAnotherCause,
  answeredOtherStatus,
  errorTypeLine,
  isIamPrincipal,
  responseTypeRulesOut,
  responseLine,
  saysMissingToken,
  signatureErrorFromEndpointPolicy,
  signatureRefused,
  unreadSettle,
} from './helpers';
import { msg, type Message } from '../../text';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * iam-auth-failure: SigV4 signing or the caller's IAM policy failed on an AWS_IAM method. Decisive: a signature error
 * (InvalidSignatureException and its messages, or the access log's INVALID_SIGNATURE / EXPIRED_TOKEN), unless it is
 * for a method without authorization of an API that may be private, or for a private API's method of unknown
 * authorization (a VPC endpoint policy reads the header then: only supporting); an IAM principal denied "in an
 * identity-based policy", or denied on a method known to be AWS_IAM (for an explicit deny, only when the API's
 * resource policy is known not to deny it: its Deny reads the same); the "Missing Authentication Token" answer or a
 * bearer token on a method known to be AWS_IAM. Supporting: an IAM principal denied without a suffix. Contradicting:
 * the access log naming another gateway response, or the answer another cause's message; a method known to use a
 * Lambda or Cognito authorizer, or no authorization on an API known to be public — API Gateway checks no signature
 * there, so one refused came from elsewhere (another stage's deployment, another API behind the integration); a
 * status other than 403.
 */

function isIamMethod(evidence: Evidence): boolean {
  return signals(evidence).methodAuthorization === 'AWS_IAM';
}

/** An IAM principal's denial, as the answer or the trace tells it, unless it names the VPC endpoint policy. */
function iamPrincipalDenial(evidence: Evidence) {
  const denial = signals(evidence).denial;
  return denial && isIamPrincipal(denial.principal) && denial.policyType !== 'vpc-endpoint'
    ? denial
    : undefined;
}

const signatureRejected: Signal = {
  id: 'signature-rejected',
  holds: (evidence) => signatureRefused(evidence) && !endpointPolicyMayHaveRead(evidence),
};

/** A private API whose method's authorization is unknown: a custom VPC endpoint policy may have read the header. */
const signatureRejectedOnPrivateApi: Signal = {
  id: 'signature-rejected-on-private-api-of-unknown-method',
  holds: (evidence) => signatureRefused(evidence) && privateApiOfUnknownMethod(evidence),
};

function endpointPolicyMayHaveRead(evidence: Evidence): boolean {
  return signatureErrorFromEndpointPolicy(evidence) || privateApiOfUnknownMethod(evidence);
}

function privateApiOfUnknownMethod(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.privateApi === true && s.methodAuthorization === undefined;
}

const principalDeniedByIdentityPolicy: Signal = {
  id: 'iam-principal-denied-by-identity-policy-or-on-iam-method',
  holds: (evidence) => {
    const denial = iamPrincipalDenial(evidence);
    return Boolean(
      denial &&
      (denial.policyType === 'identity' ||
        (isIamMethod(evidence) &&
          denial.policyType !== 'resource' &&
          (!denial.explicit || resourcePolicyRuledOut(evidence)))),
    );
  },
};

/** The API's resource policy was read, and it is absent or does not deny the request. */
function resourcePolicyRuledOut(evidence: Evidence): boolean {
  const restApi = evidence.config.restApi;
  if (!restApi) return false;
  if (!restApi.policy) return true;
  const evaluation = signals(evidence).resourcePolicy;
  return evaluation !== undefined && evaluation.decision !== 'explicit-deny';
}

const unsignedOnIamMethod: Signal = {
  id: 'unsigned-or-bearer-call-on-iam-method',
  holds: (evidence) => saysMissingToken(evidence) && isIamMethod(evidence),
};

const methodChecksNoSignature: Signal = {
  id: 'method-checks-no-signature',
  holds: (evidence) => {
    const s = signals(evidence);
    const authorization = s.methodAuthorization;
    return (
      authorization === 'CUSTOM' ||
      authorization === 'COGNITO_USER_POOLS' ||
      (authorization === 'NONE' && s.privateApi === false)
    );
  },
};

/** The access log names a gateway response no IAM failure produces (its record may be another request's). */
const otherResponseType: Signal = {
  id: 'access-log-names-another-response',
  holds: (evidence) =>
    responseTypeRulesOut(evidence, [
      ...SIGNATURE_RESPONSE_TYPES,
      'MISSING_AUTHENTICATION_TOKEN',
      'ACCESS_DENIED',
    ]),
};

/** The answer is another cause's message (an Unauthorized, an authorizer's deny, a Forbidden…). */
const answerOfAnotherKind = answerOfAnotherCause([
  'signature',
  'incomplete-signature',
  'principal-deny',
  'missing-authentication-token',
]);

const principalDenied: Signal = {
  id: 'iam-principal-denied',
  holds: (evidence) => {
    const denial = iamPrincipalDenial(evidence);
    return Boolean(denial && denial.policyType === undefined);
  },
};

export const iamAuthFailure: Rule = {
  cause: 'iam-auth-failure',
  step: 'iam',
  decisive: [signatureRejected, principalDeniedByIdentityPolicy, unsignedOnIamMethod],
  supporting: [principalDenied, signatureRejectedOnPrivateApi],
  // API Gateway refuses a signature or an IAM caller with 403; a 400 or a 5xx carrying the same words is another
  // AWS service's answer (a backend's own SDK call with bad credentials) or a remapped gateway response.
  contradicting: [methodChecksNoSignature, otherResponseType, answerOfAnotherKind, answeredOtherStatus(403)],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const bearerUnknownMethod =
    s.message.kind === 'incomplete-signature' && s.methodAuthorization === undefined;
  const fits =
    fired.decisive.length > 0 ||
    fired.supporting.length > 0 ||
    bearerUnknownMethod ||
    (accessDeniedUnread(evidence) && authorizationMayBe(evidence, 'AWS_IAM'));
  if (!fits) return undefined;
  const unread = fired.decisive.length === 0 && fired.supporting.length === 0 && !bearerUnknownMethod;
  return {
    summary: unread ? msg('iam-auth-failure.summary.access-denied') : summary(evidence),
    evidence: [
      ...responseLine(evidence),
      ...(s.message.kind === 'principal-deny' || !iamPrincipalDenial(evidence)
        ? []
        : quote(evidence.trace.principalDenial?.line)),
      ...errorTypeLine(evidence),
      ...(s.methodAuthorization
        ? [msg('evidence.method-authorization', { authorization: s.methodAuthorization })]
        : []),
      ...(evidence.accessLog?.userArn
        ? [msg('evidence.caller', { caller: evidence.accessLog.userArn })]
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0
        ? undefined
        : [
            ...unreadSettle(unread),
            msg('iam-auth-failure.settle.authorization'),
            msg('iam-auth-failure.settle.simulate'),
          ],
  };
}

function summary(evidence: Evidence): Message {
  const message = signals(evidence).message;
  if (message.kind === 'signature')
    return msg('iam-auth-failure.summary.signature', { detail: message.detail });
  const denial = iamPrincipalDenial(evidence);
  if (denial) {
    return msg(
      denial.explicit ? 'iam-auth-failure.summary.denied-explicit' : 'iam-auth-failure.summary.denied',
      {
        principal: denial.principal ?? '',
        resource: denial.resourceArn ?? msg('method.this'),
      },
    );
  }
  if (message.kind === 'incomplete-signature') return msg('iam-auth-failure.summary.bearer');
  return msg('iam-auth-failure.summary.unsigned');
}

/**
 * The denial names what bounds the caller: that is where execute-api:Invoke is refused, whatever its roles allow.
 * The caller's account, role or user come from its ARN (`arn:aws:sts::<account>:assumed-role/<role>/<session>`).
 */
function boundStep(bound: CallerBound, principal: string | undefined): ChecklistStep {
  const [, , , , account, resource = ''] = principal?.split(':') ?? [];
  switch (bound) {
    case 'service-control-policy':
      return {
        text: msg('iam-auth-failure.fix.scp'),
        command: `aws organizations list-policies-for-target --target-id ${account || '<account-id>'} --filter SERVICE_CONTROL_POLICY`,
      };
    case 'permissions-boundary':
      return { text: msg('iam-auth-failure.fix.boundary'), command: boundaryCommand(resource) };
    case 'session-policy':
      return { text: msg('iam-auth-failure.fix.session-policy') };
  }
}

/** Reads the permissions boundary of the caller: an assumed role's role, a role or a user. */
function boundaryCommand(resource: string): string {
  const [kind, ...path] = resource.split('/');
  if (kind === 'user') return `aws iam get-user --user-name ${path.at(-1)} --query User.PermissionsBoundary`;
  const role = kind === 'assumed-role' ? path[0] : kind === 'role' ? path.at(-1) : undefined;
  return `aws iam get-role --role-name ${role ?? '<role>'} --query Role.PermissionsBoundary`;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const arn =
    evidence.request.methodArn ??
    `arn:${partitionOfRegion(ids.region)}:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/*`;
  const denial = iamPrincipalDenial(evidence);
  return [
    ...(denial?.bound ? [boundStep(denial.bound, denial.principal)] : []),
    {
      text: msg('iam-auth-failure.fix.allow'),
      command: JSON.stringify({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn }),
    },
    { text: msg('iam-auth-failure.fix.cross-account') },
    {
      text: ids.region
        ? msg('iam-auth-failure.fix.sign-region', { region: ids.region })
        : msg('iam-auth-failure.fix.sign'),
    },
  ];
}
