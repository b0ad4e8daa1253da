import { parseLogEvents, parseLogText, requestIdOfLine } from '../../src/evidence/log-lines';

const ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';

describe('Execution-log line wrappers', () => {
  it.each([
    ['CloudWatch message field', `(${ID}) Method completed with status: 403`, ID, undefined],
    [
      'export with ISO timestamp',
      `2017-06-05T17:52:57.701Z (${ID}) Method completed with status: 403`,
      ID,
      Date.UTC(2017, 5, 5, 17, 52, 57, 701),
    ],
    [
      'console copy with a pipe',
      `2023-10-27T14:40:57.744+01:00 | (${ID}) Method completed with status: 403`,
      ID,
      Date.UTC(2023, 9, 27, 13, 40, 57, 744),
    ],
    [
      'log-tail with group and stream',
      `API-Gateway-Execution-Logs_abc123/prod 0123456789abcdef0123456789abcdef 2019-01-01T00:00:00.000Z (${ID}) Method completed with status: 403`,
      ID,
      Date.UTC(2019, 0, 1),
    ],
    ['markdown indentation', `    (${ID}) Method completed with status: 403`, ID, undefined],
    ['masked request id', '(9cef3834-…) Method completed with status: 403', '9cef3834-…', undefined],
  ])('%s', (_name, raw, requestId, timestamp) => {
    const [line] = parseLogEvents([raw]);
    expect(line.message).toBe('Method completed with status: 403');
    expect(line.requestId).toBe(requestId);
    expect(line.timestamp).toBe(timestamp);
    expect(line.testConsole).toBe(false);
  });

  it.each([
    [
      'console Test tab',
      'Thu Sep 05 04:56:39 UTC 2019 : Starting authorizer: 2egbc3 for request: test-request',
    ],
    [
      'with pasted leading spaces',
      '  Thu Sep 05 04:56:39 UTC 2019 : Starting authorizer: 2egbc3 for request: test-request',
    ],
    [
      'with spaces a translator inserted around colons',
      'Thu Sep 05 04 : 56: 39 UTC 2019 : Starting authorizer: 2egbc3 for request: test-request',
    ],
  ])('%s', (_name, raw) => {
    const [line] = parseLogEvents([raw]);
    expect(line.message).toBe('Starting authorizer: 2egbc3 for request: test-request');
    expect(line.testConsole).toBe(true);
    expect(line.timestamp).toBe(Date.UTC(2019, 8, 5, 4, 56, 39));
  });

  it('reads zappa tail lines and 2016 exports without an id prefix', () => {
    const [zappa, export2016] = parseLogEvents([
      '[2b4492] [2016-10-11 15:26:57] Method completed with status: 403',
      '2016-10-01T10:55:36.315Z Verifying Usage Plan for request: 7c1c. API Key: ****',
    ]);
    expect(zappa.message).toBe('Method completed with status: 403');
    expect(zappa.timestamp).toBe(Date.UTC(2016, 9, 11, 15, 26, 57));
    expect(export2016.message).toBe('Verifying Usage Plan for request: 7c1c. API Key: ****');
  });

  it('marks and strips the [TRUNCATED] suffix', () => {
    const [line] = parseLogEvents([
      `(${ID}) Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-ap [TRUNCATED]`,
    ]);
    expect(line.truncated).toBe(true);
    expect(line.message).toBe(
      'Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-ap',
    );
  });

  it('splits the Knowledge Center\'s joined "Extended Request Id: X=<message>" form', () => {
    const lines = parseLogEvents(['Extended Request Id: MY92nHDwwwIdGxzR=Unauthorized request: 1234']);
    expect(lines.map((l) => l.message)).toEqual([
      'Extended Request Id: MY92nHDwwwIdGxzR=',
      'Unauthorized request: 1234',
    ]);
  });

  it('keeps the trailing space of an empty principal', () => {
    const [line] = parseLogEvents([
      'Sun May 07 05:37:15 UTC 2017 : Using valid authorizer policy for principal: ',
    ]);
    expect(line.message).toBe('Using valid authorizer policy for principal: ');
  });
});

