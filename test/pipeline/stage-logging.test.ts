import {
  startFakeAws,
  type FakeAws,
  type FakeAwsOptions,
  type FakeAwsWorld,
} from '../../src/sandbox/fake-aws';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import type { Diagnosis, DiagnoseQuery } from '../../src/pipeline/diagnose';
import { diagnosisJson, renderDiagnosisText } from '../../src/render/diagnosis';
import { diagnosisDetails, diagnosisMessage } from '../../src/render/blocks';
import { english, localizer } from '../../src/render/localize';
import { serviceAt } from '../support/sandbox-service';

/**
 * What a diagnosis says about the stages whose execution log could not hold the request, through the real SDK
 * against the simulated AWS: a stage with execution logging off is named, with the command that turns it on, not
 * reported as a log group that does not exist; a group missing although logging is on says so, and why when the
 * account's CloudWatch role tells it. And the configuration facts show the level of the request's own method.
 */

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const ORDERS = 'a1b2c3d4e5';
const STAGING_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/staging`;
const PROD_GROUP = `API-Gateway-Execution-Logs_${ORDERS}/prod`;
const UNLOGGED = '4d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a';
const PLAIN = { color: false };
const ROLE = `arn:aws:iam::${SANDBOX_ACCOUNT}:role/apigateway-cloudwatch`;

const turnOn = (stage: string) =>
  `aws apigateway update-stage --rest-api-id ${ORDERS} --stage-name ${stage} --patch-operations ` +
  'op=replace,path=/*/*/logging/loglevel,value=INFO op=replace,path=/*/*/logging/dataTrace,value=true ' +
  `--region ${SANDBOX_REGION}`;
const offLine = (stage: string) =>
  `Execution logging is off on stage ${stage}, so its execution log holds no request to search. ` +
  `Turn it on (INFO, with data tracing) and reproduce the call: ${turnOn(stage)}`;

const started: FakeAws[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

async function diagnoseIn(
  edit: (world: FakeAwsWorld) => void,
  query: Partial<DiagnoseQuery> = {},
  options: FakeAwsOptions = {},
): Promise<{ diagnosis: Diagnosis; fake: FakeAws }> {
  const world = buildSandboxWorld(NOW);
  edit(world);
  const fake = await startFakeAws(world, options);
  started.push(fake);
  const diagnosis = await serviceAt(fake.url, NOW).diagnose({
    requestId: UNLOGGED,
    restApiId: ORDERS,
    region: SANDBOX_REGION,
    ...query,
  });
  return { diagnosis, fake };
}

type Edit = (world: FakeAwsWorld) => void;

/** staging writes no execution log: its group never existed. */
const stagingUnlogged =
  (settings: 'OFF' | 'empty' | 'absent'): Edit =>
  (world) => {
    delete world.logGroups[STAGING_GROUP];
    const stage = world.restApis[ORDERS].stages.staging as Record<string, unknown>;
    if (settings === 'absent') delete stage.methodSettings;
    else stage.methodSettings = settings === 'empty' ? {} : { '*/*': { loggingLevel: 'OFF' } };
  };

/** staging logs at INFO, yet its group does not exist. */
const stagingGroupMissing =
  (account: { cloudwatchRoleArn?: string }): Edit =>
  (world) => {
    delete world.logGroups[STAGING_GROUP];
    world.account = account;
  };

function accountCalls(fake: FakeAws): number {
  return fake.calls.filter((call) => call.operation === 'GetAccount').length;
}

describe('diagnose --api alone: a stage whose execution log cannot hold the request', () => {
  it.each<[string, Edit, string]>([
    ['loggingLevel OFF in */*', stagingUnlogged('OFF'), 'OFF'],
    ['no method settings', stagingUnlogged('empty'), 'OFF'],
    ['methodSettings absent from GetStages', stagingUnlogged('absent'), 'OFF'],
  ])('%s: says execution logging is off on stage staging, with the command', async (_, edit) => {
    const { diagnosis, fake } = await diagnoseIn(edit);

    expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
    expect(diagnosis.verdict.sources['execution-log']).toEqual({
      read: 'partial',
      reason: { id: 'source.reason.stage-logging-off', params: { stage: 'staging' } },
    });
    expect(diagnosis.unread.map(english.t)).toEqual([offLine('staging')]);
    // Logging off explains the missing group: the account's role is not asked about.
    expect(accountCalls(fake)).toBe(0);

    const text = renderDiagnosisText(diagnosis, PLAIN);
    expect(text).toContain(`Could not read\n  - ${offLine('staging')}\n`);
    expect(text).not.toMatch(/do(es)? not exist/);
    const json = diagnosisJson(diagnosis);
    expect(json.unread).toEqual([offLine('staging')]);
    expect(json.sources).toMatchObject({
      'execution-log': { read: 'partial', reason: 'execution logging is off on stage staging' },
    });
    const message = JSON.stringify(diagnosisMessage(diagnosis, { actions: false }).blocks);
    expect(message).toContain('execution logging is off on stage staging');
    expect(message).not.toContain('do not exist');
  });

  it.each<[string, Edit, FakeAwsOptions, string[], string]>([
    [
      'the account has no CloudWatch role',
      stagingGroupMissing({}),
      {},
      [
        `The execution log does not exist (${STAGING_GROUP}): stage staging has execution logging on, but the account has no CloudWatch role for API Gateway in this region, so API Gateway cannot write it (see the fix).`,
      ],
      `${STAGING_GROUP} does not exist: the account has no CloudWatch role for API Gateway`,
    ],
    [
      'the account has a CloudWatch role',
      stagingGroupMissing({ cloudwatchRoleArn: ROLE }),
      {},
      [
        `The execution log does not exist (${STAGING_GROUP}), although stage staging has execution logging on: nothing has been written there (no request since logging was turned on, or the group was deleted; the account's CloudWatch role ${ROLE} must also be allowed to write to CloudWatch Logs).`,
      ],
      `${STAGING_GROUP} does not exist although stage staging has execution logging on`,
    ],
    [
      'the account could not be read',
      stagingGroupMissing({ cloudwatchRoleArn: ROLE }),
      { deny: [{ operation: 'GetAccount' }] },
      [
        `The execution log does not exist (${STAGING_GROUP}), although stage staging has execution logging on: nothing has been written there (no request since logging was turned on, the group was deleted, or the account has no CloudWatch role for API Gateway, which could not be checked).`,
      ],
      `${STAGING_GROUP} does not exist although stage staging has execution logging on`,
    ],
  ])(
    'logging on, group missing, %s: says the group is missing, and why',
    async (_, edit, options, lines, reason) => {
      const { diagnosis, fake } = await diagnoseIn(edit, {}, options);

      expect(diagnosis.verdict).toMatchObject({ cause: 'not-found-in-logs', confidence: 'low' });
      expect(accountCalls(fake)).toBe(1);
      const unread = diagnosis.unread.map(english.t);
      expect(unread.filter((line) => line.startsWith('The execution log'))).toEqual(lines);
      expect(diagnosisJson(diagnosis).sources).toMatchObject({
        'execution-log': { read: 'partial', reason },
      });
      expect(renderDiagnosisText(diagnosis, PLAIN)).toContain(`  - ${lines[0]}\n`);
      expect(JSON.stringify(diagnosisMessage(diagnosis, { actions: false }).blocks)).toContain(reason);
    },
  );

  it('no CloudWatch role: the fix gives API Gateway one, and the facts show the account has none', async () => {
    const { diagnosis } = await diagnoseIn(stagingGroupMissing({}));

    expect(diagnosis.verdict.checklist.map((step) => step.command).join('\n')).toContain(
      'aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn',
    );
    expect(diagnosis.verdict.facts.map((f) => [english.t(f.label), english.t(f.value)])).toContainEqual([
      'Account CloudWatch role',
      'none',
    ]);
  });

  it('the role could not be read: the answer also says GetAccount was denied', async () => {
    const { diagnosis } = await diagnoseIn(
      stagingGroupMissing({ cloudwatchRoleArn: ROLE }),
      {},
      {
        deny: [{ operation: 'GetAccount' }],
      },
    );

    expect(diagnosis.unread.map(english.t)).toContainEqual(
      expect.stringMatching(
        /^The account's API Gateway settings .* could not be read: AWS denied apigateway:GET/,
      ),
    );
  });

  it('says it in Traditional Chinese too', async () => {
    const { diagnosis } = await diagnoseIn(stagingUnlogged('OFF'));
    const zh = localizer('zh-TW');

    expect(diagnosis.unread.map(zh.t)).toEqual([
      `階段 staging 的執行日誌已關閉，執行日誌裡沒有任何請求可以搜尋。請開啟 INFO 層級的執行日誌並啟用資料追蹤，再重現一次呼叫：${turnOn('staging')}`,
    ]);
  });
});

