import { DEFAULT_CONFIG, type AppConfig, type SlackConfig } from '../config/app-config';
import { Why403Service } from '../pipeline/service';
import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan } from '../pipeline/scan-api';
import { startFakeAws } from './fake-aws';
import { withDoctorWorld } from './doctor-world';
import { runDoctor, type DoctorReport } from '../doctor';
import type { FakeAws } from './fake-aws/types';
import { SANDBOX_REGION, SCAN_TARGET, SCENARIOS, buildSandboxWorld, type SandboxScenario } from './world';
import { SANDBOX_FIXED_TOKEN } from './fake-aws/test-invoke';
import { runReplay, type Replay } from '../replay/run';
import { SealedIdentity } from '../replay/sealed';
import type { Text } from '../text';

/** The main job on the built-in sandbox: a simulated AWS on loopback, diagnosed and scanned through the real SDK. */

/** The sandbox's Slack settings: an on-call user who may flush caches and verify fixes in its channel. */
export const SANDBOX_SLACK: SlackConfig = {
  alertChannels: ['C0ALERTS'],
  alertBots: ['B0CHATBOT'],
  repeatWindow: '15m',
  maxJobs: 4,
  maxJobsPerPerson: 3,
  users: { U0ONCALL: { apis: 'all', flush: true, replay: true } },
  channels: { C0SANDBOX: { apis: 'all', flush: true, replay: true } },
};

export interface SandboxRun {
  diagnoses: Array<{ scenario: SandboxScenario; diagnosis: Diagnosis }>;
  scan: ApiScan;
  /** Verify the fix: the cached scenario's authorizer, since fixed, run once with the sandbox's test token. */
  replay: Replay;
  doctor: DoctorReport;
  awsCalls: number;
}

export interface Sandbox {
  fake: FakeAws;
  service: Why403Service;
  close(): Promise<void>;
}

export async function startSandbox(
  options: { latencyMs?: number; now?: number; config?: Partial<AppConfig> } = {},
): Promise<Sandbox> {
  const now = options.now ?? Date.now();
  const fake = await startFakeAws(withDoctorWorld(buildSandboxWorld(now)), {
    latencyMs: options.latencyMs ?? 0,
    queryPolls: 1,
  });
  const service = new Why403Service({
    config: { ...DEFAULT_CONFIG, region: SANDBOX_REGION, ...options.config },
    aws: {
      endpoint: fake.url,
      credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret' },
      filterLogEventsPerSecond: 50,
    },
    now: () => now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
  });
  return { fake, service, close: () => fake.close() };
}

export async function runSandbox(onProgress?: (message: Text) => void): Promise<SandboxRun> {
  const now = Date.now();
  const sandbox = await startSandbox({ now });
  try {
    const diagnoses = [];
    for (const scenario of Object.values(SCENARIOS) as SandboxScenario[]) {
      const diagnosis = await sandbox.service.diagnose(
        {
          requestId: scenario.requestId,
          restApiId: scenario.restApiId,
          stage: scenario.stage,
          region: SANDBOX_REGION,
        },
        onProgress,
      );
      diagnoses.push({ scenario, diagnosis });
    }
    const { cached } = SCENARIOS;
    const replay = await runReplay(sandbox.service, {
      query: {
        requestId: cached.requestId,
        restApiId: cached.restApiId,
        stage: cached.stage,
        region: SANDBOX_REGION,
      },
      identity: SealedIdentity.single(SANDBOX_FIXED_TOKEN),
      onProgress,
    });
    const scan = await sandbox.service.scan({ ...SCAN_TARGET, region: SANDBOX_REGION }, onProgress);
    const doctor = await runDoctor(
      { restApiId: SCENARIOS.cached.restApiId, region: SANDBOX_REGION },
      {
        aws: sandbox.service.aws,
        config: sandbox.service.config,
        now: () => now,
        onProgress,
      },
    );
    return { diagnoses, scan, replay, doctor, awsCalls: sandbox.fake.calls.length };
  } finally {
    await sandbox.close();
  }
}
