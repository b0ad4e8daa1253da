import { deployDrift, describeChange, withDrift } from '../../src/pipeline/drift';
import type { ApiSnapshot } from '../../src/gather/api-config';
import type { DeployedConfig } from '../../src/gather/deployed';
import type { AuthorizerConfig } from '../../src/evidence/types';
import type { Verdict } from '../../src/classify/types';
import { english } from '../../src/render/localize';
import { localizer } from '../../src/render/localize';

/** Deploy drift: what the stage runs against the working copy, for what bears on one request. */

const API = 'a1b2c3d4e5';
const IDS = { restApiId: API, stage: 'prod', region: 'eu-west-1' };
const URI =
  'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer/invocations';
const AUTHORIZER: AuthorizerConfig = {
  id: '8xkq2m',
  name: 'orders-jwt',
  type: 'TOKEN',
  authorizerUri: URI,
  identitySource: 'method.request.header.Authorization',
  authorizerResultTtlInSeconds: 300,
};
const ORDERS = {
  path: '/orders/{id}',
  methods: {
    GET: {
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      authorizationType: 'CUSTOM',
      authorizerId: '8xkq2m',
      apiKeyRequired: false,
    },
  },
};
function policy(ranges: string[], resource = 'execute-api:/*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource },
      {
        Sid: 'DenyOutsideOffice',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: resource,
        Condition: { NotIpAddress: { 'aws:SourceIp': ranges } },
      },
    ],
  });
}
const FULL = `arn:aws:execute-api:eu-west-1:123456789012:${API}/*`;

function snapshot(live: Partial<ApiSnapshot>, deployed: Partial<DeployedConfig> | undefined): ApiSnapshot {
  return {
    restApi: { id: API, policy: policy(['198.51.100.0/24']) },
    authorizers: [AUTHORIZER],
    resources: [ORDERS],
    stage: { stageName: 'prod', deploymentId: 'dep7' },
    sources: {
      'config:rest-api': { read: 'complete' },
      'config:authorizers': { read: 'complete' },
      'config:resources': { read: 'complete' },
      'config:deployment': { read: 'complete' },
    },
    ...live,
    ...(deployed
      ? {
          deployed: {
            authorizers: [AUTHORIZER],
            resources: [ORDERS],
            authorizerNames: { 'GET /orders/{id}': 'orders-jwt' },
            policy: policy(['198.51.100.0/24'], FULL),
            ...deployed,
          },
        }
      : {}),
  };
}

/** The orders method behind a Cognito authorizer asking for `scopes`. */
function scoped(scopes: string[]) {
  const GET = { ...ORDERS.methods.GET, authorizationType: 'COGNITO_USER_POOLS', authorizationScopes: scopes };
  return { ...ORDERS, methods: { GET } };
}

const GET_ORDER = { httpMethod: 'GET', path: '/orders/18' };

