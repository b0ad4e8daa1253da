import { judgeReplay, type JudgeInput } from '../../src/replay/judge';
import { scrubber } from '../../src/replay/scrub';
import { english } from '../../src/render/localize';
import type { TestInvokeResult } from '../../src/aws/rest-api';

/**
 * What a test invoke means for the failed request: the returned policy against the real method ARN (the test
 * invoke's own stage read as the request's), with the resource policy (Table A), or the rejection or failure with
 * the log lines that explain it.
 */

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5';
const METHOD_ARN = `${ARN}/prod/GET/orders/18`;
const TIME = 'Mon Nov 30 08:00:00 UTC 2026';

function policy(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function allow(resource: string): Record<string, unknown> {
  return { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource };
}

function log(...messages: string[]): string {
  return ['Execution log for request test-invoke-request', ...messages.map((m) => `${TIME} : ${m}`)].join(
    '\n',
  );
}

function judge(raw: TestInvokeResult, extra: Partial<JudgeInput> = {}) {
  return judgeReplay({
    raw,
    methodArn: METHOD_ARN,
    authorizer: { id: 'auth01', type: 'TOKEN' },
    identitySources: ['method.request.header.Authorization'],
    caller: {},
    scrub: scrubber(['Bearer tok-123456']),
    ...extra,
  });
}

describe('judgeReplay', () => {
  it.each<[string, string, 'allowed' | 'denied', string]>([
    [
      'a wildcard for the API',
      `${ARN}/*/*`,
      'allowed',
      'With this token the authorizer now allows GET /orders/18.',
    ],
    [
      'the request’s own stage',
      `${ARN}/prod/GET/orders/*`,
      'allowed',
      'With this token the authorizer now allows GET /orders/18.',
    ],
    [
      'the test invoke’s stage, taken from event.methodArn',
      `${ARN}/ESTestInvoke-stage/*/*`,
      'allowed',
      'With this token the authorizer now allows GET /orders/18.',
    ],
    [
      'the stage null, as some consoles send it',
      `${ARN}/null/GET/*`,
      'allowed',
      'With this token the authorizer now allows GET /orders/18.',
    ],
    [
      'another stage',
      `${ARN}/staging/*/*`,
      'denied',
      'With this token the authorizer still denies GET /orders/18: the closest Allow of its policy differs from the request at the stage: “staging” ≠ “prod”.',
    ],
    [
      'another verb',
      `${ARN}/prod/POST/orders/*`,
      'denied',
      'With this token the authorizer still denies GET /orders/18: the closest Allow of its policy differs from the request at the verb: “POST” ≠ “GET”.',
    ],
    [
      'the wrong case',
      `${ARN}/prod/get/orders/18`,
      'denied',
      'With this token the authorizer still denies GET /orders/18: the closest Allow of its policy differs from the request at the verb: “get” ≠ “GET”.',
    ],
  ])('a policy for %s', (_name, resource, outcome, summary) => {
    const result = judge({ clientStatus: 0, policy: policy(allow(resource)) });

    expect(result.outcome).toBe(outcome);
    expect(english.t(result.summary)).toBe(summary);
  });

  it('says when the test stage was read as the request’s', () => {
    const result = judge({ clientStatus: 0, policy: policy(allow(`${ARN}/ESTestInvoke-stage/*/*`)) });

    expect(result.notes.map(english.t)).toEqual([
      'The policy named the test invoke’s stage “ESTestInvoke-stage”, which the authorizer takes from event.methodArn: it was read as the request’s stage “prod”, as a real call would have it.',
    ]);
    expect(result.policies[0].allowed).toEqual([`${ARN}/prod/*/*`]);
  });

  it('an explicit Deny from the authorizer: the reason, not a segment', () => {
    const result = judge({
      clientStatus: 0,
      policy: policy(allow(`${ARN}/*/*`), {
        Action: 'execute-api:Invoke',
        Effect: 'Deny',
        Resource: `${ARN}/*/GET/orders/*`,
      }),
    });

    expect(result.outcome).toBe('denied');
    expect(result.combined?.decision).toBe('explicit-deny');
    expect(result.difference).toBeUndefined();
    expect(english.t(result.summary)).toMatch(/^With this token GET \/orders\/18 is still denied: /);
  });

  it('Table A: a silent authorizer policy passes when the resource policy allows', () => {
    const resourcePolicy = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
    });
    const result = judge(
      { clientStatus: 0, policy: policy(allow(`${ARN}/prod/GET/other`)) },
      { resourcePolicy },
    );

    expect(result.outcome).toBe('allowed');
    expect(result.combined).toMatchObject({ decision: 'allow', table: 'A' });
  });

  it.each<[string, TestInvokeResult, 'rejected' | 'failed', string]>([
    [
      'a 401',
      {
        clientStatus: 401,
        log: log('Incoming identity: Bearer tok-123456', 'Unauthorized request: test-invoke-request'),
      },
      'rejected',
      'The authorizer rejects this token: the client would get 401 Unauthorized for GET /orders/18.',
    ],
    [
      'a function error',
      {
        clientStatus: 500,
        log: log(
          'Authorizer result body before parsing: {"errorType":"Error","errorMessage":"bad token Bearer tok-123456"}',
          'Execution failed due to configuration error: Authorizer error',
        ),
      },
      'failed',
      'The authorizer failed (the client would get 500) for GET /orders/18: the function failed with Error: bad token [REDACTED].',
    ],
    [
      'a missing invoke permission',
      {
        clientStatus: 500,
        log: log(
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
        ),
      },
      'failed',
      'The authorizer failed (the client would get 500) for GET /orders/18: API Gateway reports Invalid permissions on Lambda function.',
    ],
    [
      'a null result',
      { clientStatus: 500, log: log('Authorizer result body before parsing: null') },
      'failed',
      'The authorizer failed (the client would get 500) for GET /orders/18: the function returned null.',
    ],
    [
      'no policy at all',
      { clientStatus: 0 },
      'failed',
      'The authorizer failed (the client would get 500) for GET /orders/18: it returned no policy.',
    ],
  ])('%s', (_name, raw, outcome, summary) => {
    const result = judge(raw);

    expect(result.outcome).toBe(outcome);
    expect(english.t(result.summary)).toBe(summary);
    expect(JSON.stringify(result)).not.toContain('tok-123456');
  });

  it('keeps only the log lines that explain, never the request side', () => {
    const result = judge({
      clientStatus: 500,
      log: log(
        'Starting authorizer: auth01 for request: test-invoke-request',
        'Incoming identity: Bearer tok-123456',
        'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"Bearer tok-123456"}',
        'Authorizer result body before parsing: {"errorType":"TypeError","errorMessage":"x"}',
        'Execution failed due to configuration error: Authorizer error',
        'AuthorizerConfigurationException',
      ),
    });

    expect(result.log).toEqual([
      'Authorizer result body before parsing: {"errorType":"TypeError","errorMessage":"x"}',
      'Execution failed due to configuration error: Authorizer error',
      'AuthorizerConfigurationException',
    ]);
  });

  it('Cognito: an accepted token, then the resource policy must allow the call itself', () => {
    const cognito = { authorizer: { id: 'cog1', type: 'COGNITO_USER_POOLS' } };
    expect(judge({ clientStatus: 0, claims: { sub: 'u' } }, cognito).outcome).toBe('allowed');
    const silent = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: `${ARN}/prod/GET/health`,
    });
    const denied = judge({ clientStatus: 0, claims: { sub: 'u' } }, { ...cognito, resourcePolicy: silent });
    expect(denied.outcome).toBe('denied');
    expect(denied.policies[0].decision).toBe('implicit-deny');
  });
});