describe('Hostile text, read in one pass', () => {
  // Each took seconds with the patterns these replaced (a run of spaces scanned again from each of its positions).
  const spaces = ' '.repeat(50_000);

  it('splits a flattened trace at its heads, however long the spaces between them', () => {
    const lines = parseLogEvents([`(${ID}) x ${spaces}Unauthorized request: ${ID}${spaces}y`]);
    expect(lines.map((line) => line.message)).toEqual(['x', `Unauthorized request: ${ID}${spaces}y`]);
  });

  it('glues a long pretty-printed body into one message, its lines read once', () => {
    const body = `{\n${'  "a": 1,\n'.repeat(50_000)}  "b": [1]\n}`;
    const lines = parseLogText(`Authorizer result body before parsing: ${body}`);
    expect(lines).toHaveLength(1);
    expect(lines[0].message.endsWith('"b": [1]\n}')).toBe(true);
    expect(lines[0].message.split('\n')).toHaveLength(50_003);
  });

  it('marks a glued message that ends cut off, as one that ends so on its own line', () => {
    const [line] = parseLogText('Authorizer result body before parsing: {\n  "principalId": "u [TRUNCATED]');
    expect(line.truncated).toBe(true);
    expect(line.message).toBe('Authorizer result body before parsing: {\n"principalId": "u');
  });

  it('does not take a timestamp followed by spaces and text for a timestamp alone', () => {
    const [line] = parseLogText(`2017-06-05T17:52:57.701Z ${spaces}:`);
    expect(line.message).toBe(':');
    expect(line.timestamp).toBe(Date.UTC(2017, 5, 5, 17, 52, 57, 701));
  });
});

describe('Pasted log text', () => {
  it('reads every wrapper of an exported trace as the single-event reader does', () => {
    const events = [
      `2017-06-05T17:52:57.701Z (${ID}) Starting authorizer: 2egbc3 for request: ${ID}`,
      `2017-06-05T17:52:57.702Z  (${ID}) Incoming identity: ****abcd`,
      `(${ID}) Method completed with status: 403`,
      `2017-06-05T17:52:57.8Z (${ID}) Unauthorized request: ${ID}`,
    ];
    expect(parseLogText(events.join('\r\n'))).toEqual(parseLogEvents(events));
  });

  it('drops a carriage return only before a line break', () => {
    const lines = parseLogText(`(${ID}) Method request body before transformations: a\rb\r\n(${ID}) last\r`);
    expect(lines.map((line) => line.message)).toEqual([
      'Method request body before transformations: a\rb',
      'last',
    ]);
  });

  it('keeps a wrapped line whose id looks like a timestamp line', () => {
    const [line] = parseLogText(`2017-06-05T17:52:57Z (${ID}) 2017-06-05T17:52:58Z`);
    expect(line.requestId).toBe(ID);
    expect(line.message).toBe('2017-06-05T17:52:58Z');
  });

  it('joins pretty-printed JSON lines onto the message they continue', () => {
    const lines = parseLogText(
      [
        `(${ID}) Authorizer result body before parsing: {`,
        '  "principalId": "user",',
        '  "policyDocument": {}',
        '}',
        `(${ID}) Successfully completed authorizer execution`,
      ].join('\n'),
    );
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0].message.replace('Authorizer result body before parsing: ', ''))).toEqual({
      principalId: 'user',
      policyDocument: {},
    });
  });

  it('joins continuation lines even when no line has a wrapper', () => {
    const lines = parseLogText(
      'Authorizer result body before parsing: {\n"principalId": "user"\n}\nSuccessfully completed authorizer execution',
    );
    expect(lines.map((l) => l.message)).toEqual([
      'Authorizer result body before parsing: {\n"principalId": "user"\n}',
      'Successfully completed authorizer execution',
    ]);
  });

  it("carries the console's two-line copy (timestamp alone, then the message) onto one line", () => {
    const lines = parseLogText(`2023-10-27T14:40:57.744+01:00\n(${ID}) Method completed with status: 403`);
    expect(lines).toHaveLength(1);
    expect(lines[0].timestamp).toBe(Date.UTC(2023, 9, 27, 13, 40, 57, 744));
    expect(lines[0].requestId).toBe(ID);
  });

  it('skips blank lines and keeps the console header as its own line', () => {
    const lines = parseLogText(
      'Execution log for request test-request\n\nThu Sep 05 04:56:39 UTC 2019 : Starting authorizer: a for request: test-request\n',
    );
    expect(lines.map((l) => l.message)).toEqual([
      'Execution log for request test-request',
      'Starting authorizer: a for request: test-request',
    ]);
  });
});

