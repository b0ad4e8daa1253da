import { startFakeAws, type FakeAws } from '../../src/sandbox/fake-aws';
import { SANDBOX_REGION, SCENARIOS, buildSandboxWorld } from '../../src/sandbox/world';
import {
  SANDBOX_CRASH_TOKEN,
  SANDBOX_EXPIRED_TOKEN,
  SANDBOX_FIXED_TOKEN,
} from '../../src/sandbox/fake-aws/test-invoke';
import { scratchDir, why403, type CliRun } from '../support/cli';

/**
 * `why403 replay` as a user runs it: the real CLI, the real AWS SDK, and the sandbox's simulated AWS (reached through
 * AWS_ENDPOINT_URL), whose orders authorizer is "fixed" for one token and still echoes event.methodArn for others.
 */

const { requestId: CACHED } = SCENARIOS.cached;
const { requestId: PERMISSION } = SCENARIOS.permission;
const API = 'a1b2c3d4e5';
const WHERE = ['--api', API, '--stage', 'prod', '--region', SANDBOX_REGION];
const OLD_TOKEN = 'Bearer old-shape-token-Zq81';

let fake: FakeAws;
let before: string | undefined;
/** A working directory whose configuration lets the sandbox's searches run at full speed. */
let cwd: string;

beforeAll(async () => {
  fake = await startFakeAws(buildSandboxWorld(Date.now()));
  before = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = fake.url;
  cwd = scratchDir({
    'why403.config.yml': 'search:\n  filterLogEventsPerSecond: 50\n',
    'token.txt': `${OLD_TOKEN}\n`,
  });
});

afterAll(async () => {
  if (before === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = before;
  await fake.close();
});

beforeEach(() => fake.resetCalls());

function replay(args: string[], stdin?: string): Promise<CliRun> {
  return why403(['replay', ...args], { stdin, env: {}, cwd });
}

/** The text as a reader sees it, line wrapping aside. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Neither the token nor any part of it longer than a few characters reaches what the person sees. */
function expectNoToken(run: CliRun, token: string): void {
  const credential = token.replace(/^Bearer /, '');
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(token);
    expect(text).not.toContain(credential);
    expect(text).not.toContain(credential.slice(-12));
  }
}

