import { runChecks } from '../../src/doctor/checks';
import { permissionCoverage } from '../../src/doctor/checks/authorizers';
import { principalToSimulate } from '../../src/doctor/principal';
import type { AuthorizerOutputSample, DoctorFacts } from '../../src/doctor/types';
import { english } from '../../src/render/localize';
import {
  ACCOUNT,
  API,
  DENIED,
  EXECUTE_API,
  FUNCTION,
  LAMBDA_AUTHORIZER,
  account,
  api,
  facts,
  failed,
  ok,
  resources,
  stage,
  worded,
} from './support/facts';

function findings(input: DoctorFacts, check?: string) {
  return runChecks(input)
    .findings.filter((f) => !check || f.check === check)
    .map(worded);
}

function passed(input: DoctorFacts, check: string): string[] {
  return runChecks(input)
    .passed.filter((p) => p.check === check)
    .map((p) => english.t(p.text));
}

describe('execution logging and data tracing', () => {
  it.each<[string, Record<string, { loggingLevel?: string; dataTraceEnabled?: boolean }>, string[]]>([
    ['INFO with data tracing', { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } }, []],
    [
      'INFO without data tracing',
      { '*/*': { loggingLevel: 'INFO' } },
      ['advice: Data tracing is off on stage prod'],
    ],
    [
      'ERROR',
      { '*/*': { loggingLevel: 'ERROR', dataTraceEnabled: true } },
      ['must-change: Execution logging on stage prod is at ERROR, not INFO'],
    ],
    ['OFF', { '*/*': { loggingLevel: 'OFF' } }, ['must-change: Execution logging is off on stage prod']],
    ['no method settings at all', {}, ['must-change: Execution logging is off on stage prod']],
    [
      'INFO overridden by one method',
      { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true }, 'orders/GET': { loggingLevel: 'OFF' } },
      ['advice: Stage prod logs at INFO, but some methods override it with less: orders/GET: OFF'],
    ],
  ])('%s', (_name, methodSettings, expected) => {
    const input = facts([api({ stages: [stage({ methodSettings })] })]);

    const got = [...findings(input, 'execution-logging'), ...findings(input, 'data-tracing')];

    expect(got.map((f) => `${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('gives the command that sets INFO on the stage', () => {
    const input = facts([api({ stages: [stage({ methodSettings: {} })] })]);

    const [finding] = runChecks(input).findings.filter((f) => f.check === 'execution-logging');

    expect(finding.fix[0].command).toBe(
      `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO --region eu-west-1`,
    );
  });
});

describe('access logging', () => {
  it.each<[string, Parameters<typeof stage>[0], string[]]>([
    ['a complete JSON format', {}, []],
    [
      'no access log',
      { accessLogSettings: undefined },
      ['access-logging must-change: Stage prod writes no access log'],
    ],
    [
      'a Firehose destination',
      {
        accessLogSettings: {
          destinationArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-x',
        },
      },
      ['access-logging advice: Stage prod sends its access log somewhere why403 cannot read'],
    ],
    [
      'a format without the gateway response',
      {
        accessLogSettings: {
          destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`,
          format:
            '$context.requestId $context.status $context.authorizer.error $context.authorizer.status $context.authorizer.principalId $context.authorizer.requestId $context.authorizer.integrationStatus $context.waf.error $context.waf.status $context.wafResponseCode',
        },
      },
      ["access-log-format must-change: Stage prod's access-log format lacks $context.error.responseType"],
    ],
    [
      'only the WAF fields missing, no web ACL',
      {
        accessLogSettings: {
          destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`,
          format:
            '$context.requestId $context.status $context.error.responseType $context.authorizer.error $context.authorizer.status $context.authorizer.principalId $context.authorizer.requestId $context.authorizer.integrationStatus',
        },
      },
      [
        "access-log-format advice: Stage prod's access-log format lacks $context.waf.error, $context.waf.status, $context.wafResponseCode",
      ],
    ],
    [
      'only the WAF fields missing, with a web ACL',
      {
        webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1',
        accessLogSettings: {
          destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`,
          format:
            '$context.requestId $context.status $context.error.responseType $context.authorizer.error $context.authorizer.status $context.authorizer.principalId $context.authorizer.requestId $context.authorizer.integrationStatus',
        },
      },
      [
        "access-log-format must-change: Stage prod's access-log format lacks $context.waf.error, $context.waf.status, $context.wafResponseCode",
      ],
    ],
    [
      'broken JSON',
      {
        accessLogSettings: {
          destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`,
          format: '{"requestId":',
        },
      },
      ["access-log-format must-change: Stage prod's access-log format looks like JSON but is not valid JSON"],
    ],
  ])('%s', (_name, extra, expected) => {
    const input = facts([api({ stages: [stage(extra)] })]);

    const got = [...findings(input, 'access-logging'), ...findings(input, 'access-log-format')];

    expect(got.map((f) => `${f.check} ${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('does not ask for the authorizer fields when no method uses a Lambda authorizer', () => {
    const format =
      '{"requestId":"$context.requestId","status":"$context.status","responseType":"$context.error.responseType"}';
    const input = facts([
      api({
        resources: resources('NONE'),
        stages: [
          stage({
            accessLogSettings: { destinationArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`, format },
          }),
        ],
      }),
    ]);

    expect(findings(input, 'access-log-format').map((f) => f.title)).toEqual([
      "Stage prod's access-log format lacks $context.waf.error, $context.waf.status, $context.wafResponseCode",
    ]);
  });
});

describe("the account's CloudWatch role", () => {
  it.each<[string, Parameters<typeof account>[0], string[]]>([
    ['set', {}, []],
    [
      'missing',
      { cloudwatchRole: ok(null) },
      ['cloudwatch-role must-change: API Gateway has no CloudWatch role in eu-west-1'],
    ],
    [
      'unreadable',
      {
        cloudwatchRole: failed({
          kind: 'denied',
          operation: 'GetAccount',
          action: 'apigateway:GET',
          resource: 'arn:aws:apigateway:eu-west-1::/account',
        }),
      },
      ["could-not-check advice: Could not check the account's CloudWatch role for API Gateway"],
    ],
  ])('%s', (_name, extra, expected) => {
    const input = facts([], [account(extra)]);

    const got = findings(input).filter((f) => f.check !== 'bot-permissions');

    expect(got.map((f) => `${f.check} ${f.severity}: ${f.title}`)).toEqual(expected);
  });
});

describe("why403's own permissions", () => {
  const required = [{ sid: 'Read', actions: ['logs:FilterLogEvents'], patterns: ['*'], resources: ['*'] }];

  it.each<[string, Parameters<typeof account>[0], string[]]>([
    [
      'all allowed by simulation',
      {
        permissions: {
          required,
          simulation: ok(true),
          results: [
            {
              sid: 'Read',
              action: 'logs:FilterLogEvents',
              outcome: 'allowed',
              via: 'simulation',
              resources: [],
            },
          ],
        },
      },
      [],
    ],
    [
      'one denied by simulation',
      {
        permissions: {
          required,
          simulation: ok(true),
          results: [
            {
              sid: 'Read',
              action: 'logs:StartQuery',
              outcome: 'denied',
              via: 'simulation',
              resources: ['arn:x'],
            },
          ],
        },
      },
      ['bot-permissions must-change: why403 lacks a permission it needs: logs:StartQuery'],
    ],
    [
      'simulation denied, probes went through',
      {
        permissions: {
          required,
          simulation: failed({
            kind: 'denied',
            operation: 'SimulatePrincipalPolicy',
            action: 'iam:SimulatePrincipalPolicy',
            resource: 'arn:aws:iam::123456789012:role/why403',
          }),
          results: [
            { sid: 'Read', action: 'logs:FilterLogEvents', outcome: 'allowed', via: 'probe', resources: [] },
          ],
        },
      },
      ["could-not-check advice: Could not check why403's permissions with the IAM policy simulator"],
    ],
    [
      'a probe with no harmless call',
      {
        permissions: {
          required,
          results: [{ sid: 'Read', action: 'logs:Unheard', outcome: 'unknown', via: 'probe', resources: [] }],
        },
      },
      ['bot-permissions advice: Could not tell whether why403 may call logs:Unheard'],
    ],
  ])('%s', (_name, extra, expected) => {
    const input = facts([], [account(extra)]);

    const got = findings(input).filter((f) => f.check === 'bot-permissions' || f.check === 'could-not-check');

    expect(got.map((f) => `${f.check} ${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('names the fallback file when the simulator is denied', () => {
    const input = facts(
      [],
      [
        account({
          permissions: {
            required,
            simulation: failed({
              kind: 'denied',
              operation: 'SimulatePrincipalPolicy',
              action: 'iam:SimulatePrincipalPolicy',
              resource: 'arn:aws:iam::123456789012:role/why403',
            }),
            results: [],
          },
        }),
      ],
    );

    const [finding] = runChecks(input).findings;

    expect(english.t(finding.fix[0].text)).toBe(
      'Grant iam:SimulatePrincipalPolicy on arn:aws:iam::123456789012:role/why403 to the identity why403 runs as (iam/why403-doctor.json), then run doctor again.',
    );
  });

  it('explains a role IAM does not know by its session name (a role path) and moves on', () => {
    const input = facts(
      [],
      [
        account({
          permissions: {
            required,
            simulation: failed({
              kind: 'missing',
              operation: 'SimulatePrincipalPolicy',
              resource: 'arn:aws:iam::123456789012:role/why403',
            }),
            results: [
              {
                sid: 'Read',
                action: 'logs:FilterLogEvents',
                outcome: 'allowed',
                via: 'probe',
                resources: [],
              },
            ],
          },
        }),
      ],
    );

    const [finding] = runChecks(input).findings;

    expect(english.t(finding.why)).toBe('arn:aws:iam::123456789012:role/why403 does not exist.');
    expect(english.t(finding.fix[0].text)).toMatch(
      /^IAM does not know the role under that name: the session ARN leaves out a role path/,
    );
  });

  it.each([
    ['arn:aws:sts::123456789012:assumed-role/why403-bot/i-0abc', 'arn:aws:iam::123456789012:role/why403-bot'],
    ['arn:aws-cn:sts::123456789012:assumed-role/r/s', 'arn:aws-cn:iam::123456789012:role/r'],
    ['arn:aws:iam::123456789012:user/ci/deployer', 'arn:aws:iam::123456789012:user/ci/deployer'],
    ['arn:aws:iam::123456789012:root', undefined],
    ['arn:aws:sts::123456789012:federated-user/bob', undefined],
  ])('simulates %s as %s', (caller, principal) => {
    expect(principalToSimulate(caller)).toBe(principal);
  });
});

describe('Lambda invoke permission of authorizers', () => {
  const sourceArn = `${EXECUTE_API}/authorizers/auth01`;
  const policy = (
    condition?: Record<string, Record<string, string | string[]>>,
    principal: unknown = { Service: 'apigateway.amazonaws.com' },
  ) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: principal,
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION,
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    });

  it.each<[string, string, boolean]>([
    ['this authorizer', policy({ ArnLike: { 'AWS:SourceArn': sourceArn } }), true],
    [
      'every authorizer of the API',
      policy({ ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/authorizers/*` } }),
      true,
    ],
    ['anything of the API', policy({ ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*` } }), true],
    ['no SourceArn condition', policy(), true],
    [
      'a methods-style SourceArn',
      policy({ ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/GET/orders` } }),
      false,
    ],
    ['stage/verb/path wildcards', policy({ ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/*/*` } }), false],
    [
      'another authorizer',
      policy({ ArnEquals: { 'aws:SourceArn': `${EXECUTE_API}/authorizers/other1` } }),
      false,
    ],
    [
      'another API',
      policy({ ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:eu-west-1:${ACCOUNT}:zzzzzzzzzz/*` } }),
      false,
    ],
    [
      'another account',
      policy({
        ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*` },
        StringEquals: { 'AWS:SourceAccount': '210987654321' },
      }),
      false,
    ],
    ['a different service', policy(undefined, { Service: 'events.amazonaws.com' }), false],
  ])('a permission for %s', (_name, document, covered) => {
    expect(permissionCoverage(document, sourceArn, ACCOUNT).covered).toBe(covered);
  });

  it.each<[string, Parameters<typeof api>[0], string[]]>([
    [
      'a methods-style SourceArn',
      {
        functionPolicies: {
          auth01: ok({
            kind: 'policy',
            document: policy({ ArnLike: { 'AWS:SourceArn': `${EXECUTE_API}/*/GET/orders` } }),
          }),
        },
      },
      [
        `must-change: API Gateway may not invoke the function of authorizer jwt (auth01): no permission on ${FUNCTION} covers ${EXECUTE_API}/authorizers/auth01`,
      ],
    ],
    [
      'no policy at all',
      { functionPolicies: { auth01: ok({ kind: 'none' }) } },
      [
        `must-change: API Gateway may not invoke the function of authorizer jwt (auth01): no permission on ${FUNCTION} covers ${EXECUTE_API}/authorizers/auth01`,
      ],
    ],
    [
      'no function',
      { functionPolicies: { auth01: ok({ kind: 'no-function' }) } },
      [`must-change: Authorizer jwt (auth01) points at a function that does not exist: ${FUNCTION}`],
    ],
    [
      'GetPolicy denied',
      { functionPolicies: { auth01: failed(DENIED) } },
      ['advice: Could not check whether API Gateway may invoke authorizer jwt (auth01)'],
    ],
    [
      'a covering permission',
      { functionPolicies: { auth01: ok({ kind: 'policy', document: policy() }) } },
      [],
    ],
    [
      'an authorizer role instead (nothing read)',
      {
        authorizers: [
          { ...LAMBDA_AUTHORIZER, authorizerCredentials: 'arn:aws:iam::123456789012:role/invoke' },
        ],
      },
      [],
    ],
    ['an authorizer no method uses', { resources: resources('NONE') }, []],
  ])('%s', (_name, parts, expected) => {
    const input = facts([api({ ...parts, stages: [] })]);

    const got = runChecks(input).findings.map(worded);

    expect(got.map((f) => `${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('gives the add-permission command for this authorizer', () => {
    const input = facts([api({ stages: [], functionPolicies: { auth01: ok({ kind: 'none' }) } })]);

    const [finding] = runChecks(input).findings;

    expect(finding.fix[0].command).toBe(
      `aws lambda add-permission --function-name ${FUNCTION} --statement-id apigateway-authorizer-auth01 --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn ${EXECUTE_API}/authorizers/auth01 --region eu-west-1`,
    );
  });
});

describe('authorizer caching trap', () => {
  const sample = (
    resources: string[],
    extra: Partial<AuthorizerOutputSample> = {},
  ): AuthorizerOutputSample => ({
    requestId: 'r1',
    authorizerId: 'auth01',
    allowResources: resources,
    hasDeny: false,
    line: `Authorizer result body before parsing: {"policyDocument":{"Statement":[{"Resource":"${resources[0]}"}]}}`,
    ...extra,
  });
  const exact = `${EXECUTE_API}/prod/GET/orders/17`;

  it.each<[string, number, AuthorizerOutputSample[], string[]]>([
    [
      'one exact method ARN, TTL 300',
      300,
      [sample([exact], { methodArn: exact }), sample([`${EXECUTE_API}/prod/*/*`])],
      [
        'must-change: Authorizer jwt (auth01) caches results for 300 s but returned a policy for one method only (1 of 2 outputs in the last 6 h)',
      ],
    ],
    ['wildcards only', 300, [sample([`${EXECUTE_API}/prod/*/*`])], []],
    ['an exact ARN with caching off', 0, [sample([exact])], []],
    ['an exact ARN with a Deny beside it', 300, [sample([exact], { hasDeny: true })], []],
    [
      'several exact ARNs (an enumerated grant)',
      300,
      [sample([exact, `${EXECUTE_API}/prod/GET/orders`])],
      [],
    ],
    ['another authorizer', 300, [sample([exact], { authorizerId: 'other1' })], []],
  ])('%s', (_name, ttl, samples, expected) => {
    const input = facts([
      api({
        authorizers: [{ ...LAMBDA_AUTHORIZER, authorizerResultTtlInSeconds: ttl }],
        stages: [stage({}, ok(samples))],
        functionPolicies: {
          auth01: ok({
            kind: 'policy',
            document: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*' }] }),
          }),
        },
      }),
    ]);

    const got = findings(input, 'authorizer-cache-trap');

    expect(got.map((f) => `${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('says when the authorizer saw the same method ARN it returned, and quotes the output redacted later', () => {
    const input = facts([api({ stages: [stage({}, ok([sample([exact], { methodArn: exact })]))] })]);

    const [finding] = runChecks(input).findings.filter((f) => f.check === 'authorizer-cache-trap');

    expect(english.t(finding.why)).toContain(
      'The returned Resource is exactly the method ARN the authorizer was given (1 output shows it)',
    );
    expect(finding.evidence).toEqual([sample([exact]).line]);
    expect(finding.fix.map((step) => step.command ?? step.code)).toEqual([
      expect.stringContaining('/${stage}/*/*'),
      `aws apigateway update-authorizer --rest-api-id ${API} --authorizer-id auth01 --patch-operations op=replace,path=/authorizerResultTtlInSeconds,value=0 --region eu-west-1`,
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region eu-west-1\naws apigateway flush-stage-authorizers-cache --rest-api-id ${API} --stage-name prod --region eu-west-1`,
    ]);
  });

  it('turns a missing log group into a could-not-check', () => {
    const input = facts([
      api({
        stages: [
          stage(
            {},
            failed({
              kind: 'missing',
              operation: 'FilterLogEvents',
              resource: `API-Gateway-Execution-Logs_${API}/prod`,
            }),
          ),
        ],
      }),
    ]);

    expect(findings(input, 'could-not-check').map((f) => f.title)).toEqual([
      'Could not check the recent authorizer outputs of stage prod',
    ]);
  });

  it('reports what it saw when nothing was wrong', () => {
    const input = facts([api({ stages: [stage({}, ok([sample([`${EXECUTE_API}/prod/*/*`])]))] })]);

    expect(passed(input, 'authorizer-cache-trap')).toEqual([
      'Authorizer jwt (auth01) on stage prod: none of its 1 output in the last 6 h allows just one method.',
    ]);
  });
});

describe('resource policies that allow by IP under a Lambda authorizer', () => {
  const allowByIp = {
    Effect: 'Allow',
    Principal: '*',
    Action: 'execute-api:Invoke',
    Resource: 'execute-api:/*',
    Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
  };
  const denyOthers = {
    Effect: 'Deny',
    Principal: '*',
    Action: 'execute-api:Invoke',
    Resource: 'execute-api:/*',
    Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
  };
  // GetRestApi returns the policy once more escaped.
  const wire = (statements: object[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: statements }).replace(/["/]/g, '\\$&');

  it.each<[string, Parameters<typeof api>[0], string[]]>([
    [
      'Allow by IP only',
      { restApi: { policy: wire([allowByIp]) } },
      [
        'must-change: The resource policy allows 198.51.100.0/24 but does not keep other addresses out of GET /orders/{id}, which use a Lambda authorizer',
      ],
    ],
    ['Allow by IP and Deny the rest', { restApi: { policy: wire([allowByIp, denyOthers]) } }, []],
    [
      'methods without an authorizer',
      { restApi: { policy: wire([allowByIp]) }, resources: resources('NONE') },
      [],
    ],
    [
      'a private API',
      { restApi: { policy: wire([allowByIp]), endpointConfiguration: { types: ['PRIVATE'] } } },
      [],
    ],
    ['no resource policy', {}, []],
  ])('%s', (_name, parts, expected) => {
    const input = facts([api({ ...parts, functionPolicies: {} })]);

    const got = findings(input, 'resource-policy-ip-allow');

    expect(got.map((f) => `${f.severity}: ${f.title}`)).toEqual(expected);
  });

  it('adds a Deny for every other address to the existing policy, then redeploys', () => {
    const input = facts([api({ restApi: { policy: wire([allowByIp]) } })]);

    const [finding] = runChecks(input).findings.filter((f) => f.check === 'resource-policy-ip-allow');
    const patch =
      /--patch-operations '(?<ops>[^']+)'/.exec(finding.fix[0].command ?? '')?.groups?.ops ?? '[]';
    const policy = JSON.parse((JSON.parse(patch) as Array<{ value: string }>)[0].value);

    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]).toMatchObject({
      Effect: 'Deny',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
    });
    expect(finding.fix[1].command).toBe(
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --region eu-west-1`,
    );
    expect(finding.evidence.map(english.t)).toContain(
      'A caller from 192.0.2.1 that the authorizer allows gets Allow on GET /orders/{id} (stage prod): Allow + Neither = Allow.',
    );
  });

  it('on a stage with a canary release, deploys to the canary and promotes it (a deployment may go nowhere else)', () => {
    const canarySettings = { deploymentId: 'dep2', percentTraffic: 10 };
    const input = facts([
      api({ restApi: { policy: wire([allowByIp]) }, stages: [stage({ canarySettings })] }),
    ]);

    const [finding] = runChecks(input).findings.filter((f) => f.check === 'resource-policy-ip-allow');

    expect(finding.fix[1].command?.split('\n')).toEqual([
      `aws apigateway create-deployment --rest-api-id ${API} --stage-name prod --canary-settings '{"percentTraffic":10}' --region eu-west-1`,
      expect.stringMatching(
        /^aws apigateway update-stage .*op=copy,path=\/deploymentId,from=\/canarySettings\/deploymentId/,
      ),
    ]);
  });
});

describe('configuration that could not be read', () => {
  it('says once that the API does not exist', () => {
    const missing = { kind: 'missing' as const, operation: 'GetRestApi', resource: API };
    const input = facts([
      { ...api(), restApi: failed(missing), authorizers: failed(missing), stages: failed(missing) },
    ]);

    expect(findings(input).map((f) => `${f.check}: ${f.title}`)).toEqual([
      `could-not-check: Could not check API ${API} (resource policy, endpoint type)`,
    ]);
  });

  it('names each unreadable part and the action to grant', () => {
    const denied = {
      kind: 'denied' as const,
      operation: 'GetStages',
      action: 'apigateway:GET',
      resource: `arn:aws:apigateway:eu-west-1::/restapis/${API}/stages`,
    };
    const input = facts([{ ...api(), stages: failed(denied) }]);

    const [finding] = runChecks(input).findings;

    expect(worded(finding).title).toBe(`Could not check the stages of API ${API}`);
    expect(english.t(finding.why)).toBe(
      `AWS denied apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis/${API}/stages.`,
    );
    expect(english.t(finding.fix[0].text)).toContain('(iam/why403-read-only.json)');
  });
});
