import { classify } from '../../src/classify/classify';
import { assembleEvidence } from '../../src/evidence/assemble';
import { evidenceFromBundle, evidenceFromInput } from '../../src/evidence/bundle';
import { parseLogEvents } from '../../src/evidence/log-lines';
import type { Evidence } from '../../src/evidence/types';
import { loadCorpus, type CorpusCase } from '../support/corpus';

/**
 * Corpus cases pasted the way engineers paste them: copied from the CloudWatch console (tab-separated rows, the
 * expanded row's copy, newest first as the console lists them), from `aws logs tail` (detailed and short), awslogs,
 * a coloured terminal, with CRLF line ends, and through Slack or Markdown (entities, links, smart quotes, fences,
 * quotes, bullets, whole-line markup), with a `curl -i` response beside them. The verdict and its confidence must be
 * the case's own. The metamorphic test (test/metamorphic.test.ts) covers the other wrappers and damages.
 */

const CASE_IDS = [
  'kc-authorizer-deny-log',
  'spacefinder-test-authorizer-deny-null-stage',
  'wsc-authorizer-crash-invalid-json',
  'kc-authorizer-invalid-permissions',
  'azul-5939-resource-policy-ip-cidr-block',
  'chalice-971-empty-routes-log-tail-masked',
  'zappa-390-api-key-stage-not-in-usage-plan',
  'serverless-express-247-integration-invalid-permissions',
  'vn-debug-notes-request-authorizer-unauthorized',
  'kc-missing-token-log',
] as const;

const REQUEST_ID = '5e1f0a7c-0d1e-4f2a-9b3c-4d5e6f708192';
const STREAM = '0123456789abcdef0123456789abcdef';
const GROUP = 'API-Gateway-Execution-Logs_abc123defg/prod';
const START = Date.UTC(2026, 10, 24, 9, 0, 0, 3);

interface Event {
  message: string;
  requestId: string;
  timestamp: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
/** `aws logs tail`: microseconds and an offset, `2026-11-24T09:00:00.003000+00:00`. */
const tailTime = (ms: number): string => `${iso(ms).slice(0, -1)}000+00:00`;
const cloudwatch = (e: Event): string => `(${e.requestId}) ${e.message}`;

/** Shapes of a trace read from CloudWatch (not from the console's Test tab, which has a wrapper of its own). */
const CLOUDWATCH_SHAPES: Record<string, (events: readonly Event[]) => string> = {
  'console tab-separated rows': (events) =>
    events.map((e) => `${iso(e.timestamp)}\t${cloudwatch(e)}`).join('\n'),
  'console rows, newest first': (events) =>
    events
      .map((e) => `${iso(e.timestamp)}\t${cloudwatch(e)}`)
      .reverse()
      .join('\n'),
  'console expanded rows, newest first': (events) =>
    events
      .map((e) => `${iso(e.timestamp)}\n${cloudwatch(e)}\n`)
      .reverse()
      .join('\n'),
  'aws logs tail': (events) =>
    events.map((e) => `${tailTime(e.timestamp)} ${STREAM} ${cloudwatch(e)}`).join('\n'),
  'aws logs tail --format short': (events) =>
    events.map((e) => `${iso(e.timestamp).slice(0, 19)} ${cloudwatch(e)}`).join('\n'),
  'awslogs get': (events) => events.map((e) => `${GROUP} ${STREAM} ${cloudwatch(e)}`).join('\n'),
  'aws logs tail in colour': (events) =>
    events
      .map((e) => `\u001b[32m${tailTime(e.timestamp)}\u001b[0m \u001b[36m${STREAM}\u001b[0m ${cloudwatch(e)}`)
      .join('\n'),
};

/** Damage any paste takes on its way through a terminal, Slack or Markdown; applied to the trace's text. */
const PASTE_SHAPES: Record<string, (text: string) => string> = {
  'CRLF line ends': (text) => `${text.split('\n').join('\r\n')}\r\n`,
  'colour escapes on every line': (text) => perLine(text, (line) => `\u001b[0;37m${line}\u001b[0m`),
  "Slack's wire escaping and links": (text) =>
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/https:\/\/[^\s"'}]+/g, (url) => `<${url}|${url}>`),
  'smart quotes': (text) => text.replace(/"([^"]*)"/g, '“$1”'),
  'code fence on its own lines': (text) => `\`\`\`\n${text}\n\`\`\``,
  'code fence on the first and last line': (text) => `\`\`\`${text}\`\`\``,
  'Slack quote, escaped': (text) => perLine(text, (line) => `&gt; ${line}`),
  'Markdown bullets': (text) => perLine(text, (line) => `- ${line}`),
  'Slack bullets': (text) => perLine(text, (line) => `• ${line}`),
  'numbered list': (text) =>
    text
      .split('\n')
      .map((line, i) => `${i + 1}. ${line}`)
      .join('\n'),
  'bold lines': (text) => perLine(text, (line) => `*${line}*`),
  'italic lines': (text) => perLine(text, (line) => `_${line}_`),
  'struck-through lines': (text) => perLine(text, (line) => `~${line}~`),
  'inline code lines': (text) => perLine(text, (line) => `\`${line}\``),
};

/** Slack's markup does not span lines, and needs text (not a space) inside its marks. */
function perLine(text: string, mark: (line: string) => string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : mark(line.trim())))
    .join('\n');
}

