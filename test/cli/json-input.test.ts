import { gzipSync } from 'node:zlib';
import { why403, scratchDir } from '../support/cli';
import { findJsonFault } from '../../src/cli/json-fault';
import { english } from '../../src/render/localize';

/**
 * JSON that does not parse, given to classify, scan --file and policy-check: one line saying what is wrong and where
 * in plain words (never the parser's own), and what to give instead; with --json the same as a JSON document.
 */

const ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const EVENT = `{"timestamp":1700000000000,"message":"(${ID}) Extended Request Id: Lq4yGiXRErFFYfB="}`;
const ARN = 'arn:aws:execute-api:us-east-1:111122223333:abc123defg/prod/GET/pets';
const FIX = 'fix the JSON there, or give the execution-log lines as plain text';
const CUT = 'it was cut short: export or copy it again, whole';
const SEVERAL = 'give one JSON document, or one JSON event per line (NDJSON)';

/** A filter-log-events export of `count` events, one a line, as `aws logs filter-log-events` prints it. */
function exportOf(count: number): string {
  return `{\n  "events": [\n${Array.from({ length: count }, () => `    ${EVENT}`).join(',\n')}\n  ]\n}\n`;
}

const BIG = exportOf(40_000); // about 4 MiB: the fault is found several chunks in
const BIG_LINES = BIG.split('\n').length - 1;

const CASES: [name: string, content: string | Buffer, message: string, hint: string][] = [
  [
    'cut.json',
    `{"events":[${EVENT},{"timestamp":1700000000001,"mess`,
    'cut.json is not valid JSON: it ends inside a string, at line 1, column 161',
    CUT,
  ],
  [
    'cut-array.json',
    `{"events":[${EVENT},`,
    'cut-array.json is not valid JSON: it ends inside an array, at line 1, column 129',
    CUT,
  ],
  [
    'cut-object.json',
    '{\n  "status": 403,\n  "response_body": "{}"\n',
    'cut-object.json is not valid JSON: it ends inside an object, at line 4, column 1',
    CUT,
  ],
  [
    'cut-newline.json',
    '{"status": 403, "response_body": "Forbi\n',
    'cut-newline.json is not valid JSON: it ends inside a string, at line 2, column 1',
    CUT,
  ],
  [
    'trailing.json',
    '{\n  "status": 403,\n  "response_body": "x",\n}\n',
    'trailing.json is not valid JSON: a comma stands before the closing "}" at line 4, column 1, where JSON allows none',
    FIX,
  ],
  [
    'trailing-array.json',
    `[${EVENT},]`,
    'trailing-array.json is not valid JSON: a comma stands before the closing "]" at line 1, column 119, where JSON allows none',
    FIX,
  ],
  [
    'no-comma.json',
    '{"status": 403\n "response_body": "x"}',
    'no-comma.json is not valid JSON: a comma is missing before "response_body" at line 2, column 2',
    FIX,
  ],
  [
    'no-colon.json',
    '{"status" 403}',
    'no-colon.json is not valid JSON: a colon is missing after the property name, before "403" at line 1, column 11',
    FIX,
  ],
  [
    'single-quotes.json',
    "{'status': 403}",
    `single-quotes.json is not valid JSON: "'" at line 1, column 2 is out of place`,
    FIX,
  ],
  [
    'raw-newline.json',
    '{"response_body": "two\nlines"}',
    'raw-newline.json is not valid JSON: a line break stands inside a string at line 1, column 23, where JSON writes it as \\n',
    FIX,
  ],
  [
    'control.json',
    '{"status":\u0001403}',
    'control.json is not valid JSON: "\\u0001" at line 1, column 11 is out of place',
    FIX,
  ],
  [
    'two.json',
    '{"events":[]}\n{"events":[]}\n',
    'two.json is not valid JSON: its JSON document has ended, yet "{" follows at line 2, column 1',
    SEVERAL,
  ],
  [
    'big.json',
    `${BIG.slice(0, -5)},\n}\n`,
    `big.json is not valid JSON: a comma stands before the closing "}" at line ${BIG_LINES}, column 1, where JSON allows none`,
    FIX,
  ],
  [
    'big-cut.json.gz',
    gzipSync(BIG.slice(0, -40)),
    `big-cut.json.gz is not valid JSON: it ends inside a string, at line ${BIG_LINES - 2}, column ${EVENT.length - 28}`,
    CUT,
  ],
  [
    'wide.json',
    `{"events":[{"message":"${'é'.repeat(30)}" "x"}]}`,
    'wide.json is not valid JSON: a comma is missing before "x" at line 1, column 56',
    FIX,
  ],
];

