import type { ConfigFacts, Evidence, LogLine, RequestFacts } from './types';
import { configFromBundle } from './bundle-config';
import { assembleEvidence } from './assemble';
import { parseLogEvents, parseLogText, type TimedEvent } from './log-lines';
import { plainPaste } from './paste';
import { asCurlInclude, isCurlVerbose, requestFactsOfCurl } from './curl-verbose';
import { InputError } from '../errors';
import { isRecord, parseJson } from '../json';
import { msg } from '../text';

/**
 * Reads what a user hands the `classify` command: one evidence bundle in the corpus format
 * (test/corpus/README.md; only the fields a classifier may read), the JSON of
 * `aws logs filter-log-events`, or plain text — log lines, optionally with a pasted `curl -i` response.
 */

/** The readable fields of a corpus bundle. `context`, `expected_cause` and `notes` are never read. */
export interface EvidenceBundle {
  id?: string;
  request_id?: string | null;
  status?: number | null;
  response_body?: string | null;
  error_type_header?: string | null;
  execution_log?: string[] | null;
  access_log?: Record<string, unknown> | null;
  config?: ConfigFacts | null;
}

const BUNDLE_FIELDS = [
  'status',
  'response_body',
  'error_type_header',
  'execution_log',
  'access_log',
  'config',
];

/**
 * A bundle's evidence. Its fields are read in any shape a person or a tool would reasonably write them: a status as
 * `"403"`, a body as the JSON object it holds, the execution log as one text or as CloudWatch events, the access-log
 * record as its JSON text; a field of no usable shape counts as not given.
 */
export function evidenceFromBundle(bundle: EvidenceBundle): Evidence {
  const fields = bundle as Record<string, unknown>;
  const requestId = fields.request_id;
  return assembleEvidence({
    lines: logLinesOf(fields.execution_log),
    response: {
      status: statusOf(fields.status),
      body: textOf(fields.response_body),
      errorType: typeof fields.error_type_header === 'string' ? fields.error_type_header : undefined,
    },
    accessLog: accessLogOf(fields.access_log, typeof requestId === 'string' ? requestId : undefined),
    config: configFromBundle(fields.config),
    request: typeof requestId === 'string' && requestId !== '' ? { requestId } : undefined,
  });
}

/**
 * The request's access-log record. Given as a list: its one record, the one of the bundle's request id, or the one
 * failed request among them; otherwise none (another request's record would be read as this one's).
 */
function accessLogOf(value: unknown, requestId: string | undefined): unknown {
  if (!Array.isArray(value)) return value ?? undefined;
  const records = value.filter(isRecord);
  if (records.length <= 1) return records[0];
  const own = records.filter((record) => requestId !== undefined && record.requestId === requestId);
  if (own.length === 1) return own[0];
  const failed = records.filter((record) => Number(record.status) >= 400);
  return failed.length === 1 ? failed[0] : undefined;
}

function statusOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const digits = typeof value === 'string' ? /^\s*(\d{3})\b/.exec(value)?.[1] : undefined;
  return digits === undefined ? undefined : Number(digits);
}

/** The body as text: an object or array as its JSON (undefined when too deeply nested to write out again). */
function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Messages in order, CloudWatch events (their message and timestamp), or the whole log as one text. */
function logLinesOf(value: unknown): LogLine[] {
  if (typeof value === 'string') return parseLogText(value);
  if (!Array.isArray(value)) return [];
  const events: Array<string | TimedEvent> = [];
  for (const event of value) {
    if (typeof event === 'string') events.push(event);
    else if (isRecord(event) && typeof event.message === 'string') {
      const { message, timestamp } = event;
      events.push(typeof timestamp === 'number' ? { message, timestamp } : message);
    }
  }
  return parseLogEvents(events);
}

/** True when a bundle carries nothing a classifier may read beyond a status code (a narrative-only case). */
export function isNarrativeOnly(bundle: EvidenceBundle): boolean {
  return (
    !bundle.response_body &&
    !bundle.error_type_header &&
    (bundle.execution_log ?? []).length === 0 &&
    !bundle.access_log &&
    !bundle.config
  );
}

