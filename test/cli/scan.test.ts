import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { why403, scratchDir } from '../support/cli';
import { ExecutionLogGenerator } from '../../src/sandbox/log-generator';

/** Bytes no text file holds: a seeded pseudo-random block, NUL bytes included. */
function junk(bytes: number, seed = 7): Buffer {
  const out = Buffer.alloc(bytes);
  let state = seed;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('CLI: why403 scan --file', () => {
  const generator = new ExecutionLogGenerator({ seed: 3 });
  const lines = [...generator.lines(3_000)];
  const log = lines.join('\n');
  const failed = [...generator.truth.entries()].filter(([c]) => c !== 'ok').reduce((s, [, n]) => s + n, 0);
  const events = lines.map((line, i) => ({ timestamp: i, message: line.replace(/^\S+ /, '') }));
  const dir = scratchDir({
    'exec.log': log,
    'exec.log.gz': gzipSync(log),
    'exported.log': gzipSync(log),
    'broken.log.gz': gzipSync(log).subarray(0, 2_000),
    'cloudwatch.log': events.map((e) => e.message).join('\n'),
    'events.ndjson': events.map((e) => JSON.stringify(e)).join('\n'),
    'filter-log-events.json': JSON.stringify({ events, searchedLogStreams: [] }, null, 2),
    'insights.json': JSON.stringify(
      events.map((e) => ({ '@timestamp': e.timestamp, '@message': e.message })),
    ),
    'query-results.json': JSON.stringify({
      results: events.map((e) => [
        { field: '@timestamp', value: String(e.timestamp) },
        { field: '@message', value: e.message },
      ]),
      status: 'Complete',
    }),
    'junk.bin': junk(50_000),
    'latin1.log': Buffer.from(`${'caf\xe9 cr\xe8me br\xfbl\xe9e '.repeat(400)}\n`, 'latin1'),
    'archive.zip': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junk(200)]),
    'utf16.log': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(log.slice(0, 2_000), 'utf16le')]),
    'nginx.log':
      '203.0.113.9 - - [24/Nov/2026:09:00:00 +0000] "GET /orders/1 HTTP/1.1" 200 512 "-" "curl/8.5"\n'.repeat(
        50,
      ),
    'empty.log': '',
    'hostile.log': [
      '(abc\u001b[2Jdef) Unauthorized request: abc',
      '(abc\u001b[2Jdef) Method completed with status: 401',
    ].join('\n'),
  });

  it('prints counts per cause as JSON', async () => {
    const run = await why403(['scan', '--file', 'exec.log', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ file: 'exec.log', ok: generator.truth.get('ok'), total: failed });
    expect(json.causes[0]).toEqual(
      expect.objectContaining({
        cause: expect.any(String),
        count: expect.any(Number),
        requestIds: expect.any(Array),
      }),
    );
  });

  it('prints a table without --json', async () => {
    const run = await why403(['scan', '--file', 'exec.log'], { cwd: dir });
    expect(run.stdout).toMatch(/^why403 scan — exec.log: [\d,]+ lines, [\d,]+ requests/);
    expect(run.stdout).toContain('authorizer-cached-policy-mismatch');
  });

  it('never prints a control character that came in with the log', async () => {
    const run = await why403(['scan', '--file', 'hostile.log'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('abc\\u001b[2Jdef');
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it.each([
    ['plain export lines', 'exec.log'],
    ['CloudWatch messages', 'cloudwatch.log'],
    ['NDJSON events', 'events.ndjson'],
    ['aws logs filter-log-events JSON', 'filter-log-events.json'],
    ['a Logs Insights export', 'insights.json'],
    ['aws logs get-query-results output', 'query-results.json'],
    ['a gzipped export named .gz', 'exec.log.gz'],
    ['a gzipped export by its magic bytes', 'exported.log'],
  ])('reads %s', async (_shape, file) => {
    const run = await why403(['scan', '--file', file, '--json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: generator.truth.get('ok'), total: failed });
  });

  it.each([
    ['plain', 'exec.log'],
    ['gzipped', 'exec.log.gz'],
  ])('reads a named pipe (--file <(zcat …)), %s, the same as the plain file', async (what, source) => {
    const fifo = join(dir, `pipe-${what}`);
    execFileSync('mkfifo', [fifo]);
    // The writer is a process of its own: should the scan never read the pipe, it is killed, not left hanging.
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', join(dir, source), fifo], { stdio: 'ignore' });
    const piped = await why403(['scan', '--file', fifo, '--json'], { cwd: dir });
    writer.kill();
    const plain = await why403(['scan', '--file', 'exec.log', '--json'], { cwd: dir });
    expect(piped.stderr).toBe('');
    expect({ ...JSON.parse(piped.stdout), file: 'exec.log' }).toEqual(JSON.parse(plain.stdout));
  });

  it('reads a gzipped export on standard input the same as the plain file', async () => {
    const plain = await why403(['scan', '--file', 'exec.log', '--json'], { cwd: dir });
    const piped = await why403(['scan', '--file', '-', '--json'], { stdin: gzipSync(log) });
    expect(piped.code).toBe(0);
    expect({ ...JSON.parse(piped.stdout), file: 'exec.log' }).toEqual(JSON.parse(plain.stdout));
  });

  it.each([
    [
      ['scan'],
      /^why403: nothing to scan — give an API id \(why403 scan abc123defg --since 1h\) or --file FILE\n$/,
    ],
    [['scan', '--file', 'nope.log'], /^why403: cannot read nope.log: no such file — check the path\n$/],
    [
      ['scan', '--file', 'junk.bin'],
      /^why403: junk.bin is binary data \(a NUL byte at byte \d+\) — give an exported execution log: /,
    ],
    [['scan', '--file', 'latin1.log'], /^why403: latin1.log is not UTF-8 text \(\d+ invalid byte sequences/],
    [
      ['scan', '--file', 'archive.zip'],
      /^why403: archive.zip is a zip archive — give an exported execution log/,
    ],
    [['scan', '--file', 'utf16.log'], /^why403: utf16.log is UTF-16 text — /],
    [
      ['scan', '--file', 'broken.log.gz'],
      /^why403: broken.log.gz is not valid gzip data \(unexpected end of file\) — give the file as it was exported, or decompress it first\n$/,
    ],
    [
      ['scan', '--file', 'nginx.log'],
      /^why403: nginx.log is not an API Gateway execution log \(no line API Gateway writes was found\) — give an exported execution log: plain lines, NDJSON events, or the JSON of aws logs filter-log-events or a Logs Insights export \(gzipped is fine\)\n$/,
    ],
    [['scan', '--file', 'empty.log'], /^why403: empty.log is empty — give an exported execution log/],
  ])('bad input %j: exit 2, one line', async (args, message) => {
    const run = await why403(args, { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(2);
  });

  it('refuses binary junk on standard input too, gzipped or not', async () => {
    for (const stdin of [junk(10_000), gzipSync(junk(10_000))]) {
      const run = await why403(['scan', '--file', '-'], { stdin });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^why403: standard input is binary data/);
    }
  });
});
