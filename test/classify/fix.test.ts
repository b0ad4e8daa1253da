import type { Evidence, StageConfig } from '../../src/evidence/types';
import type { Finding, Rule } from '../../src/classify/types';
import { evaluateRule } from '../../src/classify/classify';
import { authorizerInvokePermission } from '../../src/classify/rules/authorizer-invoke-permission';
import { missingAuthenticationToken } from '../../src/classify/rules/missing-authentication-token';
import { resourcePolicyExplicitDeny } from '../../src/classify/rules/resource-policy-explicit-deny';
import { english } from '../../src/render/localize';
import { authorizerSourceArn } from '../../src/classify/fix';
import { API, ARN_PREFIX, REGION, authorizerUriInvalid, evidence } from '../support/evidence';

/**
 * The rules' redeploy step on a stage with a canary release. The API Gateway developer guide ("Create a canary
 * release deployment"): "In any subsequent API deployments to the same stage, you must always specify
 * canarySettings as an input, until the canary is disabled on that stage", and such a deployment goes to the
 * canary while the stage keeps its own deployment; so the step deploys to the canary and then promotes it.
 */

const ID = 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyOutsideCorp',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
    },
  ],
});
const DENIED = `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN_PREFIX}/prod/GET/pets with an explicit deny`;

type Build = (stage: StageConfig | undefined) => Evidence;

const RULES: ReadonlyArray<readonly [string, Rule, Build]> = [
  [
    'resource-policy-explicit-deny',
    resourcePolicyExplicitDeny,
    (stage) =>
      evidence({
        status: 403,
        body: `{"Message":"${DENIED}"}`,
        accessLog: { requestId: ID, ip: '203.0.113.9', status: 403, 'error.responseType': 'ACCESS_DENIED' },
        request: { stage: 'prod' },
        config: { restApi: { id: API, policy: POLICY }, ...(stage ? { stage } : {}) },
      }),
  ],
  [
    'missing-authentication-token',
    missingAuthenticationToken,
    (stage) =>
      evidence({
        status: 403,
        body: '{"message":"Missing Authentication Token"}',
        accessLog: { requestId: ID, status: 403, 'error.responseType': 'MISSING_AUTHENTICATION_TOKEN' },
        request: { stage: 'prod', region: REGION },
        config: { restApi: { id: API }, ...(stage ? { stage } : {}) },
      }),
  ],
  [
    'authorizer-invoke-permission',
    authorizerInvokePermission,
    (stage) =>
      evidence({
        status: 500,
        body: '{"message":null}',
        log: authorizerUriInvalid(ID),
        request: { stage: 'prod', region: REGION },
        config: { restApi: { id: API }, ...(stage ? { stage } : {}) },
      }),
  ],
];

const CANARY = { deploymentId: 'dep2', percentTraffic: 10, stageVariableOverrides: { authFn: 'auth-v2' } };
const PLAIN = `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`;
const TO_CANARY = (settings: string) =>
  `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --canary-settings '${settings}' --region ${REGION}`;
const PROMOTE = (overrides: boolean) =>
  `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations` +
  ' op=copy,path=/deploymentId,from=/canarySettings/deploymentId' +
  ' op=replace,path=/canarySettings/percentTraffic,value=0.0' +
  (overrides ? ' op=copy,path=/variables,from=/canarySettings/stageVariableOverrides' : '') +
  ` --region ${REGION}`;

const STAGES: ReadonlyArray<readonly [string, StageConfig | undefined, string, RegExp]> = [
  ['the stage was not read', undefined, PLAIN, /^Redeploy the stage/],
  ['the stage has no canary', { stageName: 'prod', deploymentId: 'dep1' }, PLAIN, /^Redeploy the stage/],
  [
    'another stage has a canary (the one read is not the request’s)',
    { stageName: 'beta', deploymentId: 'dep1', canarySettings: CANARY },
    PLAIN,
    /^Redeploy the stage/,
  ],
  [
    'the request’s stage has a canary with stage-variable overrides',
    { stageName: 'prod', deploymentId: 'dep1', canarySettings: CANARY },
    `${TO_CANARY('{"percentTraffic":10,"stageVariableOverrides":{"authFn":"auth-v2"}}')}\n${PROMOTE(true)}`,
    /^Deploy to stage prod's canary, then promote it, .*every deployment goes to the canary \(10% of requests\)/,
  ],
  [
    'the request’s stage has a canary already promoted (0%, stage cache on)',
    {
      stageName: 'prod',
      deploymentId: 'dep2',
      canarySettings: { deploymentId: 'dep2', percentTraffic: 0, useStageCache: true },
    },
    `${TO_CANARY('{"percentTraffic":0,"useStageCache":true}')}\n${PROMOTE(false)}`,
    /\(0% of requests\)/,
  ],
];

const CASES = RULES.flatMap(([rule, r, build]) =>
  STAGES.map(([stage, config, command, text]) => [rule, stage, r, build(config), command, text] as const),
);

it.each(CASES)('%s, %s: the redeploy step', (_rule, _stage, rule, facts, command, text) => {
  const finding = evaluateRule(rule, facts) as Finding;
  expect(finding).toBeDefined();
  const steps = finding.checklist.filter((step) => step.command?.includes('create-deployment'));
  expect(steps).toHaveLength(1);
  expect(steps[0]?.command).toBe(command);
  expect(english.t(steps[0]!.text)).toMatch(text);
  expect(finding.checklist.some((step) => step.command?.includes(PLAIN))).toBe(command === PLAIN);
});

it.each([
  ['us-east-1', 'arn:aws:execute-api:us-east-1:'],
  ['cn-north-1', 'arn:aws-cn:execute-api:cn-north-1:'],
  ['us-gov-west-1', 'arn:aws-us-gov:execute-api:us-gov-west-1:'],
])('ARNs in fix commands carry the partition of the region (%s)', (region, prefix) => {
  const ids = { restApiId: API, authorizerId: 'auth01', accountId: '111122223333', region };
  expect(authorizerSourceArn(ids as Parameters<typeof authorizerSourceArn>[0])).toMatch(
    new RegExp(`^${prefix.replace(/[.*]/g, '\\$&')}111122223333:${API}/authorizers/auth01$`),
  );
});
