import nock from 'nock';
import { AwsClientPool } from '../../src/aws/clients';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { runDoctor, type DoctorFinding, type DoctorReport } from '../../src/doctor';
import { english } from '../../src/render/localize';
import { why403 } from '../support/cli';
import { REGION, apiGateway, filterLogEvents } from '../support/aws-wire';
import {
  ACCOUNT,
  account,
  callerIdentity,
  getPolicy,
  restApiConfiguration,
  simulatePrincipalPolicy,
} from './support/wire';

/**
 * `why403 doctor` through the real AWS SDK against nock in AWS's wire formats, on what its last review found it
 * either missed (API-key methods on a stage in no usage plan, a private API without a resource policy) or claimed
 * beyond what it read (a listing cut short, authorizers taken to be in use, a cache trap keyed on context values).
 * A read that fails must lower what doctor claims and say what it could not read, never add a must-change.
 */

const APIGW = `https://apigateway.${REGION}.amazonaws.com`;
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const API = 'a1b2c3d4e5';
const OTHER = 'f6g7h8i9j0';
const EXECUTE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-authorizer`;
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const FORMAT =
  '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType","authorizerError":"$context.authorizer.error","authorizerStatus":"$context.authorizer.status","principalId":"$context.authorizer.principalId","authorizerRequestId":"$context.authorizer.requestId","authorizerIntegrationStatus":"$context.authorizer.integrationStatus","wafError":"$context.waf.error","wafStatus":"$context.waf.status","wafResponseCode":"$context.wafResponseCode"}';

function stageBody(name = 'prod'): object {
  return {
    stageName: name,
    deploymentId: `dep-${name}`,
    createdDate: 1_767_225_600,
    lastUpdatedDate: 1_767_225_600,
    methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    accessLogSettings: {
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/orders-access`,
      format: FORMAT,
    },
  };
}

