import { request } from 'node:http';
import { API_ID, useFakeAws } from './fixtures';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function logs(url: string, operation: string, body: string): Promise<RawAnswer> {
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `Logs_20140328.${operation}`,
  };
  return send(url, 'POST', '/', headers, body);
}

describe('fake AWS: raw wire format', () => {
  const start = useFakeAws();

  it('answers Logs errors as awsJson1_1: 400, __type and x-amzn-errortype', async () => {
    const { fake } = await start();

    const missing = await logs(fake.url, 'FilterLogEvents', '{"logGroupName":"nope"}');
    const unknown = await logs(fake.url, 'PutLogEvents', '{}');
    const garbage = await logs(fake.url, 'FilterLogEvents', 'not json');

    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(missing.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(missing.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');
    expect(JSON.parse(garbage.body).__type).toBe('SerializationException');
    expect(fake.calls.map((c) => c.operation)).toEqual([
      'FilterLogEvents',
      'PutLogEvents',
      'FilterLogEvents',
    ]);
  });

  it('answers API Gateway in wire shape: item collections, epoch seconds, empty 202', async () => {
    const { fake } = await start();
    const accept = { accept: 'application/json' };

    const authorizers = await send(fake.url, 'GET', `/restapis/${API_ID}/authorizers?limit=1`, accept);
    const api = await send(fake.url, 'GET', `/restapis/${API_ID}`, accept);
    const flush = await send(fake.url, 'DELETE', `/restapis/${API_ID}/stages/prod/cache/authorizers`, accept);
    const unknown = await send(fake.url, 'GET', '/domainnames', accept);

    expect(authorizers.headers['content-type']).toBe('application/json');
    expect(Object.keys(JSON.parse(authorizers.body))).toEqual(['item', 'position']);
    expect(JSON.parse(api.body).createdDate).toBe(1_700_000_000);
    expect([flush.status, flush.body]).toEqual([202, '']);
    expect([unknown.status, unknown.headers['x-amzn-errortype']]).toEqual([404, 'NotFoundException']);
  });

  it('closes idempotently', async () => {
    const { fake } = await start();

    await fake.close();
    await expect(fake.close()).resolves.toBeUndefined();
  });
});
