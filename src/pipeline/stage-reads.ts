import type { StageConfig } from '../evidence/types';
import type { TimeWindow } from '../config/duration';
import type { ApiSnapshot } from '../gather/api-config';
import { accessLogDestination, searchAccessLog, type AccessLogSearch } from '../locate/access-log-record';
import type { SearchTarget } from '../locate/request-search';
import { quotedTerm } from '../locate/log-groups';
import { LogGroupMissingError } from '../aws/errors';
import { canaryLogGroup, type ServedRelease } from '../gather/canary';
import type { PipelineDeps } from './context';
import { msg } from '../text';

/**
 * The reads a stage needs, each started as soon as what it depends on is known, so that they overlap with the
 * execution-log search instead of following it: the stage's configuration (and its deployment) from the moment the
 * stage is known, and its access-log record from the moment GetStage answers. The access log is searched around the
 * request's trace when that is already found, else over the whole window; a search no longer needed (another
 * stage held the request) is stopped.
 */

/** A request lasts at most 29 s; the access log is written as it ends. */
const AROUND_MS = 300_000;

export interface StageRun {
  requestId: string;
  window: TimeWindow;
  deps: PipelineDeps;
  signal: AbortSignal;
}

export class StageReads {
  private readonly snapshots = new Map<string, Promise<ApiSnapshot>>();
  private readonly accessLogs = new Map<string, Promise<AccessLogSearch | undefined>>();
  /** One search per access-log group, shared by the stages that log there; stopped when none of them holds it. */
  private readonly byGroup = new Map<
    string,
    { search: Promise<AccessLogSearch | undefined>; stages: Set<string>; controller: AbortController }
  >();
  private traceSpan?: TimeWindow;

  constructor(private readonly run: StageRun) {}

  /** Starts the stage's reads (configuration, then access log) without waiting for them. */
  start(target: SearchTarget): void {
    void this.accessLog(target).catch(() => undefined);
  }

  /** The request's trace was found: access-log searches that start from now on look around it. */
  traceFound(start: number, end: number): void {
    this.traceSpan = {
      start: Math.max(this.run.window.start, start - AROUND_MS),
      end: Math.min(this.run.window.end, end + AROUND_MS),
    };
  }

  snapshot(target: SearchTarget): Promise<ApiSnapshot> {
    let snapshot = this.snapshots.get(stageKey(target));
    if (!snapshot) {
      this.run.deps.onProgress?.(
        msg('progress.configuration', { where: `${target.restApiId}/${target.stage}` }),
      );
      snapshot = this.run.deps.gatherer.snapshot(
        target.access,
        target.restApiId,
        target.stage,
        this.run.signal,
      );
      // Awaited by whoever needs it; until then a failure (a wrong API id) must not count as unhandled.
      snapshot.catch(() => undefined);
      this.snapshots.set(stageKey(target), snapshot);
    }
    return snapshot;
  }

  /**
   * The stage's access-log search, once its settings name a log group (undefined when they name none, or could not
   * be read: the snapshot records why). It waits for GetStage alone, not for the rest of the configuration.
   */
  accessLog(target: SearchTarget): Promise<AccessLogSearch | undefined> {
    let search = this.accessLogs.get(stageKey(target));
    if (!search) {
      this.snapshot(target);
      search = this.run.deps.gatherer
        .stage(target.access, target.restApiId, target.stage, this.run.signal)
        .then(
          (stage) => this.searchGroup(target, stage),
          () => undefined,
        );
      this.accessLogs.set(stageKey(target), search);
    }
    return search;
  }

  /**
   * Which release of a stage with a canary served the request, from the canary's own log group: API Gateway writes
   * a canary request to the stage's group and to `{group}/Canary` both, so a request in the stage's group is the
   * canary's exactly when it is in that one too. Read around the time the request was logged. A group that does not
   * exist holds no canary request; a read denied or cut short tells nothing.
   */
  async canaryRelease(target: SearchTarget, group: string, around: number): Promise<ServedRelease> {
    const logGroup = canaryLogGroup(group);
    try {
      const read = await target.access.logs.filterEvents({
        logGroup,
        pattern: quotedTerm(this.run.requestId),
        start: Math.max(this.run.window.start, around - AROUND_MS),
        end: Math.min(this.run.window.end, around + AROUND_MS),
        pageBudget: this.run.deps.config.search.pageBudget,
        signal: this.run.signal,
      });
      if (read.events.some((event) => event.message.includes(this.run.requestId))) return 'canary';
      return read.partial === undefined ? 'production' : 'unknown';
    } catch (error) {
      return error instanceof LogGroupMissingError ? 'production' : 'unknown';
    }
  }

  /** Stops the access-log searches of the other stages: the request was found in this one. */
  stopAccessLogsExcept(target: SearchTarget): void {
    for (const { stages, controller } of this.byGroup.values())
      if (!stages.has(stageKey(target))) controller.abort();
  }

  private searchGroup(target: SearchTarget, stage: StageConfig): Promise<AccessLogSearch | undefined> {
    const destination = accessLogDestination(stage);
    if (destination.kind !== 'group') return Promise.resolve(undefined);
    const shared = this.byGroup.get(destination.name);
    if (shared) {
      shared.stages.add(stageKey(target));
      return shared.search;
    }
    const controller = new AbortController();
    const window = this.traceSpan ?? this.run.window;
    const search = searchAccessLog(
      this.run.requestId,
      [{ ...target, logGroup: destination.name }],
      new Map([[target.stage, stage.accessLogSettings?.format]]),
      window,
      {
        pageBudget: this.run.deps.config.search.pageBudget,
        signal: AbortSignal.any([this.run.signal, controller.signal]),
        onProgress: this.run.deps.onProgress,
      },
    );
    this.byGroup.set(destination.name, { search, stages: new Set([stageKey(target)]), controller });
    return search;
  }
}

/** Stages of several APIs may share a name. */
export function stageKey(target: SearchTarget): string {
  return `${target.restApiId}/${target.stage}`;
}
