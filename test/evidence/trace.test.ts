import { parseLogEvents } from '../../src/evidence/log-lines';
import { buildTrace } from '../../src/evidence/trace';
import { authorizerRun, cloudwatch, ARN_PREFIX, FUNCTION_ARN } from '../support/evidence';

const ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;

function trace(events: string[]) {
  return buildTrace(parseLogEvents(events));
}

describe('Trace: the authorizer section', () => {
  const full = trace([
    ...authorizerRun(ID, METHOD_ARN, {
      principalId: 'user-1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
    }),
    ...cloudwatch(
      ID,
      'The client is not authorized to perform this operation.',
      'Method completed with status: 403',
    ),
  ]);

  it('finds the request ids, the authorizer and the function it called', () => {
    expect(full.requestId).toBe(ID);
    expect(full.extendedRequestId).toBe('AbCdEfGhIjKlMnO=');
    expect(full.authorizer.started?.authorizerId).toBe('auth01');
    expect(full.authorizer.functionArn).toBe(FUNCTION_ARN);
    expect(full.authorizer.requestType).toBe('TOKEN');
    expect(full.authorizer.methodArn).toBe(METHOD_ARN);
  });

  it('sees that the Lambda was invoked and what it returned', () => {
    expect(full.authorizer.invocationLines.length).toBeGreaterThanOrEqual(3);
    expect(full.authorizer.result?.principalId).toBe('user-1');
    expect(full.authorizer.result?.effectsSeen).toEqual(['Deny']);
    expect(full.authorizer.policyAccepted?.principal).toBe('****r-123');
    expect(full.authorizer.completed).toBeDefined();
    expect(full.clientNotAuthorized).toBeDefined();
    expect(full.finalStatus?.status).toBe(403);
  });

  it('a cache hit (expected shape) shows the authorizer start but no invocation', () => {
    const hit = trace(
      cloudwatch(
        ID,
        `Starting authorizer: auth01 for request: ${ID}`,
        'Incoming identity: ****abc',
        'The client is not authorized to perform this operation.',
      ),
    );
    expect(hit.authorizer.started).toBeDefined();
    expect(hit.authorizer.invocationLines).toHaveLength(0);
  });

  it('reads a truncated result body: effect and principal survive, the JSON does not', () => {
    const cut = trace([
      `(${ID}) Authorizer result body before parsing: {"principalId":"u1","policyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:1:a/p [TRUNCATED]`,
    ]);
    expect(cut.authorizer.result?.truncated).toBe(true);
    expect(cut.authorizer.result?.parsed).toBeUndefined();
    expect(cut.authorizer.result?.effectsSeen).toEqual(['Deny']);
    expect(cut.authorizer.result?.principalId).toBe('u1');
  });

  it('reads a Lambda runtime error even when it was cut off', () => {
    const crashed = trace([
      'Thu Jun 08 15:09:51 UTC 2023 : Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'x\'","trace":[" a [TRUNCATED]',
    ]);
    expect(crashed.authorizer.result?.runtimeError?.errorType).toBe('Runtime.ImportModuleError');
  });

  it('reads a null result and configuration errors', () => {
    const nullResult = trace([
      'Wed Sep 14 21:16:33 UTC 2016 : Authorizer result body before parsing: null',
      'Wed Sep 14 21:16:33 UTC 2016 : Execution failed due to configuration error: Could not parse policy',
      'Wed Sep 14 21:16:33 UTC 2016 : AuthorizerConfigurationException',
    ]);
    expect(nullResult.authorizer.result?.isNull).toBe(true);
    expect(nullResult.configurationErrors.map((e) => e.detail)).toEqual(['Could not parse policy']);
    expect(nullResult.authorizer.configurationException).toBeDefined();
    expect(nullResult.testConsole).toBe(true);
  });

  it('does not count integration Lambda calls after the authorizer as authorizer invocations', () => {
    const ok = trace([
      ...cloudwatch(
        ID,
        `Starting authorizer: auth01 for request: ${ID}`,
        'Successfully completed authorizer execution',
      ),
      ...cloudwatch(
        ID,
        `Starting execution for request: ${ID}`,
        'HTTP Method: GET, Resource Path: /pets/1',
        'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:api/invocations',
      ),
    ]);
    expect(ok.authorizer.invocationLines).toHaveLength(0);
    expect(ok.method).toMatchObject({ httpMethod: 'GET', resourcePath: '/pets/1' });
  });
});

