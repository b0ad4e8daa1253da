import type { Evidence } from '../../evidence/types';
import { signals } from '../signals';
import { describeMethod } from '../../evidence/assemble';

/** Shared predicates for rules: small, named questions about the evidence. */

/** The client (or the trace) says 401 Unauthorized. */
export function isUnauthorized401(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    s.message.kind === 'unauthorized' ||
    s.status === 401 ||
    s.responseType === 'UNAUTHORIZED' ||
    Boolean(evidence.trace.authorizer.unauthorizedRequest)
  );
}

/** `Forbidden` / ForbiddenException: the body that API keys, WAF and private-API routing share. */
export function isPlainForbidden(evidence: Evidence): boolean {
  return signals(evidence).message.kind === 'forbidden';
}

/** The execution log holds lines for this request. */
export function hasTrace(evidence: Evidence): boolean {
  return evidence.trace.lines.length > 0;
}

/** The authorizer's verdict for this request was "not authorized" without an explicit Deny. */
export function isAuthorizerImplicitDeny(evidence: Evidence): boolean {
  const s = signals(evidence);
  return (
    (s.message.kind === 'authorizer-deny' && !s.message.explicit) ||
    Boolean(evidence.trace.clientNotAuthorized)
  );
}

export function methodLabel(evidence: Evidence): string {
  return describeMethod(evidence.request) ?? evidence.request.methodArn ?? 'this method';
}

export function ttlText(ttl: number | undefined): string {
  if (ttl === undefined) return 'unknown (default 300 s)';
  return ttl === 0 ? '0 (caching off)' : `${ttl} s`;
}

/** The access log names the gateway response, and it is not one this cause produces. */
export function responseTypeRulesOut(evidence: Evidence, producedBy: readonly string[]): boolean {
  const responseType = signals(evidence).responseType;
  return responseType !== undefined && !producedBy.includes(responseType);
}

const VPC_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];

/** A condition on the VPC endpoint or VPC the call came through. */
export function isVpceCondition(key: string | undefined): boolean {
  return key !== undefined && VPC_KEYS.includes(key.toLowerCase());
}

/** The gateway's answer as an evidence line, when the client's response (or the access log) gave one. */
export function responseLine(evidence: Evidence): string[] {
  return evidence.response?.message ? [`Response: ${evidence.response.message}`] : [];
}

/** `Execution failed due to configuration error:` details that mean API Gateway may not call a Lambda function. */
export const LAMBDA_PERMISSION = /Invalid permissions on Lambda function/i;
export const ASSUME_ROLE = /does not have permission to assume the provided role (?<role>\S+)/i;
