import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FakeAwsError } from './errors';
import { deniedPrincipal, garbledReply, pickFaultEntry, serverErrorStatus, throttleHeaders } from './faults';
import type { Reply } from './http';
import { identityWorld, type PolicyDocument } from './identity-world';
import type { FakeState } from './state';

/**
 * STS and IAM over awsQuery: `POST /` with a form body (`Action=…&Version=…`), XML answers, and XML errors
 * (`<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>…`). GetCallerIdentity answers the world's caller;
 * SimulatePrincipalPolicy evaluates the principal's identity policies with simple wildcard matching.
 */

const VERSIONS: Record<string, { service: 'sts' | 'iam'; namespace: string }> = {
  '2011-06-15': { service: 'sts', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  '2010-05-08': { service: 'iam', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
};

export function isAwsQueryRequest(req: IncomingMessage, body: string): boolean {
  const type = req.headers['content-type'] ?? '';
  return (
    req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded') && /(^|&)Action=/.test(body)
  );
}

export function serveAwsQuery(state: FakeState, body: string, at: number): Reply {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  const version = VERSIONS[form.get('Version') ?? ''] ?? VERSIONS['2011-06-15'];
  const target = form.get('PolicySourceArn') ?? '*';
  state.calls.push({ service: version.service, operation: action, target, at });
  try {
    const garbled = injectFault(state, action, target);
    if (garbled) return garbled;
    if (version.service === 'sts' && action === 'GetCallerIdentity')
      return callerIdentity(state, version.namespace);
    if (version.service === 'iam' && action === 'SimulatePrincipalPolicy')
      return simulate(state, form, version.namespace);
    throw new FakeAwsError('InvalidAction', `The fake does not serve ${action}.`, 400);
  } catch (error) {
    return errorReply(error, version.namespace);
  }
}

/** Throws the AWS error a fault answers with, or returns the reply of a fault that is not an AWS error. */
function injectFault(state: FakeState, action: string, target: string): Reply | undefined {
  const { fault, entry } = pickFaultEntry(state, action, target) ?? {};
  const garbled = garbledReply(fault, 'xml');
  if (garbled) return garbled;
  if (fault === 'deny') {
    const iamAction = `${action === 'GetCallerIdentity' ? 'sts' : 'iam'}:${action}`;
    throw new FakeAwsError(
      'AccessDenied',
      `User: ${deniedPrincipal(state.world.accountId)} is not authorized to perform: ${iamAction} on resource: ${target} because no identity-based policy allows the ${iamAction} action`,
      403,
    );
  }
  if (fault === 'throttle')
    throw new FakeAwsError('Throttling', 'Rate exceeded', 400, throttleHeaders(entry));
  if (fault === 'serverError')
    throw new FakeAwsError('ServiceUnavailable', 'Service Unavailable', serverErrorStatus(entry, 503));
  return undefined;
}

function callerIdentity(state: FakeState, namespace: string): Reply {
  const arn = identityWorld(state.world).caller?.arn ?? deniedPrincipal(state.world.accountId);
  return xmlReply(
    200,
    `<GetCallerIdentityResponse xmlns="${namespace}"><GetCallerIdentityResult>` +
      `<Arn>${escape(arn)}</Arn><UserId>AROAFAKEWHY403:session</UserId><Account>${state.world.accountId}</Account>` +
      `</GetCallerIdentityResult>${metadata()}</GetCallerIdentityResponse>`,
  );
}

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

function simulate(state: FakeState, form: URLSearchParams, namespace: string): Reply {
  const principal = form.get('PolicySourceArn') ?? '';
  const entry = identityWorld(state.world).principals?.[principal];
  if (!entry) throw new FakeAwsError('NoSuchEntity', `The user or role ${principal} cannot be found.`, 404);
  const actions = members(form, 'ActionNames');
  const resources = members(form, 'ResourceArns');
  const asked = resources.length > 0 ? resources : ['*'];
  const results = actions.map((action) => {
    const perResource = asked.map((resource) => ({
      resource,
      decision: decide(entry.policies, action, resource),
    }));
    const decision = mostRestrictive(perResource.map((r) => r.decision));
    const specific = perResource
      .map(
        (r) =>
          `<member><EvalResourceName>${escape(r.resource)}</EvalResourceName><EvalResourceDecision>${r.decision}</EvalResourceDecision><MatchedStatements/><MissingContextValues/></member>`,
      )
      .join('');
    return (
      `<member><EvalActionName>${escape(action)}</EvalActionName><EvalResourceName>${escape(asked[0])}</EvalResourceName>` +
      `<EvalDecision>${decision}</EvalDecision><MatchedStatements/><MissingContextValues/>` +
      `${resources.length > 0 ? `<ResourceSpecificResults>${specific}</ResourceSpecificResults>` : ''}</member>`
    );
  });
  return xmlReply(
    200,
    `<SimulatePrincipalPolicyResponse xmlns="${namespace}"><SimulatePrincipalPolicyResult>` +
      `<IsTruncated>false</IsTruncated><EvaluationResults>${results.join('')}</EvaluationResults>` +
      `</SimulatePrincipalPolicyResult>${metadata()}</SimulatePrincipalPolicyResponse>`,
  );
}

/** `Name.member.1`, `Name.member.2`, … in order. */
function members(form: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) values.push(form.get(`${name}.member.${i}`) ?? '');
  return values;
}

function decide(policies: readonly PolicyDocument[], action: string, resource: string): Decision {
  const statements = policies.flatMap((policy) => policy.Statement);
  const matching = (effect: string) =>
    statements.some(
      (s) =>
        s.Effect === effect &&
        list(s.Action).some((a) => wildcard(a, action, true)) &&
        list(s.Resource).some((r) => wildcard(r, resource, false)),
    );
  if (matching('Deny')) return 'explicitDeny';
  return matching('Allow') ? 'allowed' : 'implicitDeny';
}

function mostRestrictive(decisions: readonly Decision[]): Decision {
  if (decisions.includes('explicitDeny')) return 'explicitDeny';
  return decisions.includes('implicitDeny') ? 'implicitDeny' : 'allowed';
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.map(String) : [];
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function metadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}

function xmlReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID(), ...headers },
    body,
  };
}

function errorReply(error: unknown, namespace: string): Reply {
  const failure =
    error instanceof FakeAwsError
      ? error
      : new FakeAwsError('InternalFailure', `The fake failed: ${String(error)}`, 500);
  return xmlReply(
    failure.status,
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${failure.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${failure.code}</Code><Message>${escape(failure.message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    failure.headers,
  );
}
