import type { CanarySettings, SourceStatus, StageConfig } from '../evidence/types';
import { msg } from '../text';
import type { ApiSnapshot } from './api-config';
import type { DeployedConfig } from './deployed';

/**
 * Canary releases: a stage with `canarySettings` serves `percentTraffic` percent of its requests, chosen at random,
 * from the canary's deployment, with the canary's stage-variable overrides; the rest from the stage's own deployment.
 * With execution logging on, a canary request is written both to the stage's group and to `{group}/Canary`, and
 * likewise to the access-log group and `{group}/Canary`; `$context.isCanaryRequest` says which release served it
 * (API Gateway developer guide, "Set up an API Gateway canary release deployment"). GetExport exports a stage's own
 * deployment only, so the canary's is read through another stage that runs it, when one does.
 */

export type Release = 'production' | 'canary';

/** Which release served the request, as the evidence tells it; `unknown` when nothing does. */
export type ServedRelease = Release | 'unknown';

export interface CanaryRelease {
  settings: CanarySettings & { deploymentId: string };
  /** What the canary runs, when it could be read (the stage's own export when both run the same deployment). */
  deployed?: DeployedConfig;
  /** How reading the canary's deployment went. */
  status: SourceStatus;
}

/** The stage's canary, when it has one that can serve requests. */
export function canaryOf(
  stage: StageConfig | undefined,
): (CanarySettings & { deploymentId: string }) | undefined {
  const settings = stage?.canarySettings;
  if (!settings?.deploymentId) return undefined;
  if (settings.percentTraffic !== undefined && settings.percentTraffic <= 0) return undefined;
  return { ...settings, deploymentId: settings.deploymentId };
}

/** The stage whose own deployment is the canary's, other than the canary's stage: its export is the canary's. */
export function stageRunning(
  stages: readonly StageConfig[],
  deploymentId: string,
  except: string,
): string | undefined {
  return stages.find((s) => s.stageName && s.stageName !== except && s.deploymentId === deploymentId)
    ?.stageName;
}

export function canaryExportMissing(deploymentId: string): SourceStatus {
  return { read: 'partial', reason: msg('canary.export-unavailable', { deploymentId }) };
}

/**
 * Whether the two releases can judge a request differently: they run different deployments, or the canary
 * overrides stage variables.
 */
export function releasesDiffer(snapshot: ApiSnapshot): boolean {
  const canary = snapshot.canary;
  if (!canary) return false;
  const overrides = Object.keys(canary.settings.stageVariableOverrides ?? {}).length > 0;
  return canary.settings.deploymentId !== snapshot.stage?.deploymentId || overrides;
}

/**
 * The snapshot as the given release runs it. The canary's: its deployment (judged from its export, or from the
 * working copy with the reason said when that could not be read) and its stage variables (the stage's, overridden).
 */
export function releaseSnapshot(snapshot: ApiSnapshot, release: ServedRelease): ApiSnapshot {
  const canary = snapshot.canary;
  if (release !== 'canary' || !canary || !snapshot.stage) return snapshot;
  const stage: StageConfig = {
    ...snapshot.stage,
    deploymentId: canary.settings.deploymentId,
    variables: { ...snapshot.stage.variables, ...canary.settings.stageVariableOverrides },
  };
  const { deployed: _production, ...rest } = snapshot;
  return {
    ...rest,
    stage,
    ...(canary.deployed ? { deployed: canary.deployed } : {}),
    sources: { ...snapshot.sources, 'config:deployment': canary.status },
  };
}

/** `$context.isCanaryRequest` in an access-log record (keyed by variable, or by a name of the owner's). */
export function canaryFlag(record: Record<string, unknown> | undefined): Release | undefined {
  if (!record) return undefined;
  for (const key of ['context.isCanaryRequest', 'isCanaryRequest', 'canary', 'isCanary']) {
    const value = record[key];
    const text = typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : '';
    if (text.toLowerCase() === 'true') return 'canary';
    if (text.toLowerCase() === 'false') return 'production';
  }
  return undefined;
}

/** The canary's own log group for a stage's execution- or access-log group. */
export function canaryLogGroup(group: string): string {
  return `${group}/Canary`;
}
