import { curlRequest } from '../../src/evidence/curl-verbose';
import { evidenceFromInput } from '../../src/evidence/bundle';
import { plainPaste } from '../../src/evidence/paste';
import type { RequestFacts } from '../../src/evidence/types';

/** `curl -v` output as curl 8 prints it over HTTP/2 and HTTP/1.1 (connection lines, `>` request, `<` response). */

const API_HOST = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTQyIn0.c2lnbmF0dXJlLXNlY3JldA';
const API_KEY = 'Xq9vT2mK7pL4sR8wY1zA3bC5dE6fG0hJ';
const REQUEST_ID = '5e1f0a7c-0d1e-4f2a-9b3c-4d5e6f708192';

function connection(host: string): string[] {
  return [
    `* Host ${host}:443 was resolved.`,
    '* IPv4: 18.200.1.10, 52.48.2.20',
    '*   Trying 18.200.1.10:443...',
    `* Connected to ${host} (18.200.1.10) port 443`,
    '* ALPN: curl offers h2,http/1.1',
    '* SSL connection using TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 / prime256v1 / rsaEncryption',
    '* using HTTP/2',
  ];
}

function sent(requestLine: string, host: string, headers: readonly string[], closed = true): string[] {
  return [
    `> ${requestLine}`,
    `> Host: ${host}`,
    '> User-Agent: curl/8.5.0',
    '> Accept: */*',
    ...headers.map((header) => `> ${header}`),
    ...(closed ? ['> '] : []),
  ];
}

const ANSWERED_401 = [
  '< HTTP/2 401 ',
  '< date: Tue, 24 Nov 2026 09:00:00 GMT',
  '< content-type: application/json',
  '< content-length: 26',
  `< x-amzn-requestid: ${REQUEST_ID}`,
  '< x-amzn-errortype: UnauthorizedException',
  '< x-amz-apigw-id: Tn0AbCdEfGhIjKl=',
  '< ',
  `{"message":"Unauthorized"}* Connection #0 to host ${API_HOST} left intact`,
];

function paste(request: readonly string[], host = API_HOST): string {
  return [...connection(host), ...request, ...ANSWERED_401].join('\n');
}

const DEFAULTS = ['host', 'user-agent', 'accept'];