describe('CLI: why403 replay', () => {
  it('with the fixed token: the authorizer now allows GET /orders/18 (exit 0), the token nowhere in the output', async () => {
    const run = await replay([CACHED, ...WHERE, '--identity-file', '-'], `${SANDBOX_FIXED_TOKEN}\n`);

    expect(run.stderr).not.toMatch(/why403: /);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ With this token the authorizer now allows GET /orders/18.');
    expect(flat(run.stdout)).toContain(
      'Ran authorizer 8xkq2m (orders-jwt, TOKEN) once through TestInvokeAuthorizer (42 ms), with method.request.header.Authorization from standard input.',
    );
    expect(run.stdout).toContain(`Allow arn:aws:execute-api:${SANDBOX_REGION}:123456789012:${API}/*/*`);
    expect(run.stdout).toContain(
      `request: arn:aws:execute-api:${SANDBOX_REGION}:123456789012:${API}/prod/GET/orders/18`,
    );
    expect(run.stdout).toContain('Diagnosis of the failed request: authorizer-cached-policy-mismatch (high)');
    expectNoToken(run, SANDBOX_FIXED_TOKEN);
    const invokes = fake.calls.filter((c) => c.operation === 'TestInvokeAuthorizer');
    expect(invokes).toEqual([expect.objectContaining({ target: `/restapis/${API}/authorizers/8xkq2m` })]);
  });

  it('with a token the old authorizer still handles: still denied, and why (the path), exit 1', async () => {
    const run = await replay([CACHED, ...WHERE, '--identity-file', 'token.txt', '--json']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('why403: The fix is not verified: the replay did not allow the method.');
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      outcome: 'denied',
      requestId: CACHED,
      restApiId: API,
      stage: 'prod',
      method: 'GET /orders/18',
      clientStatus: 0,
      authorizer: { id: '8xkq2m', type: 'TOKEN', identitySources: ['method.request.header.Authorization'] },
      difference: { segment: 'path', expected: '', actual: 'orders/18' },
      combined: { decision: 'implicit-deny', table: 'A' },
    });
    expect(json.summary).toBe(
      'With this token the authorizer still denies GET /orders/18: the closest Allow of its policy differs from the request at the path: “” ≠ “orders/18”.',
    );
    // The test invoke's stage was read as the request's; the echo of event.methodArn is named.
    expect(json.notes).toEqual([
      'The policy named the test invoke’s stage “ESTestInvoke-stage”, which the authorizer takes from event.methodArn: it was read as the request’s stage “prod”, as a real call would have it.',
      'The policy allows exactly the method ARN the authorizer was given (Resource: event.methodArn): with a result TTL above 0, other methods then reuse it from the cache and get 403.',
    ]);
    expect(json.policies[0].allowed).toEqual([
      `arn:aws:execute-api:${SANDBOX_REGION}:123456789012:${API}/prod/GET/`,
    ]);
    expectNoToken(run, OLD_TOKEN);
  });

  it('a rejected token: 401, with the log line that says so', async () => {
    const run = await replay([CACHED, ...WHERE, '--identity-file', '-', '--json'], SANDBOX_EXPIRED_TOKEN);

    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ outcome: 'rejected', clientStatus: 401, combined: null, policies: [] });
    expect(json.summary).toBe(
      'The authorizer rejects this token: the client would get 401 Unauthorized for GET /orders/18.',
    );
    expect(json.log).toEqual([
      'Authorizer result body before parsing: {"errorType":"Error","errorMessage":"Unauthorized"}',
      'Unauthorized',
    ]);
    expectNoToken(run, SANDBOX_EXPIRED_TOKEN);
  });

  it('a crashing function: 500, its error and the relevant log lines, redacted', async () => {
    const run = await replay([CACHED, ...WHERE, '--identity-file', '-'], SANDBOX_CRASH_TOKEN);

    expect(run.code).toBe(1);
    expect(flat(run.stdout)).toContain(
      "✘ The authorizer failed (the client would get 500) for GET /orders/18: the function failed with TypeError: Cannot read properties of undefined (reading 'sub').",
    );
    expect(run.stdout).toContain('  › Execution failed due to configuration error: Authorizer error');
    expect(run.stdout).toContain('  › AuthorizerConfigurationException');
    expectNoToken(run, SANDBOX_CRASH_TOKEN);
  });

  it('an authorizer API Gateway may not invoke: 500, with API Gateway’s words', async () => {
    const staging = ['--api', API, '--stage', 'staging', '--region', SANDBOX_REGION];
    const methodArn = `arn:aws:execute-api:${SANDBOX_REGION}:123456789012:${API}/staging/GET/staging-check`;

    const run = await replay(
      [PERMISSION, ...staging, '--method-arn', methodArn, '--identity-file', '-', '--json'],
      OLD_TOKEN,
    );

    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ outcome: 'failed', clientStatus: 500, authorizer: { id: '4stg9z' } });
    expect(json.summary).toBe(
      'The authorizer failed (the client would get 500) for GET /staging-check: API Gateway reports Invalid permissions on Lambda function.',
    );
  });

  it('the method ARN it cannot tell is asked for before the authorizer runs', async () => {
    const staging = ['--api', API, '--stage', 'staging', '--region', SANDBOX_REGION];

    const run = await replay([PERMISSION, ...staging, '--identity-file', '-'], OLD_TOKEN);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `why403: The method ARN of request ${PERMISSION} is not in the evidence, so the answer could not be judged against it. — Give it with --method-arn`,
    );
    expect(fake.calls.filter((c) => c.operation === 'TestInvokeAuthorizer')).toEqual([]);
  });

  it('answers in Traditional Chinese with --lang zh-TW', async () => {
    const run = await replay(
      [CACHED, ...WHERE, '--identity-file', '-', '--lang', 'zh-TW'],
      SANDBOX_FIXED_TOKEN,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ 使用這個權杖，授權器現在允許 GET /orders/18。');
  });
});

