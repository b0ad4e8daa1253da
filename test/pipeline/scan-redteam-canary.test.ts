import type { ApiSnapshot } from '../../src/gather/api-config';
import {
  canaryGaps,
  judgeReleased,
  releaseOfTrace,
  unknownReleaseReason,
  type CanaryScan,
  type Judgement,
} from '../../src/pipeline/scan-canary';
import { english } from '../../src/render/localize';

/**
 * `scan API_ID` on a stage with a canary release when a line of the canary's group came back from Logs Insights
 * without its text (a malformed GetQueryResults): the request it may belong to cannot be said to be the stage's
 * own deployment's, so its release is unknown, and where the releases judge it differently, no `high`.
 */

const snapshot = {
  stage: {
    stageName: 'v1',
    deploymentId: 'own',
    canarySettings: { deploymentId: 'cnry', percentTraffic: 10 },
  },
  canary: { settings: { deploymentId: 'cnry', percentTraffic: 10 }, status: { read: 'complete' } },
  sources: {},
} as ApiSnapshot;
const ID = '7c3e9b2a-1d4f-4a6b-8c5d-9e0f1a2b3c4d';

function scanWith(unsure: string[]): CanaryScan {
  return {
    groups: new Map([['v1', 'API-Gateway-Execution-Logs_b2c3d4e5f6/v1/Canary']]),
    unlisted: new Map(),
    served: new Set(),
    unsure: new Set(unsure),
    counts: new Map(),
  };
}

it("a request a textless canary line may belong to is of an unknown release, not the stage's own", () => {
  expect(releaseOfTrace(scanWith([ID]), ID, 'v1', snapshot)).toBe('unknown');
  expect(releaseOfTrace(scanWith([]), ID, 'v1', snapshot)).toBe('production');
});

it('judged both ways, at most medium where they differ, and says why', () => {
  const scan = scanWith([ID]);
  const verdicts: Record<string, Judgement> = {
    own: { cause: 'resource-policy-explicit-deny', confidence: 'high' },
    cnry: { cause: 'other', confidence: 'low' },
  };
  const judged = judgeReleased(
    (s) => verdicts[s?.stage?.deploymentId ?? 'own'],
    snapshot,
    releaseOfTrace(scan, ID, 'v1', snapshot),
    { scan, stage: 'v1', reason: unknownReleaseReason(scan, ID, 'v1') },
  );
  expect(judged).toEqual({ cause: 'resource-policy-explicit-deny', confidence: 'medium' });
  expect(canaryGaps(scan, new Map([['v1', snapshot]])).map((g) => english.t(g))).toEqual([
    "Stage v1 has a canary release (deployment cnry, 10% of requests) and which release served 1 failed request could not be told (lines of its canary group came back from Logs Insights without their text); the two releases judge it differently, so it is counted as the stage's own deployment judges it, none with high confidence.",
  ]);
});
