import { gzipSync } from 'node:zlib';
import { why403, scratchDir } from '../support/cli';

const BUNDLE = {
  id: 'x',
  status: 403,
  response_body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
  error_type_header: 'AccessDeniedException',
  execution_log: [],
  access_log: null,
};

const TRACE = [
  '(0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18) Extended Request Id: Lq4yGiXRErFFYfB=',
  '(0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18) Unauthorized request: 0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18',
].join('\n');

/** Bytes no text file holds: a seeded pseudo-random block, NUL bytes included. */
function junk(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 11;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('CLI: why403 classify', () => {
  const dir = scratchDir({
    'bundle.json': JSON.stringify(BUNDLE),
    'broken.json': '{"status": 403,',
    'trace.log': TRACE,
    'trace.log.gz': gzipSync(TRACE),
    'bundle.json.gz': gzipSync(JSON.stringify(BUNDLE)),
    'junk.bin': junk(3_000),
    'notes.txt': 'Meeting notes: the deploy went fine, rollback plan attached.\nNothing else to report.\n',
    'empty-bundle.json': JSON.stringify({ status: null, execution_log: [] }),
  });

  it('prints the JSON contract', async () => {
    const run = await why403(['classify', 'bundle.json', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json).slice(0, 7)).toEqual([
      'cause',
      'confidence',
      'candidates',
      'title',
      'explanation',
      'checklist',
      'evidence',
    ]);
    expect(json).toMatchObject({
      cause: 'authorizer-explicit-deny',
      confidence: 'high',
      candidates: [{ cause: 'authorizer-explicit-deny', confidence: 'high' }],
    });
    expect(json.checklist[0]).toHaveProperty('text');
  });

  it('prints a readable report without --json', async () => {
    const run = await why403(['classify', 'trace.log'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('identity-source-missing');
    expect(run.stdout).toContain('Fix');
    expect(run.stdout).toContain('request 0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18');
  });

  it('reads standard input with -', async () => {
    const run = await why403(['classify', '-', '--json'], { stdin: JSON.stringify(BUNDLE) });
    expect(JSON.parse(run.stdout).cause).toBe('authorizer-explicit-deny');
  });

  it('never lets a secret through', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const log = [
      `Thu Sep 05 04:56:39 UTC 2019 : Incoming identity: ${jwt}`,
      `Thu Sep 05 04:56:39 UTC 2019 : Authorizer result body before parsing: {"principalId":"u","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*"}]},"context":{"extension_secret":"hunter2-very-secret"}}`,
    ].join('\n');
    for (const args of [
      ['classify', '-'],
      ['classify', '-', '--json'],
    ]) {
      const run = await why403(args, { stdin: log });
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain(jwt);
      expect(run.stdout).not.toContain('hunter2-very-secret');
      expect(run.stdout).toContain('authorizer-explicit-deny');
    }
  });

  it.each([
    ['a gzipped trace, by its name', ['classify', 'trace.log.gz'], 'identity-source-missing'],
    ['a gzipped bundle, by its name', ['classify', 'bundle.json.gz', '--json'], 'authorizer-explicit-deny'],
  ])('reads %s', async (_what, args, cause) => {
    const run = await why403(args, { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(cause);
  });

  it('reads gzipped evidence on standard input by its magic bytes', async () => {
    const run = await why403(['classify', '-', '--json'], { stdin: gzipSync(TRACE) });
    expect(JSON.parse(run.stdout).cause).toBe('identity-source-missing');
  });

  it('refuses input that decompresses past 64 MiB with one line, without reading it all', async () => {
    // 100 MiB of one repeated trace line gzip to a few hundred KiB: a "zip bomb" for a reader that holds it all.
    const bomb = gzipSync(Buffer.alloc(100 << 20, `${TRACE.split('\n')[1]}\n`));
    const run = await why403(['classify', '-'], { stdin: bomb });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "why403: standard input is larger than 64 MiB — give one request's evidence or one policy; to count every " +
        'failed request in an export, use why403 scan --file FILE\n',
    );
  });

  it('never prints a control character that came in with the evidence', async () => {
    const hostile = [
      '(0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18) Extended Request Id: Lq4yGiXRErFFYfB=',
      '(0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18) Unauthorized request: 0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18 \u001b[2J\u001b]0;pwned\u0007\rok \u202egnp.exe',
    ].join('\n');
    const run = await why403(['classify', '-'], { stdin: hostile });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('identity-source-missing');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(run.stdout).toContain('\\u001b[2J');
    expect(run.stdout).toContain('\\u202egnp.exe');
  });

  it.each([
    [['classify', 'missing.json'], /^why403: cannot read missing.json: no such file — check the path\n$/],
    [
      ['classify', 'junk.bin'],
      /^why403: junk.bin is binary data \(a NUL byte at byte \d+\) — give execution-log lines, a curl -i response or an evidence bundle \(JSON\)/,
    ],
    [
      ['classify', 'notes.txt'],
      /^why403: notes.txt holds no API Gateway execution-log line or response — give execution-log lines, a curl -i response or an evidence bundle \(JSON\), as a file or on standard input; gzipped is fine\n$/,
    ],
    [
      ['classify', 'empty-bundle.json'],
      /^why403: empty-bundle.json holds no API Gateway execution-log line or response/,
    ],
    [
      ['classify', 'broken.json'],
      /^why403: broken.json is not valid JSON: it ends inside an object, at line 1, column 16 — it was cut short: export or copy it again, whole\n$/,
    ],
    [
      ['classify', 'bundle.json', '--jsn'],
      /^why403: unknown option '--jsn' \(Did you mean --json\?\) — run "why403 classify --help" for usage\n$/,
    ],
    [['classfy'], /^why403: unknown command 'classfy'/],
    [['classify'], /^why403: no input given — give a FILE, or pipe/],
  ])('bad input %j: exit 2, one clear line, no stack trace', async (args, message) => {
    const run = await why403(args as string[], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers --help and --version with exit 0', async () => {
    const help = await why403(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/classify/);
    expect(help.stdout).toMatch(/policy-check/);
    expect(help.stdout).toMatch(/scan/);
    const version = await why403(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
