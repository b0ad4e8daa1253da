import type { Evidence, LogLine } from '../../src/evidence/types';
import { assembleEvidence } from '../../src/evidence/assemble';
import { evidenceFromBundle, evidenceFromInput, isNarrativeOnly } from '../../src/evidence/bundle';
import { parseLogEvents } from '../../src/evidence/log-lines';
import { classify } from '../../src/classify/classify';
import { parseJson } from '../../src/json';
import type { Confidence } from '../../src/classify/types';
import { accepted, type CorpusCase } from './corpus';

/**
 * Metamorphic variants of a corpus case: the same request's evidence re-wrapped in every format the log reader
 * accepts (domain.md §6.3), damaged the way pastes are damaged, or with a piece removed. Each variant keeps the
 * case's response, access log and configuration unchanged, so only the execution-log trace differs.
 *
 * Families and what they promise:
 * - `baseline`: the case as stored.
 * - `rewrap`: the same information in another wrapper or shape; the cause must not change.
 * - `removal`: a line dropped or cut short with `...`; the verdict may change, but its confidence must not rise.
 */

export type Family = 'baseline' | 'rewrap' | 'removal';

export interface Variant {
  transform: string;
  family: Family;
  evidence: () => Evidence;
}

/** One execution-log event of the case, its wrapper taken off. */
interface Event {
  message: string;
  requestId: string;
  timestamp: number;
}

/** Stands in for the request id of a trace that printed none (message-only excerpts, zappa tail, 2016 exports). */
export const SYNTHETIC_REQUEST_ID = '5e1f0a7c-0d1e-4f2a-9b3c-4d5e6f708192';
const SYNTHETIC_START = Date.UTC(2026, 0, 10, 11, 4, 45, 964);
const UNRELATED_ID = '0b7c3e1a-9f2d-4c6b-8a5e-1d2f3a4b5c6d';
const LOG_GROUP = 'API-Gateway-Execution-Logs_abc123defg/prod';
const LOG_STREAM = '0123456789abcdef0123456789abcdef';

/** An unrelated request that succeeded, in the shape of a real INFO trace (it belongs to another request id). */
const UNRELATED_MESSAGES = [
  'Extended Request Id: Qx7LmNpRsTuVwXy=',
  `Verifying Usage Plan for request: ${UNRELATED_ID}. API Key:  API Stage: abc123defg/prod`,
  "API Key  authorized because method 'GET /health' does not require API Key. Request will not contribute to throttle or quota limits",
  `Starting execution for request: ${UNRELATED_ID}`,
  'HTTP Method: GET, Resource Path: /health',
  'Received response. Status: 200, Integration latency: 12 ms',
  'Method completed with status: 200',
];

/** Every variant of a case; none for a narrative-only case. */
export function variantsOf(c: CorpusCase): Variant[] {
  if (isNarrativeOnly(c)) return [];
  const baseline: Variant = {
    transform: 'baseline',
    family: 'baseline',
    evidence: () => evidenceFromBundle(c),
  };
  const lines = parseLogEvents(c.execution_log ?? []);
  if (lines.length === 0) return [baseline, bundleJson(c, c.execution_log ?? []), ...reshapes(c)];
  const events = eventsOf(lines);
  const consoleTrace = lines.some((line) => line.testConsole);
  return [
    baseline,
    ...(consoleTrace ? consoleRewraps(c) : rewraps(c, events)),
    ...reshapes(c),
    ...dropEachLine(c),
    ...elideEachLine(c),
  ];
}

