import type { Evidence } from '../evidence/types';
import type { Candidate, Fact, Verdict } from '../classify/types';
import { CONFIDENCE_RANK, atMostMedium, classify } from '../classify/classify';
import type { ApiSnapshot } from '../gather/api-config';
import {
  canaryFlag,
  canaryLogGroup,
  releaseSnapshot,
  releasesDiffer,
  type CanaryRelease,
  type ServedRelease,
} from '../gather/canary';
import type { SearchTarget } from '../locate/request-search';
import { redactValue } from '../redact';
import { msg, type Message } from '../text';
import type { StageReads } from './stage-reads';

/**
 * A request to a stage with a canary release is judged against the release that served it: the access log's
 * `$context.isCanaryRequest`, else the canary's own log group (which holds every canary request, beside the stage's
 * group), tells which. When neither does and the two releases would judge the request differently, the verdict is
 * what the stage's own deployment gives, at most medium, with the canary's cause among the candidates and what would
 * tell the releases apart.
 */

export interface ReleaseJudgement {
  served: ServedRelease;
  stage: string;
  canary: CanaryRelease;
  /** The stage's own deployment. */
  deploymentId?: string;
  /** The group whose `/Canary` twin tells canary requests apart. */
  canaryGroup: string;
  /** When which release served it is unknown: the evidence as the canary would have met it. */
  alternative?: Evidence;
}

/** Which release served the request: the access-log record says, else the canary's twin of `group` does. */
export async function servedRelease(
  reads: StageReads,
  target: SearchTarget,
  snapshot: ApiSnapshot,
  seen: { record?: Record<string, unknown>; group?: string; around?: number },
): Promise<ServedRelease> {
  if (!snapshot.canary) return 'production';
  if (!releasesDiffer(snapshot)) return 'unknown';
  const flag = canaryFlag(seen.record);
  if (flag) return flag;
  if (seen.group === undefined || seen.around === undefined) return 'unknown';
  return reads.canaryRelease(target, seen.group, seen.around);
}

/** The judgement to attach, when the stage has a canary whose release can matter. */
export function releaseJudgement(
  snapshot: ApiSnapshot,
  served: ServedRelease,
  context: { stage: string; group: string; alternative?: () => Evidence },
): ReleaseJudgement | undefined {
  const canary = snapshot.canary;
  if (!canary || !releasesDiffer(snapshot)) return undefined;
  return {
    served,
    stage: context.stage,
    canary,
    ...(snapshot.stage?.deploymentId ? { deploymentId: snapshot.stage.deploymentId } : {}),
    canaryGroup: canaryLogGroup(context.group),
    ...(served === 'unknown' && context.alternative ? { alternative: context.alternative() } : {}),
  };
}

/** The snapshot as the release that served the request runs it (the stage's own when that is not known). */
export function servedSnapshot(snapshot: ApiSnapshot, served: ServedRelease): ApiSnapshot {
  return releaseSnapshot(snapshot, served);
}

/** The verdict, judged against the release that served the request (see the module comment). */
export function judgeReleases(evidence: Evidence, judgement: ReleaseJudgement | undefined): Verdict {
  const verdict = classify(evidence);
  if (!judgement) return verdict;
  const fact: Fact = { label: msg('canary.fact.label'), value: factText(judgement) };
  const withFact = { ...verdict, facts: [fact, ...verdict.facts] };
  const other = judgement.alternative ? classify(judgement.alternative) : undefined;
  if (!other || (other.cause === verdict.cause && other.confidence === verdict.confidence))
    return redactValue(withFact);
  const candidates: Candidate[] = withFact.candidates.map((c) => ({
    ...c,
    confidence: atMostMedium(c.confidence),
  }));
  if (!candidates.some((c) => c.cause === other.cause))
    candidates.push({
      cause: other.cause,
      confidence: atMostMedium(other.confidence),
      title: other.title,
      summary: other.summary,
    });
  candidates.sort((a, b) => CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence]);
  return redactValue({
    ...withFact,
    confidence: atMostMedium(verdict.confidence),
    candidates,
    gaps: [
      ...withFact.gaps,
      msg('canary.gap.unknown', {
        stage: judgement.stage,
        canaryDeploymentId: judgement.canary.settings.deploymentId,
        percent: judgement.canary.settings.percentTraffic ?? 0,
        production: verdict.cause,
        canary: other.cause,
      }),
    ],
    settle: [
      ...withFact.settle,
      msg('canary.settle', { stage: judgement.stage, canaryGroup: judgement.canaryGroup }),
    ],
  });
}

function factText(judgement: ReleaseJudgement): Message {
  const { settings } = judgement.canary;
  const percent = settings.percentTraffic ?? 0;
  if (judgement.served === 'canary')
    return msg('canary.fact.canary', { deploymentId: settings.deploymentId, percent });
  if (judgement.served === 'production')
    return msg('canary.fact.production', {
      deploymentId: judgement.deploymentId ?? '?',
      canaryDeploymentId: settings.deploymentId,
      percent,
    });
  return msg('canary.fact.unknown', { canaryDeploymentId: settings.deploymentId, percent });
}
