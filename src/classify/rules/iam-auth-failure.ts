import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { signals } from '../signals';
import { idsOf } from '../fix';
import { responseLine } from './helpers';

export const iamAuthFailure: Rule = {
  cause: 'iam-auth-failure',
  title: 'IAM (SigV4) authorization failed',
  step: 'iam',
  explanation:
    'The method uses AWS_IAM authorization. The caller must sign the request with SigV4 for the service ' +
    '"execute-api" in the API\'s region, with valid (and, for temporary credentials, complete) credentials, and its ' +
    "identity policy must allow execute-api:Invoke on the method ARN. Across accounts, the API's resource policy must " +
    'also allow the caller.',
  check,
};

const SIGNATURE_RESPONSE_TYPES = ['INVALID_SIGNATURE', 'EXPIRED_TOKEN'];

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const iamMethod = s.methodAuthorization === 'AWS_IAM';
  const message = s.message;
  let confidence: Confidence | undefined;
  if (message.kind === 'signature' || SIGNATURE_RESPONSE_TYPES.includes(s.responseType ?? ''))
    confidence = 'high';
  else if (message.kind === 'principal-deny' && message.principal.startsWith('arn:')) {
    confidence =
      message.policyType === 'identity' || iamMethod
        ? 'high'
        : message.policyType === 'resource'
          ? undefined
          : 'medium';
  } else if (
    (message.kind === 'missing-authentication-token' || message.kind === 'incomplete-signature') &&
    iamMethod
  ) {
    confidence = 'high';
  } else if (message.kind === 'incomplete-signature' && s.methodAuthorization === undefined)
    confidence = 'low';
  if (!confidence) return undefined;

  return {
    cause: 'iam-auth-failure',
    confidence,
    summary: summary(evidence),
    evidence: [
      ...responseLine(evidence),
      ...(evidence.response?.errorType ? [`x-amzn-ErrorType: ${evidence.response.errorType}`] : []),
      ...(s.methodAuthorization ? [`Method authorization: ${s.methodAuthorization}`] : []),
      ...(evidence.accessLog?.userArn ? [`Caller: ${evidence.accessLog.userArn}`] : []),
    ],
    checklist: checklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            "The method's authorization type (GetResources?embed=methods): AWS_IAM confirms this cause.",
            "The caller's IAM policies (simulate with aws iam simulate-principal-policy).",
          ],
  };
}

function summary(evidence: Evidence): string {
  const message = signals(evidence).message;
  if (message.kind === 'signature') return `The request's SigV4 signature was rejected: ${message.detail}`;
  if (message.kind === 'principal-deny') {
    return `${message.principal} is not allowed to call execute-api:Invoke on ${message.resourceArn ?? 'this method'}${message.explicit ? ' (an explicit Deny)' : ''}.`;
  }
  if (message.kind === 'incomplete-signature')
    return 'An AWS_IAM method received a bearer token instead of a SigV4 signature.';
  return 'An AWS_IAM method received an unsigned request.';
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const arn =
    evidence.request.methodArn ??
    `arn:aws:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/${ids.stage}/*/*`;
  return [
    {
      text: "Allow execute-api:Invoke on the method ARN in the caller's identity policy:",
      command: JSON.stringify({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arn }),
    },
    {
      text: "Calling from another account: also add a resource-policy Allow for the caller's role or account, then redeploy.",
    },
    {
      text:
        `Sign for service "execute-api" in ${ids.region ?? "the API's region"}; fix clock skew (signatures expire after 5 minutes); ` +
        'refresh temporary credentials and send their session token.',
    },
  ];
}