function eventsOf(lines: readonly LogLine[]): Event[] {
  const traceId = lines.find((line) => line.requestId)?.requestId ?? SYNTHETIC_REQUEST_ID;
  return lines.map((line, i) => ({
    message: line.message,
    requestId: line.requestId ?? traceId,
    timestamp: line.timestamp ?? SYNTHETIC_START + i,
  }));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2023-10-27T14:40:57.744+01:00`: the console shows local time with its offset. */
function isoWithOffset(ms: number): string {
  return `${new Date(ms + 3_600_000).toISOString().slice(0, -1)}+01:00`;
}

const WRAPPERS: Record<string, (e: Event) => string> = {
  cloudwatch: (e) => `(${e.requestId}) ${e.message}`,
  'iso-export': (e) => `${iso(e.timestamp)} (${e.requestId}) ${e.message}`,
  'console-one-line': (e) => `${isoWithOffset(e.timestamp)} | (${e.requestId}) ${e.message}`,
  'log-tail': (e) => `${LOG_GROUP} ${LOG_STREAM} ${iso(e.timestamp)} (${e.requestId}) ${e.message}`,
};

function cloudwatch(events: readonly Event[]): string[] {
  return events.map(WRAPPERS.cloudwatch);
}

/** The case with other execution-log events, everything else as stored. */
function withLog(c: CorpusCase, executionLog: string[]): CorpusCase {
  return { ...c, execution_log: executionLog };
}

/** Evidence whose log lines came from another reader, with the case's response, access log and config. */
function withLines(c: CorpusCase, lines: readonly LogLine[]): Evidence {
  return assembleEvidence({
    lines,
    response: { status: c.status, body: c.response_body, errorType: c.error_type_header },
    accessLog: c.access_log ?? undefined,
    config: c.config ?? undefined,
  });
}

function pasted(c: CorpusCase, text: string): Evidence {
  return withLines(c, evidenceFromInput(text, 'paste.txt').trace.lines);
}

function bundleJson(c: CorpusCase, executionLog: string[]): Variant {
  const { status, response_body, error_type_header, access_log, config } = c;
  const bundle = {
    status,
    response_body,
    error_type_header,
    execution_log: executionLog,
    access_log,
    config,
  };
  return {
    transform: 'bundle-json',
    family: 'rewrap',
    evidence: () => evidenceFromInput(JSON.stringify(bundle), 'bundle.json'),
  };
}

/**
 * The bundle's own fields written as people and other tools write them, read through `classify`'s JSON input: a
 * status as text, a body as the object it holds, the log as one text, enum values in lower case, the whole
 * `x-amzn-ErrorType` header line, the access-log record in a list.
 */
function reshapes(c: CorpusCase): Variant[] {
  const reshape = (transform: string, changed: Record<string, unknown>): Variant => ({
    transform: `reshape-${transform}`,
    family: 'rewrap',
    evidence: () => evidenceFromInput(JSON.stringify({ ...readableFields(c), ...changed }), 'bundle.json'),
  });
  const body = c.response_body ? parseJson(c.response_body) : undefined;
  const { authorizer, method } = c.config ?? {};
  return [
    ...(c.status !== null && c.status !== undefined
      ? [reshape('status-text', { status: String(c.status) })]
      : []),
    ...(body !== null && typeof body === 'object' ? [reshape('body-object', { response_body: body })] : []),
    ...(c.execution_log?.length ? [reshape('log-text', { execution_log: c.execution_log.join('\n') })] : []),
    ...(authorizer?.type || method?.authorizationType
      ? [
          reshape('config-lower-case', {
            config: {
              ...c.config,
              ...(authorizer ? { authorizer: { ...authorizer, type: authorizer.type?.toLowerCase() } } : {}),
              ...(method
                ? { method: { ...method, authorizationType: method.authorizationType?.toLowerCase() } }
                : {}),
            },
          }),
        ]
      : []),
    ...(c.error_type_header
      ? [reshape('error-type-header-line', { error_type_header: `x-amzn-ErrorType: ${c.error_type_header}` })]
      : []),
    ...(c.access_log ? [reshape('access-log-list', { access_log: [c.access_log] })] : []),
  ];
}

/** The fields a classifier may read, as the case stores them. */
function readableFields(c: CorpusCase): Record<string, unknown> {
  const { status, response_body, error_type_header, execution_log, access_log, config } = c;
  return { status, response_body, error_type_header, execution_log, access_log, config };
}

function rewraps(c: CorpusCase, events: readonly Event[]): Variant[] {
  const rewrap = (transform: string, evidence: () => Evidence): Variant => ({
    transform,
    family: 'rewrap',
    evidence,
  });
  const inBundle = Object.entries(WRAPPERS).map(([name, wrap]) =>
    rewrap(name, () => evidenceFromBundle(withLog(c, events.map(wrap)))),
  );
  const twoLine = events.flatMap((e) => [isoWithOffset(e.timestamp), WRAPPERS.cloudwatch(e)]);
  return [
    ...inBundle,
    rewrap('console-two-line', () => pasted(c, twoLine.join('\n'))),
    rewrap('pasted-text', () => pasted(c, cloudwatch(events).join('\n'))),
    rewrap('filter-log-events', () => pasted(c, filterLogEventsJson(events))),
    bundleJson(c, cloudwatch(events)),
    rewrap('mask-ids', () => evidenceFromBundle(withLog(c, maskIds(cloudwatch(events), events)))),
    rewrap('flatten', () =>
      pasted(
        c,
        cloudwatch(events)
          .join(' ')
          .replace(/\s*\n\s*/g, ' '),
      ),
    ),
    rewrap('interleave-unrelated', () => evidenceFromBundle(withLog(c, interleave(events)))),
    ...splitEachMessage(c, events),
  ];
}

/** A trace copied from the console's Test tab has one wrapper of its own: it can be pasted, or sent as a bundle. */
function consoleRewraps(c: CorpusCase): Variant[] {
  const raw = c.execution_log ?? [];
  return [
    { transform: 'pasted-text', family: 'rewrap', evidence: () => pasted(c, raw.join('\n')) },
    bundleJson(c, raw),
  ];
}

function filterLogEventsJson(events: readonly Event[]): string {
  return JSON.stringify({
    events: events.map((e, i) => ({
      logStreamName: LOG_STREAM,
      timestamp: e.timestamp,
      message: WRAPPERS.cloudwatch(e),
      ingestionTime: e.timestamp + 500,
      eventId: String(38000000000000000000000000000000000000000000000000000 + i),
    })),
    searchedLogStreams: [],
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every request id, in the wrapper and inside messages, replaced by as many `*` as it has characters. */
function maskIds(lines: string[], events: readonly Event[]): string[] {
  const ids = [...new Set(events.map((e) => e.requestId))];
  return lines.map((line) =>
    ids
      .reduce((text, id) => text.split(id).join('*'.repeat(id.length)), line)
      .replace(UUID, (id) => '*'.repeat(id.length)),
  );
}

/** The case's lines with an unrelated request's lines before, between and after them. */
function interleave(events: readonly Event[]): string[] {
  const other = (i: number): string =>
    `(${UNRELATED_ID}) ${UNRELATED_MESSAGES[i % UNRELATED_MESSAGES.length]}`;
  const out: string[] = [other(0)];
  events.forEach((e, i) => out.push(WRAPPERS.cloudwatch(e), other(i + 1)));
  return out;
}

/** Where a message can be broken or cut: the space nearest its middle, or nothing for short messages. */
function middleSpace(message: string): number | undefined {
  if (message.length < 24 || message.includes('\n')) return undefined;
  const middle = Math.floor(message.length / 2);
  const after = message.indexOf(' ', middle);
  const before = message.lastIndexOf(' ', middle);
  const at = after > 0 ? after : before;
  return at > 0 ? at : undefined;
}

/** One message broken over two physical lines in a paste (the second without a wrapper), for each line in turn. */
function splitEachMessage(c: CorpusCase, events: readonly Event[]): Variant[] {
  return events.flatMap((e, i) => {
    const at = middleSpace(e.message);
    if (at === undefined) return [];
    const text = cloudwatch(events)
      .map((line, j) =>
        j === i ? `(${e.requestId}) ${e.message.slice(0, at)}\n${e.message.slice(at + 1)}` : line,
      )
      .join('\n');
    return [{ transform: `split-line:${i}`, family: 'rewrap' as const, evidence: () => pasted(c, text) }];
  });
}

/** Each stored log event left out in turn, every other event exactly as published. */
function dropEachLine(c: CorpusCase): Variant[] {
  const raw = c.execution_log ?? [];
  return raw.map((_, i) => ({
    transform: `drop-line:${i}`,
    family: 'removal' as const,
    evidence: () =>
      evidenceFromBundle(
        withLog(
          c,
          raw.filter((__, j) => j !== i),
        ),
      ),
  }));
}

/** Each stored event's message cut at its middle and ended with `...`, its wrapper and every other event kept. */
function elideEachLine(c: CorpusCase): Variant[] {
  const raw = c.execution_log ?? [];
  return raw.flatMap((line, i) => {
    const parsed = parseLogEvents([line]);
    const message = parsed.length === 1 ? parsed[0].message : '';
    const at = middleSpace(message);
    const start = line.lastIndexOf(message);
    if (at === undefined || start < 0) return [];
    const cut = `${line.slice(0, start)}${message.slice(0, at)} ...`;
    return [
      {
        transform: `elide-line:${i}`,
        family: 'removal' as const,
        evidence: () =>
          evidenceFromBundle(
            withLog(
              c,
              raw.map((other, j) => (j === i ? cut : other)),
            ),
          ),
      },
    ];
  });
}

export type Invariant = 'cause-changed' | 'confidence-raised' | 'high-and-wrong';

export interface Outcome {
  transform: string;
  family: Family;
  cause: string;
  confidence: Confidence;
}

export interface Violation {
  id: string;
  transform: string;
  invariant: Invariant;
  /** What happened, for the reader: the baseline and the variant's verdict. */
  seen: string;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** Classifies every variant of a case. */
export function outcomesOf(c: CorpusCase): Outcome[] {
  return variantsOf(c).map((v) => {
    const verdict = classify(v.evidence());
    return { transform: v.transform, family: v.family, cause: verdict.cause, confidence: verdict.confidence };
  });
}

/**
 * The invariants: a re-wrap never changes the cause, a removal never raises the confidence, and no variant (the
 * baseline included) is high and wrong.
 */
export function violationsOf(c: CorpusCase, outcomes: readonly Outcome[]): Violation[] {
  const baseline = outcomes.find((o) => o.family === 'baseline');
  if (!baseline) return [];
  const right = accepted(c);
  const said = (o: Outcome): string => `${o.cause} (${o.confidence})`;
  return outcomes.flatMap((o) => {
    const found: Violation[] = [];
    const add = (invariant: Invariant, seen: string): void => {
      found.push({ id: c.id, transform: o.transform, invariant, seen });
    };
    if (o.family === 'rewrap' && o.cause !== baseline.cause) {
      add('cause-changed', `${said(baseline)} became ${said(o)}`);
    }
    if (o.family === 'removal' && CONFIDENCE_RANK[o.confidence] > CONFIDENCE_RANK[baseline.confidence]) {
      add('confidence-raised', `${said(baseline)} became ${said(o)}`);
    }
    if (o.confidence === 'high' && !right.includes(o.cause)) {
      add('high-and-wrong', `${said(o)}; expected ${right.join(' or ')}`);
    }
    return found;
  });
}

export function violationKey(v: Pick<Violation, 'id' | 'transform' | 'invariant'>): string {
  return `${v.id} | ${v.transform} | ${v.invariant}`;
}
