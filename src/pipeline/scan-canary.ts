import type { ApiSnapshot } from '../gather/api-config';
import {
  canaryFlag,
  canaryLogGroup,
  releaseSnapshot,
  releasesDiffer,
  type ServedRelease,
} from '../gather/canary';
import type { Confidence } from '../classify/types';
import { CONFIDENCE_RANK, atMostMedium } from '../classify/classify';
import { AwsError, describeAwsError } from '../aws/errors';
import { executionLogGroupPrefix } from '../locate/log-groups';
import type { SearchTarget } from '../locate/request-search';
import { msg, type Text } from '../text';
import type { QueryRun } from './scan-insights';

/**
 * `scan API_ID` on a stage whose canary release judges requests differently from the stage's own deployment. API
 * Gateway writes every canary request to the canary's own group (`{group}/Canary`) as well as to the stage's: that
 * group is read with the traces, and a request found in it is judged as the canary runs it; one absent from it as
 * the stage's own deployment runs it (a stage with no such group has had no canary request logged). When the groups
 * cannot be listed, or a request was seen only in an access log that does not say, the release is unknown: the
 * request is judged both ways and, where the two differ, counted as the stage's own deployment judges it, at most
 * medium — as `diagnose` does.
 */

export interface CanaryScan {
  /** By stage: its canary group, read with the traces. */
  groups: Map<string, string>;
  /** Stages whose canary group could not be looked for: why. */
  unlisted: Map<string, Text>;
  /** Requests found in a canary group. */
  served: Set<string>;
  /** Requests a line of a canary group may belong to that came back without its text: their release is unknown. */
  unsure: Set<string>;
  /** By stage: requests judged as the canary runs them, and requests whose release was unknown and mattered. */
  counts: Map<string, { served: number; undecided: number; reason?: Text }>;
}

export async function findCanaryGroups(
  run: QueryRun,
  searched: readonly SearchTarget[],
  stages: ReadonlyMap<string, ApiSnapshot>,
): Promise<CanaryScan> {
  const scan = emptyCanaryScan();
  const differing = searched.filter((t) => differs(stages.get(t.stage)));
  if (differing.length === 0) return scan;
  try {
    const names = new Set(
      await run.access.logs.logGroupNames(executionLogGroupPrefix(differing[0].restApiId), run.signal),
    );
    for (const target of differing) {
      const group = canaryLogGroup(target.logGroup);
      if (names.has(group)) scan.groups.set(target.stage, group);
    }
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    const reason = msg('canary.scan.unlisted', { reason: describeAwsError(error) });
    for (const target of differing) scan.unlisted.set(target.stage, reason);
  }
  return scan;
}

/** Which release served a request found in the stage's execution log. */
export function releaseOfTrace(scan: CanaryScan, requestId: string, stage: string, snapshot?: ApiSnapshot) {
  if (!differs(snapshot)) return 'production';
  if (scan.unlisted.has(stage)) return 'unknown';
  if (scan.served.has(requestId)) return 'canary';
  return scan.unsure.has(requestId) ? 'unknown' : 'production';
}

/** Why the release of a request found in the stage's execution log is unknown. */
export function unknownReleaseReason(scan: CanaryScan, requestId: string, stage: string): Text {
  return scan.unlisted.get(stage) ?? (scan.unsure.has(requestId) ? msg('canary.scan.textless') : '');
}

/** Which release served a request seen only in an access log: the record's `$context.isCanaryRequest` says. */
export function releaseOfRecord(record: Record<string, unknown>, snapshot?: ApiSnapshot): ServedRelease {
  return differs(snapshot) ? (canaryFlag(record) ?? 'unknown') : 'production';
}

/** What judging a request needs: its verdict's cause and confidence, from the configuration it is judged with. */
export interface Judgement {
  cause: string;
  confidence: Confidence;
}

/**
 * The verdict as the release that served the request runs it; when that is unknown, the stage's own deployment's
 * verdict, at most medium when the canary's differs.
 */
export function judgeReleased<J extends Judgement>(
  judge: (snapshot: ApiSnapshot | undefined) => J,
  snapshot: ApiSnapshot | undefined,
  served: ServedRelease,
  tell: { scan: CanaryScan; stage: string; reason: Text },
): J {
  if (!snapshot || served === 'production') return judge(snapshot);
  if (served === 'canary') {
    countFor(tell.scan, tell.stage).served++;
    return judge(releaseSnapshot(snapshot, 'canary'));
  }
  const own = judge(snapshot);
  const canary = judge(releaseSnapshot(snapshot, 'canary'));
  if (canary.cause === own.cause)
    return CONFIDENCE_RANK[canary.confidence] > CONFIDENCE_RANK[own.confidence]
      ? { ...own, confidence: canary.confidence }
      : own;
  const count = countFor(tell.scan, tell.stage);
  count.undecided++;
  count.reason ??= tell.reason;
  return { ...own, confidence: atMostMedium(own.confidence) };
}

/** What the scan says of each stage with a canary release whose requests it judged as the canary, or could not tell. */
export function canaryGaps(scan: CanaryScan, stages: ReadonlyMap<string, ApiSnapshot>): Text[] {
  return [...scan.counts].flatMap(([stage, count]) => {
    const canary = stages.get(stage)?.canary;
    if (!canary) return [];
    const release = {
      stage,
      canaryDeploymentId: canary.settings.deploymentId,
      percent: canary.settings.percentTraffic ?? 0,
    };
    const canaryGroup = scan.groups.get(stage) ?? '';
    const { served, undecided, reason = '' } = count;
    return [
      ...(served > 0 ? [msg('canary.scan.served', { ...release, count: served, canaryGroup })] : []),
      ...(undecided > 0 ? [msg('canary.scan.undecided', { ...release, count: undecided, reason })] : []),
    ];
  });
}

/** A scan that has found no canary group yet. */
export function emptyCanaryScan(): CanaryScan {
  return { groups: new Map(), unlisted: new Map(), served: new Set(), unsure: new Set(), counts: new Map() };
}

function differs(snapshot: ApiSnapshot | undefined): boolean {
  return snapshot !== undefined && releasesDiffer(snapshot);
}

function countFor(scan: CanaryScan, stage: string) {
  let count = scan.counts.get(stage);
  if (!count) scan.counts.set(stage, (count = { served: 0, undecided: 0 }));
  return count;
}
