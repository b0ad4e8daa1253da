import type { AwsAccess } from '../aws/clients';
import {
  AwsAccessDeniedError,
  AwsTimeoutError,
  AwsUnavailableError,
  LogGroupMissingError,
} from '../aws/errors';
import type { LogEvent } from '../aws/logs';
import type { SearchReport } from '../evidence/types';
import { newestFirstSlices, type TimeWindow } from '../config/duration';
import { formatUtc } from '../time';
import { quotedTerm } from './log-groups';

/**
 * Finds one request's execution-log events by its id: each candidate log group is searched with FilterLogEvents
 * and the quoted id, newest slice of the window first, all groups of a slice concurrently (the readers' rate
 * limiters keep within the account's quota), stopping at the first hit.
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
}

export interface SearchOutcome {
  found?: FoundRequest;
  report: SearchReport;
  gaps: string[];
}

export interface SearchOptions {
  pageBudget: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export async function searchRequest(
  requestId: string,
  targets: readonly SearchTarget[],
  window: TimeWindow,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const missing = new Set<string>();
  const denied: Array<{ logGroup: string; action: string }> = [];
  const gaps: string[] = [];
  const partial: string[] = [];
  const pattern = quotedTerm(requestId);
  for (const slice of newestFirstSlices(window)) {
    const live = targets.filter((t) => !missing.has(t.logGroup));
    if (live.length === 0) break;
    options.onProgress?.(
      `Searching ${describeGroups(live)} from ${formatUtc(slice.start)} to ${formatUtc(slice.end)}…`,
    );
    const found = await searchSlice(live, pattern, slice, options, { missing, denied, gaps, partial });
    if (found)
      return {
        found,
        report: {
          ...report(true, targets, missing, denied, window, partial),
          foundIn: found.target.logGroup,
        },
        gaps,
      };
    if (options.signal?.aborted) {
      partial.push('the time budget ran out before the whole window was searched');
      break;
    }
  }
  return { report: report(false, targets, missing, denied, window, partial), gaps };
}

interface SliceState {
  missing: Set<string>;
  denied: Array<{ logGroup: string; action: string }>;
  gaps: string[];
  partial: string[];
}

async function searchSlice(
  targets: readonly SearchTarget[],
  pattern: string,
  slice: TimeWindow,
  options: SearchOptions,
  state: SliceState,
): Promise<FoundRequest | undefined> {
  const sliceAbort = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, sliceAbort.signal]) : sliceAbort.signal;
  let found: FoundRequest | undefined;
  await Promise.all(
    targets.map(async (target) => {
      try {
        const result = await target.access.logs.filterEvents({
          logGroup: target.logGroup,
          pattern,
          ...slice,
          pageBudget: options.pageBudget,
          signal,
        });
        if (result.partial) state.partial.push(`${target.logGroup}: ${result.partial}`);
        if (result.events.length > 0 && !found) {
          found = { target, events: result.events };
          sliceAbort.abort();
        }
      } catch (error) {
        if (found || sliceAbort.signal.aborted) return;
        if (error instanceof LogGroupMissingError) state.missing.add(target.logGroup);
        else if (error instanceof AwsAccessDeniedError) {
          state.denied.push({ logGroup: target.logGroup, action: error.action });
          state.gaps.push(`Could not search ${target.logGroup}: AWS denied ${error.action}.`);
        } else if (error instanceof AwsTimeoutError)
          state.partial.push(`${target.logGroup}: the time budget ran out`);
        else if (error instanceof AwsUnavailableError)
          state.partial.push(`${target.logGroup}: ${error.message}`);
        else throw error;
      }
    }),
  );
  return found;
}

function report(
  found: boolean,
  targets: readonly SearchTarget[],
  missing: Set<string>,
  denied: Array<{ logGroup: string; action: string }>,
  window: TimeWindow,
  partial: string[],
): SearchReport {
  return {
    found,
    logGroups: targets.map((t) => t.logGroup),
    missingLogGroups: [...missing],
    ...(denied.length > 0 ? { deniedLogGroups: denied } : {}),
    window,
    partial: partial.length > 0 ? partial.join('; ') : undefined,
  };
}

function describeGroups(targets: readonly SearchTarget[]): string {
  return targets.length === 1 ? targets[0].logGroup : `${targets.length} execution-log groups`;
}
