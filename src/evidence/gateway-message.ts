import type { ClientResponse } from './types';

/**
 * What the gateway's answer says, read from the message, the `x-amzn-ErrorType` header and the status
 * (domain.md §6.1, §8). Matching is by fragment: AWS keeps appending suffixes to these messages.
 */
export type GatewayMessage =
  | { kind: 'unauthorized' }
  | { kind: 'authorizer-deny'; explicit: boolean }
  | {
      kind: 'principal-deny';
      principal: string;
      resourceArn?: string;
      explicit: boolean;
      /** From the newer suffixes: `in an identity-based policy` / `in a resource-based policy`. */
      policyType?: 'identity' | 'resource';
    }
  | { kind: 'signature'; detail: string }
  | { kind: 'incomplete-signature'; bearer: boolean }
  | { kind: 'missing-authentication-token' }
  | { kind: 'forbidden' }
  | { kind: 'authorizer-configuration' }
  | { kind: 'throttled' }
  | { kind: 'cloudfront' }
  | { kind: 'other'; text: string }
  | { kind: 'none' };

const AUTHORIZER_DENY = /User is not authorized to access this resource(?<explicit> with an explicit deny)?/i;
const PRINCIPAL_DENY =
  /User: (?<principal>\S+) is not authorized to perform: execute-api:Invoke on resource:?\s*(?<arn>\S*)(?<suffix>.*)$/is;
const SIGNATURE =
  /Signature expired|signature we calculated does not match|Credential should be scoped|security token included in the request is (?:invalid|expired)|Authorization header requires '?Credential'?|The request signature|InvalidSignature/i;
const INCOMPLETE_SIGNATURE = /not a valid key=value pair|Invalid key=value pair/i;
const MISSING_TOKEN = /Missing Authentication Token/i;
const THROTTLED = /Too Many Requests|Rate exceeded|Limit Exceeded/i;

const ERROR_TYPE_KINDS: Record<string, GatewayMessage['kind']> = {
  UnauthorizedException: 'unauthorized',
  InvalidSignatureException: 'signature',
  IncompleteSignatureException: 'incomplete-signature',
  MissingAuthenticationTokenException: 'missing-authentication-token',
  ForbiddenException: 'forbidden',
  AuthorizerConfigurationException: 'authorizer-configuration',
  AuthorizerFailureException: 'authorizer-configuration',
  TooManyRequestsException: 'throttled',
  LimitExceededException: 'throttled',
};

export function readGatewayMessage(response: ClientResponse | undefined): GatewayMessage {
  if (!response) return { kind: 'none' };
  if (response.html) return { kind: 'cloudfront' };
  // A pasted answer may be broken over lines: the message is one sentence again.
  const text = typeof response.message === 'string' ? response.message.replace(/\s+/g, ' ').trim() : '';
  return (
    fromText(text) ??
    fromErrorType(response.errorType, text) ??
    fromNullMessage(response) ??
    (text ? { kind: 'other', text } : { kind: 'none' })
  );
}

function fromText(text: string): GatewayMessage | undefined {
  if (!text) return undefined;
  const principal = PRINCIPAL_DENY.exec(text)?.groups;
  if (principal) return principalDeny(principal);
  const authorizer = AUTHORIZER_DENY.exec(text)?.groups;
  if (authorizer) return { kind: 'authorizer-deny', explicit: Boolean(authorizer.explicit) };
  if (INCOMPLETE_SIGNATURE.test(text))
    return { kind: 'incomplete-signature', bearer: /\bBearer\b/i.test(text) };
  if (SIGNATURE.test(text)) return { kind: 'signature', detail: text };
  if (MISSING_TOKEN.test(text)) return { kind: 'missing-authentication-token' };
  if (/^Unauthorized\.?$/i.test(text)) return { kind: 'unauthorized' };
  if (/^Forbidden\.?$/i.test(text)) return { kind: 'forbidden' };
  if (THROTTLED.test(text)) return { kind: 'throttled' };
  return undefined;
}

function principalDeny(groups: Record<string, string>): GatewayMessage {
  const suffix = groups.suffix.toLowerCase();
  const arn = groups.arn.replace(/[.,"]+$/, '');
  return {
    kind: 'principal-deny',
    principal: groups.principal,
    resourceArn: arn.startsWith('arn:') ? arn : undefined,
    explicit: suffix.includes('explicit deny'),
    policyType: suffix.includes('identity-based')
      ? 'identity'
      : suffix.includes('resource-based')
        ? 'resource'
        : undefined,
  };
}

function fromErrorType(errorType: string | undefined, text: string): GatewayMessage | undefined {
  const kind = errorType ? ERROR_TYPE_KINDS[errorType] : undefined;
  switch (kind) {
    case undefined:
      return undefined;
    case 'signature':
      return { kind, detail: text || errorType || '' };
    case 'incomplete-signature':
      return { kind, bearer: /\bBearer\b/i.test(text) };
    case 'unauthorized':
    case 'missing-authentication-token':
    case 'forbidden':
    case 'authorizer-configuration':
    case 'throttled':
      return { kind };
    default:
      return undefined;
  }
}

/** `{"message":null}` with a 500 is the authorizer-configuration answer even without the header. */
function fromNullMessage(response: ClientResponse): GatewayMessage | undefined {
  if (response.message === null && (response.status === undefined || response.status === 500)) {
    return { kind: 'authorizer-configuration' };
  }
  return undefined;
}
