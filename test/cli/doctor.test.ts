import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { scratchDir, why403 } from '../support/cli';
import { REGION, apiGatewayError, describeLogGroups, filterLogEvents } from '../support/aws-wire';
import {
  ACCOUNT,
  BOT_ROLE,
  account,
  callerIdentity,
  getPolicy,
  getPolicyError,
  restApiConfiguration,
  simulatePrincipalPolicy,
  simulatePrincipalPolicyError,
} from '../doctor/support/wire';

/**
 * `why403 doctor` through the real CLI and the real AWS SDK, against wire-format fakes of API Gateway, CloudWatch
 * Logs, STS, IAM and Lambda.
 */

const API = 'a1b2c3d4e5';
const EXECUTE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}`;
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-authorizer`;
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const ACCESS_GROUP = '/aws/apigateway/orders-access';
const ARGS = ['doctor', '--api', API, '--region', REGION];

const COMPLETE_FORMAT =
  '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType","authorizerError":"$context.authorizer.error","authorizerStatus":"$context.authorizer.status","principalId":"$context.authorizer.principalId","authorizerRequestId":"$context.authorizer.requestId","authorizerIntegrationStatus":"$context.authorizer.integrationStatus","wafError":"$context.waf.error","wafStatus":"$context.waf.status","wafResponseCode":"$context.wafResponseCode"}';

interface Setup {
  format?: string;
  dataTrace?: boolean;
  policy?: string;
  sourceArn?: string;
  returned?: string;
}

function stageBody(setup: Setup): object {
  return {
    stageName: 'prod',
    deploymentId: 'dep1',
    createdDate: 1_767_225_600,
    lastUpdatedDate: 1_767_225_600,
    methodSettings: {
      '*/*': { loggingLevel: 'INFO', dataTraceEnabled: setup.dataTrace ?? true, metricsEnabled: true },
    },
    accessLogSettings: {
      destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${ACCESS_GROUP}`,
      format: setup.format ?? COMPLETE_FORMAT,
    },
  };
}

function configuration(setup: Setup = {}): void {
  restApiConfiguration(API, {
    restApi: setup.policy ? { policy: setup.policy } : {},
    authorizers: [
      {
        id: 'auth01',
        name: 'orders-jwt',
        type: 'TOKEN',
        authType: 'custom',
        authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION}/invocations`,
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      },
    ],
    resources: [
      { id: 'r00t01', path: '/', resourceMethods: {} },
      {
        id: 'ord002',
        parentId: 'r00t01',
        pathPart: '{id}',
        path: '/orders/{id}',
        resourceMethods: {
          GET: {
            httpMethod: 'GET',
            authorizationType: 'CUSTOM',
            authorizerId: 'auth01',
            apiKeyRequired: false,
          },
        },
      },
    ],
    stages: [stageBody(setup)],
  });
}

function invokePolicy(sourceArn: string): object {
  return {
    Version: '2012-10-17',
    Id: 'default',
    Statement: [
      {
        Sid: 'apigateway-authorizer',
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: FUNCTION,
        Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
      },
    ],
  };
}

/** The execution-log lines the caching check asks for: one authorizer call returning `resource`. */
function authorizerCall(resource: string): Array<{ timestamp: number; message: string }> {
  const id = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  const at = Date.now() - 60_000;
  const methodArn = `${EXECUTE_API}/prod/GET/orders/17`;
  const result = {
    principalId: 'user-4711',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
    },
    context: { email: 'ana@example.com' },
  };
  return [
    { timestamp: at, message: `(${id}) Starting authorizer: auth01 for request: ${id}` },
    {
      timestamp: at + 3,
      message: `(${id}) Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${methodArn}","authorizationToken":"****Xy9pQ2"}`,
    },
    {
      timestamp: at + 6,
      message: `(${id}) Authorizer result body before parsing: ${JSON.stringify(result)}`,
    },
  ];
}

const isOutputRead = (body: Record<string, unknown>) =>
  String(body.filterPattern).includes('Authorizer result body');

/** Every read of a healthy account, with the given API setup. */
function healthyAccount(setup: Setup = {}) {
  configuration(setup);
  account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
  callerIdentity();
  getPolicy(FUNCTION, invokePolicy(setup.sourceArn ?? `${EXECUTE_API}/authorizers/*`));
  filterLogEvents(
    GROUP,
    { events: authorizerCall(setup.returned ?? `${EXECUTE_API}/prod/*/*`) },
    isOutputRead,
  );
}

/** The actions of iam/why403-read-only.json, read the way a person would. */
function readOnlyActions(): string[] {
  const policy = JSON.parse(readFileSync(join(__dirname, '../../iam/why403-read-only.json'), 'utf8')) as {
    Statement: Array<{ Action: string | string[] }>;
  };
  return [...new Set(policy.Statement.flatMap((s) => [s.Action].flat()))].sort();
}