/**
 * Authors replace the wrapper with a placeholder (`Date : `) or paste a wrapper whose message went onto the next line;
 * neither is a message of its own, and neither stops a broken line from being joined back (domain.md §6.3).
 */
describe('A prefix without a message', () => {
  const PERMISSION = 'Execution failed due to configuration error: Invalid permissions on Lambda function';
  const SENT = 'Sending request to https://lambda.function.url';
  const DONE = 'Method completed with status: 500';
  it.each([
    [
      "an author's `Date : ` in place of the timestamps",
      `Date : ${SENT}\nDate : Execution failed due to configuration error: \n  Invalid permissions on Lambda function\nDate : ${DONE}`,
      [SENT, PERMISSION, DONE],
    ],
    [
      'the same, its first line not pasted and no trailing space kept',
      'Date : Execution failed due to configuration error:\n  Invalid permissions on Lambda function\nDate : ' +
        DONE,
      [PERMISSION, DONE],
    ],
    [
      'other placeholders',
      `<timestamp> : ${SENT}\nINFO: ${PERMISSION}\nTIME STAMP HERE : ${DONE}`,
      [SENT, PERMISSION, DONE],
    ],
    ['a label alone, its message on the next line', `Date :\n${SENT}\nDate :\n${DONE}`, [SENT, DONE]],
    [
      'a console timestamp alone, in a paste with wrappers',
      `Thu Sep 05 04:56:39 UTC 2019 : ${SENT}\nThu Sep 05 04:56:40 UTC 2019 : \n${DONE}`,
      [SENT, DONE],
    ],
    [
      'a message head that looks like a label stays',
      `Incoming identity:\n${DONE}`,
      ['Incoming identity:', DONE],
    ],
    ['a label before no message head is text', `Note: see below\n${DONE}`, ['Note: see below', DONE]],
  ])('%s', (_name, text, messages) => {
    expect(parseLogText(text).map((l) => l.message)).toEqual(messages);
  });

  it('gives the message on the next line the wrapper it followed', () => {
    const [line] = parseLogText(`Thu Sep 05 04:56:40 UTC 2019 :\n${DONE}`);
    expect(line).toMatchObject({
      message: DONE,
      testConsole: true,
      timestamp: Date.UTC(2019, 8, 5, 4, 56, 40),
    });
  });

  it('reads placeholder events without a line for the label', () => {
    const events = ['Execution log for request x', `Date : ${SENT}`, 'Date :', `Date : ${DONE}`];
    expect(parseLogEvents(events).map((l) => l.message)).toEqual(['Execution log for request x', SENT, DONE]);
  });
});

describe('requestIdOfLine (scanner fast path)', () => {
  it.each([
    [`(${ID}) Method completed with status: 200`, ID],
    [`2017-06-05T17:52:57.701Z (${ID}) x`, ID],
    ['Verifying Usage Plan for request: x. (not an id) y', undefined],
    ['no parentheses at all', undefined],
  ])('%s', (line, id) => {
    expect(requestIdOfLine(line)).toBe(id);
  });
});