describe('Trace: other steps', () => {
  it('reads the 401 identity trace', () => {
    const t = trace(['Extended Request Id: MY92nHDwwwIdGxzR=', 'Unauthorized request: 7f3b']);
    expect(t.authorizer.unauthorizedRequest).toBeDefined();
    expect(t.extendedRequestId).toBe('MY92nHDwwwIdGxzR=');
  });

  it('reads a resource-policy denial in the joined KC form', () => {
    const t = trace([
      `Extended Request Id: Abc=ExplicitDenyException User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} with an explicit deny: ${ID}`,
    ]);
    expect(t.principalDenial).toMatchObject({
      principal: 'anonymous',
      resourceArn: METHOD_ARN,
      explicit: true,
    });
  });

  it('reads the API-key rejection with its stage and reason', () => {
    const t = trace([
      "API Key ... not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: No Usage Plan found for key and API Stage",
    ]);
    expect(t.apiKeyRejected).toMatchObject({
      method: 'GET /',
      apiStage: 'zsuvlqr7nb/prod',
      reason: 'No Usage Plan found for key and API Stage',
    });
  });

  it('reads a backend 403 passed through', () => {
    const t = trace(
      cloudwatch(
        ID,
        'Received response. Status: 403, Integration latency: 5 ms',
        'Method completed with status: 403',
      ),
    );
    expect(t.integrationStatus?.status).toBe(403);
    expect(t.finalStatus?.status).toBe(403);
  });
});

describe('Trace: the answer API Gateway chose', () => {
  it('reads the gateway response type and its status', () => {
    const t = trace(
      cloudwatch(
        ID,
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        'Gateway response type: DEFAULT_5XX with status code: 500',
      ),
    );
    expect(t.gatewayResponse).toMatchObject({ type: 'DEFAULT_5XX', status: 500 });
  });

  it('reads a refused API key from its reason alone, pasted without the start of its line', () => {
    const t = trace(['No Usage Plan found for key and API Stage']);
    expect(t.apiKeyRejected).toMatchObject({ reason: 'No Usage Plan found for key and API Stage' });
  });
});

describe('Trace: a denial line', () => {
  it('reads a hostile run of placeholders at once (each could be read two ways; a backtracking reader would hang)', () => {
    const hostile = `User: ${'<a>'.repeat(64)} is not authorized to perform: execute-api:Invoke on resource: ${'<a>'.repeat(64)} x y`;
    expect(trace(cloudwatch(ID, hostile)).principalDenial).toMatchObject({
      principal: '<a>'.repeat(64),
      resourceArn: undefined,
    });
  });

  it('reads the policy a denial line names, as the answer is read', () => {
    const denial = (suffix: string) =>
      trace(
        cloudwatch(
          ID,
          `User: arn:aws:iam::111122223333:user/bob is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN} ${suffix}`,
        ),
      ).principalDenial;
    expect(denial('with an explicit deny in an identity-based policy')).toMatchObject({
      explicit: true,
      policyType: 'identity',
    });
    expect(denial('because no VPC endpoint policy allows the execute-api:Invoke action')).toMatchObject({
      explicit: false,
      policyType: 'vpc-endpoint',
    });
  });

  it('reads a masked principal and resource', () => {
    const t = trace(
      cloudwatch(
        ID,
        'User: arn:aws:sts::<account>:assumed-role/<role name>/i-x is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:<region>:<account>:<api id>/prod/GET/x with an explicit deny',
      ),
    );
    expect(t.principalDenial).toMatchObject({
      principal: 'arn:aws:sts::<account>:assumed-role/<role name>/i-x',
      resourceArn: 'arn:aws:execute-api:<region>:<account>:<api id>/prod/GET/x',
      explicit: true,
    });
  });
});