const cases = new Map(loadCorpus().map((c) => [c.id, c]));

function corpusCase(id: string): CorpusCase {
  const c = cases.get(id);
  if (!c) throw new Error(`corpus case ${id} is missing`);
  return c;
}

function eventsOf(c: CorpusCase): Event[] {
  const lines = parseLogEvents(c.execution_log ?? []);
  const id = lines.find((line) => line.requestId)?.requestId ?? REQUEST_ID;
  return lines.map((line, i) => ({
    message: line.message,
    requestId: line.requestId ?? id,
    timestamp: line.timestamp ?? START + i,
  }));
}

function isConsoleTrace(c: CorpusCase): boolean {
  return parseLogEvents(c.execution_log ?? []).some((line) => line.testConsole);
}

/** The trace as a person would copy it before any damage: the Test tab's text, or CloudWatch messages. */
function traceText(c: CorpusCase): string {
  return isConsoleTrace(c) ? (c.execution_log ?? []).join('\n') : eventsOf(c).map(cloudwatch).join('\n');
}

/** A pasted trace's lines with the case's response, access log and configuration. */
function pastedEvidence(c: CorpusCase, text: string): Evidence {
  return assembleEvidence({
    lines: evidenceFromInput(text, 'paste.txt').trace.lines,
    response: { status: c.status, body: c.response_body, errorType: c.error_type_header },
    accessLog: c.access_log ?? undefined,
    config: c.config ?? undefined,
  });
}

function verdictOf(evidence: Evidence): string {
  const verdict = classify(evidence);
  return `${verdict.cause} (${verdict.confidence})`;
}

const rows = CASE_IDS.flatMap((id) => {
  const c = corpusCase(id);
  const shapes: Array<[string, () => string]> = Object.entries(PASTE_SHAPES).map(([name, shape]) => [
    name,
    () => shape(traceText(c)),
  ]);
  if (!isConsoleTrace(c)) {
    for (const [name, shape] of Object.entries(CLOUDWATCH_SHAPES))
      shapes.push([name, () => shape(eventsOf(c))]);
  }
  return shapes.map(([name, text]) => [id, name, text] as const);
});

describe('A pasted trace keeps its verdict whatever shape the paste took', () => {
  it.each(CASE_IDS.map((id) => [id]))('%s pasted as copied keeps the verdict of its bundle', (id) => {
    const c = corpusCase(id);
    expect(verdictOf(pastedEvidence(c, (c.execution_log ?? []).join('\n')))).toBe(
      verdictOf(evidenceFromBundle(c)),
    );
  });

  it.each(rows)('%s, %s', (id, _shape, text) => {
    const c = corpusCase(id);
    expect(verdictOf(pastedEvidence(c, text()))).toBe(verdictOf(evidenceFromBundle(c)));
  });
});

/** A `curl -i` response as HTTP/2 prints it (lower-case names) or HTTP/1.1 (the names' own case). */
function curlResponse(c: CorpusCase, http2: boolean): string {
  const name = (header: string): string => (http2 ? header.toLowerCase() : header);
  return [
    http2 ? `HTTP/2 ${c.status}` : `HTTP/1.1 ${c.status} Forbidden`,
    `${name('Content-Type')}: application/json`,
    `${name('Content-Length')}: 86`,
    `${name('Date')}: Tue, 24 Nov 2026 09:00:00 GMT`,
    `${name('x-amzn-RequestId')}: ${REQUEST_ID}`,
    ...(c.error_type_header ? [`${name('x-amzn-ErrorType')}: ${c.error_type_header}`] : []),
    `${name('x-amz-apigw-id')}: N7SvJHWQDoEEXeA=`,
    `${name('X-Cache')}: Error from cloudfront`,
    '',
    c.response_body ?? '',
  ].join('\n');
}

describe('A pasted curl -i response beside the trace', () => {
  // Cases whose readable evidence is the response and the trace alone, with the body pretty-printed or not.
  const CURL_CASES = ['kc-authorizer-deny-log', 'chalice-971-empty-routes-log-tail-masked'];
  const curlRows = CURL_CASES.flatMap((id) =>
    [true, false].flatMap((http2) =>
      ['before', 'after'].map((where) => [id, http2 ? 'HTTP/2' : 'HTTP/1.1', where] as const),
    ),
  );

  it.each(curlRows)(
    '%s: the %s response %s the trace gives the verdict of the bundle',
    (id, version, where) => {
      const c = corpusCase(id);
      const response = curlResponse(c, version === 'HTTP/2');
      const trace = traceText(c);
      const evidence = evidenceFromInput(
        where === 'before' ? `${response}\n${trace}` : `${trace}\n\n${response}`,
        'paste.txt',
      );
      expect(evidence.response?.status).toBe(c.status);
      expect(evidence.response?.errorType).toBe(c.error_type_header ?? undefined);
      expect(evidence.response?.body?.replace(/\s+/g, '')).toBe(c.response_body?.replace(/\s+/g, ''));
      // No header is glued onto a log message.
      expect(evidence.trace.lines.some((line) => /content-type|x-cache/i.test(line.message))).toBe(false);
      expect(verdictOf(evidence)).toBe(verdictOf(evidenceFromBundle(c)));
    },
  );
});
