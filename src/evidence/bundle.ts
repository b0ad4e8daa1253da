import type { ConfigFacts, Evidence } from './types';
import { assembleEvidence } from './assemble';
import { parseLogEvents, parseLogText } from './log-lines';
import { InputError } from '../errors';
import { parseJson } from '../json';
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

export function evidenceFromBundle(bundle: EvidenceBundle): Evidence {
  return assembleEvidence({
    lines: parseLogEvents(bundle.execution_log ?? []),
    response: { status: bundle.status, body: bundle.response_body, errorType: bundle.error_type_header },
    accessLog: bundle.access_log ?? undefined,
    config: bundle.config ?? undefined,
    request: bundle.request_id ? { requestId: bundle.request_id } : undefined,
  });
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
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJson(trimmed);
    if (json === undefined) {
      throw new InputError(msg('cli.evidence.bad-json', { source }), msg('cli.evidence.bad-json.hint'));
    }
    return evidenceFromJson(json, trimmed, source);
  }
  return evidenceFromText(text);
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
const HEADER_LINE = /^(?<name>x-amzn-errortype|x-amzn-requestid|x-amz-apigw-id|status):\s*(?<value>\S.*)$/i;
const BODY_LINE = /^\s*\{\s*"message"\s*:/i;

/** Plain text: log lines, plus whatever looks like a pasted HTTP response (status line, headers, JSON body). */
export function evidenceFromText(text: string): Evidence {
  const response: { status?: number; errorType?: string; body?: string } = {};
  const request: { requestId?: string; extendedRequestId?: string } = {};
  const logText: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const status = STATUS_LINE.exec(line.trim())?.groups?.status;
    const header = HEADER_LINE.exec(line.trim())?.groups;
    if (status) {
      response.status = Number(status);
    } else if (header) {
      readHeader(header.name.toLowerCase(), header.value.trim(), response, request);
    } else if (BODY_LINE.test(line) && parseJson(line.trim()) !== undefined) {
      response.body = line.trim();
    } else {
      logText.push(line);
    }
  }
  return assembleEvidence({
    lines: parseLogText(logText.join('\n')),
    response: Object.keys(response).length > 0 ? response : undefined,
    request,
  });
}

function readHeader(
  name: string,
  value: string,
  response: { status?: number; errorType?: string },
  request: { requestId?: string; extendedRequestId?: string },
): void {
  if (name === 'x-amzn-errortype') response.errorType = value;
  else if (name === 'x-amzn-requestid') request.requestId = value;
  else if (name === 'x-amz-apigw-id') request.extendedRequestId = value;
  else if (name === 'status' && /^\d{3}$/.test(value)) response.status = Number(value);
}
