import type { LogLine, Trace } from './types';
import { buildTrace, newestFirst, requestIdInMessage } from './trace';
import { consoleHeaderRequestId } from './log-lines';

/**
 * Exports and pastes interleave the lines of concurrent requests; a verdict is about one. Lines are grouped by the
 * request their `(id)` wrapper names (or, in inputs without wrappers, the last id a message named), in the order they
 * were written (a paste copied newest first is turned round). The request asked
 * about wins; otherwise the one request that failed. When that choice cannot be made (no failure, or several), every
 * line is kept.
 */
export function linesOfOneRequest(
  given: readonly LogLine[],
  requestId?: string,
): { lines: readonly LogLine[]; leftOut: number } {
  const lines = inWrittenOrder(given);
  const groups = groupByRequest(lines);
  if (groups.size < 2) return { lines, leftOut: 0 };
  const chosen = (requestId && groups.get(requestId)) || onlyFailed([...groups.values()]);
  if (!chosen) return { lines, leftOut: 0 };
  return { lines: chosen.map((line, index) => ({ ...line, index })), leftOut: groups.size - 1 };
}

/** The lines in the order API Gateway wrote them: a paste copied newest first is turned round. */
function inWrittenOrder(lines: readonly LogLine[]): readonly LogLine[] {
  if (!newestFirst(lines) && !stepsRunBackwards(lines)) return lines;
  return [...lines].reverse().map((line, index) => ({ ...line, index }));
}

/**
 * Without timestamps that tell the order, each request's steps do: a paste in which some request's known steps
 * (domain.md §6.4) all come in the reverse of the order API Gateway writes them was copied newest first. Several
 * steps of one request must agree and no request's may disagree: a partial trace, or one with a line out of place,
 * is left as it was given. (Without `(id)` wrappers, lines are grouped by the last request a message named, which
 * assumes the order written: a paste copied newest first may be grouped awry, and is turned round only if every
 * group still runs backwards.)
 */
function stepsRunBackwards(lines: readonly LogLine[]): boolean {
  if (timestampsTellOrder(lines)) return false;
  let agreeing = false;
  for (const group of groupByRequest(lines).values()) {
    const ranks = stepRanks(group);
    const steps = new Set(ranks).size;
    if (steps < 2) continue;
    if (!ranks.every((rank, i) => i === 0 || rank <= ranks[i - 1])) return false;
    if (steps >= MIN_AGREEING_STEPS) agreeing = true;
  }
  return agreeing;
}

/** Steps that must agree before a paste without timestamps is turned round. */
const MIN_AGREEING_STEPS = 3;

/** At least two different timestamps. */
function timestampsTellOrder(lines: readonly LogLine[]): boolean {
  let first: number | undefined;
  for (const { timestamp } of lines) {
    if (timestamp === undefined) continue;
    if (first === undefined) first = timestamp;
    else if (timestamp !== first) return true;
  }
  return false;
}

/**
 * The rank in API Gateway's order of each line the trace reader recognised as a step, in the order given. Steps whose
 * place relative to each other is not known share a rank.
 */
function stepRanks(lines: readonly LogLine[]): number[] {
  const trace = buildTrace(lines);
  const { authorizer } = trace;
  const steps: Array<[LogLine | undefined, number]> = [
    [lines.find((line) => consoleHeaderRequestId(line.message) !== undefined), 0],
    [authorizer.started?.line, 1],
    [authorizer.incomingIdentity, 2],
    [authorizer.result?.line, 3],
    [authorizer.policyAccepted?.line, 4],
    [authorizer.completed, 5],
    [trace.usagePlanCheck, 6],
    [authorizer.unauthorizedRequest, 6],
    [trace.clientNotAuthorized, 6],
    [trace.apiKeyAccepted ?? trace.apiKeyRejected?.line, 7],
    [authorizer.unauthorized, 7],
    [authorizer.configurationException, 7],
    [trace.method?.line, 8],
    [trace.integrationAnswered, 9],
    [trace.finalStatus?.line, 10],
  ];
  const position = new Map(lines.map((line, i) => [line, i]));
  return steps
    .flatMap(([line, rank]) => (line === undefined ? [] : [{ at: position.get(line) ?? 0, rank }]))
    .sort((a, b) => a.at - b.at)
    .map(({ rank }) => rank);
}

