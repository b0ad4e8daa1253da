import { linesOfOneRequest } from '../../src/evidence/focus';
import { parseLogText } from '../../src/evidence/log-lines';

const ID = '29d2b4df-26da-4cae-aeca-f9ef6c338d88';
const OTHER = '0b7c3e1a-9f2d-4c6b-8a5e-1d2f3a4b5c6d';
const AT = 'Thu Sep 05 04:56:39 UTC 2019 : ';
const URI =
  'https://lambda.ap-southeast-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:ap-southeast-2:1:function:auth/invocations';

/** A console Test-tab run of a REQUEST authorizer that answered Unauthorized (domain.md §6.3, §6.4). */
function testRun(id: string, startedFor: string, unauthorizedFor: string): string[] {
  return [
    `Execution log for request ${id}`,
    `${AT}Starting authorizer: 52u008 for request: ${startedFor}`,
    `${AT}Incoming identity: {method.request.header.Hash=********aaaaaa}`,
    `${AT}Endpoint request URI: ${URI}`,
    `${AT}Sending request to ${URI}`,
    `${AT}Unauthorized request: ${unauthorizedFor}`,
    `${AT}Unauthorized`,
  ];
}

function kept(text: string[], requestId?: string) {
  const { lines, leftOut } = linesOfOneRequest(parseLogText(text.join('\n')), requestId);
  return { count: lines.length, leftOut, first: lines[0]?.message };
}

describe('linesOfOneRequest: a console Test-tab paste is one request per header', () => {
  it.each([
    ['as published', testRun(ID, ID, ID)],
    ['the authorizer line cut before its id', testRun(ID, '...', ID)],
    ['the Unauthorized line cut before its id', testRun(ID, ID, '...')],
    ['an id cut short with an ellipsis', testRun(ID, '29d2b4df\u2026', ID)],
    [
      "a 'test-request' header over 'test-invoke-request' lines",
      testRun('test-request', 'test-invoke-request', 'test-invoke-request'),
    ],
    ['no header, one id cut', testRun(ID, '...', ID).slice(1)],
    ['a header whose id the author elided', testRun('...', ID, ID)],
  ])('%s: every line kept', (_name, text) => {
    expect(kept(text)).toEqual({ count: text.length, leftOut: 0, first: text[0].replace(AT, '') });
  });

  it('keeps two runs apart, and takes the one that failed', () => {
    const passed = [
      `Execution log for request ${OTHER}`,
      `${AT}Starting execution for request: ${OTHER}`,
      `${AT}Method completed with status: 200`,
    ];
    expect(kept([...passed, ...testRun(ID, '...', ID)])).toEqual({
      count: 7,
      leftOut: 1,
      first: `Execution log for request ${ID}`,
    });
  });

  it('takes the run asked about', () => {
    const failed = testRun(OTHER, OTHER, OTHER);
    expect(kept([...failed, ...testRun(ID, '...', ID)], ID)).toMatchObject({ count: 7, leftOut: 1 });
  });
});

describe('linesOfOneRequest: an export without wrappers', () => {
  const usagePlan = (id: string) => `Verifying Usage Plan for request: ${id}. API Key: API Stage: abc/prod`;
  it.each([
    [
      'an elided id names no request',
      [usagePlan(ID), 'Starting authorizer: a for request: ...', 'Unauthorized request: ...'],
      3,
      0,
    ],
    [
      'two named requests are two',
      [usagePlan(OTHER), 'Method completed with status: 200', usagePlan(ID), `Unauthorized request: ${ID}`],
      2,
      1,
    ],
  ])('%s', (_name, text, count, leftOut) => {
    expect(kept(text)).toMatchObject({ count, leftOut });
  });
});
