import { evidence, cloudwatch, authorizerRun, ARN_PREFIX } from '../support/evidence';

describe('What is known about the request', () => {
  it('takes the method ARN the authorizer saw, and the ids in it', () => {
    const e = evidence({
      log: authorizerRun('req-0001', `${ARN_PREFIX}/prod/GET/pets/42`, { principalId: 'u' }),
    });
    expect(e.request).toMatchObject({
      requestId: 'req-0001',
      methodArn: `${ARN_PREFIX}/prod/GET/pets/42`,
      restApiId: 'abc123defg',
      stage: 'prod',
      region: 'us-east-1',
      accountId: '111122223333',
      httpMethod: 'GET',
    });
  });

  it('takes the ARN from a resource-policy denial in the response', () => {
    const e = evidence({
      status: 403,
      body: `{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${ARN_PREFIX}/v1/POST/orders"}`,
    });
    expect(e.request.methodArn).toBe(`${ARN_PREFIX}/v1/POST/orders`);
  });

  it('does not take masked or placeholder ids as facts', () => {
    const e = evidence({
      status: 403,
      body: '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-2:********1977:fywvr4qneh/api/GET/sentiment/"}',
    });
    expect(e.request.accountId).toBeUndefined();
    expect(e.request.restApiId).toBe('fywvr4qneh');
  });

  it('rebuilds the ARN from the ids, the access log path and the trace', () => {
    const e = evidence({
      log: cloudwatch('req-0002', 'HTTP Method: GET, Resource Path: /orders/{id}'),
      accessLog: { path: '/prod/orders/18', stage: 'prod', httpMethod: 'GET', ip: '203.0.113.7' },
      request: { restApiId: 'abc123defg', region: 'us-east-1', accountId: '111122223333' },
    });
    expect(e.request.methodArn).toBe(`${ARN_PREFIX}/prod/GET/orders/18`);
    expect(e.request.sourceIp).toBe('203.0.113.7');
  });

  it('takes the API and stage from an API-key rejection', () => {
    const e = evidence({
      log: [
        "API Key ... not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: No Usage Plan found for key and API Stage",
      ],
    });
    expect(e.request).toMatchObject({ restApiId: 'zsuvlqr7nb', stage: 'prod' });
  });
});
