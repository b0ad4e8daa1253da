import nock from 'nock';
import { REGION, apiGateway } from '../../support/aws-wire';

/**
 * The services only `why403 doctor` calls, in their wire formats (checked against the SDK and the API
 * references): STS and IAM are awsQuery (form-encoded `POST /`, XML answers and XML errors); Lambda GetPolicy is
 * REST JSON whose `Policy` is the policy as a JSON string.
 */

export const ACCOUNT = '123456789012';
const STS = `https://sts.${REGION}.amazonaws.com`;
// IAM is global: every commercial region signs for us-east-1 and calls iam.amazonaws.com.
const IAM = 'https://iam.amazonaws.com';
const LAMBDA = `https://lambda.${REGION}.amazonaws.com`;

export const BOT_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/i-0abc123`;
export const BOT_ROLE = `arn:aws:iam::${ACCOUNT}:role/why403-bot`;

/** nock hands body matchers a form body already parsed into an object, and reply functions the raw text. */
function form(body: unknown): URLSearchParams {
  if (typeof body === 'string') return new URLSearchParams(body);
  return new URLSearchParams(Object.entries(body as Record<string, string>));
}

export function callerIdentity(arn = BOT_SESSION): nock.Scope {
  return nock(STS)
    .post('/', (body) => form(body).get('Action') === 'GetCallerIdentity')
    .reply(
      200,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>${arn}</Arn>
    <UserId>AROAEXAMPLEID:i-0abc123</UserId>
    <Account>${ACCOUNT}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`,
      { 'content-type': 'text/xml' },
    );
}

export interface Simulated {
  principal: string;
  actions: string[];
  resources: string[];
}

/**
 * Answers every SimulatePrincipalPolicy call (one per statement of the read-only policy) with `decide` per action
 * and resource, recording what was asked.
 */
export function simulatePrincipalPolicy(
  decide: (action: string, resource: string) => 'allowed' | 'implicitDeny' | 'explicitDeny' = () => 'allowed',
): Simulated[] {
  const asked: Simulated[] = [];
  nock(IAM)
    .post('/', (body) => form(body).get('Action') === 'SimulatePrincipalPolicy')
    .times(20)
    .optionally()
    .reply((_uri, body) => {
      const params = form(body);
      const list = (name: string) =>
        [...params.entries()].filter(([k]) => k.startsWith(`${name}.member.`)).map(([, v]) => v);
      const call = {
        principal: params.get('PolicySourceArn') ?? '',
        actions: list('ActionNames'),
        resources: list('ResourceArns'),
      };
      asked.push(call);
      const members = call.actions.map((action) => {
        const perResource = call.resources.map((resource) => ({
          resource,
          decision: decide(action, resource),
        }));
        const decision = perResource.find((r) => r.decision !== 'allowed')?.decision ?? 'allowed';
        return `<member>
          <EvalActionName>${action}</EvalActionName>
          <EvalResourceName>${call.resources[0]}</EvalResourceName>
          <EvalDecision>${decision}</EvalDecision>
          <MatchedStatements/><MissingContextValues/>
          <ResourceSpecificResults>${perResource
            .map(
              (r) =>
                `<member><EvalResourceName>${r.resource}</EvalResourceName><EvalResourceDecision>${r.decision}</EvalResourceDecision></member>`,
            )
            .join('')}</ResourceSpecificResults>
        </member>`;
      });
      return [
        200,
        `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <SimulatePrincipalPolicyResult>
    <IsTruncated>false</IsTruncated>
    <EvaluationResults>${members.join('')}</EvaluationResults>
  </SimulatePrincipalPolicyResult>
  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
</SimulatePrincipalPolicyResponse>`,
        { 'content-type': 'text/xml' },
      ];
    });
  return asked;
}

/** An awsQuery error, e.g. AccessDenied (403) or Throttling (400). */
export function simulatePrincipalPolicyError(status: number, code: string, message: string): nock.Scope {
  return nock(IAM)
    .post('/', (body) => form(body).get('Action') === 'SimulatePrincipalPolicy')
    .reply(
      status,
      `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error>
  <RequestId>4c1ae6a6-8bd3-4e1b-9a1e-EXAMPLE</RequestId>
</ErrorResponse>`,
      { 'content-type': 'text/xml' },
    );
}

export function getPolicy(functionArn: string, policy: object): nock.Scope {
  return nock(LAMBDA)
    .get(`/2015-03-31/functions/${encodeURIComponent(functionArn)}/policy`)
    .reply(200, { Policy: JSON.stringify(policy), RevisionId: '0f4c2a4e-2f4b-4b39-8a8b-0d6f8c1c4b6e' });
}

export function getPolicyError(
  functionArn: string,
  status: number,
  type: string,
  message: string,
): nock.Scope {
  return nock(LAMBDA)
    .get(`/2015-03-31/functions/${encodeURIComponent(functionArn)}/policy`)
    .reply(status, { Type: 'User', Message: message }, { 'x-amzn-errortype': type });
}

export function account(cloudwatchRoleArn?: string): nock.Scope {
  return apiGateway(
    '/account',
    cloudwatchRoleArn
      ? { cloudwatchRoleArn, throttleSettings: { burstLimit: 5000, rateLimit: 10000 } }
      : { throttleSettings: { burstLimit: 5000, rateLimit: 10000 } },
  );
}

/** GetRestApi, GetAuthorizers, GetResources and GetStages of one API, in wire shape. */
export function restApiConfiguration(
  restApiId: string,
  parts: { restApi?: object; authorizers?: object[]; resources?: object[]; stages: object[] },
): void {
  apiGateway(`/restapis/${restApiId}`, {
    id: restApiId,
    name: 'orders',
    createdDate: 1_767_225_600,
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: ['REGIONAL'] },
    ...parts.restApi,
  });
  apiGateway(`/restapis/${restApiId}/authorizers`, { item: parts.authorizers ?? [] }, { limit: '500' });
  apiGateway(
    `/restapis/${restApiId}/resources`,
    { item: parts.resources ?? [] },
    { embed: 'methods', limit: '500' },
  );
  apiGateway(`/restapis/${restApiId}/stages`, { item: parts.stages });
}
