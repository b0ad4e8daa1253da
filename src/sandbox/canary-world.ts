import type { FakeAwsWorld } from './fake-aws/types';
import { SCENARIOS, reportsPolicy } from './world';

/**
 * An option of the simulated account: stage `v1` of the reports API gets a canary release (GetStage's
 * `canarySettings`), the canary's own execution- and access-log groups (`{group}/Canary`, where API Gateway writes
 * canary requests as well as in the stage's groups) and, when asked, a stage that runs the canary's deployment, so
 * that its export can be read. The sandbox's IP-deny request can be made one the canary served.
 */

export const CANARY_API = 'b2c3d4e5f6';
export const CANARY_STAGE = 'v1';
export const CANARY_EXECUTION_GROUP = `API-Gateway-Execution-Logs_${CANARY_API}/${CANARY_STAGE}`;
export const CANARY_ACCESS_GROUP = '/aws/apigateway/reports-access';

export interface CanaryReleaseOptions {
  /** The canary's deployment (default `cnryv12`). */
  deploymentId?: string;
  percentTraffic?: number;
  stageVariableOverrides?: Record<string, string>;
  /** The source ranges the canary's resource policy allows; by default it runs the working copy. */
  canaryAllows?: string[];
  /** A stage named `v1-preview` runs the canary's deployment (its export is the canary's). */
  previewStage?: boolean;
  /** Which release served the IP-deny request: a canary request is in the `/Canary` groups too. */
  served?: 'canary' | 'production';
  /** The access-log format writes `$context.isCanaryRequest`. */
  logIsCanary?: boolean;
}

export function withCanaryRelease(world: FakeAwsWorld, options: CanaryReleaseOptions = {}): FakeAwsWorld {
  const api = world.restApis[CANARY_API];
  const deploymentId = options.deploymentId ?? 'cnryv12';
  const v1 = api.stages[CANARY_STAGE];
  v1.canarySettings = {
    deploymentId,
    percentTraffic: options.percentTraffic ?? 10,
    useStageCache: false,
    ...(options.stageVariableOverrides ? { stageVariableOverrides: options.stageVariableOverrides } : {}),
  };
  if (options.canaryAllows)
    api.deployed = { ...api.deployed, [deploymentId]: { policy: reportsPolicy(options.canaryAllows) } };
  if (options.previewStage) api.stages['v1-preview'] = { ...v1, stageName: 'v1-preview', deploymentId };
  if (options.previewStage) delete api.stages['v1-preview'].canarySettings;
  const { requestId } = SCENARIOS.ipDeny;
  const canary = options.served === 'canary';
  const mine = (message: string) => message.includes(requestId);
  world.logGroups[`${CANARY_EXECUTION_GROUP}/Canary`] = canary
    ? world.logGroups[CANARY_EXECUTION_GROUP].filter((e) => mine(e.message))
    : [];
  if (options.logIsCanary) {
    const settings = v1.accessLogSettings as { format: string };
    settings.format = settings.format.replace(/}$/, ',"isCanaryRequest":"$context.isCanaryRequest"}');
    world.logGroups[CANARY_ACCESS_GROUP] = world.logGroups[CANARY_ACCESS_GROUP].map((event) => ({
      ...event,
      message: event.message.replace(/}$/, `,"isCanaryRequest":"${mine(event.message) && canary}"}`),
    }));
  }
  world.logGroups[`${CANARY_ACCESS_GROUP}/Canary`] = canary
    ? world.logGroups[CANARY_ACCESS_GROUP].filter((e) => mine(e.message))
    : [];
  return world;
}