export function evidenceFromInput(text: string, source: string): Evidence {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new InputError(msg('cli.evidence.empty', { source }), msg('cli.evidence.empty.hint'));
  }
  const json = looksLikeJson(trimmed) ? parseJson(trimmed) : undefined;
  if (json !== undefined) return evidenceFromJson(json, trimmed, source);
  // JSON pasted through a chat client (in a fence, with smart quotes) is JSON again once the paste is plain.
  const plain = plainPaste(text);
  const plainTrimmed = plain.trim();
  if (looksLikeJson(plainTrimmed) && !jsonThenText(plainTrimmed)) {
    const pastedJson = parseJson(plainTrimmed);
    if (pastedJson === undefined) {
      throw new InputError(msg('cli.evidence.bad-json', { source }), msg('cli.evidence.bad-json.hint'));
    }
    return evidenceFromJson(pastedJson, plainTrimmed, source);
  }
  return evidenceFromPlainText(plain);
}

/**
 * A JSON object on the first lines, then text that is no JSON (the answer, then log lines): plain text, not broken
 * JSON. Two JSON documents one after the other are JSON that does not parse.
 */
function jsonThenText(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const first = jsonBodyAt(lines, 0);
  const next = first && lines.slice(first.end).find((line) => line.trim() !== '');
  return next !== undefined && !/^\s*[[{]/.test(next);
}

const JSON_ARRAY_START = /^\[\s*(?:[{["\]]|$|-?\d+(?:\.\d+)?\s*(?:,|\]\s*$))/;

/**
 * An object, or an array of objects, arrays, strings, numbers or nothing. A log line may start with a bracket too (`[2b4492]
 * [2016-10-11 15:26:57] …` from zappa tail, `[INFO] …`) and is read as text.
 */
function looksLikeJson(text: string): boolean {
  return text.startsWith('{') || JSON_ARRAY_START.test(text);
}

function evidenceFromJson(json: unknown, text: string, source: string): Evidence {
  if (Array.isArray(json)) {
    throw new InputError(
      msg('cli.evidence.array', { source, count: json.length }),
      msg('cli.evidence.array.hint', { source }),
    );
  }
  const object = json as Record<string, unknown>;
  if (Array.isArray(object.events)) {
    const messages = object.events.map((event) => String((event as { message?: unknown }).message ?? ''));
    return assembleEvidence({ lines: parseLogEvents(messages) });
  }
  if (BUNDLE_FIELDS.some((field) => field in object)) return evidenceFromBundle(object as EvidenceBundle);
  // The body as given: writing a deeply nested object out again would overflow the stack.
  if (Object.keys(object).some((key) => key.toLowerCase() === 'message')) {
    return assembleEvidence({ response: { body: text } });
  }
  throw new InputError(msg('cli.evidence.unknown-json', { source }), msg('cli.evidence.unknown-json.hint'));
}

const STATUS_LINE = /^HTTP\/[\d.]+ (?<status>\d{3})/i;
/**
 * A line that gives the status and nothing a log line would: Postman's `403 Forbidden`, the browser's `Status Code:
 * 403 Forbidden`, a client's `Response status: 401`, `403 Client Error: Forbidden for url: …` (Python requests),
 * `Request failed with status code 403` (axios). Whole lines only: a log line's `… with status: 403` is the log's.
 */
const STATUS_ONLY_LINE =
  /^(?:(?<phrase>[1-5]\d\d) [A-Z][A-Za-z -]{1,40}|(?:status code|response status|statuscode)\s*[:=]\s*(?<labelled>[1-5]\d\d)\b.*|(?:\S+: )?(?<client>[45]\d\d) (?:Client|Server) Error: .*|(?:\S+: )?Request failed with status code (?<axios>[1-5]\d\d))$/i;
const HEADER_LINE = /^(?<name>x-amzn-errortype|x-amzn-requestid|x-amz-apigw-id|status):\s*(?<value>\S.*)$/i;
/** A body given after a label (`Body: {…}`, `Response body: {…}`). */
const BODY_LABEL = /^(?:response )?body\s*:\s*(?=\{)/i;
/** Any header of a pasted response (`content-type: …`, HTTP/2's lower-case names): it belongs to no log line. */
const ANY_HEADER_LINE = /^[A-Za-z0-9-]+:(?:\s|$)/;

/** Plain text: log lines, plus whatever looks like a pasted HTTP response (status line, headers, JSON body). */
export function evidenceFromText(text: string): Evidence {
  return evidenceFromPlainText(plainPaste(text));
}

/**
 * A pasted `curl -i` response: its status line, the headers up to the blank line, and a JSON body after it (one
 * line, or pretty-printed over several); the other lines are log lines. `curl -v` output is read as the `curl -i`
 * output it holds, and its request lines as the request's facts (src/evidence/curl-verbose.ts): neither they nor its
 * connection lines are log lines.
 */
function evidenceFromPlainText(text: string): Evidence {
  const response: { status?: number; errorType?: string; body?: string } = {};
  const given = text.split(/\r?\n/);
  const curl = isCurlVerbose(given);
  const request: Partial<RequestFacts> = curl ? requestFactsOfCurl(given) : {};
  const logText: string[] = [];
  const lines = curl ? asCurlInclude(given) : given;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const status = STATUS_LINE.exec(line.trim())?.groups?.status;
    const header = HEADER_LINE.exec(line.trim())?.groups;
    const statusOnly = STATUS_ONLY_LINE.exec(line.trim())?.groups;
    if (status) {
      response.status = Number(status);
      i = readResponse(lines, i + 1, response, request) - 1;
    } else if (header) {
      readHeader(header.name.toLowerCase(), header.value.trim(), response, request);
    } else if (statusOnly) {
      response.status = Number(
        statusOnly.phrase ?? statusOnly.labelled ?? statusOnly.client ?? statusOnly.axios,
      );
    } else {
      const body = messageBodyAt(lines, i);
      if (body) {
        response.body = body.text;
        i = body.end - 1;
      } else logText.push(line);
    }
  }
  return assembleEvidence({
    lines: parseLogText(logText.join('\n')),
    response: Object.keys(response).length > 0 ? response : undefined,
    request,
  });
}

/** Reads the headers and body after a status line; returns the index of the first line not read. */
function readResponse(
  lines: readonly string[],
  start: number,
  response: { status?: number; errorType?: string; body?: string },
  request: Partial<RequestFacts>,
): number {
  let i = start;
  for (; i < lines.length && ANY_HEADER_LINE.test(lines[i].trim()); i++) {
    const header = HEADER_LINE.exec(lines[i].trim())?.groups;
    if (header) readHeader(header.name.toLowerCase(), header.value.trim(), response, request);
  }
  while (i < lines.length && lines[i].trim() === '') i++;
  const body = jsonBodyAt(lines, i);
  if (body === undefined) return i;
  response.body = body.text;
  return body.end;
}

/**
 * A gateway answer's body starting at line `start` (after a `Body:` label, if any), on one line or pretty-printed:
 * a small JSON object with a `message` (any case). Other JSON objects (an access-log record, a structured log event
 * with its level and timestamp) are log lines.
 */
function messageBodyAt(lines: readonly string[], start: number): { text: string; end: number } | undefined {
  const first = lines[start].trim().replace(BODY_LABEL, '');
  if (!first.startsWith('{')) return undefined;
  const body = jsonBodyAt([first, ...lines.slice(start + 1)], 0);
  const parsed = body && parseJson(body.text);
  return body && isAnswerBody(parsed) ? { text: body.text, end: start + body.end } : undefined;
}

function isAnswerBody(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length <= MAX_ANSWER_KEYS &&
    keys.some((key) => key.toLowerCase() === 'message') &&
    !keys.some((key) => LOG_EVENT_KEY.test(key))
  );
}

/** A gateway response's body has its message and a few fields a customised template adds, not a log event's. */
const MAX_ANSWER_KEYS = 4;
const LOG_EVENT_KEY = /^(?:@?timestamp|time|level|levelname|logger|service|requestid|xray_trace_id)$/i;

/** A JSON object starting at line `start` and ending where its braces close, when it parses. */
function jsonBodyAt(lines: readonly string[], start: number): { text: string; end: number } | undefined {
  if (start >= lines.length || !lines[start].trim().startsWith('{')) return undefined;
  let depth = 0;
  for (let i = start; i < lines.length && i < start + MAX_BODY_LINES; i++) {
    depth += braceBalance(lines[i]);
    if (depth > 0) continue;
    const text = lines
      .slice(start, i + 1)
      .map((line) => line.trim())
      .join('\n');
    return parseJson(text) === undefined ? undefined : { text, end: i + 1 };
  }
  return undefined;
}

/** A gateway response's body is a few lines; a longer run of braces is not one. */
const MAX_BODY_LINES = 50;

function braceBalance(line: string): number {
  let balance = 0;
  for (const c of line) {
    if (c === '{') balance++;
    else if (c === '}') balance--;
  }
  return balance;
}

function readHeader(
  name: string,
  value: string,
  response: { status?: number; errorType?: string },
  request: Partial<RequestFacts>,
): void {
  if (name === 'x-amzn-errortype') response.errorType = value;
  else if (name === 'x-amzn-requestid') request.requestId = value;
  else if (name === 'x-amz-apigw-id') request.extendedRequestId = value;
  else if (name === 'status' && /^\d{3}$/.test(value)) response.status = Number(value);
}
