import { parseJson } from '../json';

/**
 * Reads an authorizer function's own log (`/aws/lambda/<function>`) into its invocations: when each started and
 * ended, and whether it was a cold start, timed out, crashed (with the error's type, message and first stack lines)
 * or rejected the token by throwing "Unauthorized". Understands the runtimes' text format (START / END / REPORT,
 * `<time>\t<request id>\tERROR\t…`, Python's `[ERROR]`), the JSON log format (`platform.start`, `platform.report`,
 * `{"level":"ERROR",…}`), and "Task timed out after …".
 */

export interface LambdaLogEvent {
  timestamp: number;
  message: string;
}

export interface AuthorizerInvocation {
  /** The Lambda invocation's request id (the access log's `$context.authorizer.requestId`). */
  lambdaRequestId: string;
  start: number;
  end?: number;
  coldStart: boolean;
  timedOut: boolean;
  /** An uncaught error other than the deliberate "Unauthorized". */
  error?: { type?: string; message: string; stack: string[] };
  /** The function failed with exactly "Unauthorized" (API Gateway answers 401). */
  unauthorized: boolean;
}

const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
const START = new RegExp(String.raw`^START RequestId: (?<id>${UUID})`, 'i');
const END = new RegExp(String.raw`^END RequestId: (?<id>${UUID})`, 'i');
const REPORT = new RegExp(String.raw`^REPORT RequestId: (?<id>${UUID})(?<rest>.*)$`, 'is');
const APP_LINE = new RegExp(String.raw`^\S+\t(?<id>${UUID})\t(?<level>[A-Z]+)\t(?<text>.*)$`, 's');
const TIMED_OUT = new RegExp(String.raw`(?:(?<id>${UUID}) )?Task timed out after`, 'i');
const PYTHON_ERROR = /^\[ERROR\]\s*(?:(?<type>[\w.]+):\s*)?(?<message>[^\r\n]*)(?<rest>[\s\S]*)$/;
const STACK_LINE = /^\s*(?:at |File ")/;

interface Mutable extends AuthorizerInvocation {
  error?: { type?: string; message: string; stack: string[] };
}

export function parseLambdaLog(events: readonly LambdaLogEvent[]): AuthorizerInvocation[] {
  const byId = new Map<string, Mutable>();
  let open: Mutable | undefined;
  let initPending = false;
  const invocation = (id: string, at: number): Mutable => {
    let found = byId.get(id);
    if (!found) {
      found = { lambdaRequestId: id, start: at, coldStart: false, timedOut: false, unauthorized: false };
      byId.set(id, found);
    }
    return found;
  };
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const text = event.message.trim();
    const json = text.startsWith('{') ? (parseJson(text) as Record<string, unknown> | undefined) : undefined;
    if (json) {
      readJsonLine(json, event.timestamp, invocation);
      continue;
    }
    let groups: Record<string, string> | undefined;
    if (/^INIT_START\b/.test(text)) {
      initPending = true;
    } else if ((groups = START.exec(text)?.groups)) {
      open = invocation(groups.id, event.timestamp);
      open.start = event.timestamp;
      open.coldStart ||= initPending;
      initPending = false;
    } else if ((groups = END.exec(text)?.groups)) {
      invocation(groups.id, event.timestamp).end = event.timestamp;
      if (open?.lambdaRequestId === groups.id) open = undefined;
    } else if ((groups = REPORT.exec(text)?.groups)) {
      const found = invocation(groups.id, event.timestamp);
      found.end ??= event.timestamp;
      if (/Init Duration/i.test(groups.rest)) found.coldStart = true;
      if (/Status: timeout/i.test(groups.rest)) found.timedOut = true;
    } else if ((groups = APP_LINE.exec(text)?.groups)) {
      if (groups.level === 'ERROR') recordError(invocation(groups.id, event.timestamp), groups.text);
    } else if ((groups = TIMED_OUT.exec(text)?.groups)) {
      const target = groups.id ? invocation(groups.id, event.timestamp) : open;
      if (target) target.timedOut = true;
    } else if ((groups = PYTHON_ERROR.exec(text)?.groups) && open) {
      setError(open, groups.type, groups.message, groups.rest.split(/\r?\n|\r/));
    }
  }
  return [...byId.values()].sort((a, b) => a.start - b.start);
}

function readJsonLine(
  json: Record<string, unknown>,
  at: number,
  invocation: (id: string, at: number) => Mutable,
): void {
  const record = (json.record ?? {}) as Record<string, unknown>;
  const id = typeof record.requestId === 'string' ? record.requestId : (json.requestId as string | undefined);
  if (typeof id !== 'string') return;
  const found = invocation(id, at);
  if (json.type === 'platform.start') found.start = at;
  if (json.type === 'platform.report' || json.type === 'platform.runtimeDone') {
    found.end ??= at;
    const metrics = (record.metrics ?? {}) as Record<string, unknown>;
    if (metrics.initDurationMs !== undefined) found.coldStart = true;
    if (record.status === 'timeout') found.timedOut = true;
  }
  if (json.type === 'platform.initStart') found.coldStart = true;
  if (json.level === 'ERROR') {
    const message = json.message;
    if (message && typeof message === 'object') recordErrorObject(found, message as Record<string, unknown>);
    else if (typeof message === 'string') recordError(found, message);
  }
}

/** `Invoke Error \t{"errorType":…}` / `Uncaught Exception \t{…}` or a plain error text. */
function recordError(invocation: Mutable, text: string): void {
  const brace = text.indexOf('{');
  const object = brace >= 0 ? parseJson(text.slice(brace)) : undefined;
  if (object && typeof object === 'object') recordErrorObject(invocation, object as Record<string, unknown>);
  else setError(invocation, undefined, text.trim(), []);
}

function recordErrorObject(invocation: Mutable, error: Record<string, unknown>): void {
  const stack = error.trace ?? error.stack ?? error.stackTrace;
  setError(
    invocation,
    typeof error.errorType === 'string' ? error.errorType : undefined,
    typeof error.errorMessage === 'string' ? error.errorMessage : '',
    Array.isArray(stack) ? stack.map(String) : [],
  );
}

function setError(invocation: Mutable, type: string | undefined, message: string, stack: string[]): void {
  if (message.trim() === 'Unauthorized') {
    invocation.unauthorized = true;
    return;
  }
  invocation.error ??= {
    type,
    message: message.trim(),
    stack: stack
      .filter((line) => STACK_LINE.test(line))
      .slice(0, 3)
      .map((line) => line.trim()),
  };
}
