import { parseAccessLogRecord } from '../../src/locate/access-log-record';
import { readAccessLog } from '../../src/evidence/access-log';

/** The formats the console offers (API Gateway developer guide, "Access logging"). */
const CLF =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId';
const CSV =
  '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId';
const XML =
  '<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>';

const ID = 'c0ffee00-1111-4222-8333-444455556666';

describe('parseAccessLogRecord: a record read against its stage format', () => {
  it.each([
    [
      'CLF',
      CLF,
      `198.51.100.7 - - [30/Nov/2026:18:00:00 +0000] "GET /orders/{id} HTTP/1.1" 403 42 ${ID} Tq4yGiXRErFFYfB=`,
    ],
    [
      'CSV',
      CSV,
      `198.51.100.7,-,-,30/Nov/2026:18:00:00 +0000,GET,/orders/{id},HTTP/1.1,403,42,${ID},Tq4yGiXRErFFYfB=`,
    ],
    [
      'XML',
      XML,
      `<request id="${ID}"> <ip>198.51.100.7</ip> <caller>-</caller> <user>-</user> <requestTime>30/Nov/2026:18:00:00 +0000</requestTime> <httpMethod>GET</httpMethod> <resourcePath>/orders/{id}</resourcePath> <status>403</status> <protocol>HTTP/1.1</protocol> <responseLength>42</responseLength> </request>`,
    ],
  ])('%s gives the facts a JSON record gives', (_name, format, line) => {
    const facts = readAccessLog(parseAccessLogRecord(format, line));
    expect(facts).toMatchObject({
      requestId: ID,
      sourceIp: '198.51.100.7',
      status: 403,
      httpMethod: 'GET',
      resourcePath: '/orders/{id}',
      requestTime: '30/Nov/2026:18:00:00 +0000',
    });
    expect(facts?.caller).toBeUndefined();
  });

  it('reads JSON as JSON, whatever the stage format says', () => {
    expect(parseAccessLogRecord(CLF, `{"requestId":"${ID}","status":"401"}`)).toEqual({
      requestId: ID,
      status: '401',
    });
  });

  it('keeps a dot after a variable as text', () => {
    expect(parseAccessLogRecord('status $context.status.', 'status 403.')).toEqual({
      'context.status': '403',
    });
  });

  it.each([
    ['a record of another format', CLF, `<request id="${ID}"> <ip>198.51.100.7</ip> </request>`],
    ['a record cut short', XML, `<request id="${ID}"> <ip>198.51.100.7</ip> <caller>-</caller>`],
    ['nothing but the format', CSV, ''],
    ['a stage without a format', undefined, `198.51.100.7 - - [x] "GET / HTTP/1.1" 403 42 ${ID} x=`],
    ['a format without variables', 'plain text', 'plain text'],
  ])('reads nothing from %s', (_name, format, line) => {
    expect(parseAccessLogRecord(format, line)).toBeUndefined();
  });

  it("reads a record whose values are full of the format's separators, fitting or not, in one pass", () => {
    const spaces = `${'a '.repeat(50_000)}`;
    const format =
      '$context.identity.userAgent $context.status $context.requestId $context.path $context.protocol END';
    expect(parseAccessLogRecord(format, `${spaces}403 ${ID} /x HTTP/1.1`)).toBeUndefined();
    expect(parseAccessLogRecord(format, `ua 403 ${ID} /x HTTP/1.1 END`)).toMatchObject({
      'context.status': '403',
      'context.requestId': ID,
    });
  });
});
