import { readAccessLog } from '../../src/evidence/access-log';

describe('Access-log records', () => {
  it('reads the names a format chose, flat or nested, with or without $context', () => {
    expect(
      readAccessLog({
        requestId: 'r1',
        ip: '203.0.113.7',
        status: '403',
        'error.responseType': 'ACCESS_DENIED',
        '$context.identity.vpceId': 'vpce-0abc',
        authorizer: { integrationStatus: '200', requestId: 'lambda-1' },
      }),
    ).toMatchObject({
      requestId: 'r1',
      sourceIp: '203.0.113.7',
      status: 403,
      responseType: 'ACCESS_DENIED',
      vpceId: 'vpce-0abc',
      authorizerIntegrationStatus: '200',
      authorizerRequestId: 'lambda-1',
    });
    expect(readAccessLog({ waf: { status: '-' } })?.wafStatus).toBeUndefined();
  });

  it("reads the integration's status under the names formats give it, apart from the authorizer's", () => {
    expect(readAccessLog({ 'integration.status': '403' })?.integrationStatus).toBe(403);
    expect(readAccessLog({ integration_status: 401 })?.integrationStatus).toBe(401);
    expect(readAccessLog({ functionResponseStatus: '502' })?.integrationStatus).toBe(502);
    expect(readAccessLog({ integrationStatus: '-' })?.integrationStatus).toBeUndefined();
    expect(readAccessLog({ authorizer: { integrationStatus: '200' } })).toMatchObject({
      integrationStatus: undefined,
      authorizerIntegrationStatus: '200',
    });
  });

  it('accepts a JSON string, rejects what is not an object', () => {
    expect(readAccessLog('{"statusCode": 401, "errorResponseType": "UNAUTHORIZED"}')).toMatchObject({
      status: 401,
      responseType: 'UNAUTHORIZED',
    });
    expect(readAccessLog('not json')).toBeUndefined();
    expect(readAccessLog([1, 2])).toBeUndefined();
  });

  it('reads a hostile record nested thousands deep without overflowing the stack, its shallow fields kept', () => {
    const depth = 10_000;
    const nested = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as Record<string, unknown>;
    expect(readAccessLog({ status: 403, deep: nested })).toMatchObject({ status: 403 });
  });
});