describe('diagnose --api --stage: the stage searched', () => {
  it.each<[string, Edit, FakeAwsOptions, string[]]>([
    ['logging off, no group', stagingUnlogged('OFF'), {}, [offLine('staging')]],
    [
      'logging off the whole window, its old group still there',
      (world) => {
        (world.restApis[ORDERS].stages.staging as Record<string, unknown>).methodSettings = {};
      },
      {},
      [offLine('staging')],
    ],
    [
      'its settings could not be read, and no group',
      stagingUnlogged('OFF'),
      { deny: [{ operation: 'GetStage', target: 'staging' }] },
      [`The execution log does not exist (${STAGING_GROUP}): nothing was ever written there.`],
    ],
  ])('%s', async (_, edit, options, lines) => {
    const { diagnosis } = await diagnoseIn(edit, { stage: 'staging' }, options);

    expect(diagnosis.verdict.confidence).toBe('low');
    expect(
      diagnosis.unread.map(english.t).filter((l) => /^(The execution log|Execution logging)/.test(l)),
    ).toEqual(lines);
  });

  it('logging off: the status names the stage', async () => {
    const { diagnosis } = await diagnoseIn(stagingUnlogged('OFF'), { stage: 'staging' });

    expect(diagnosis.verdict.sources['execution-log']).toEqual({
      read: 'not-configured',
      reason: { id: 'source.reason.stage-logging-off', params: { stage: 'staging' } },
    });
  });
});

