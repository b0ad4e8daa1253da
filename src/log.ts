import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { inspect } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/logger';
import { isSensitiveKey, REDACTED, redactText, redactValue } from './redact';

/**
 * The bot's logs: JSON lines (pino) with an ISO time, the level by name, and whatever a line is about; everything
 * redacted on the way out, as every message the bot posts is. A Slack request's correlation id is bound to a child
 * logger that the job carries; while the job runs it is also the ambient logger, so each AWS call the job makes is
 * logged with it (at debug).
 */

export type Log = Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function createLog(options: { level?: string; destination?: DestinationStream } = {}): Log {
  return pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (name) => ({ level: name }),
        log: (object) => redactValue(object),
      },
      hooks: {
        logMethod(args, method) {
          return method.apply(this, cleanArguments(args) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Messages redacted; an Error first becomes `{ err }` with its message and stack redacted. */
function cleanArguments(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (typeof arg === 'string') return redactText(arg);
    if (arg instanceof Error) return { err: describe(arg) };
    return arg;
  });
}

function describe(error: Error): Record<string, unknown> {
  return { type: error.name, message: redactText(error.message), stack: redactText(error.stack ?? '') };
}

/**
 * Bolt's logger interface over the same JSON lines (Bolt logs signature failures, retries, its own errors). Bolt, its
 * receivers and the Web API client log whole events, request bodies and API answers at debug: what they log is
 * redacted as the structure it is (redactLogged) before the line is redacted as text, like every other line.
 */
export function boltLogger(log: Log): BoltLogger {
  const emit =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = args
        .filter((arg) => arg !== error)
        .map(redactLogged)
        .join(' ');
      if (error) log[level]({ err: describe(error), source: 'bolt' }, text || error.message);
      else log[level]({ source: 'bolt' }, text);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    // Bolt sets its own default (info) on whatever logger it is given: LOG_LEVEL decides here, not Bolt.
    setLevel: () => undefined,
    getLevel: () => boltLevel(log.level),
    setName: () => undefined,
  };
}

/**
 * One argument of a library's log call, as text with its credentials masked. Text alone misses them where they are
 * encoded: JSON inside a string (`"body": "{\"token\": …}"`, Bolt's `AWS event: {…}`), a form body whose values are
 * URL-encoded (`text=…%20xoxb-…`, `response_url=https%3A%2F%2Fhooks.slack.com…`), a header named for a signature.
 * So JSON (whole, or after a label) is parsed and form bodies decoded, their values masked by name and as text, and
 * the result written back.
 */
function redactLogged(arg: unknown): string {
  if (typeof arg === 'string') return redactText(redactEncoded(arg, true));
  return redactText(inspect(redactStructure(arg), { depth: 4, breakLength: Infinity }));
}

const FORM_BODY = /^[\w.%-]+=[^\s]*$/;

/** A string as it would be logged, with any JSON or form body in it redacted; `labelled`: JSON may follow a label. */
function redactEncoded(text: string, labelled = false): string {
  const json = labelled ? jsonAfterLabel(text) : jsonWhole(text);
  if (json) return json.label + JSON.stringify(redactStructure(json.value));
  if (FORM_BODY.test(text)) return redactForm(text);
  return text;
}

function jsonWhole(text: string): { label: string; value: unknown } | undefined {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return undefined;
  try {
    return { label: '', value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
}

/** `AWS event: {…}`, `http request result: {…}`: the JSON that starts at the first bracket and runs to the end. */
function jsonAfterLabel(text: string): { label: string; value: unknown } | undefined {
  for (const bracket of ['{', '[']) {
    const at = text.indexOf(bracket);
    const json = at < 0 ? undefined : jsonWhole(text.slice(at));
    if (json) return { label: text.slice(0, at), value: json.value };
  }
  return undefined;
}

/** Nested encodings opened and signatures masked, then values under credential names masked and strings redacted. */
function redactStructure(value: unknown): unknown {
  return redactValue(openNested(value));
}

function openNested(value: unknown): unknown {
  if (typeof value === 'string') return redactEncoded(value);
  if (Array.isArray(value)) return value.map(openNested);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      isSignatureName(key) && entry ? REDACTED : openNested(entry),
    ]),
  );
}

/** `token=…&text=…`: each value decoded, masked by its name or redacted as text, and encoded again. */
function redactForm(body: string): string {
  return [...new URLSearchParams(body)]
    .map(([key, value]) => {
      const redacted =
        isSensitiveKey(key) || isSignatureName(key) ? REDACTED : redactText(redactEncoded(value));
      return `${encodeURIComponent(key)}=${encodeURIComponent(redacted).replaceAll(encodeURIComponent(REDACTED), REDACTED)}`;
    })
    .join('&');
}

/** `X-Slack-Signature`, `X-Amz-Signature`: a request's signature, which replays it with its body. */
function isSignatureName(key: string): boolean {
  return /signature$/i.test(key.replace(/[-_\s]/g, ''));
}

function boltLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}

const ambient = new AsyncLocalStorage<Log>();

/** Runs `work` with `log` as the ambient logger of everything it starts (AWS calls included). */
export function withLog<T>(log: Log, work: () => T): T {
  traceAwsCalls();
  return ambient.run(log, work);
}

let tracing = false;

/**
 * Logs every AWS call made under `withLog`, with that logger's bindings (the correlation id): operation, host,
 * path, status, AWS's request id and duration. Taken from Node's HTTP diagnostics channels, so the AWS adapters
 * need not know about Slack requests; a call is recognised by its SigV4 Authorization header.
 */
function traceAwsCalls(): void {
  if (tracing) return;
  tracing = true;
  const started = new WeakMap<object, { log: Log; at: number; call: Record<string, unknown> }>();
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    const log = ambient.getStore();
    const authorization = request.getHeader('authorization');
    if (!log || typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256')) return;
    const target = request.getHeader('x-amz-target');
    // A call given up on (a search that found the request elsewhere, a time budget) gets no answer: log it too.
    request.once('close', () => finish(request, undefined));
    started.set(request, {
      log,
      at: performance.now(),
      call: {
        method: request.method,
        host: request.host,
        path: request.path.split('?')[0],
        ...(typeof target === 'string' ? { operation: target.split('.').pop() } : {}),
      },
    });
  });
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    finish(request, response);
  });
  function finish(request: ClientRequest, response: IncomingMessage | undefined): void {
    const entry = started.get(request);
    if (!entry) return;
    started.delete(request);
    const awsRequestId = response?.headers['x-amzn-requestid'] ?? response?.headers['x-amz-request-id'];
    entry.log.debug(
      {
        aws: {
          ...entry.call,
          status: response?.statusCode ?? 'no answer',
          ...(awsRequestId ? { requestId: String(awsRequestId) } : {}),
          ms: Math.round(performance.now() - entry.at),
        },
      },
      'aws call',
    );
  }
}
