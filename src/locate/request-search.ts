import { setMaxListeners } from 'node:events';
import type { AwsAccess } from '../aws/clients';
import {
  AwsAccessDeniedError,
  AwsCredentialsError,
  AwsError,
  AwsTimeoutError,
  LogGroupMissingError,
  describeAwsError,
} from '../aws/errors';
import type { LogEvent } from '../aws/logs';
import type { SearchReport } from '../evidence/types';
import { newestFirstSlices, type TimeWindow } from '../config/duration';
import { formatUtc } from '../time';
import { distinctTexts, joinTexts, msg, type Text } from '../text';
import { quotedTerm } from './log-groups';

/**
 * Finds one request's events by its id: each candidate log group is searched with FilterLogEvents and the quoted
 * id, every slice of the window of every group at once, the newest slices first in line for the readers' rate
 * limiters (which keep within the account's quota, while their retries ride out throttling), and everything still
 * running is stopped at the first hit: a request of any age costs one round trip, not one per slice. What could not be
 * searched is recorded, never skipped silently: groups that do not exist, groups AWS refused, and slices left
 * partial by the page budget, failures that outlasted the retries, or the time budget.
 */

export interface SearchTarget {
  access: AwsAccess;
  restApiId: string;
  stage: string;
  logGroup: string;
}

export interface FoundRequest {
  target: SearchTarget;
  events: LogEvent[];
  /** Every page that could hold the request's events was read. */
  complete: boolean;
}

export interface SearchOutcome {
  found?: FoundRequest;
  report: SearchReport;
}

export interface SearchOptions {
  pageBudget: number;
  /** How close to a slice's edge a hit must be for its surroundings to be read again (0: never; default 30 s). */
  edgeMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: Text) => void;
  /** The current time (events older than a group's retention are gone by now). */
  now?: () => number;
}

/** A request lasts at most 29 s (the integration timeout): lines this close to a slice's edge may lie beyond it. */
const EDGE_MS = 30_000;

/** A request found, with the slice it was found in and, when its read was cut short, why. */
type Hit = FoundRequest & { slice: TimeWindow; cut?: Text };

interface SearchState {
  missing: Set<string>;
  denied: Array<{ logGroup: string; action: string }>;
  partial: Text[];
  /** Groups whose search AWS refused for the credentials themselves (expired, unknown), not for a permission. */
  unusable: Map<string, AwsCredentialsError>;
}

export async function searchRequest(
  requestId: string,
  targets: readonly SearchTarget[],
  window: TimeWindow,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const state: SearchState = { missing: new Set(), denied: [], partial: [], unusable: new Map() };
  const pattern = quotedTerm(requestId);
  if (targets.length > 0) {
    options.onProgress?.(
      msg('progress.searching', {
        groups: describeGroups(targets),
        start: formatUtc(window.start),
        end: formatUtc(window.end),
      }),
    );
  }
  const hit = await searchSlices(targets, pattern, newestFirstSlices(window), options, state);
  if (hit) {
    const { slice: _slice, cut, ...found } = await wholeTrace(hit, pattern, window, options);
    // Its own lines may be among what was not read: the answer says so.
    if (cut) state.partial.push(cut);
    return { found, report: { ...report(true, targets, state, window), foundIn: found.target.logGroup } };
  }
  // Credentials AWS refused everywhere leave nothing that could have been read: the answer is that one line.
  const unusable = targets.map((t) => state.unusable.get(t.logGroup));
  if (targets.length > 0 && unusable.every(Boolean)) throw unusable[0];
  if (options.signal?.aborted) state.partial.push(msg('search.partial.budget'));
  else await checkRetention(targets, window, options, state);
  return { report: report(false, targets, state, window) };
}

/** Groups read for their retention at most (a region-wide search reads none). */
const RETENTION_GROUPS = 10;
const DAY_MS = 86_400_000;

/**
 * A request not found is not proof of absence where the window reaches back past a group's retention: its older
 * events are deleted, so that part of the window was searched but could not be read.
 */
async function checkRetention(
  targets: readonly SearchTarget[],
  window: TimeWindow,
  options: SearchOptions,
  state: SearchState,
): Promise<void> {
  const searched = targets.filter((t) => !state.missing.has(t.logGroup) && !deniedGroup(state, t.logGroup));
  const now = options.now?.() ?? Date.now();
  state.partial.push(...(await retentionGaps(searched, window, now, options.signal)));
}

/**
 * For each group whose retention the window reaches back past, what that hides: its events from before then are
 * deleted. No retention is shorter than a day, so a window within the last day reads none. A retention that cannot
 * be read leaves what is older than a day unknown; more than ten groups are not read at all.
 */
