import { authorizerCachedPolicyMismatch } from '../../../src/classify/rules/authorizer-cached-policy-mismatch';
import { testRule } from '../../support/rule-tester';
import type { CacheOrigin, CacheOriginMatch } from '../../../src/evidence/types';
import {
  ACCOUNT,
  API,
  ARN_PREFIX,
  REGION,
  TOKEN_AUTHORIZER,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
  functionLog,
} from '../../support/evidence';

const ID = '7d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6';
const EARLIER_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const NOT_AUTHORIZED = 'The client is not authorized to perform this operation.';
const IMPLICIT = '{"Message":"User is not authorized to access this resource"}';
const CONFIG = {
  authorizer: TOKEN_AUTHORIZER,
  restApi: { id: API, name: 'pets-api' },
  stage: { stageName: 'prod' },
};

/** The expected cache-hit shape (domain.md §7, unconfirmed): the authorizer starts, the Lambda is never called. */
const CACHE_HIT = cloudwatch(
  ID,
  'Extended Request Id: Qm9vYmFyQmF6cXV4=',
  `Starting authorizer: auth01 for request: ${ID}`,
  'Incoming identity: ***************************abc123',
  NOT_AUTHORIZED,
);

/** The earlier request with the same token whose result the cache handed on (domain.md §3.4). */
function cachedFrom(methodArn: string, foundBy: CacheOriginMatch = 'identity', candidates = 1): CacheOrigin {
  const result = { principalId: 'user-123', policyDocument: policy('Allow', methodArn) };
  return {
    requestId: EARLIER_ID,
    methodArn,
    resultBody: JSON.stringify(result),
    policyDocument: result.policyDocument,
    identity: '***************************abc123',
    foundBy,
    candidates,
  };
}

/** A cache hit whose trace names no identity: only the access log tells the method. */
const HIT_WITHOUT_IDENTITY = cloudwatch(ID, `Starting authorizer: auth01 for request: ${ID}`, NOT_AUTHORIZED);

const AT = Date.parse('2026-11-30T08:00:00Z');
const LAMBDA_ID = '1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b';