describe("the configuration facts: the request's own method", () => {
  it("shows the method's own level in the terminal, the JSON and the thread's Block Kit", async () => {
    const { diagnosis } = await diagnoseIn(
      (world) => {
        world.restApis[ORDERS].stages.prod.methodSettings = {
          '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true },
          '~1orders~1{id}/DELETE': { loggingLevel: 'ERROR' },
          '~1orders/POST': { loggingLevel: 'OFF' },
        };
      },
      { requestId: SCENARIOS.deny.requestId, stage: 'prod' },
    );
    const fact = 'ERROR for this method (stage-wide: INFO); 1 other method logs less: POST /orders at OFF';

    expect(diagnosis.search.foundIn).toBe(PROD_GROUP);
    expect(diagnosis.request).toMatchObject({ httpMethod: 'DELETE', resourcePath: '/orders/{id}' });
    expect(renderDiagnosisText(diagnosis, PLAIN)).toMatch(new RegExp(`Execution logging +${escape(fact)}\n`));
    expect(diagnosisJson(diagnosis).facts).toContainEqual({ label: 'Execution logging', value: fact });
    const details = JSON.stringify(diagnosisDetails(diagnosis).blocks);
    expect(details).toContain('Execution logging');
    expect(details).toContain(JSON.stringify(fact).slice(1, -1));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