describe('curl -v: the request it sent', () => {
  it.each<[string, string, Partial<RequestFacts>]>([
    [
      'an execute-api host, the headers given whole, no credentials',
      paste(sent('GET /prod/orders/7 HTTP/2', API_HOST, [])),
      {
        httpMethod: 'GET',
        restApiId: 'a1b2c3d4e5',
        region: 'eu-west-1',
        stage: 'prod',
        resourcePath: '/orders/7',
        headersSent: { names: DEFAULTS, complete: true, queryString: false },
      },
    ],
    [
      'a bearer token and an API key: only that they were sent',
      paste(
        sent('POST /dev/orders HTTP/2', API_HOST, [
          `Authorization: Bearer ${TOKEN}`,
          `x-api-key: ${API_KEY}`,
        ]),
      ),
      {
        httpMethod: 'POST',
        stage: 'dev',
        resourcePath: '/orders',
        headersSent: {
          names: [...DEFAULTS, 'authorization', 'x-api-key'],
          complete: true,
          queryString: false,
        },
      },
    ],
    [
      'the header block cut before its closing line',
      paste(sent('GET /prod/orders/7 HTTP/2', API_HOST, [], false)),
      { stage: 'prod', headersSent: { names: DEFAULTS, complete: false, queryString: false } },
    ],
    [
      'a header sent empty (curl -H "X-Token;") is no value',
      paste(sent('GET /prod/orders/7 HTTP/1.1', API_HOST, ['X-Token: '])),
      { headersSent: { names: DEFAULTS, complete: true, queryString: false } },
    ],
    [
      'the query string is not part of the path',
      paste(sent('GET /prod/orders?status=open&page=2 HTTP/1.1', API_HOST, [])),
      {
        stage: 'prod',
        resourcePath: '/orders',
        headersSent: { names: DEFAULTS, complete: true, queryString: true },
      },
    ],
    [
      'the stage alone is its root resource',
      paste(sent('GET /prod HTTP/1.1', API_HOST, [])),
      { stage: 'prod', resourcePath: '/' },
    ],
    [
      'the host root names no stage',
      paste(sent('GET / HTTP/1.1', API_HOST, [])),
      { restApiId: 'a1b2c3d4e5', region: 'eu-west-1', stage: undefined, resourcePath: undefined },
    ],
    [
      'a China region host',
      paste(sent('GET /prod/x HTTP/1.1', 'a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn', [])),
      { restApiId: 'a1b2c3d4e5', region: 'cn-north-1', stage: 'prod' },
    ],
  ])('%s', (_name, text, expected) => {
    const evidence = evidenceFromInput(text, 'paste');
    expect(evidence.request).toMatchObject(expected);
    expect(evidence.request.requestId).toBe(REQUEST_ID);
    expect(evidence.response?.status).toBe(401);
  });

  it.each([
    ['a custom domain (its base path mapping hides the API and stage)', 'api.example.com'],
    ['a host that only starts like an execute-api host', `${API_HOST}.example.net`],
  ])('%s: the method only', (_name, host) => {
    const { request } = evidenceFromInput(paste(sent('GET /v1/orders/7 HTTP/2', host, []), host), 'paste');
    expect(request.httpMethod).toBe('GET');
    expect(request.restApiId).toBeUndefined();
    expect(request.stage).toBeUndefined();
    expect(request.resourcePath).toBeUndefined();
    expect(request.headersSent).toEqual({ names: DEFAULTS, complete: true, queryString: false });
  });

  it('keeps no header value anywhere in the evidence, nor in what curl says of its HTTP/2 stream', () => {
    const stream = [
      `* [HTTP/2] [1] [authorization: Bearer ${TOKEN}]`,
      `* [HTTP/2] [1] [x-api-key: ${API_KEY}]`,
    ];
    const text =
      stream.join('\n') +
      '\n' +
      paste(
        sent('GET /prod/orders/7 HTTP/2', API_HOST, [
          `Authorization: Bearer ${TOKEN}`,
          `x-api-key: ${API_KEY}`,
        ]),
      );
    const json = JSON.stringify(evidenceFromInput(text, 'paste'));
    expect(json).not.toContain(TOKEN.slice(-12));
    expect(json).not.toContain(API_KEY.slice(-8));
  });

  it('reads the request curl sent last when it followed a redirect', () => {
    const first = sent('GET /orders/7 HTTP/1.1', 'api.example.com', [`Authorization: Bearer ${TOKEN}`]);
    const redirected = [
      '< HTTP/1.1 301 Moved Permanently',
      `< Location: https://${API_HOST}/prod/orders/7`,
      '< ',
    ];
    const second = sent('GET /prod/orders/7 HTTP/2', API_HOST, []);
    const request = curlRequest(plainPaste([...first, ...redirected, ...second].join('\n')).split('\n'));
    expect(request).toMatchObject({ restApiId: 'a1b2c3d4e5', stage: 'prod', headers: { names: DEFAULTS } });
  });

  it('reads a paste that went through Slack (its > and < escaped, the blank > trimmed)', () => {
    const text = paste(sent('GET /prod/orders/7 HTTP/2', API_HOST, [`x-api-key: ${API_KEY}`]))
      .replace(/^> $/m, '>')
      .replace(/^>/gm, '&gt;')
      .replace(/^</gm, '&lt;');
    const { request } = evidenceFromInput(text, 'paste');
    expect(request).toMatchObject({ stage: 'prod', headersSent: { complete: true, queryString: false } });
    expect(request.headersSent?.names).toContain('x-api-key');
  });

  it('finds no request in a curl -i paste, nor in a log line quoted with >', () => {
    expect(curlRequest(['HTTP/2 401', 'x-amzn-errortype: UnauthorizedException'])).toBeUndefined();
    const quoted = `> (${REQUEST_ID}) Unauthorized request: ${REQUEST_ID}`;
    expect(evidenceFromInput(quoted, 'paste').request.headersSent).toBeUndefined();
  });
});
