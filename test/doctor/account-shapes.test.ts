import readOnlyPolicy from '../../iam/why403-read-only.json';
import { runDoctor } from '../../src/doctor';
import type { DoctorFinding } from '../../src/doctor';
import { english } from '../../src/render/localize';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../src/sandbox/fake-aws';
import type { IdentityWorld } from '../../src/sandbox/fake-aws/identity-world';
import type { FakeAwsWorld, FakeRestApi } from '../../src/sandbox/fake-aws/types';
import { serviceAt } from '../support/sandbox-service';

/**
 * `doctor` through the real SDK against simulated accounts of shapes the sandbox does not have: an authorizer function
 * in another region or deleted, a permission tied to a source account, reads AWS refuses, a private API and a
 * resource policy that tests the caller's address. Each shape once made doctor say more than it had read, or give a
 * command that would fail.
 */

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const API = 'shape00001';
const EXECUTE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
const fn = (name: string, region = REGION) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;
const CORE_WAF =
  '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType","wafError":"$context.waf.error","wafStatus":"$context.waf.status","wafResponseCode":"$context.wafResponseCode"}';
const WITH_AUTHORIZER = CORE_WAF.replace(
  /}$/,
  ',"authorizerError":"$context.authorizer.error","authorizerStatus":"$context.authorizer.status","principalId":"$context.authorizer.principalId","authorizerRequestId":"$context.authorizer.requestId","authorizerIntegrationStatus":"$context.authorizer.integrationStatus"}',
);

