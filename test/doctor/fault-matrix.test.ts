import { isDeepStrictEqual } from 'node:util';
import { runDoctor, type DoctorQuery, type DoctorReport } from '../../src/doctor';
import type { CheckId, PassedCheck, Scope } from '../../src/doctor/types';
import { english } from '../../src/render/localize';
import { doctorJson } from '../../src/render/doctor';
import type { FakeAwsOptions } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, buildSandboxWorld } from '../../src/sandbox/world';
import {
  HANGS,
  MATRIX_TIMEOUT,
  NOW,
  QUICK,
  label,
  matrix,
  mentions,
  type FaultKind,
  type Harness,
  type Outcome,
  type Read,
} from '../pipeline/fault-matrix-support';

/**
 * The fault matrix for `why403 doctor` (see test/pipeline/fault-matrix.test.ts): each read of a healthy run (the
 * account's settings, STS, the API's configuration, the stages' execution logs, the functions' policies, the IAM
 * simulation or, without it, the probes) failed in each way, doctor run again. It never stops; no check that rests
 * on the failed read is reported passed; no fault makes something "must change" that did not have to; a report that
 * differs from the healthy one names the failed read in a could-not-check finding; brief faults change nothing.
 */

const ORDERS = 'a1b2c3d4e5';

/** The operations each check's verdict rests on. */
const RESTS_ON: Record<Exclude<CheckId, 'could-not-check'>, string[]> = {
  'execution-logging': ['GetStages', 'GetStage'],
  'data-tracing': ['GetStages', 'GetStage'],
  'access-logging': ['GetStages', 'GetStage'],
  'access-log-format': ['GetStages', 'GetStage'],
  'cloudwatch-role': ['GetAccount'],
  // With the IAM simulation failed, the probes (one harmless call per action) may still pass it: see PROBES.
  'bot-permissions': ['GetCallerIdentity'],
  // Without the methods, every Lambda authorizer is checked: a pass then covers those in use too.
  'authorizer-cache-trap': ['GetAuthorizers', 'GetStages', 'FilterLogEvents'],
  'authorizer-invoke-permission': ['GetPolicy', 'GetAuthorizers'],
  'resource-policy-ip-allow': ['GetRestApi', 'GetResources', 'GetAuthorizers'],
  'private-api-resource-policy': ['GetRestApi'],
  'api-key-usage-plan': ['GetUsagePlans', 'GetResources', 'GetStages'],
};

/** What bot-permissions rests on when it is found out by probes, the IAM simulation not allowed. */
const PROBES = [
  'FilterLogEvents',
  'StartQuery',
  'GetQueryResults',
  'StopQuery',
  'DescribeLogGroups',
  'GetAccount',
];

/** The ids of the sandbox's authorizers by the function each invokes: a function's policy bears on those only. */
const AUTHORIZERS_OF = new Map<string, string[]>();
for (const api of Object.values(buildSandboxWorld(NOW).restApis))
  for (const authorizer of api.authorizers) {
    const fn = /functions\/(arn:[^/]+)\/invocations/.exec(String(authorizer.authorizerUri))?.[1];
    if (fn) AUTHORIZERS_OF.set(fn, [...(AUTHORIZERS_OF.get(fn) ?? []), String(authorizer.id)]);
  }

interface DoctorPath {
  name: string;
  query: DoctorQuery;
  /** Faults of the healthy run too (a permission the bot lacks). */
  base?: FakeAwsOptions;
  expects: string[];
}

const PATHS: DoctorPath[] = [
  {
    name: 'doctor --api: one API, every stage, the IAM simulation allowed',
    query: { restApiId: ORDERS, region: SANDBOX_REGION },
    expects: [
      'GetAccount /account',
      'GetCallerIdentity *',
      'GetStages /restapis/a1b2c3d4e5/stages',
      'FilterLogEvents API-Gateway-Execution-Logs_a1b2c3d4e5/prod',
      'GetPolicy arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer',
      'SimulatePrincipalPolicy arn:aws:iam::123456789012:role/why403-bot',
    ],
  },
  {
    name: 'doctor --api --stage, without iam:SimulatePrincipalPolicy: the permissions probed one call each',
    query: { restApiId: ORDERS, stage: 'prod', region: SANDBOX_REGION },
    base: { deny: [{ operation: 'SimulatePrincipalPolicy' }] },
    expects: ['StartQuery', 'DescribeLogGroups'],
  },
  {
    name: 'doctor: every REST API of the region',
    query: { region: SANDBOX_REGION },
    expects: ['GetRestApis /restapis', 'GetStages /restapis/d4e5f6a7b8/stages'],
  },
];

