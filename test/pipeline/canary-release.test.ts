import { lookUpConfig, type ApiSnapshot } from '../../src/gather/api-config';
import { canaryFlag, releaseSnapshot } from '../../src/gather/canary';

/** The canary's view of a stage: its deployment and its stage-variable overrides; the access log's flag. */

const URI = (fn: string) =>
  `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${fn}/invocations`;
const AUTHORIZER = { id: 'a1', name: 'jwt', type: 'TOKEN', authorizerUri: URI('${stageVariables.authFn}') };
const RESOURCES = [
  {
    path: '/orders',
    methods: { GET: { httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'a1' } },
  },
];
const SNAPSHOT: ApiSnapshot = {
  authorizers: [AUTHORIZER],
  resources: RESOURCES,
  stage: { stageName: 'prod', deploymentId: 'dep1', variables: { authFn: 'auth-v1', other: 'x' } },
  deployed: { authorizers: [AUTHORIZER], resources: RESOURCES, authorizerNames: {} },
  canary: {
    settings: { deploymentId: 'dep2', percentTraffic: 5, stageVariableOverrides: { authFn: 'auth-v2' } },
    status: { read: 'complete' },
  },
  sources: { 'config:deployment': { read: 'complete' } },
};
const KEYS = { httpMethod: 'GET', path: '/orders' };

it.each([
  ['production', 'auth-v1', 'deployed'],
  ['unknown', 'auth-v1', 'deployed'],
  ['canary', 'auth-v2', 'live'],
] as const)('a request served by %s calls %s, judged %s', (served, fn, judged) => {
  const view = releaseSnapshot(SNAPSHOT, served);
  const found = lookUpConfig(view, KEYS);
  expect(found.config.authorizer?.authorizerUri).toBe(URI(fn));
  expect(found.judged).toBe(judged);
  if (served === 'canary') expect(view.stage?.variables).toEqual({ authFn: 'auth-v2', other: 'x' });
});

it.each([
  [{ 'context.isCanaryRequest': 'true' }, 'canary'],
  [{ isCanaryRequest: 'false' }, 'production'],
  [{ canary: true }, 'canary'],
  [{ 'context.isCanaryRequest': '-' }, undefined],
  [{}, undefined],
])('access-log record %j → %s', (record, release) => {
  expect(canaryFlag(record)).toBe(release);
});