function authorizer(extra: object = {}): object {
  return {
    id: 'auth01',
    name: 'orders-jwt',
    type: 'TOKEN',
    authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`,
    identitySource: 'method.request.header.Authorization',
    authorizerResultTtlInSeconds: 0,
    ...extra,
  };
}

function method(extra: object = {}): object {
  return { httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false, ...extra };
}

function resources(methods: Record<string, object>): object[] {
  return [
    { id: 'r00t01', path: '/', resourceMethods: {} },
    { id: 'ord002', parentId: 'r00t01', pathPart: 'orders', path: '/orders', resourceMethods: methods },
  ];
}

/** The account-wide reads every run makes (the caller, the CloudWatch role, the permission simulation). */
function accountReads(): void {
  account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
  callerIdentity();
  simulatePrincipalPolicy();
}

function errorReply(status: number, type: string, message: string) {
  return [status, { message }, { 'x-amzn-errortype': type }] as const;
}

const DENIED = errorReply(403, 'AccessDeniedException', 'User is not authorized to perform apigateway:GET');
const THROTTLED = errorReply(429, 'TooManyRequestsException', 'Too Many Requests');
const FAILING = errorReply(503, 'ServiceUnavailableException', 'Service Unavailable');

/**
 * A read that fails: AccessDenied once (it is not retried), throttling and 5xx on each of the six tries the readers
 * make, so that the read is really lost.
 */
function failing(path: string, reply: readonly [number, object, Record<string, string>]): nock.Scope {
  return nock(APIGW)
    .get(path)
    .query(true)
    .times(reply[0] === 403 ? 1 : 6)
    .reply(reply[0], reply[1], reply[2]);
}

async function doctor(restApiId?: string): Promise<DoctorReport> {
  const aws = new AwsClientPool({
    credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
    requestTimeoutMs: 2000,
    retry: { sleep: async () => undefined },
  });
  return runDoctor(
    { ...(restApiId ? { restApiId } : {}), region: REGION },
    { aws, config: DEFAULT_CONFIG, now: () => NOW },
  );
}

function worded(findings: DoctorFinding[], check: string) {
  return findings
    .filter((finding) => finding.check === check)
    .map((finding) => ({
      severity: finding.severity,
      title: english.t(finding.title),
      why: english.t(finding.why),
      fix: finding.fix.map((step) => english.t(step.text)),
      commands: finding.fix.flatMap((step) => (step.command ? [step.command] : [])),
      evidence: finding.evidence.map((e) => english.t(e)),
    }));
}

describe('a region listing that fails on a later page', () => {
  it.each([
    ['AccessDenied', DENIED, 'AWS denied apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis.'],
    ['throttling to exhaustion', THROTTLED, 'GetRestApis was throttled or failed after retries.'],
    ['a 5xx to exhaustion', FAILING, 'GetRestApis was throttled or failed after retries.'],
  ])('keeps the APIs of the pages read and reports the rest as unread (%s)', async (_name, reply, why) => {
    nock(APIGW)
      .get('/restapis')
      .query({ limit: '500' })
      .reply(200, { item: [{ id: API, name: 'orders', createdDate: 1_767_225_600 }], position: 'page2' });
    failing('/restapis', reply);
    restApiConfiguration(API, { resources: resources({ GET: method() }), stages: [stageBody()] });
    accountReads();

    const report = await doctor();

    expect(report.apis.map((api) => api.restApiId)).toEqual([API]);
    expect(worded(report.findings, 'could-not-check')).toEqual([
      expect.objectContaining({
        severity: 'advice',
        title:
          'Could not check the rest of the REST APIs of eu-west-1 (only the first 1 was listed, and checked)',
        why: expect.stringContaining(why),
      }),
    ]);
    expect(report.mustChange).toBe(0);
  });

  it('says the whole listing was unread when its first page fails', async () => {
    failing('/restapis', DENIED);

    const report = await doctor();

    expect(report.apis).toEqual([]);
    expect(worded(report.findings, 'could-not-check').map((f) => f.title)).toEqual([
      'Could not check the REST APIs of eu-west-1',
    ]);
  });

  it('checks every API when all pages are read', async () => {
    nock(APIGW)
      .get('/restapis')
      .query({ limit: '500' })
      .reply(200, { item: [{ id: API }], position: 'page2' })
      .get('/restapis')
      .query({ limit: '500', position: 'page2' })
      .reply(200, { item: [{ id: OTHER }] });
    restApiConfiguration(API, { resources: resources({ GET: method() }), stages: [stageBody()] });
    restApiConfiguration(OTHER, { resources: resources({ GET: method() }), stages: [stageBody()] });
    accountReads();

    const report = await doctor();

    expect(report.apis.map((api) => api.restApiId).sort()).toEqual([API, OTHER].sort());
    expect(worded(report.findings, 'could-not-check')).toEqual([]);
  });
});

describe('methods that require an API key, against the usage plans', () => {
  const keyed = () =>
    resources({ GET: method({ apiKeyRequired: true }), POST: method({ httpMethod: 'POST' }) });

  function usagePlans(pages: object[][]): void {
    pages.forEach((plans, i) => {
      nock(APIGW)
        .get('/usageplans')
        .query(i === 0 ? { limit: '500' } : { limit: '500', position: `up${i}` })
        .reply(200, { item: plans, ...(i < pages.length - 1 ? { position: `up${i + 1}` } : {}) });
    });
  }

  const plan = (id: string, ...stages: Array<[string, string]>) => ({
    id,
    name: `plan-${id}`,
    apiStages: stages.map(([apiId, stage]) => ({ apiId, stage })),
  });

  it.each<[string, object[][], string[]]>([
    ['a plan lists the stage', [[plan('p1', [API, 'prod'])]], []],
    [
      'the plan that lists it is on a later page',
      [[plan('p1', [OTHER, 'prod'])], [plan('p2', [API, 'prod'])]],
      [],
    ],
    [
      'plans list only another stage and another API',
      [[plan('p1', [API, 'dev'], [OTHER, 'prod'])]],
      ['must-change'],
    ],
    ['there is no usage plan at all', [[]], ['must-change']],
  ])('%s', async (_name, pages, severities) => {
    restApiConfiguration(API, { resources: keyed(), stages: [stageBody()] });
    usagePlans(pages);
    accountReads();

    const report = await doctor(API);

    const findings = worded(report.findings, 'api-key-usage-plan');
    expect(findings.map((f) => f.severity)).toEqual(severities);
    expect(report.passed.filter((p) => p.check === 'api-key-usage-plan')).toHaveLength(
      severities.length === 0 ? 1 : 0,
    );
  });

  it('names the methods, says why every call gets 403 and gives the commands', async () => {
    restApiConfiguration(API, { resources: keyed(), stages: [stageBody()] });
    usagePlans([[plan('p1', [API, 'dev'])]]);
    accountReads();

    const [finding] = worded((await doctor(API)).findings, 'api-key-usage-plan');

    expect(finding.title).toBe('Stage prod is in no usage plan, but GET /orders require an API key');
    expect(finding.why).toContain('every call to these methods gets 403 Forbidden');
    expect(finding.commands).toEqual([
      `aws apigateway update-usage-plan --usage-plan-id p1 --patch-operations op=add,path=/apiStages,value=${API}:prod --region ${REGION}`,
      [
        `aws apigateway create-usage-plan --name ${API}-prod --api-stages apiId=${API},stage=prod --region ${REGION}`,
        `aws apigateway create-usage-plan-key --usage-plan-id <usage-plan-id> --key-id <api-key-id> --key-type API_KEY --region ${REGION}`,
      ].join('\n'),
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`,
    ]);
    expect(finding.evidence).toEqual([
      `No usage plan of this account and region lists ${API}/prod (1 usage plan read).`,
    ]);
  });

  it.each([
    [
      'AccessDenied',
      DENIED,
      'AWS denied apigateway:GET on arn:aws:apigateway:eu-west-1::/usageplans.',
      'Grant apigateway:GET on arn:aws:apigateway:eu-west-1::/usageplans to the identity why403 runs as (iam/why403-doctor.json), then run doctor again.',
    ],
    [
      'throttling to exhaustion',
      THROTTLED,
      'GetUsagePlans was throttled or failed after retries.',
      'Run doctor again in a minute.',
    ],
    [
      'a 5xx to exhaustion',
      FAILING,
      'GetUsagePlans was throttled or failed after retries.',
      'Run doctor again in a minute.',
    ],
  ])('says it could not check, and claims nothing, on %s', async (_name, reply, why, fix) => {
    restApiConfiguration(API, { resources: keyed(), stages: [stageBody()] });
    failing('/usageplans', reply);
    accountReads();

    const report = await doctor(API);

    expect(worded(report.findings, 'api-key-usage-plan')).toEqual([]);
    expect(worded(report.findings, 'could-not-check')).toEqual([
      expect.objectContaining({
        severity: 'advice',
        title: `Could not check the usage plans that the API keys of API ${API} must be in`,
        why: expect.stringContaining(why),
        fix: [fix],
      }),
    ]);
    expect(report.mustChange).toBe(0);
  });

  it('does not read the usage plans when no method requires a key', async () => {
    restApiConfiguration(API, { resources: resources({ GET: method() }), stages: [stageBody()] });
    let asked = false;
    nock(APIGW)
      .get('/usageplans')
      .query(true)
      .optionally()
      .reply(() => {
        asked = true;
        return [200, { item: [] }];
      });
    accountReads();

    const report = await doctor(API);

    expect(asked).toBe(false);
    expect(report.findings.filter((f) => /usage plan/i.test(english.t(f.title)))).toEqual([]);
  });
});