export async function retentionGaps(
  groups: ReadonlyArray<Pick<SearchTarget, 'access' | 'logGroup'>>,
  window: TimeWindow,
  now: number,
  signal?: AbortSignal,
): Promise<Text[]> {
  if (groups.length > RETENTION_GROUPS || window.start >= now - DAY_MS) return [];
  const gaps = await Promise.all(
    groups.map(async ({ access, logGroup }) => {
      // null: no retention setting, the events are kept for ever.
      const days = await access.logs.retentionDays(logGroup, signal).then(
        (read) => read ?? null,
        () => undefined,
      );
      if (days === undefined) return [msg('search.partial.retention-unread', { group: logGroup })];
      if (days === null) return [];
      const kept = now - days * DAY_MS;
      return window.start < kept
        ? [msg('search.partial.retention', { group: logGroup, days, since: formatUtc(kept) })]
        : [];
    }),
  );
  return gaps.flat();
}

function deniedGroup(state: SearchState, logGroup: string): boolean {
  return state.denied.some((d) => d.logGroup === logGroup);
}

/** Every group in every slice at once, newest slice first in line; the first hit stops the others. */
async function searchSlices(
  targets: readonly SearchTarget[],
  pattern: string,
  slices: readonly TimeWindow[],
  options: SearchOptions,
  state: SearchState,
): Promise<Hit | undefined> {
  const abort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal;
  setMaxListeners(200, signal);
  let found: Hit | undefined;
  const partial: Text[] = [];
  const failures: Array<{ logGroup: string; error: unknown }> = [];
  const search = async (target: SearchTarget, slice: TimeWindow) => {
    try {
      const result = await target.access.logs.filterEvents({
        logGroup: target.logGroup,
        pattern,
        ...slice,
        pageBudget: options.pageBudget,
        signal,
      });
      const cut = result.partial
        ? msg('search.partial.group', { group: target.logGroup, reason: result.partial })
        : undefined;
      if (cut) partial.push(cut);
      if (result.events.length > 0 && !found) {
        found = { target, events: result.events, complete: cut === undefined, slice, cut };
        abort.abort();
      }
    } catch (error) {
      if (!abort.signal.aborted) failures.push({ logGroup: target.logGroup, error });
    }
  };
  await Promise.all(slices.flatMap((slice) => targets.map((target) => search(target, slice))));
  // What the other slices could not read does not matter once the request is found.
  if (found) return found;
  for (const { logGroup, error } of failures) recordFailure(state, logGroup, error);
  state.partial.push(...partial);
  return undefined;
}

function recordFailure(state: SearchState, logGroup: string, error: unknown): void {
  if (error instanceof LogGroupMissingError) state.missing.add(logGroup);
  else if (error instanceof AwsAccessDeniedError) {
    if (!deniedGroup(state, logGroup)) state.denied.push({ logGroup, action: error.action });
  } else if (error instanceof AwsCredentialsError) {
    if (!state.unusable.has(logGroup)) state.unusable.set(logGroup, error);
    state.partial.push(msg('search.partial.group', { group: logGroup, reason: describeAwsError(error) }));
  } else if (error instanceof AwsTimeoutError)
    state.partial.push(msg('search.partial.group-budget', { group: logGroup }));
  else if (error instanceof AwsError)
    state.partial.push(msg('search.partial.group', { group: logGroup, reason: describeAwsError(error) }));
  else throw error;
}

/**
 * The request's lines as one trace: when they sit near the edge of the slice they were found in, some may lie in
 * the next slice, so the span around them is read again (within the window).
 */
async function wholeTrace(
  hit: Hit,
  pattern: string,
  window: TimeWindow,
  options: SearchOptions,
): Promise<Hit> {
  const times = hit.events.map((e) => e.timestamp);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const edge = options.edgeMs ?? EDGE_MS;
  const span = { start: Math.max(window.start, first - edge), end: Math.min(window.end, last + edge) };
  if (span.start >= hit.slice.start && span.end <= hit.slice.end) return hit;
  try {
    const result = await hit.target.access.logs.filterEvents({
      logGroup: hit.target.logGroup,
      pattern,
      ...span,
      pageBudget: options.pageBudget,
      signal: options.signal,
    });
    if (result.events.length < hit.events.length) return hit;
    const cut = result.partial
      ? msg('search.partial.group', { group: hit.target.logGroup, reason: result.partial })
      : hit.cut;
    return { ...hit, events: result.events, complete: cut === undefined, cut };
  } catch (error) {
    // The lines already found stand; those beyond the slice's edge may be missing.
    if (!(error instanceof AwsError)) return hit;
    const cut =
      hit.cut ?? msg('search.partial.group', { group: hit.target.logGroup, reason: describeAwsError(error) });
    return { ...hit, complete: false, cut };
  }
}

function report(
  found: boolean,
  targets: readonly SearchTarget[],
  state: SearchState,
  window: TimeWindow,
): SearchReport {
  return {
    found,
    logGroups: targets.map((t) => t.logGroup),
    missingLogGroups: [...state.missing],
    ...(state.denied.length > 0 ? { deniedLogGroups: state.denied } : {}),
    window,
    // The same reason from several slices of one group is said once.
    partial: joinTexts(distinctTexts(state.partial), 'search.partial.joined'),
  };
}

function describeGroups(targets: readonly SearchTarget[]): Text {
  return targets.length === 1 ? targets[0].logGroup : msg('progress.groups', { count: targets.length });
}
