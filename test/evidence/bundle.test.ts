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
