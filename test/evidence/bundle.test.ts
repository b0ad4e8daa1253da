import { evidenceFromInput, isNarrativeOnly } from '../../src/evidence/bundle';
import { InputError } from '../../src/errors';
import { classify } from '../../src/classify/classify';
import { configFromBundle } from '../../src/evidence/bundle-config';

const ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';

describe('Reading classify input', () => {
  it('reads a corpus bundle and ignores the fields a classifier may not read', () => {
    const evidence = evidenceFromInput(
      JSON.stringify({
        id: 'x',
        status: 403,
        response_body: '{"message":"Forbidden"}',
        execution_log: [],
        expected_cause: 'waf-block',
        context: { note: 'answer' },
      }),
      'bundle.json',
    );
    expect(evidence.response?.message).toBe('Forbidden');
    expect(JSON.stringify(evidence)).not.toContain('waf-block');
  });

  it('reads the JSON of aws logs filter-log-events', () => {
    const evidence = evidenceFromInput(
      JSON.stringify({
        events: [
          {
            logStreamName: 's',
            timestamp: 1,
            message: `(${ID}) Unauthorized request: ${ID}`,
            ingestionTime: 2,
            eventId: '1',
          },
        ],
        searchedLogStreams: [],
      }),
      'events.json',
    );
    expect(evidence.trace.authorizer.unauthorizedRequest).toBeDefined();
    expect(evidence.request.requestId).toBe(ID);
  });

  it('reads pasted curl -i output with log lines', () => {
    const evidence = evidenceFromInput(
      [
        'HTTP/2 403',
        'x-amzn-requestid: 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
        'x-amzn-errortype: AccessDeniedException',
        'x-amz-apigw-id: N7SvJHWQDoEEXeA=',
        '',
        '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      ].join('\n'),
      'paste',
    );
    expect(evidence.response).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(evidence.request).toMatchObject({
      requestId: '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc',
      extendedRequestId: 'N7SvJHWQDoEEXeA=',
    });
  });

  it.each([
    ['', /is empty/],
    ['[{"status":403},{"status":401}]', /JSON array \(2 items\)/],
    ['{"foo": 1}', /neither an evidence bundle/],
    ['[1, 2', /not valid JSON/],
  ])('rejects %j with a clear error', (text, message) => {
    expect(() => evidenceFromInput(text, 'input')).toThrow(InputError);
    expect(() => evidenceFromInput(text, 'input')).toThrow(message);
  });

  it('reads a pasted response body alone', () => {
    const evidence = evidenceFromInput('{\n  "message": "Missing Authentication Token"\n}', 'paste');
    expect(evidence.response?.message).toBe('Missing Authentication Token');
  });

  it('reads a hostile, deeply nested body without overflowing the stack', () => {
    const depth = 20_000;
    const text = `${'{"message":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const evidence = evidenceFromInput(text, 'paste');
    expect(evidence.response?.body).toBe(text);
  });

  it('knows a narrative-only bundle', () => {
    expect(isNarrativeOnly({ status: 403, response_body: null, execution_log: [] })).toBe(true);
    expect(isNarrativeOnly({ status: 403, response_body: '{"message":"Forbidden"}' })).toBe(false);
  });
});

/** `curl -v` output: `*` connection lines, `>` the request sent, `<` the response received, then the body. */
describe('Reading pasted curl -v output', () => {
  const HOST = 'abc123defg.execute-api.us-east-1.amazonaws.com';
  const REQUEST_ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
  const DENY = '{"Message":"User is not authorized to access this resource with an explicit deny"}';
  const connected = [`*   Trying 3.5.0.1:443...`, `* Connected to ${HOST} (3.5.0.1) port 443 (#0)`];
  const sent = (version: string) => [
    `> GET /prod/items HTTP/${version}`,
    `> Host: ${HOST}`,
    '> user-agent: curl/8.5.0',
    '> authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x',
    '> status: 200',
    '>',
  ];
  const received = (statusLine: string) => [
    `< ${statusLine}`,
    '< content-type: application/json',
    `< x-amzn-requestid: ${REQUEST_ID}`,
    '< x-amzn-errortype: AccessDeniedException',
    '< x-amz-apigw-id: N7SvJHWQDoEEXeA=',
    '<',
  ];
  const http2 = [
    ...connected,
    ...sent('2'),
    ...received('HTTP/2 403 '),
    DENY,
    `* Connection #0 to host ${HOST} left intact`,
  ];

  it.each([
    ['HTTP/2', http2.join('\n')],
    [
      "HTTP/1.1, the body followed by curl's note on its line, with data counts",
      [
        ...connected,
        '} [5 bytes data]',
        ...sent('1.1'),
        '{ [5 bytes data]',
        ...received('HTTP/1.1 403 Forbidden'),
        `${DENY}* Connection #0 to host ${HOST} left intact`,
      ].join('\n'),
    ],
    [
      'pasted in Slack: escaped, in a fence',
      `\`\`\`${http2.join('\n').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\`\`\``,
    ],
    ['indented', http2.map((line) => `    ${line}`).join('\n')],
  ])('%s: the response read, the request and connection lines not', (_name, text) => {
    const evidence = evidenceFromInput(text, 'paste');
    expect(evidence.response).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    expect(evidence.response?.message).toMatch(/^User is not authorized to access this resource/);
    expect(evidence.request).toMatchObject({ requestId: REQUEST_ID, extendedRequestId: 'N7SvJHWQDoEEXeA=' });
    expect(evidence.trace.lines).toEqual([]);
  });

  it('keeps log lines pasted after it, quoted or bulleted', () => {
    const text = [
      ...http2,
      `> (${REQUEST_ID}) Starting authorizer: a1 for request: ${REQUEST_ID}`,
      `* (${REQUEST_ID}) The client is not authorized to perform this operation.`,
    ].join('\n');
    const evidence = evidenceFromInput(text, 'paste');
    expect(evidence.response?.status).toBe(403);
    expect(evidence.trace.lines.map((line) => line.message)).toEqual([
      `Starting authorizer: a1 for request: ${REQUEST_ID}`,
      'The client is not authorized to perform this operation.',
    ]);
  });
});

describe('A bundle written in another reasonable shape reads the same', () => {
  const TRACE = [
    `(${ID}) Starting authorizer: 8xkq2m for request: ${ID}`,
    `(${ID}) Incoming identity: ****Xy9pQ2`,
    `(${ID}) Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders"}`,
    `(${ID}) Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*"}]}}`,
    `(${ID}) Using valid authorizer policy for principal: ****u`,
    `(${ID}) Successfully completed authorizer execution`,
    `(${ID}) The client is not authorized to perform this operation.`,
    `(${ID}) Method completed with status: 403`,
  ];
  const BODY = { Message: 'User is not authorized to access this resource with an explicit deny' };
  const canonical = {
    status: 403,
    response_body: JSON.stringify(BODY),
    error_type_header: 'AccessDeniedException',
    execution_log: TRACE,
  };
  const read = (bundle: object) => {
    const evidence = evidenceFromInput(JSON.stringify(bundle), 'bundle.json');
    const { cause, confidence, summary, evidence: quoted } = classify(evidence);
    // Events carry their time; the messages of the other shapes do not.
    const request = { ...evidence.request, time: undefined };
    return { response: evidence.response, request, cause, confidence, summary, quoted };
  };

  it.each<[string, object]>([
    ['the status as text', { ...canonical, status: '403' }],
    ['the status with its reason phrase', { ...canonical, status: '403 Forbidden' }],
    ['the body as the JSON object it holds', { ...canonical, response_body: BODY }],
    ['the execution log as one text', { ...canonical, execution_log: TRACE.join('\n') }],
    [
      'the execution log as CloudWatch events',
      { ...canonical, execution_log: TRACE.map((message) => ({ message, timestamp: 1_764_000_000_000 })) },
    ],
  ])('%s', (_name, bundle) => {
    expect(read(canonical)).toMatchObject({ cause: 'authorizer-explicit-deny', confidence: 'high' });
    expect(read(bundle)).toEqual(read(canonical));
  });

  it.each<[string, object]>([
    ['a status that is no status', { ...canonical, status: 'forbidden' }],
    ['a configuration that is no object', { ...canonical, config: 'prod' }],
    ['events without a message', { ...canonical, execution_log: [{ text: 'x' }, 7, null] }],
  ])('%s counts as not given', (_name, bundle) => {
    expect(() => read(bundle)).not.toThrow();
  });
});

describe("A bundle's configuration, error type and access log in other shapes", () => {
  it.each<[string, unknown, object]>([
    [
      'enum values in lower case, a TTL and a boolean as text',
      {
        authorizer: { type: 'token', authorizerResultTtlInSeconds: '300' },
        method: { authorizationType: 'aws_iam', apiKeyRequired: 'true', httpMethod: 'get' },
      },
      {
        authorizer: { type: 'TOKEN', authorizerResultTtlInSeconds: 300 },
        method: { authorizationType: 'AWS_IAM', apiKeyRequired: true, httpMethod: 'GET' },
      },
    ],
    [
      'identity sources as a list, an endpoint type as its one value',
      {
        authorizer: { identitySource: ['method.request.header.Auth', 'method.request.querystring.t'] },
        restApi: { endpointConfiguration: { types: 'private', vpcEndpointIds: 'vpce-0abc' } },
      },
      {
        authorizer: { identitySource: 'method.request.header.Auth, method.request.querystring.t' },
        restApi: { endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0abc'] } },
      },
    ],
    [
      "a stage's method settings as text",
      { stage: { methodSettings: { '*/*': { loggingLevel: 'info', dataTraceEnabled: 'false' } } } },
      { stage: { methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: false } } } },
    ],
  ])('%s', (_name, given, expected) => {
    expect(configFromBundle(given)).toMatchObject(expected);
  });

  it.each([['prod'], [['a']], [null]])(
    'a configuration or part of one that is no object (%j) is not given',
    (part) => {
      expect(configFromBundle(part)).toBeUndefined();
      expect(configFromBundle({ authorizer: part })?.authorizer).toBeUndefined();
    },
  );

  it.each([
    ['AccessDeniedException'],
    ['accessdeniedexception'],
    ['x-amzn-ErrorType: AccessDeniedException'],
    ['AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.gateway/'],
  ])('the error type %s', (errorType) => {
    const evidence = evidenceFromInput(
      JSON.stringify({ status: 403, error_type_header: errorType }),
      'b.json',
    );
    expect(evidence.response?.errorType).toBe('AccessDeniedException');
  });

  it.each<[string, unknown[], string | undefined]>([
    ['one record', [{ requestId: 'r1', status: '403' }], 'r1'],
    [
      'the record of the bundle request id',
      [
        { requestId: 'r0', status: 403 },
        { requestId: ID, status: 403 },
      ],
      ID,
    ],
    [
      'the one failed record',
      [
        { requestId: 'r0', status: 200 },
        { requestId: 'r2', status: 403 },
      ],
      'r2',
    ],
    [
      'none of several failed records',
      [
        { requestId: 'r0', status: 403 },
        { requestId: 'r2', status: 403 },
      ],
      undefined,
    ],
  ])('an access log given as a list: %s', (_name, records, expected) => {
    const evidence = evidenceFromInput(
      JSON.stringify({ status: 403, request_id: expected === ID ? ID : undefined, access_log: records }),
      'b.json',
    );
    expect(evidence.accessLog?.requestId).toBe(expected);
  });
});

describe('A response pasted as other clients show it', () => {
  const DENY = 'User is not authorized to access this resource with an explicit deny';
  it.each<[string, string, { status?: number; message?: string }]>([
    [
      'Postman: the status and its phrase, the body pretty-printed',
      `403 Forbidden\n{\n    "Message": "${DENY}"\n}`,
      { status: 403, message: DENY },
    ],
    [
      "the browser's network tab",
      `Request URL: https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders\nRequest Method: GET\nStatus Code: 403 Forbidden\n\n{"Message":"${DENY}"}`,
      { status: 403, message: DENY },
    ],
    [
      'a labelled status and body',
      'Response status: 401\nBody: {"message":"Unauthorized"}',
      { status: 401, message: 'Unauthorized' },
    ],
    [
      "Python requests' error",
      'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/x',
      { status: 403 },
    ],
    ["axios' error", 'AxiosError: Request failed with status code 403', { status: 403 }],
  ])('%s', (_name, text, expected) => {
    const { response } = evidenceFromInput(text, 'paste');
    expect(response).toMatchObject(expected);
  });

  it('keeps a log line that ends with a status, and a structured log event, as log lines', () => {
    const evidence = evidenceFromInput(
      [
        '{"level":"INFO","message":"token rejected","timestamp":"2026-11-24T09:00:00Z"}',
        `(${ID}) Method completed with status: 403`,
      ].join('\n'),
      'paste',
    );
    expect(evidence.response).toBeUndefined();
    expect(evidence.trace.finalStatus?.status).toBe(403);
  });

  it('reads the answer pasted before its log lines, instead of refusing it as broken JSON', () => {
    const evidence = evidenceFromInput(
      [
        '{"message":"Unauthorized"}',
        `(${ID}) Unauthorized request: ${ID}`,
        `(${ID}) Method completed with status: 401`,
      ].join('\n'),
      'paste',
    );
    expect(evidence.response?.message).toBe('Unauthorized');
    expect(evidence.trace.authorizer.unauthorizedRequest).toBeDefined();
  });
});