describe('a private API and its resource policy', () => {
  const POLICY = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXECUTE_API}/*` },
    ],
  });

  it.each<[string, object, string[]]>([
    [
      'private, no policy',
      { endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d'] } },
      ['must-change'],
    ],
    [
      'private, an empty policy',
      { endpointConfiguration: { types: ['PRIVATE'] }, policy: '' },
      ['must-change'],
    ],
    ['private, with a policy', { endpointConfiguration: { types: ['PRIVATE'] }, policy: POLICY }, []],
    ['regional, no policy', { endpointConfiguration: { types: ['REGIONAL'] } }, []],
    ['edge, no policy', { endpointConfiguration: { types: ['EDGE'] } }, []],
  ])('%s', async (_name, restApi, severities) => {
    restApiConfiguration(API, { restApi, resources: resources({ GET: method() }), stages: [stageBody()] });
    accountReads();

    const report = await doctor(API);

    expect(worded(report.findings, 'private-api-resource-policy').map((f) => f.severity)).toEqual(severities);
  });

  it('gives a policy for the API’s own VPC endpoints and the redeploy of each stage', async () => {
    restApiConfiguration(API, {
      restApi: { endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d'] } },
      resources: resources({ GET: method() }),
      stages: [stageBody('prod'), stageBody('dev')],
    });
    accountReads();

    const [finding] = worded((await doctor(API)).findings, 'private-api-resource-policy');

    expect(finding.title).toBe(`Private API ${API} has no resource policy`);
    expect(finding.why).toContain("Private REST API doesn't have a resource policy attached to it");
    expect(finding.commands[0]).toContain(
      `aws apigateway update-rest-api --rest-api-id ${API} --patch-operations`,
    );
    expect(finding.commands[0]).toContain('\\"aws:SourceVpce\\":\\"vpce-0a1b2c3d\\"');
    expect(finding.commands[0]).toContain(`${EXECUTE_API}/*`);
    expect(finding.commands[1].split('\n').sort()).toEqual([
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name dev --region ${REGION}`,
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`,
    ]);
  });

  it('says nothing about the policy when the API itself could not be read', async () => {
    failing(`/restapis/${API}`, DENIED);
    apiGateway(`/restapis/${API}/authorizers`, { item: [] }, { limit: '500' });
    apiGateway(
      `/restapis/${API}/resources`,
      { item: resources({ GET: method() }) },
      { embed: 'methods', limit: '500' },
    );
    apiGateway(`/restapis/${API}/stages`, { item: [stageBody()] });
    accountReads();

    const report = await doctor(API);

    expect(worded(report.findings, 'private-api-resource-policy')).toEqual([]);
    expect(worded(report.findings, 'could-not-check').map((f) => f.title)).toContain(
      `Could not check API ${API} (resource policy, endpoint type)`,
    );
  });
});

describe('authorizers taken to be in use because the methods could not be read', () => {
  /** A function policy whose SourceArn is written for methods: it does not cover the authorizer. */
  const methodsOnly = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: FUNCTION,
        Condition: { ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/GET/orders` } },
      },
    ],
  };

  function configuration(resourcesRead: 'ok' | readonly [number, object, Record<string, string>]): void {
    apiGateway(`/restapis/${API}`, {
      id: API,
      name: 'orders',
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    apiGateway(`/restapis/${API}/authorizers`, { item: [authorizer()] }, { limit: '500' });
    if (resourcesRead === 'ok')
      apiGateway(
        `/restapis/${API}/resources`,
        { item: resources({ GET: method({ authorizationType: 'CUSTOM', authorizerId: 'auth01' }) }) },
        { embed: 'methods', limit: '500' },
      );
    else failing(`/restapis/${API}/resources`, resourcesRead);
    apiGateway(`/restapis/${API}/stages`, { item: [stageBody()] });
    getPolicy(FUNCTION, methodsOnly);
    accountReads();
  }

  it.each<[string, 'ok' | readonly [number, object, Record<string, string>], string, RegExp]>([
    ['the methods were read: a must-change', 'ok', 'must-change', /^API Gateway may not invoke/],
    [
      'GetResources was denied: unverified advice',
      DENIED,
      'advice',
      /^Unverified \(the methods could not be read/,
    ],
    [
      'GetResources was throttled to exhaustion: unverified advice',
      THROTTLED,
      'advice',
      /^Unverified \(the methods could not be read/,
    ],
    [
      'GetResources kept failing: unverified advice',
      FAILING,
      'advice',
      /^Unverified \(the methods could not be read/,
    ],
  ])('the missing invoke permission when %s', async (_name, read, severity, title) => {
    configuration(read);

    const report = await doctor(API);

    const [finding] = worded(report.findings, 'authorizer-invoke-permission');
    expect(finding.severity).toBe(severity);
    expect(finding.title).toMatch(title);
    if (read !== 'ok') {
      expect(finding.evidence).toContain(
        'Whether any method uses this authorizer is not known: the methods could not be read (see above). If none does, it cannot fail a request.',
      );
      expect(worded(report.findings, 'could-not-check').map((f) => f.title)).toContain(
        `Could not check the methods of API ${API}`,
      );
      expect(report.mustChange).toBe(0);
    }
  });
});

describe('the cache trap of an authorizer whose identity sources include context variables', () => {
  /** One authorizer call in the stage's execution log, returning a policy for exactly the method asked about. */
  function outputs(): void {
    const id = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    const at = NOW - 60_000;
    const methodArn = `${EXECUTE_API}/prod/GET/orders`;
    const result = {
      principalId: 'user-4711',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }],
      },
    };
    filterLogEvents(GROUP, {
      events: [
        { timestamp: at, message: `(${id}) Starting authorizer: auth01 for request: ${id}` },
        {
          timestamp: at + 3,
          message: `(${id}) Endpoint request body after transformations: {"type":"REQUEST","methodArn":"${methodArn}"}`,
        },
        {
          timestamp: at + 6,
          message: `(${id}) Authorizer result body before parsing: ${JSON.stringify(result)}`,
        },
      ],
    });
  }

  it.each<[string, object, string, RegExp]>([
    [
      'a TOKEN authorizer',
      { type: 'TOKEN' },
      'must-change',
      /^Authorizer orders-jwt \(auth01\) caches results/,
    ],
    [
      'a REQUEST authorizer on a header and a stage variable',
      { type: 'REQUEST', identitySource: 'method.request.header.Authorization, stageVariables.tenant' },
      'must-change',
      /returned a policy for one method only \(1 of 1 outputs in the last 6 h\)$/,
    ],
    [
      'a REQUEST authorizer also on the method and resource path',
      {
        type: 'REQUEST',
        identitySource: 'method.request.header.Authorization, context.httpMethod, context.resourcePath',
      },
      'advice',
      /whether its context identity sources \(context\.httpMethod, context\.resourcePath\) keep methods apart in the cache could not be confirmed$/,
    ],
    [
      'a REQUEST authorizer on any context variable',
      { type: 'REQUEST', identitySource: 'method.request.header.Authorization,context.identity.sourceIp' },
      'advice',
      /\(context\.identity\.sourceIp\) keep methods apart in the cache could not be confirmed$/,
    ],
  ])('%s', async (_name, extra, severity, title) => {
    apiGateway(`/restapis/${API}`, {
      id: API,
      name: 'orders',
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    apiGateway(
      `/restapis/${API}/authorizers`,
      { item: [authorizer({ authorizerResultTtlInSeconds: 300, ...extra })] },
      { limit: '500' },
    );
    apiGateway(
      `/restapis/${API}/resources`,
      { item: resources({ GET: method({ authorizationType: 'CUSTOM', authorizerId: 'auth01' }) }) },
      { embed: 'methods', limit: '500' },
    );
    apiGateway(`/restapis/${API}/stages`, { item: [stageBody()] });
    getPolicy(FUNCTION, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION,
        },
      ],
    });
    outputs();
    accountReads();

    const report = await doctor(API);

    const [finding] = worded(report.findings, 'authorizer-cache-trap');
    expect([finding.severity, finding.title]).toEqual([severity, expect.stringMatching(title)]);
    if (severity === 'advice') {
      expect(finding.why).toContain('AWS documents that a REQUEST authorizer derives its cache key');
      expect(finding.why).toContain(
        'A policy that covers every method the caller may use is safe either way.',
      );
    }
  });
});

describe('what the terminal and JSON reports say could not be read', () => {
  function partialListing(): void {
    nock(APIGW)
      .get('/restapis')
      .query({ limit: '500' })
      .reply(200, { item: [{ id: API }], position: 'page2' });
    failing('/restapis', DENIED);
    restApiConfiguration(API, {
      resources: resources({ GET: method({ apiKeyRequired: true }) }),
      stages: [stageBody()],
    });
    failing('/usageplans', DENIED);
    accountReads();
  }

  it('lists the unread rest of the region and the unread usage plans in the JSON', async () => {
    partialListing();

    const run = await why403(['doctor', '--region', REGION, '--json']);

    const report = JSON.parse(run.stdout) as { mustChange: number; apis: Array<{ restApiId: string }> } & {
      findings: Array<{ check: string; severity: string; title: string; why: string }>;
    };
    expect(report.apis.map((api) => api.restApiId)).toEqual([API]);
    expect(report.mustChange).toBe(0);
    expect(report.findings.filter((f) => f.check === 'could-not-check')).toEqual([
      expect.objectContaining({
        severity: 'advice',
        title:
          'Could not check the rest of the REST APIs of eu-west-1 (only the first 1 was listed, and checked)',
      }),
      expect.objectContaining({
        severity: 'advice',
        title: `Could not check the usage plans that the API keys of API ${API} must be in`,
        why: 'AWS denied apigateway:GET on arn:aws:apigateway:eu-west-1::/usageplans.',
      }),
    ]);
  });

  it('says the same in the terminal, and does not claim the next incident can be diagnosed', async () => {
    partialListing();

    const run = await why403(['doctor', '--region', REGION]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Could not check the rest of the REST APIs of eu-west-1 (only the first 1 was listed, and checked)',
    );
    expect(run.stdout).toContain(
      `Could not check the usage plans that the API keys of API ${API} must be in`,
    );
    expect(run.stdout).toContain('Nothing found that must change, but 2 checks could not run');
  });
});
