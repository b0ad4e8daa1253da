import { identitySourceMissing } from '../../../src/classify/rules/identity-source-missing';
import { testRule } from '../../support/rule-tester';
import { evidenceFromInput } from '../../../src/evidence/bundle';
import { evaluateRule } from '../../../src/classify/classify';
import { english } from '../../../src/render/localize';
import type { ConfigFacts, Evidence } from '../../../src/evidence/types';
import {
  API,
  COGNITO_METHOD,
  LAMBDA_URI,
  REGION,
  TOKEN_AUTHORIZER,
  cloudwatch,
  evidence,
  functionLog,
} from '../../support/evidence';

const ID = 'e9ab5f97-9a5a-4f34-94d7-87df74a235de';
const UNAUTHORIZED = '{"message":"Unauthorized"}';

const REQUEST_AUTHORIZER = {
  id: 'req042',
  name: 'tenant-authorizer',
  type: 'REQUEST',
  authorizerUri: TOKEN_AUTHORIZER.authorizerUri,
  identitySource: 'method.request.header.Auth, method.request.querystring.tenant',
  authorizerResultTtlInSeconds: 300,
};

/** The two-line trace of the Knowledge Center and a 2026 capture (domain.md §7): never lines 4–7. */
const TWO_LINES = cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`);

const AT = Date.parse('2026-11-30T08:00:00Z');

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTQyIn0.c2ln';

/** A 401 as curl -v prints it, with the request headers given (closed by curl's bare `>` when whole). */
function curlVerbose(headers: readonly string[], whole: boolean, target = '/prod/orders/7'): Evidence {
  const text = [
    `* Connected to ${API}.execute-api.${REGION}.amazonaws.com (3.5.1.9) port 443`,
    `> GET ${target} HTTP/2`,
    `> Host: ${API}.execute-api.${REGION}.amazonaws.com`,
    '> User-Agent: curl/8.5.0',
    ...headers.map((header) => `> ${header}`),
    ...(whole ? ['> '] : []),
    '< HTTP/2 401',
    '< content-type: application/json',
    `< x-amzn-requestid: ${ID}`,
    '< x-amzn-errortype: UnauthorizedException',
    '< ',
    UNAUTHORIZED,
  ];
  return evidenceFromInput(text.join('\n'), 'paste');
}

function withConfig(given: Evidence, config: ConfigFacts): Evidence {
  return { ...given, config };
}

/** A 401's access-log record, the stage logging nothing else (its execution log off), as scan API_ID reads one. */
const UNAUTHORIZED_RECORD = {
  requestId: ID,
  status: '401',
  'error.responseType': 'UNAUTHORIZED',
  'error.message': 'Unauthorized',
};
const ACCESS_LOG_ONLY = {
  'execution-log': { read: 'not-configured', reason: 'execution logging is off' },
  'access-log': { read: 'complete' },
} as const;

/** A REQUEST authorizer that also keys on a stage variable (e.g. which tenant directory the stage uses). */
const STAGE_VARIABLE_AUTHORIZER = {
  ...REQUEST_AUTHORIZER,
  identitySource: 'method.request.header.Auth, stageVariables.authVersion',
};
const ANSWERED = { status: 401, body: UNAUTHORIZED, errorType: 'UnauthorizedException' };
const EVERY_REQUEST =
  /^(?!.*did not carry).*answers every request 401.*stage variable authVersion, which stage prod does not set/;
const NOT_CLAIMED = /^(?!.*every request).*a stage variable or context value that was not set/;

testRule(identitySourceMissing, {
  matches: [
    {
      name: 'the two-line trace before a Cognito user-pool authorizer (an expired or foreign token reads the same)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: TWO_LINES,
        config: COGNITO_METHOD,
      }),
      confidence: 'medium',
    },
    {
      name: 'the two-line trace and a REQUEST authorizer (no regex possible)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: TWO_LINES,
        config: { authorizer: REQUEST_AUTHORIZER, restApi: { id: API }, stage: { stageName: 'prod' } },
        request: { region: REGION },
      }),
      confidence: 'high',
      summary:
        /401 without calling the authorizer: the request did not carry method\.request\.header\.Auth, method\.request\.querystring\.tenant/,
      evidence_lines: [
        `Unauthorized request: ${ID}`,
        /holds no Lambda invocation line/,
        /^Identity source: method\.request\.header\.Auth/,
      ],
      checklist: [
        `curl -i -H 'Auth: <token>' 'https://${API}.execute-api.${REGION}.amazonaws.com/prod/<path>?tenant=<tenant>'`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
        /OPTIONS methods/,
      ],
    },
    {
      name: 'the two-line trace and a TOKEN authorizer without a validation regex',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
      checklist: ["-H 'Authorization: <token>'"],
    },
    {
      name: "the Knowledge Center's joined one-line form (Extended Request Id: …=Unauthorized request: …), answered 401",
      evidence: evidence({
        status: 401,
        log: cloudwatch(ID, `Extended Request Id: MY92nHDwwwIdGxzR=Unauthorized request: ${ID}`),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'high',
    },
    {
      name: 'the same line with the status unknown (a route that does not exist is logged so too): medium',
      evidence: evidence({
        log: cloudwatch(ID, `Extended Request Id: MY92nHDwwwIdGxzR=Unauthorized request: ${ID}`),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'medium',
    },
    {
      name: 'the verbatim Knowledge Center lines, no configuration (a regex cannot be ruled out)',
      evidence: evidence({
        log: ['Extended Request Id: MY92nHDwwwIdGxzR=', 'Unauthorized request: <request-id>'],
      }),
      confidence: 'medium',
      summary: /most likely lacked the authorizer's identity source/,
    },
    {
      name: 'the two-line trace, but the TOKEN authorizer has a regex that could also have rejected the token',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: {
          authorizer: { ...TOKEN_AUTHORIZER, identityValidationExpression: '^Bearer [-0-9a-zA-Z._]+$' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: "client response only, REQUEST authorizer configured: low, the Lambda's own Unauthorized answers the same 401",
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        config: {
          authorizer: { ...REQUEST_AUTHORIZER, identitySource: 'method.request.header.Authorization' },
        },
      }),
      confidence: 'low',
      summary:
        /^The request may not have carried method\.request\.header\.Authorization .*Whether the authorizer ran is not proven\.$/,
    },
    {
      name: 'an access log with UNAUTHORIZED and empty authorizer fields, TOKEN authorizer without regex',
      evidence: evidence({
        accessLog: {
          requestId: ID,
          status: '401',
          'error.responseType': 'UNAUTHORIZED',
          'authorizer.integrationStatus': '-',
          'authorizer.requestId': '-',
          'authorizer.error': 'Unauthorized',
        },
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
      confidence: 'medium',
    },
    {
      name: 'an access-log record alone, REQUEST authorizer, the authorizer fields not in the format: low',
      evidence: evidence({
        accessLog: UNAUTHORIZED_RECORD,
        config: { authorizer: REQUEST_AUTHORIZER },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'low',
    },
    {
      name: 'an access-log record alone, TOKEN authorizer with a regex, the call fields "-": medium (the regex too)',
      evidence: evidence({
        accessLog: {
          ...UNAUTHORIZED_RECORD,
          'authorizer.latency': '-',
          'authorizer.requestId': '-',
          'authorizer.principalId': '-',
        },
        config: { authorizer: { ...TOKEN_AUTHORIZER, identityValidationExpression: '^Bearer .+$' } },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'medium',
      evidence_lines: [/^The access log records no call .*requestId, \$context\.authorizer\.latency are "-"/],
    },
    {
      name: "the owner's own field names, flat and nested ($context.authorizer.latency as authorizerLatency): medium",
      evidence: evidence({
        accessLog: { ...UNAUTHORIZED_RECORD, authorizerLatency: '-', authorizer: { status: '' } },
        config: { authorizer: REQUEST_AUTHORIZER },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'medium',
    },
    {
      name: 'the call fields "-", but the function\'s log shows an invocation at the request time: low',
      evidence: evidence({
        accessLog: { ...UNAUTHORIZED_RECORD, 'authorizer.requestId': '-' },
        config: { authorizer: REQUEST_AUTHORIZER },
        request: { time: AT },
        ...functionLog(AT, [
          {
            lambdaRequestId: 'a1b2',
            start: AT + 30,
            end: AT + 80,
            coldStart: false,
            timedOut: false,
            unauthorized: true,
          },
        ]),
      }),
      confidence: 'low',
    },
    {
      name: 'the pretty-printed 401 alone',
      evidence: evidence({
        status: 401,
        body: '{\n    "message": "Unauthorized"\n}',
        errorType: 'UnauthorizedException',
      }),
      confidence: 'low',
      checklist: [/curl -i -H 'Authorization: <token>' https:\/\/<rest-api-id>\.execute-api\.<region>/],
    },
    {
      name: "a 401 for a REQUEST authorizer whose function's log is silent at the request time",
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        config: { authorizer: REQUEST_AUTHORIZER },
        request: { time: AT },
        ...functionLog(AT, []),
      }),
      confidence: 'high',
    },
    {
      name: 'a REQUEST authorizer listing two headers and two query strings: the curl sends all four',
      evidence: evidence({
        ...ANSWERED,
        log: TWO_LINES,
        config: {
          authorizer: {
            ...REQUEST_AUTHORIZER,
            identitySource:
              'method.request.header.Auth, method.request.header.X-Tenant, method.request.querystring.tenant, method.request.multivaluequerystring.tag',
          },
          stage: { stageName: 'prod' },
        },
        request: { region: REGION, restApiId: API },
      }),
      confidence: 'high',
      checklist: [
        `curl -i -H 'Auth: <Auth>' -H 'X-Tenant: <X-Tenant>' 'https://${API}.execute-api.${REGION}.amazonaws.com/prod/<path>?tenant=<tenant>&tag=<tag>'`,
      ],
    },
    {
      name: 'identity-source names are quoted and encoded for the shell and the URL, not pasted raw',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: {
            ...REQUEST_AUTHORIZER,
            identitySource: "method.request.header.X'Key, method.request.querystring.a&b",
          },
        },
      }),
      confidence: 'low',
      checklist: [
        `curl -i -H 'X'\\''Key: <token>' 'https://<rest-api-id>.execute-api.${REGION}.amazonaws.com/<stage>/<path>?a%26b=<a&b>'`,
      ],
    },
    {
      name: 'a stage variable the stage (its variables known) does not define: every request fails, high',
      evidence: evidence({
        ...ANSWERED,
        log: TWO_LINES,
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: { stageName: 'prod', variables: { env: 'production' } },
        },
        request: { region: REGION, restApiId: API },
      }),
      confidence: 'high',
      summary: EVERY_REQUEST,
      evidence_lines: [/^Stage prod defines no stage variable authVersion \(it defines env\)\.$/],
      checklist: [
        `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations op=replace,path=/variables/authVersion,value=<authVersion> --region ${REGION}`,
        `aws apigateway update-authorizer --rest-api-id ${API} --authorizer-id req042 --patch-operations '[{"op":"replace","path":"/identitySource","value":"method.request.header.Auth"}]' --region ${REGION}`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
        `curl -i -H 'Auth: <token>' https://${API}.execute-api.${REGION}.amazonaws.com/prod/<path>`,
      ],
    },
    {
      name: 'the same with no execution log at all (logging off): the configuration alone proves it, high',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: { stageName: 'prod', variables: { env: 'production' } },
        },
      }),
      confidence: 'high',
      summary: EVERY_REQUEST,
    },
    {
      name: 'the same, but the stage was updated after the request: its variables then are not known, not high',
      evidence: evidence({
        ...ANSWERED,
        request: { time: Date.UTC(2026, 10, 24, 9, 0, 0) },
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: {
            stageName: 'prod',
            variables: { env: 'production' },
            lastUpdatedDate: new Date(Date.UTC(2026, 10, 24, 10, 0, 0)),
          },
        },
      }),
      confidence: 'low',
    },
    {
      name: 'a stage read whole that has no variables at all (GetStage leaves the map out)',
      evidence: evidence({
        ...ANSWERED,
        config: { authorizer: STAGE_VARIABLE_AUTHORIZER, stage: { stageName: 'prod' } },
        sources: { 'config:stage': { read: 'complete' } },
      }),
      confidence: 'high',
      summary: EVERY_REQUEST,
      evidence_lines: [/^Stage prod defines no stage variables at all, so authVersion has no value\.$/],
    },
    {
      name: 'a stage variable set to an empty value counts as missing (present, not null, non-empty)',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: { stageName: 'prod', variables: { authVersion: '' } },
        },
      }),
      confidence: 'high',
      evidence_lines: ['Stage prod sets stage variable authVersion to an empty value.'],
    },
    {
      name: 'a stage variable named like an Object property (constructor) is not taken as defined',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: { ...REQUEST_AUTHORIZER, identitySource: 'stageVariables.constructor' },
          stage: { stageName: 'prod', variables: { env: 'production' } },
        },
      }),
      confidence: 'high',
      summary: /stage variable constructor, which stage prod does not set/,
      checklist: [/with no identity source left, authorization caching must be off \(TTL 0\)/],
    },
    {
      name: 'an undefined stage variable, but the method says Cognito: medium',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: { stageName: 'prod', variables: {} },
          method: { httpMethod: 'GET', resourcePath: '/', authorizationType: 'COGNITO_USER_POOLS' },
        },
      }),
      confidence: 'medium',
    },
    {
      name: 'a stage variable source with the stage unknown: neither claimed nor blamed on the client',
      evidence: evidence({ ...ANSWERED, config: { authorizer: STAGE_VARIABLE_AUTHORIZER } }),
      confidence: 'low',
      summary: NOT_CLAIMED,
      checklist: [
        /^curl cannot send stage variable authVersion: stage <stage> must set it to a non-empty value\./,
      ],
    },
    {
      name: 'a stage variable source the stage does define: not claimed',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: STAGE_VARIABLE_AUTHORIZER,
          stage: { stageName: 'prod', variables: { authVersion: 'v2' } },
        },
      }),
      confidence: 'low',
      summary: NOT_CLAIMED,
    },
    {
      name: "another stage's variables say nothing about the request's stage",
      evidence: evidence({
        ...ANSWERED,
        config: { authorizer: STAGE_VARIABLE_AUTHORIZER, stage: { stageName: 'dev', variables: {} } },
        request: { stage: 'prod' },
      }),
      confidence: 'low',
      summary: NOT_CLAIMED,
    },
    {
      name: 'a context source: the checklist says API Gateway sets it, curl cannot send it',
      evidence: evidence({
        ...ANSWERED,
        config: {
          authorizer: {
            ...REQUEST_AUTHORIZER,
            identitySource: 'method.request.header.Auth, context.httpMethod',
          },
        },
      }),
      confidence: 'low',
      summary: NOT_CLAIMED,
      checklist: [
        /^curl cannot send context\.httpMethod either: API Gateway sets that context value itself/,
        /\ncurl -i -H 'Auth: <token>' https:/,
      ],
    },
    {
      name: 'curl -v, its headers given whole, shows no Authorization header, authorizer unknown: medium',
      evidence: curlVerbose(['Accept: */*'], true),
      confidence: 'medium',
      evidence_lines: [
        /^The request as curl -v shows it, its headers given whole, carried no Authorization header/,
      ],
    },
    {
      name: 'curl -v with its header block cut: a header not shown may have been sent (low)',
      evidence: curlVerbose(['Accept: */*'], false),
      confidence: 'low',
    },
    {
      name: 'curl -v sent another header, authorizer unknown: it may be the identity source, and the Lambda said no (low)',
      evidence: curlVerbose(['Accept: */*', `X-Session: ${TOKEN}`], true),
      confidence: 'low',
    },
    {
      name: 'curl -v sent a query string, authorizer unknown: a REQUEST authorizer may read it (low)',
      evidence: curlVerbose(['Accept: */*'], true, '/prod/orders/7?token=abc'),
      confidence: 'low',
    },
    {
      name: 'curl -v sent Authorization, authorizer unknown: the Lambda may have said Unauthorized (low)',
      evidence: curlVerbose([`Authorization: Bearer ${TOKEN}`], true),
      confidence: 'low',
    },
    {
      name: 'curl -v sent Authorization, but the REQUEST authorizer reads Auth: medium, naming Auth',
      evidence: withConfig(curlVerbose([`Authorization: Bearer ${TOKEN}`], true), {
        authorizer: REQUEST_AUTHORIZER,
      }),
      confidence: 'medium',
      evidence_lines: [/carried no Auth header \(or sent it empty\)/],
    },
    {
      name: 'curl -v sent the REQUEST authorizer its Auth header: its query string is not read from the path (low)',
      evidence: withConfig(curlVerbose([`Auth: ${TOKEN}`], true), { authorizer: REQUEST_AUTHORIZER }),
      confidence: 'low',
    },
  ],
  ignores: [
    {
      name: 'curl -v without Authorization, answered 403 (no identity check answers so)',
      evidence: evidenceFromInput(
        [
          '> GET /prod/orders/7 HTTP/2',
          `> Host: ${API}.execute-api.${REGION}.amazonaws.com`,
          '> ',
          '< HTTP/2 403',
          '< x-amzn-errortype: AccessDeniedException',
          '< ',
          '{"Message":"User is not authorized to access this resource"}',
        ].join('\n'),
        'paste',
      ),
    },
    {
      name: 'an undefined stage variable, but the trace shows the Lambda ran (the configuration read is not what ran)',
      evidence: evidence({
        ...ANSWERED,
        log: cloudwatch(
          ID,
          `Starting authorizer: req042 for request: ${ID}`,
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          `Unauthorized request: ${ID}`,
        ),
        config: { authorizer: STAGE_VARIABLE_AUTHORIZER, stage: { stageName: 'prod', variables: {} } },
      }),
    },
    {
      name: 'an undefined stage variable, answered 403',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
        config: { authorizer: STAGE_VARIABLE_AUTHORIZER, stage: { stageName: 'prod', variables: {} } },
      }),
    },
    {
      name: "a 401 whose access log names the principal an authorizer's policy gave (no identity was missing)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: ID, status: '401', 'authorizer.principalId': 'user-4711' },
      }),
    },
    {
      name: "a 401 whose access log names the integration's status (the backend's 401)",
      evidence: evidence({
        status: 401,
        body: '{"message":"Unauthorized"}',
        accessLog: { requestId: ID, status: '401', 'integration.status': '401' },
      }),
    },
    {
      name: "the two-line trace answered 403 (how a missing route's trace reads)",
      evidence: evidence({ status: 403, log: TWO_LINES, config: { authorizer: REQUEST_AUTHORIZER } }),
    },
    {
      name: 'the Lambda ran and rejected the token itself (authorizer-returned-unauthorized)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          `Unauthorized request: ${ID}`,
          'Unauthorized',
        ),
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'the access log shows an authorizer invocation for this 401',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        accessLog: {
          requestId: ID,
          status: 401,
          'error.responseType': 'UNAUTHORIZED',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
        },
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'a 403 implicit deny',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
      }),
    },
    {
      name: 'a 500 authorizer configuration error',
      evidence: evidence({
        status: 500,
        body: '{"message":null}',
        errorType: 'AuthorizerConfigurationException',
      }),
    },
    {
      name: 'Missing Authentication Token (a route miss, not an identity source)',
      evidence: evidence({ status: 403, body: '{"message":"Missing Authentication Token"}' }),
    },
  ],
});

describe('what is left to settle after curl -v', () => {
  const headerQuestion = /Whether the failing request carried the identity-source header/;
  const settleOf = (given: Evidence) =>
    (evaluateRule(identitySourceMissing, given)?.settle ?? []).map((step) => english.t(step));

  it.each([
    ['its headers given whole, without Authorization: no longer asks whether it was sent', true, false],
    ['its header block cut: still asks', false, true],
  ])('%s', (_name, whole, asks) => {
    const steps = settleOf(curlVerbose(['Accept: */*'], whole));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.some((step) => headerQuestion.test(step))).toBe(asks);
  });
});