describe('why403 doctor', () => {
  it('passes a well-configured API and exits 0', async () => {
    healthyAccount();
    const asked = simulatePrincipalPolicy();

    const run = await why403(ARGS);

    expect(run.stderr).not.toContain('must change (see');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing must change');
    expect(run.stdout).toContain(`IAM confirms ${BOT_ROLE} may make`);
    expect(asked.every((call) => call.principal === BOT_ROLE)).toBe(true);
    expect([...new Set(asked.flatMap((call) => call.actions))].sort()).toEqual(readOnlyActions());
    expect(asked.flatMap((call) => call.resources)).toEqual(
      expect.arrayContaining([
        `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`,
        `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${ACCESS_GROUP}`,
        `arn:aws:apigateway:${REGION}::/restapis/${API}`,
        `arn:aws:apigateway:${REGION}::/account`,
      ]),
    );
  });

  it('finds what must change on a misconfigured API, with the fix, and exits 1', async () => {
    healthyAccount({
      format: '{"requestId":"$context.requestId","status":"$context.status"}',
      dataTrace: false,
      sourceArn: `${EXECUTE_API}/*/GET/orders/*`,
      returned: `${EXECUTE_API}/prod/GET/orders/17`,
    });
    simulatePrincipalPolicy();

    const run = await why403(ARGS);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('why403: 3 settings must change (see the report above)');
    expect(run.stdout).toContain(
      `API Gateway may not invoke the function of authorizer orders-jwt (auth01): no permission on ${FUNCTION} covers ${EXECUTE_API}/authorizers/auth01`,
    );
    expect(run.stdout).toContain(
      `$ aws lambda add-permission --function-name ${FUNCTION} --statement-id apigateway-authorizer-auth01 --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn ${EXECUTE_API}/authorizers/auth01 --region ${REGION}`,
    );
    expect(run.stdout).toContain(
      "Stage prod's access-log format lacks $context.error.responseType, $context.authorizer.error",
    );
    expect(run.stdout).toContain(
      'Authorizer orders-jwt (auth01) caches results for 300 s but returned a policy for one method only (1 of 1 outputs in the last 6 h)',
    );
    expect(run.stdout).toContain('Data tracing is off on stage prod');
    expect(run.stdout).not.toContain('ana@example.com');
  });

  it('--json prints the findings, redacted, with the same exit status', async () => {
    healthyAccount({ returned: `${EXECUTE_API}/prod/GET/orders/17` });
    simulatePrincipalPolicy();

    const run = await why403([...ARGS, '--json']);
    const report = JSON.parse(run.stdout);

    expect(run.code).toBe(1);
    expect(report).toMatchObject({
      mustChange: 1,
      apis: [{ restApiId: API, name: 'orders', region: REGION, stages: ['prod'] }],
      identities: [{ region: REGION, account: ACCOUNT }],
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'authorizer-cache-trap',
        severity: 'must-change',
        scope: { region: REGION, restApiId: API, stage: 'prod' },
        fix: expect.arrayContaining([
          expect.objectContaining({ command: expect.stringContaining('flush-stage-authorizers-cache') }),
        ]),
      }),
    ]);
    expect(run.stdout).not.toContain('ana@example.com');
  });

  it('where IAM will not simulate, tries one harmless read per action and names the one refused', async () => {
    configuration();
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();
    getPolicy(FUNCTION, invokePolicy(`${EXECUTE_API}/authorizers/*`));
    filterLogEvents(GROUP, { events: authorizerCall(`${EXECUTE_API}/prod/*/*`) }, isOutputRead);
    simulatePrincipalPolicyError(
      403,
      'AccessDenied',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/i-0abc123 is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role why403-bot because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    );
    // The probes: a minute of one log group, a query over it, its results, stopping it, the group names, the account.
    filterLogEvents(GROUP, { events: [] }, (body) => body.limit === 1);
    nock(`https://logs.${REGION}.amazonaws.com`)
      .matchHeader('x-amz-target', 'Logs_20140328.StartQuery')
      .post('/')
      .reply(400, {
        __type: 'AccessDeniedException',
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/why403-bot/i-0abc123 is not authorized to perform: logs:StartQuery`,
      });
    nock(`https://logs.${REGION}.amazonaws.com`)
      .matchHeader('x-amz-target', 'Logs_20140328.GetQueryResults')
      .post('/')
      .reply(400, { __type: 'ResourceNotFoundException', message: 'The specified query does not exist.' });
    nock(`https://logs.${REGION}.amazonaws.com`)
      .matchHeader('x-amz-target', 'Logs_20140328.StopQuery')
      .post('/')
      .reply(400, { __type: 'ResourceNotFoundException', message: 'The specified query does not exist.' });
    describeLogGroups(`API-Gateway-Execution-Logs_${API}/`, [GROUP]);
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);

    const run = await why403(ARGS);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Could not check why403's permissions with the IAM policy simulator");
    expect(run.stdout).toContain(
      `Grant iam:SimulatePrincipalPolicy on ${BOT_ROLE} to the identity why403 runs as (iam/why403-doctor.json)`,
    );
    expect(run.stdout).toContain('why403 lacks a permission it needs: logs:StartQuery');
    expect(run.stdout).toContain(
      `logs:StartQuery on ${GROUP} (tried; statement ReadApiGatewayExecutionAndAccessLogs)`,
    );
    expect(run.stdout).toContain(
      `$ aws iam put-role-policy --role-name why403-bot --policy-name why403-read-only --policy-document file://iam/why403-read-only.json`,
    );
  });

  it('turns AccessDenied on GetPolicy into a could-not-check naming the doctor policy file', async () => {
    configuration();
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();
    simulatePrincipalPolicy();
    filterLogEvents(GROUP, { events: authorizerCall(`${EXECUTE_API}/prod/*/*`) }, isOutputRead);
    getPolicyError(
      FUNCTION,
      403,
      'AccessDeniedException',
      `User: ${BOT_ROLE} is not authorized to perform: lambda:GetPolicy on resource: ${FUNCTION} because no identity-based policy allows the lambda:GetPolicy action`,
    );

    const run = await why403(ARGS);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Could not check whether API Gateway may invoke authorizer orders-jwt (auth01)',
    );
    expect(run.stdout).toContain(`AWS denied lambda:GetPolicy on ${FUNCTION}.`);
    expect(run.stdout).toContain(
      `Grant lambda:GetPolicy on ${FUNCTION} to the identity why403 runs as (iam/why403-doctor.json)`,
    );
  });

  it('turns throttling that outlasts the retries into a could-not-check', async () => {
    configuration();
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();
    simulatePrincipalPolicy();
    filterLogEvents(GROUP, { events: authorizerCall(`${EXECUTE_API}/prod/*/*`) }, isOutputRead);
    getPolicyError(FUNCTION, 429, 'TooManyRequestsException', 'Rate exceeded');

    const run = await why403(ARGS, { env: { AWS_MAX_ATTEMPTS: '1' } });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Could not check whether API Gateway may invoke authorizer orders-jwt (auth01)',
    );
    expect(run.stdout).toContain('GetPolicy was throttled or failed after retries.');
  });

  it('turns a missing execution-log group into a could-not-check', async () => {
    configuration();
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();
    simulatePrincipalPolicy();
    getPolicy(FUNCTION, invokePolicy(`${EXECUTE_API}/authorizers/auth01`));
    filterLogEvents(
      GROUP,
      { error: { type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' } },
      isOutputRead,
    );

    const run = await why403(ARGS);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Could not check the recent authorizer outputs of stage prod');
    expect(run.stdout).toContain(`${GROUP} does not exist.`);
  });

  it('says when the account has no CloudWatch role', async () => {
    configuration();
    account();
    callerIdentity();
    simulatePrincipalPolicy();
    getPolicy(FUNCTION, invokePolicy(`${EXECUTE_API}/authorizers/auth01`));
    filterLogEvents(GROUP, { events: authorizerCall(`${EXECUTE_API}/prod/*/*`) }, isOutputRead);

    const run = await why403(ARGS);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`API Gateway has no CloudWatch role in ${REGION}`);
    expect(run.stdout).toContain(
      `$ aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch-logs --region ${REGION}`,
    );
  });

  it('without --api or configured APIs lists the region; a refused listing is a could-not-check', async () => {
    apiGatewayError(
      '/restapis',
      403,
      'AccessDeniedException',
      'User is not authorized to perform apigateway:GET',
    );

    const run = await why403(['doctor', '--region', REGION], { cwd: scratchDir({}) });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Could not check the REST APIs of ${REGION}`);
    expect(run.stdout).toContain(`AWS denied apigateway:GET on arn:aws:apigateway:${REGION}::/restapis.`);
    expect(run.stdout).toContain('No REST API to check');
  });

  it.each([
    [['doctor', '--api', 'not an id'], '"not an id" is not a REST API id'],
    [['doctor', '--api', API, '--stage', 'prod/x'], '"prod/x" is not a stage name'],
    [['doctor', '--region', 'moon-1'], '"moon-1" is not an AWS region'],
  ])('refuses bad input before any AWS call: %j', async (args, message) => {
    const run = await why403(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('refuses an API that does not exist, and a stage it does not have, with exit status 2', async () => {
    apiGatewayError(`/restapis/${API}`, 404, 'NotFoundException', 'Invalid API identifier specified');
    for (const path of ['authorizers', 'resources', 'stages'])
      apiGatewayError(
        `/restapis/${API}/${path}`,
        404,
        'NotFoundException',
        'Invalid API identifier specified',
      );
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();

    const missing = await why403(ARGS);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`REST API ${API} does not exist in ${REGION}`);

    configuration();
    account(`arn:aws:iam::${ACCOUNT}:role/apigateway-cloudwatch`);
    callerIdentity();

    const noStage = await why403([...ARGS, '--stage', 'beta']);

    expect(noStage.code).toBe(2);
    expect(noStage.stderr).toContain(`API ${API} has no stage "beta"`);
  });
});