/**
 * Whether a passed check rests on `read`: an account-wide read, or one about the check's API (and stage); a
 * function's policy, for the authorizers that invoke that function.
 */
function bears(read: Read, passed: PassedCheck, probed: boolean): boolean {
  const { check, scope } = passed;
  if (check === 'could-not-check') return false;
  const restsOn = [...RESTS_ON[check], ...(check === 'bot-permissions' && probed ? PROBES : [])];
  if (!restsOn.includes(read.operation)) return false;
  if (read.operation === 'GetPolicy')
    return (AUTHORIZERS_OF.get(read.target) ?? []).some((id) => english.t(passed.text).includes(id));
  const api = /\/restapis\/(\w+)|Execution-Logs_(\w+)\/(.+)$/.exec(read.target);
  if (!api) return true;
  if (scope.restApiId !== undefined && (api[1] ?? api[2]) !== scope.restApiId) return false;
  return api[3] === undefined || scope.stage === undefined || api[3] === scope.stage;
}

const keyOf = (f: { check: string; scope: Scope }) => `${f.check} ${JSON.stringify(f.scope)}`;

/** What the report says that the healthy one did not: where a failed read must be named. */
function newText(json: Record<string, unknown>, healthy: Record<string, unknown>): string {
  const before = new Set((healthy.findings as unknown[]).map((f) => JSON.stringify(f)));
  return JSON.stringify((json.findings as unknown[]).filter((f) => !before.has(JSON.stringify(f))));
}

/** A probe AWS refused is the answer the probe asks for: why403 lacks that permission. */
function refusedProbe(read: Read, fault: FaultKind, probed: boolean): boolean {
  return probed && fault.name === 'AccessDenied' && PROBES.includes(read.operation);
}

function doctorProblems(
  path: DoctorPath,
  healthy: DoctorReport,
  outcome: Outcome<DoctorReport>,
  read: Read,
  fault: FaultKind,
): string[] {
  if (!outcome.ok) return [`stopped: ${outcome.error.name}: ${outcome.error.message.split('\n')[0]}`];
  const report = outcome.value;
  const json = doctorJson(report);
  const healthyJson = doctorJson(healthy);
  if (!fault.lasting) return isDeepStrictEqual(json, healthyJson) ? [] : ['a brief fault changed the report'];
  const problems = report.passed
    .filter((p) => bears(read, p, path.base !== undefined))
    .map((p) => `passed ${keyOf(p)}, which rests on the failed read`);
  const mustBefore = new Set(healthy.findings.filter((f) => f.severity === 'must-change').map(keyOf));
  for (const finding of report.findings)
    if (
      finding.severity === 'must-change' &&
      !mustBefore.has(keyOf(finding)) &&
      !(finding.check === 'bot-permissions' && refusedProbe(read, fault, path.base !== undefined))
    )
      problems.push(`a must-change the healthy run did not have: ${keyOf(finding)}`);
  if (isDeepStrictEqual(json, healthyJson))
    problems.push('the report is the healthy one, as if the read had not failed');
  else if (!mentions(newText(json, healthyJson), read)) problems.push('no new finding names the failed read');
  return problems;
}

function withBase(base: FakeAwsOptions | undefined, fault: FaultKind): FaultKind {
  if (!base) return fault;
  return {
    ...fault,
    options: (read) => {
      const own = fault.options(read);
      return { ...base, ...own, deny: [...(base.deny ?? []), ...(own.deny ?? [])] };
    },
  };
}

describe.each(PATHS)('$name', (path) => {
  const run = ({ service }: Harness) =>
    runDoctor(path.query, { aws: service.aws, config: service.config, now: () => NOW });
  const failing = new Set((path.base?.deny ?? []).map((d) => d.operation));
  const subject = {
    run,
    expects: path.expects,
    base: path.base,
    // A read the fake does not serve (it answers 404, recorded as Unknown) or that fails in the healthy run already.
    skip: (read: Read) => read.operation === 'Unknown' || failing.has(read.operation),
  };

  it(
    'keeps the invariants when any read fails in any way',
    async () => {
      const { reads, problems } = await matrix(
        subject,
        (...row) => doctorProblems(path, ...row),
        QUICK.map((fault) => withBase(path.base, fault)),
      );
      expect(reads.map(label)).not.toEqual([]);
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );

  it(
    'keeps them when any read hangs past the time budget',
    async () => {
      const { problems } = await matrix(
        subject,
        (...row) => doctorProblems(path, ...row),
        HANGS.map((fault) => withBase(path.base, fault)),
      );
      expect(problems).toEqual([]);
    },
    MATRIX_TIMEOUT,
  );
});
