import { evidenceFromInput, isNarrativeOnly } from '../../src/evidence/bundle';
import { InputError } from '../../src/errors';

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