/**
 * With wrappers, a line without one belongs to the unwrapped trace. A console Test-tab paste is one request per
 * `Execution log for request <id>` header (its lines name `test-invoke-request` under a `test-request` header, or
 * nothing at all): every line belongs to the run its header opened, lines before the first header to that first run.
 * Without either (2016 exports), a line belongs to the last request a message named, and lines before the first such
 * message to that first request.
 */
function groupByRequest(lines: readonly LogLine[]): Map<string, LogLine[]> {
  const groups = new Map<string, LogLine[]>();
  const add = (key: string, line: LogLine) => {
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  };
  if (lines.some((line) => line.requestId !== undefined)) {
    for (const line of lines) add(line.requestId ?? '', line);
    return groups;
  }
  if (lines.some((line) => line.testConsole || consoleHeaderRequestId(line.message) !== undefined)) {
    const runs = testRuns(lines);
    lines.forEach((line, i) => add(runs[i], line));
    return groups;
  }
  let named = lines.map((line) => namedRequest(line.message)).find((id) => id !== undefined) ?? '';
  for (const line of lines) {
    named = namedRequest(line.message) ?? named;
    add(named, line);
  }
  return groups;
}

/** For each line, the Test-tab run it belongs to: its header's id, made unique when two runs share one. */
function testRuns(lines: readonly LogLine[]): string[] {
  const seen = new Set<string>();
  const keys: Array<string | undefined> = [];
  let current: string | undefined;
  for (const line of lines) {
    const header = consoleHeaderRequestId(line.message);
    if (header !== undefined) {
      current = seen.has(header) ? `${header}#${seen.size + 1}` : header;
      seen.add(current);
    }
    keys.push(current);
  }
  const first = keys.find((key) => key !== undefined) ?? '';
  return keys.map((key) => key ?? first);
}

/** The request a message names; an id cut off or elided (`...`, `…`, `29d2b4df…`) names none. */
function namedRequest(message: string): string | undefined {
  const id = requestIdInMessage(message);
  return id === undefined || elided(id) ? undefined : id;
}

/**
 * No letter or digit, or an ellipsis (`..`, `...`, `…`) among the marks that end it. The marks are found by a loop:
 * `(?:\.\.|…)\W*$` is tried again from every ellipsis of a long run, which made a pasted run of them take seconds.
 */
function elided(id: string): boolean {
  if (!/[A-Za-z0-9]/.test(id)) return true;
  let end = id.length;
  while (end > 0 && !WORD_CHAR.test(id[end - 1])) end--;
  const marks = id.slice(end);
  return marks.includes('..') || marks.includes('\u2026');
}

const WORD_CHAR = /\w/;

/** The one request that shows a failure; failing that, the one still open (no final status yet). */
function onlyFailed(groups: LogLine[][]): LogLine[] | undefined {
  const traces = groups.map((group) => ({ group, trace: buildTrace(group) }));
  const failed = traces.filter(({ trace }) => showsFailure(trace));
  if (failed.length === 1) return failed[0].group;
  if (failed.length > 1) return undefined;
  const open = traces.filter(({ trace }) => trace.finalStatus === undefined);
  return open.length === 1 ? open[0].group : undefined;
}

function showsFailure(trace: Trace): boolean {
  const status = trace.finalStatus?.status;
  return (
    (status !== undefined && status >= 400) ||
    trace.configurationErrors.length > 0 ||
    Boolean(
      trace.apiKeyRejected ||
      trace.clientNotAuthorized ||
      trace.principalDenial ||
      trace.authorizer.unauthorizedRequest ||
      trace.authorizer.configurationException,
    )
  );
}