describe('deployDrift', () => {
  it.each<[string, ApiSnapshot, string[]]>([
    [
      'nothing when the working copy is what the stage runs (execute-api:/ and full ARNs alike)',
      snapshot({}, {}),
      [],
    ],
    [
      "the authorizer's TTL",
      snapshot({ authorizers: [{ ...AUTHORIZER, authorizerResultTtlInSeconds: 0 }] }, {}),
      ['orders-jwt: result cache TTL is 300 s in the stage, 0 (caching off) in the working copy'],
    ],
    [
      'an absent TTL is the default 300 s',
      snapshot({ authorizers: [{ ...AUTHORIZER, authorizerResultTtlInSeconds: undefined }] }, {}),
      [],
    ],
    [
      'identity sources, compared part by part',
      snapshot(
        {
          authorizers: [
            {
              ...AUTHORIZER,
              type: 'REQUEST',
              identitySource: 'method.request.header.A,method.request.header.B',
            },
          ],
        },
        {
          authorizers: [
            {
              ...AUTHORIZER,
              type: 'REQUEST',
              identitySource: 'method.request.header.A, method.request.header.B',
            },
          ],
        },
      ),
      [],
    ],
    [
      "a method's OAuth scopes, in any order",
      snapshot(
        { resources: [scoped(['orders/read', 'orders/write'])] },
        { resources: [scoped(['orders/write', 'orders/read'])] },
      ),
      [],
    ],
    [
      'an OAuth scope added in the working copy',
      snapshot(
        { resources: [scoped(['orders/read', 'orders/admin'])] },
        { resources: [scoped(['orders/read'])] },
      ),
      [
        'GET /orders/{id}: OAuth scopes is orders/read in the stage, orders/admin, orders/read in the working copy',
      ],
    ],
    [
      'the validation regex and the function',
      snapshot(
        {
          authorizers: [
            {
              ...AUTHORIZER,
              identityValidationExpression: '^Bearer .+$',
              authorizerUri: URI.replace('orders-authorizer', 'orders-authorizer-v2'),
            },
          ],
        },
        {},
      ),
      [
        `orders-jwt: function is ${URI} in the stage, ${URI.replace('orders-authorizer', 'orders-authorizer-v2')} in the working copy`,
        'orders-jwt: validation regex is none in the stage, ^Bearer .+$ in the working copy',
      ],
    ],
    [
      'an authorizer the working copy no longer has',
      snapshot({ authorizers: [{ ...AUTHORIZER, name: 'orders-jwt-2' }] }, {}),
      [
        'GET /orders/{id}: authorizer is orders-jwt in the stage, orders-jwt-2 in the working copy',
        'the stage runs authorizer orders-jwt, which the working copy no longer has (deleted or renamed)',
      ],
    ],
    [
      "the method's authorization and API key",
      snapshot(
        {
          resources: [
            {
              ...ORDERS,
              methods: { GET: { ...ORDERS.methods.GET, authorizationType: 'AWS_IAM', apiKeyRequired: true } },
            },
          ],
        },
        {},
      ),
      [
        'GET /orders/{id}: authorization is CUSTOM in the stage, AWS_IAM in the working copy',
        'GET /orders/{id}: API key required is no in the stage, yes in the working copy',
      ],
    ],
    [
      'a route only the working copy has',
      snapshot({}, { resources: [] }),
      ['GET /orders/{id} is in the working copy but not in the deployed stage'],
    ],
    [
      'a route removed from the working copy',
      snapshot({ resources: [] }, {}),
      ['GET /orders/{id} was removed from the working copy; the stage still serves it'],
    ],
    [
      'a resource policy statement changed',
      snapshot({ restApi: { id: API, policy: policy(['198.51.100.0/24', '203.0.113.0/24']) } }, {}),
      ['the resource policy the stage runs differs from the working copy in Sid DenyOutsideOffice'],
    ],
    [
      'a resource policy removed from the working copy',
      snapshot({ restApi: { id: API } }, {}),
      ['the resource policy was removed from the working copy; the stage still runs it'],
    ],
    [
      'no policy comparison when the export carries none',
      snapshot({ restApi: { id: API, policy: policy(['203.0.113.0/24']) } }, { policy: undefined }),
      [],
    ],
    [
      'no comparison of what the working copy could not be read for',
      snapshot(
        {
          authorizers: [{ ...AUTHORIZER, authorizerResultTtlInSeconds: 0 }],
          sources: { 'config:authorizers': { read: 'denied', action: 'apigateway:GET' } },
        },
        {},
      ),
      [],
    ],
    ['nothing without the deployment', snapshot({ resources: [] }, undefined), []],
  ])('%s', (_label, snap, expected) => {
    const drift = deployDrift(snap, GET_ORDER, IDS);
    expect(drift?.changes.map((c) => english.t(describeChange(c))) ?? []).toEqual(expected);
    if (drift) {
      expect(drift).toMatchObject({
        stage: 'prod',
        deploymentId: 'dep7',
        command: `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region eu-west-1`,
      });
    }
  });
});

describe('withDrift', () => {
  const verdict = {
    facts: [{ label: 'Stage', value: 'prod' }],
    checklist: [{ text: 'Fix the authorizer.' }],
  } as unknown as Verdict;

  it('puts each change among the facts and the redeploy first in the checklist, in both languages', () => {
    const drift = deployDrift(
      snapshot({ authorizers: [{ ...AUTHORIZER, authorizerResultTtlInSeconds: 0 }] }, {}),
      GET_ORDER,
      IDS,
    );
    const out = withDrift(verdict, drift);

    expect(out.facts).toHaveLength(2);
    expect(english.t(out.facts[0].label)).toBe('Not redeployed');
    expect(localizer('zh-TW').t(out.facts[0].label)).toBe('尚未重新部署');
    expect(localizer('zh-TW').t(out.facts[0].value)).toBe(
      'orders-jwt：結果快取 TTL 在階段上是 300 秒，在工作副本中是 0（快取已關閉）',
    );
    expect(out.checklist[0].command).toBe(drift?.command);
    expect(out.checklist[1]).toEqual(verdict.checklist[0]);
  });

  it('leaves a verdict without drift as it is', () => {
    expect(withDrift(verdict, undefined)).toBe(verdict);
  });
});