describe('CLI: why403 replay refuses the identity anywhere but a file or standard input', () => {
  it.each([
    ['as a second argument', [CACHED, OLD_TOKEN, '--identity-file', '-']],
    ['as an option it does not have', [CACHED, '--token', OLD_TOKEN]],
    ['as an option with =', [CACHED, `--token=${OLD_TOKEN}`]],
    ['in place of the request id', [OLD_TOKEN, '--identity-file', '-']],
    ['before the request id', ['--authorization', OLD_TOKEN, CACHED]],
  ])('%s: exit 2, one line that does not repeat it, no AWS call', async (_name, args) => {
    const run = await replay(args, 'unused');

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^why403: /);
    expectNoToken(run, OLD_TOKEN);
    expect(fake.calls).toEqual([]);
  });

  it('a bad request id is refused without being quoted (it may have been the token)', async () => {
    const run = await replay(['not-a-request-id-but-secret', '--identity-file', '-'], OLD_TOKEN);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'why403: The first argument is not an API Gateway request id (it is not repeated here, in case it was a token). — Give the failed call’s x-amzn-RequestId, e.g. why403 replay 49a6b913-a965-4f66-a9e1-7b4ccf3b96cc --identity-file token.txt\n',
    );
  });

  it.each<[string, string[], string | undefined, string]>([
    ['no identity file', [CACHED, ...WHERE], undefined, 'why403 replay needs the identity to send'],
    [
      'standard input that is a terminal',
      [CACHED, ...WHERE, '--identity-file', '-'],
      undefined,
      'why403 replay needs the identity to send',
    ],
    ['an empty identity', [CACHED, ...WHERE, '--identity-file', '-'], '\n', 'The identity file is empty.'],
    [
      'two lines',
      [CACHED, ...WHERE, '--identity-file', '-'],
      'Bearer a\nBearer b\n',
      'The identity has more than one line.',
    ],
    [
      'a brace that is not JSON',
      [CACHED, ...WHERE, '--identity-file', '-'],
      '{ nope',
      'is not a JSON object of strings',
    ],
    [
      'a file that is not there',
      [CACHED, ...WHERE, '--identity-file', 'Bearer-abc123secret'],
      undefined,
      'The identity file does not exist (its name is not repeated here',
    ],
  ])('%s: exit 2 with what to do instead', async (_name, args, stdin, expected) => {
    const run = await replay(args, stdin);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).not.toContain('abc123secret');
    expect(fake.calls).toEqual([]);
  });

  it('a JSON identity that names no identity source of the authorizer is refused before the authorizer runs', async () => {
    const run = await replay(
      [CACHED, ...WHERE, '--identity-file', '-'],
      JSON.stringify({ 'X-Api-Token': 'abc123secret' }),
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'X-Api-Token is none of the authorizer’s identity sources (method.request.header.Authorization) nor an identity-source expression.',
    );
    expect(run.stderr).not.toContain('abc123secret');
    expect(fake.calls.filter((c) => c.operation === 'TestInvokeAuthorizer')).toEqual([]);
  });
});

describe('CLI: why403 sandbox shows one replay', () => {
  it('the fixed orders authorizer, replayed with the test token, allows the failed request; Slack shows the answer', async () => {
    const run = await why403(['sandbox', '--quiet'], { env: {} });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `$ why403 replay ${CACHED} --api ${API} --stage prod --identity-file token.txt`,
    );
    expect(run.stdout).toContain('✔ With this token the authorizer now allows GET /orders/18.');
    expect(run.stdout).toContain(
      ':white_check_mark: *Verify fix:* With this token the authorizer now allows GET /orders/18.',
    );
    expect(run.stdout).toContain('[ Verify fix ]  [ Re-check after deploy ]  [ Re-check ]');
    expect(run.stdout).not.toContain(SANDBOX_FIXED_TOKEN.replace(/^Bearer /, ''));
  });
});
