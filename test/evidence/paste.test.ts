import { evidenceFromInput } from '../../src/evidence/bundle';
import { parseLogText } from '../../src/evidence/log-lines';
import { plainPaste } from '../../src/evidence/paste';
import { newestFirst } from '../../src/evidence/trace';

const ID = '5e1f0a7c-0d1e-4f2a-9b3c-4d5e6f708192';
const OTHER = '0b7c3e1a-9f2d-4c6b-8a5e-1d2f3a4b5c6d';
const URI =
  'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations';

describe('plainPaste takes off what terminals and chat clients add', () => {
  it.each([
    ['colour', '\u001b[32m2026-11-24T09:00:00Z\u001b[0m (id) x', '2026-11-24T09:00:00Z (id) x'],
    ['grep --color', '\u001b[01;31m\u001b[K(id)\u001b[m\u001b[K x', '(id) x'],
    ['a hostile escape stays', 'x \u001b[2J', 'x \u001b[2J'],
    ['Slack link with label', `Sending request to <${URI}|${URI}>`, `Sending request to ${URI}`],
    ['Slack link without label', `Sending request to <${URI}>`, `Sending request to ${URI}`],
    ['Slack entities, once', 'a &lt;b&gt; &amp;lt; c', 'a <b> &lt; c'],
    ['placeholders stay', 'Unauthorized request: <request-id>', 'Unauthorized request: <request-id>'],
    ['smart quotes', '{“Effect”:‘Deny’}', '{"Effect":\'Deny\'}'],
    ['fence with a language', '```json', ''],
    ['nested quotes and a bullet', '> > - (id) x', '(id) x'],
    ['numbered item', '12. (id) x', '(id) x'],
    ['bold', '*(id) x*', '(id) x'],
    ['inline code in a bullet', '• `(id) x`', '(id) x'],
    [
      'a trailing space kept',
      '(id) Using valid authorizer policy for principal: ',
      '(id) Using valid authorizer policy for principal: ',
    ],
    ['masked stars stay', '**********gE96dR not authorized', '**********gE96dR not authorized'],
    ['a trailing-space bold is no markup', '*x *', '*x *'],
    [
      "curl -v's marks stay",
      '* Connected to h (1.2.3.4)\n> GET /prod HTTP/1.1\n>\n< HTTP/1.1 401 Unauthorized\n<',
      '* Connected to h (1.2.3.4)\n> GET /prod HTTP/1.1\n>\n< HTTP/1.1 401 Unauthorized\n<',
    ],
    [
      'curl -v escaped by Slack',
      '&gt; GET /prod HTTP/2\n&lt; HTTP/2 403',
      '> GET /prod HTTP/2\n< HTTP/2 403',
    ],
    [
      'a quoted log line beside curl -v',
      '< HTTP/2 403\n> (abcd-1234) x\n> note',
      '< HTTP/2 403\n(abcd-1234) x\n> note',
    ],
    [
      'a quote without curl -v',
      '> GET /prod HTTP/1.1 was sent\n> HTTP/2 403',
      'GET /prod HTTP/1.1 was sent\nHTTP/2 403',
    ],
  ])('%s', (_name, text, plain) => {
    expect(plainPaste(text)).toBe(plain);
  });
});

describe('evidenceFromInput reads pastes that look like JSON but are not', () => {
  it('reads zappa tail output, which starts with a bracket, as log lines', () => {
    const evidence = evidenceFromInput(
      "[2b4492] [2016-10-11 15:26:57] API Key ****gE96dR not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage i01t0vftre/staging: API Stage is \n[2b4492] [2016-10-11 15:26:57] Method completed with status: 403",
      'paste.txt',
    );
    expect(evidence.trace.apiKeyRejected).toBeDefined();
    expect(evidence.trace.finalStatus?.status).toBe(403);
  });

  it('reads a bundle pasted in a fence with smart quotes', () => {
    const evidence = evidenceFromInput(
      '```\n{“status”: 403, “response_body”: “{\\”message\\”:\\”Forbidden\\”}”}\n```',
      'paste.txt',
    );
    expect(evidence.response?.status).toBe(403);
    expect(evidence.response?.message).toBe('Forbidden');
  });

  it('still refuses JSON that is broken', () => {
    expect(() => evidenceFromInput('{"status": 403,', 'x.json')).toThrow('x.json is not valid JSON');
    expect(() => evidenceFromInput('[{"status": 403}', 'x.json')).toThrow('x.json is not valid JSON');
  });
});

describe('a paste copied newest first', () => {
  const lines = (id: string, messages: string[]) => messages.map((m) => `(${id}) ${m}`);

  it('is turned round when its timestamps fall', () => {
    const text = [
      `2026-11-24T09:00:00.005Z\t(${ID}) Method completed with status: 403`,
      `2026-11-24T09:00:00.004Z\t(${ID}) Starting execution for request: ${ID}`,
      `2026-11-24T09:00:00.004Z\t(${ID}) Verifying Usage Plan for request: ${ID}. API Key: API Stage: a/b`,
    ].join('\n');
    const messages = evidenceFromInput(text, 'p').trace.lines.map((line) => line.message);
    expect(messages[0]).toMatch(/^Verifying Usage Plan/);
    expect(messages.at(-1)).toBe('Method completed with status: 403');
  });

  it('is turned round without timestamps when the answer comes first and the first line last', () => {
    const text = lines(ID, [
      'The client is not authorized to perform this operation.',
      'Extended Request Id: Tn=',
    ]);
    expect(evidenceFromInput(text.join('\n'), 'p').trace.lines[0].message).toBe('Extended Request Id: Tn=');
  });

  it('is left as it is when its timestamps rise, or its first and last lines are two requests', () => {
    const rising = [
      `2026-11-24T09:00:00.004Z (${ID}) Method completed with status: 403`,
      `2026-11-24T09:00:00.005Z (${ID}) Extended Request Id: Tn=`,
    ];
    expect(evidenceFromInput(rising.join('\n'), 'p').trace.lines[0].message).toMatch(/^Method completed/);
    const two = [
      ...lines(OTHER, ['Method completed with status: 200']),
      ...lines(ID, ['Extended Request Id: Tn=']),
    ];
    expect(newestFirst(parseLogText(two.join('\n')))).toBe(false);
    expect(newestFirst(parseLogText([...two].reverse().join('\n')))).toBe(false);
  });
});