function stage(name: string, format: string) {
  return {
    stageName: name,
    deploymentId: `dep${name}`,
    methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    accessLogSettings: {
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/access/${name}`,
      format,
    },
  };
}

function authorizerApi(functionArn: string, parts: Partial<FakeRestApi> = {}): FakeRestApi {
  return {
    restApi: { id: API, name: 'shapes', createdDate: 1, endpointConfiguration: { types: ['REGIONAL'] } },
    authorizers: [
      {
        id: 'au1',
        name: 'jwt',
        type: 'TOKEN',
        authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 0,
      },
    ],
    stages: { prod: stage('prod', WITH_AUTHORIZER) },
    resources: [
      {
        id: 'r1',
        path: '/items',
        resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'au1' } },
      },
    ],
    ...parts,
  };
}

function invokePolicy(name: string, condition?: Record<string, unknown>) {
  return {
    policy: {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: fn(name),
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    },
  };
}

function world(api: FakeRestApi, functions: IdentityWorld['functions'] = {}): FakeAwsWorld & IdentityWorld {
  return {
    region: REGION,
    accountId: ACCOUNT,
    logGroups: {},
    restApis: { [API]: api },
    account: { cloudwatchRoleArn: `arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch` },
    caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/s1` },
    principals: { [`arn:aws:iam::${ACCOUNT}:role/why403-bot`]: { policies: [readOnlyPolicy] } },
    functions,
  };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function doctor(shape: FakeAwsWorld, faults: FakeAwsOptions = {}) {
  fake = await startFakeAws(shape, faults);
  const service = serviceAt(fake.url, NOW);
  return runDoctor(
    { restApiId: API, region: REGION },
    { aws: service.aws, config: service.config, now: () => NOW },
  );
}

function about(findings: DoctorFinding[], check: string) {
  return findings
    .filter((f) => f.check === check || (f.check === 'could-not-check' && check === 'unchecked'))
    .map((f) => ({
      severity: f.severity,
      title: english.t(f.title),
      why: english.t(f.why),
      commands: f.fix.flatMap((step) => (step.command ? [step.command] : [])),
      evidence: f.evidence.map((e) => english.t(e)),
    }));
}

describe("the authorizer function's invoke permission", () => {
  it("is not a must-change when why403 cannot tell its account and the permission names the API's", async () => {
    const shape = world(authorizerApi(fn('auth')), {
      [fn('auth')]: invokePolicy('auth', { ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/authorizers/*` } }),
    });

    const report = await doctor(shape, { deny: [{ operation: 'GetCallerIdentity' }] });

    expect(about(report.findings, 'authorizer-invoke-permission')).toEqual([]);
    const [finding] = report.findings.filter((f) => english.t(f.title).includes('authorizer jwt'));
    expect([finding.check, finding.severity]).toEqual(['could-not-check', 'advice']);
    expect(english.t(finding.title)).toBe(
      `Could not confirm that API Gateway may invoke the function of authorizer jwt (au1): the permission covers it only if the API is in account ${ACCOUNT}`,
    );
    expect(report.mustChange).toBe(0);
  });

  it('still must change when no account would make the permission cover the authorizer', async () => {
    const shape = world(authorizerApi(fn('auth')), {
      [fn('auth')]: invokePolicy('auth', { ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/GET/items` } }),
    });

    const report = await doctor(shape, { deny: [{ operation: 'GetCallerIdentity' }] });

    expect(about(report.findings, 'authorizer-invoke-permission').map((f) => f.severity)).toEqual([
      'must-change',
    ]);
  });

  it('names the source account a permission is tied to when it is not the API account', async () => {
    const shape = world(authorizerApi(fn('auth')), {
      [fn('auth')]: invokePolicy('auth', { StringEquals: { 'AWS:SourceAccount': '210987654321' } }),
    });

    const [finding] = about((await doctor(shape)).findings, 'authorizer-invoke-permission');

    expect(finding.severity).toBe('must-change');
    expect(finding.evidence).toEqual([
      'apigateway.amazonaws.com is allowed only for SourceArn * from account 210987654321',
    ]);
  });

  it("grants the permission in the function's own region, not the API's", async () => {
    const far = fn('auth', 'us-east-1');
    const shape = world(authorizerApi(far), {
      [far]: invokePolicy('auth', { ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/GET/items` } }),
    });

    const [finding] = about((await doctor(shape)).findings, 'authorizer-invoke-permission');

    expect(finding.commands).toEqual([
      `aws lambda add-permission --function-name ${far} --statement-id apigateway-authorizer-au1 --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn ${EXECUTE_API}/authorizers/au1 --region us-east-1`,
    ]);
  });

  it('redeploys each real stage when the function is gone, and does not blame a SourceArn', async () => {
    const shape = world(
      authorizerApi(fn('deleted'), {
        stages: { prod: stage('prod', WITH_AUTHORIZER), dev: stage('dev', WITH_AUTHORIZER) },
      }),
    );

    const [finding] = about((await doctor(shape)).findings, 'authorizer-invoke-permission');

    expect(finding.title).toBe(
      `Authorizer jwt (au1) points at a function that does not exist: ${fn('deleted')}`,
    );
    expect(finding.commands.join('\n').split('\n').sort()).toEqual([
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name dev --region ${REGION}`,
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region ${REGION}`,
    ]);
    expect(finding.why).not.toMatch(/SourceArn/);
  });
});

describe("the access-log format, by what the API's diagnoses read", () => {
  it('asks for the authorizer fields when the authorizers could not be read, instead of passing', async () => {
    const shape = world(authorizerApi(fn('auth'), { stages: { prod: stage('prod', CORE_WAF) } }), {
      [fn('auth')]: invokePolicy('auth'),
    });

    const report = await doctor(shape, { deny: [{ operation: 'GetAuthorizers' }] });

    expect(report.passed.filter((p) => p.check === 'access-log-format')).toEqual([]);
    const [finding] = about(report.findings, 'access-log-format');
    expect(finding.severity).toBe('advice');
    expect(finding.title).toMatch(
      /lacks \$context\.authorizer\.error, .*\$context\.authorizer\.integrationStatus$/,
    );
    expect(finding.why).toMatch(/could not read/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a resource policy that tests the source address',
      {
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 'execute-api:Invoke',
              Resource: 'execute-api:/*',
              Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
            },
          ],
        }),
      },
      '$context.identity.sourceIp',
    ],
    [
      'a private API',
      { endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d'] } },
      '$context.identity.vpceId',
    ],
  ])('requires the caller field that %s is judged by', async (_name, restApi, variable) => {
    const api = authorizerApi(fn('auth'));
    api.restApi = { ...api.restApi, ...restApi };
    const report = await doctor(world(api, { [fn('auth')]: invokePolicy('auth') }));

    const [finding] = about(report.findings, 'access-log-format');

    expect(finding.severity).toBe('must-change');
    expect(finding.title).toBe(`Stage prod's access-log format lacks ${variable}`);
    expect(finding.commands[0]).toContain(`\\"$context.${variable.slice('$context.'.length)}\\"`);
  });
});