describe('JSON that does not parse', () => {
  const dir = scratchDir(Object.fromEntries(CASES.map(([name, content]) => [name, content])));

  describe.each([['classify'], ['scan', '--file']])('why403 %s', (...command) => {
    const cases = CASES.filter(([name]) => command[0] === 'scan' || !name.startsWith('big'));
    it.each(cases)('%s', async (name, _content, message, hint) => {
      const text = await why403([...command, name], { cwd: dir });
      expect(text).toEqual({ code: 2, stdout: '', stderr: `why403: ${message} — ${hint}\n` });

      const json = await why403([...command, name, '--json'], { cwd: dir });
      expect(json.code).toBe(2);
      expect(json.stderr).toBe(text.stderr);
      expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'input', message, hint } });
    });
  });

  it.each(CASES.filter(([name]) => !name.startsWith('big') && name !== 'two.json'))(
    'why403 policy-check --policy %s',
    async (name, _content, message) => {
      const run = await why403(['policy-check', '--method-arn', ARN, '--policy', name], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^why403: ${escaped(message)} — [^\\n]+\\n$`));
    },
  );

  it.each([
    [`{"events":[${EVENT},`, 'standard input is not valid JSON: it ends before its JSON is complete', CUT],
    [
      `{"events":[${EVENT},]}`,
      'standard input is not valid JSON: its syntax is broken (read from standard input, the place cannot be shown)',
      'save it to a file and give that file to see where, or give the lines as plain text',
    ],
  ])('scan --file - says what it can of %j, which cannot be read again', async (stdin, message, hint) => {
    const run = await why403(['scan', '--file', '-', '--json'], { stdin });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { kind: 'input', message, hint } });
  });

  it('says where standard input breaks for classify, which holds it whole', async () => {
    const run = await why403(['classify', '-'], { stdin: '{"status": 403,}' });
    expect(run.stderr).toBe(
      `why403: standard input is not valid JSON: a comma stands before the closing "}" at line 1, column 16, where JSON allows none — ${FIX}\n`,
    );
  });

  it('says it in Chinese', async () => {
    const run = await why403(['--lang', 'zh-TW', 'scan', '--file', 'cut-array.json'], { cwd: dir });
    expect(run.stderr).toBe(
      'why403: cut-array.json 不是有效的 JSON：內容在陣列還沒結束時就中斷了（第 1 行第 129 欄） — 內容被截斷了：請重新匯出或重新複製完整的內容\n',
    );
  });

  it('calls an empty policy file empty', async () => {
    const empty = scratchDir({ 'policy.json': '\n' });
    const run = await why403(['policy-check', '--method-arn', ARN, '--policy', 'policy.json'], {
      cwd: empty,
    });
    expect(run.stderr).toMatch(/^why403: policy\.json is empty — give a policy document/);
  });
});

describe('findJsonFault', () => {
  const texts = CASES.filter(([, content]) => typeof content === 'string' && content.length < 10_000).map(
    ([name, content]) => [name, content as string] as const,
  );

  it.each(texts)('finds the same fault in %s however the input is split into chunks', async (_name, text) => {
    const bytes = Buffer.from(text);
    const whole = await findJsonFault([bytes]);
    expect(whole).toBeDefined();
    for (const size of [1, 2, 3, 7, 64]) expect(await findJsonFault(split(bytes, size))).toEqual(whole);
  });

  it.each([['{}'], ['[]'], [' {"a": [1, 2.5e3, true, false, null, "x\\n"]} \n'], [exportOf(3)]])(
    'finds nothing wrong in %j',
    async (text) => {
      expect(await findJsonFault([Buffer.from(text)])).toBeUndefined();
    },
  );

  it('says that blank space holds no JSON value', async () => {
    const fault = await findJsonFault([Buffer.from(' \n ')]);
    expect(fault && english.t(fault.problem)).toBe('it holds no JSON value');
  });
});

function split(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