testRule(authorizerCachedPolicyMismatch, {
  matches: [
    {
      name: 'GET /pets filled the cache with Resource event.methodArn; GET /orders with the same token reused it',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        errorType: 'AccessDeniedException',
        log: CACHE_HIT,
        config: CONFIG,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/orders`, region: REGION, accountId: ACCOUNT },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets`),
      }),
      confidence: 'high',
      summary: new RegExp(`cached for GET /pets by request ${EARLIER_ID} was reused`),
      evidence_lines: [`Cached result from request ${EARLIER_ID}`, 'Authorizer result cache TTL: 300 s'],
      checklist: [
        `update-authorizer --rest-api-id ${API} --authorizer-id auth01 --patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=0 --region ${REGION}`,
        `flush-stage-authorizers-cache --rest-api-id ${API} --stage-name prod --region ${REGION}`,
        `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}/prod/*/*`,
        /wait up to 300 s/,
      ],
    },
    {
      name: 'a {proxy+} path: the cached policy was for a deeper path than the failing call',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: CACHE_HIT,
        config: { ...CONFIG, authorizer: { ...TOKEN_AUTHORIZER, authorizerResultTtlInSeconds: 3600 } },
        request: { methodArn: `${ARN_PREFIX}/prod/POST/pets` },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets/42/photos`),
      }),
      confidence: 'high',
      summary: /cached for GET \/pets\/42\/photos by request/,
      checklist: [/TTL 3600 s → 0/],
    },
    {
      name: "the rebuilt method ARN (from the access log) is not covered by the earlier request's policy",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: CACHE_HIT,
        accessLog: {
          requestId: ID,
          httpMethod: 'GET',
          resourcePath: '/{proxy+}',
          path: '/prod/orders',
          stage: 'prod',
          status: 403,
          'error.responseType': 'ACCESS_DENIED',
          'authorizer.integrationStatus': '-',
          'authorizer.requestId': '-',
        },
        config: CONFIG,
        request: { region: REGION, accountId: ACCOUNT },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/user_info`),
      }),
      confidence: 'high',
    },
    {
      name: 'no identity line: the only authorizer call within the TTL whose policy misses the method filled the cache',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: HIT_WITHOUT_IDENTITY,
        config: CONFIG,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/orders`, region: REGION, accountId: ACCOUNT },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets`, 'only-candidate'),
      }),
      confidence: 'high',
      summary: new RegExp(`cached for GET /pets by request ${EARLIER_ID} was reused`),
      evidence_lines: [/The only authorizer call of this stage within the TTL/],
    },
    {
      name: "the filler's principalId is the access log's $context.authorizer.principalId",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: HIT_WITHOUT_IDENTITY,
        config: CONFIG,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/orders` },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets`, 'principal-id', 4),
      }),
      confidence: 'high',
      evidence_lines: [/Found by its principal/],
    },
    {
      name: 'several calls within the TTL miss the method and nothing tells which filled the cache: supporting only',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        config: CONFIG,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/orders` },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets`, 'one-of-several', 3),
      }),
      confidence: 'medium',
      summary: new RegExp(`3 earlier calls within the TTL .* most recently request ${EARLIER_ID}`),
      evidence_lines: [/The latest of 3 authorizer calls/],
    },
    {
      name: "several candidates, but the filler's policy covers this method: no sign of a cache mismatch from them",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        config: CONFIG,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/pets` },
        cacheOrigin: cachedFrom(`${ARN_PREFIX}/prod/GET/pets`, 'one-of-several', 2),
      }),
      confidence: 'low',
    },
    {
      name: 'a cache-hit trace (Starting authorizer, no Lambda call) ending in "not authorized", TTL 300',
      evidence: evidence({ status: 403, body: IMPLICIT, log: CACHE_HIT, config: CONFIG }),
      confidence: 'medium',
      summary: /not called for this request \(a cache hit\)/,
      evidence_lines: ['Starting authorizer: auth01', /the Lambda was not called/, NOT_AUTHORIZED],
    },
    {
      name: 'a cache-hit trace ending in "Method completed with status: 403" without the not-authorized line',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          'Method completed with status: 403',
        ),
      }),
      confidence: 'medium',
    },
    {
      name: 'only the Knowledge Center\'s bare "message" fragment, no trace, no configuration',
      evidence: evidence({
        status: 403,
        body: '"message": "User is not authorized to access this resource"',
      }),
      confidence: 'low',
      summary: /may not cover this method/,
    },
    {
      name: 'the implicit-deny response with the default TTL and no execution log',
      evidence: evidence({ status: 403, body: IMPLICIT, errorType: 'AccessDeniedException', config: CONFIG }),
      confidence: 'low',
      checklist: [`--rest-api-id ${API} --stage-name prod`],
    },
    {
      name: "the function's own log is silent at the request time (TTL 300 s): the cache answered",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        config: CONFIG,
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: LAMBDA_ID,
            start: AT - 120_000,
            end: AT - 119_900,
            coldStart: false,
            timedOut: false,
            unauthorized: false,
          },
        ]),
      }),
      confidence: 'high',
      evidence_lines: [/authorizer function's own log \(\/aws\/lambda\/authorizer\).*shows no invocation/],
    },
    {
      name: "the function's log was read only partly: its silence proves nothing",
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        config: CONFIG,
        request: { time: AT },
        authorizerLog: functionLog(AT, []).authorizerLog,
        sources: { 'authorizer-log': { read: 'partial', reason: 'throttled' } },
      }),
      confidence: 'low',
    },
    {
      name: 'a masked log-tail excerpt where the authorizer completed with a policy: its Lambda lines were likely cut',
      evidence: evidence({
        status: 403,
        body: '{\n    "Message": "User is not authorized to access this resource"\n}',
        log: [
          'API-Gateway-Execution-Logs_**********/dev ******************************** 2018-10-23T16:56:01.286Z (************************************) Successfully completed authorizer execution',
          'API-Gateway-Execution-Logs_**********/dev ******************************** 2018-10-23T16:56:01.287Z (************************************) The client is not authorized to perform this operation.',
        ],
      }),
      confidence: 'low',
    },
    {
      name: 'a 403 of which nothing was read, on a method with a Lambda authorizer that caches (TTL 300): low',
      evidence: evidence({
        status: 403,
        config: { authorizer: TOKEN_AUTHORIZER, method: { authorizationType: 'CUSTOM' } },
      }),
      confidence: 'low',
      summary: /A policy cached from an earlier call with the same token may not cover this method/,
    },
  ],
  ignores: [
    ...[
      ['its method unknown', {}],
      [
        'caching off',
        {
          authorizer: { ...TOKEN_AUTHORIZER, authorizerResultTtlInSeconds: 0 },
          method: { authorizationType: 'CUSTOM' },
        },
      ],
      [
        'an API key required',
        { authorizer: TOKEN_AUTHORIZER, method: { authorizationType: 'CUSTOM', apiKeyRequired: true } },
      ],
      [
        'a method without authorization',
        { authorizer: TOKEN_AUTHORIZER, method: { authorizationType: 'NONE' } },
      ],
    ].map(([why, config]) => ({
      name: `a 403 of which nothing was read, ${String(why)}`,
      evidence: evidence({ status: 403, config: config as object }),
    })),
    {
      name: 'TTL 0: caching is off, so no policy can have been reused',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: CACHE_HIT,
        config: { ...CONFIG, authorizer: { ...TOKEN_AUTHORIZER, authorizerResultTtlInSeconds: 0 } },
      }),
    },
    {
      name: 'the Lambda ran for this request (result body present): not a cache hit',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: [
          ...authorizerRun(ID, `${ARN_PREFIX}/prod/GET/orders`, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/GET/pets`),
          }),
          ...cloudwatch(ID, NOT_AUTHORIZED),
        ],
        config: CONFIG,
      }),
    },
    {
      name: 'the access log shows an authorizer invocation id for this request',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        accessLog: {
          requestId: ID,
          status: 403,
          'error.responseType': 'ACCESS_DENIED',
          'authorizer.requestId': '3f1a2b4c-0d5e-4f60-8a7b-9c0d1e2f3a4b',
          'authorizer.integrationStatus': '200',
        },
        config: CONFIG,
      }),
    },
    {
      name: "the console's Test tab, which never uses the cache",
      evidence: evidence({
        log: [
          'Execution log for request test-request',
          'Thu Sep 05 04:56:39 UTC 2019 : Starting authorizer: auth01 for request: test-request',
          'Thu Sep 05 04:56:39 UTC 2019 : Incoming identity: ***************************abc123',
          `Thu Sep 05 04:56:39 UTC 2019 : ${NOT_AUTHORIZED}`,
        ],
        config: CONFIG,
      }),
    },
    {
      name: 'the explicit-deny response (a Deny, cached or fresh, is authorizer-explicit-deny)',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        log: CACHE_HIT.slice(0, 3),
        config: CONFIG,
      }),
    },
    {
      name: 'the resource policy allows the caller, so a silent cached policy would still pass (Table A)',
      evidence: evidence({
        status: 403,
        body: IMPLICIT,
        log: CACHE_HIT,
        request: { methodArn: `${ARN_PREFIX}/prod/GET/orders` },
        config: {
          ...CONFIG,
          restApi: {
            id: API,
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 'execute-api:Invoke',
                  Resource: `${ARN_PREFIX}/*`,
                },
              ],
            }),
          },
        },
      }),
    },
    {
      name: 'a resource-policy denial (User: anonymous …)',
      evidence: evidence({
        status: 403,
        body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN_PREFIX}/prod/GET/orders"}`,
        config: CONFIG,
      }),
    },
    {
      name: 'a 401 Unauthorized',
      evidence: evidence({ status: 401, body: '{"message":"Unauthorized"}', config: CONFIG }),
    },
  ],
});
