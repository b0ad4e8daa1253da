import type { CauseId } from '../evidence/types';

/**
 * A deterministic generator of realistic execution logs (INFO + data tracing, CloudWatch export format): many
 * requests in flight at once with their lines interleaved, most of them successful, some failing for a known
 * cause. It feeds the benchmark, the scanner's tests and fixtures, and the sandbox, and it knows the truth it wrote.
 */

export type Scenario = 'ok' | Exclude<CauseId, 'not-found-in-logs' | 'other'> | 'backend-403';

export interface LogGeneratorOptions {
  seed?: number;
  apiId?: string;
  stage?: string;
  region?: string;
  accountId?: string;
  /** Requests in flight at once; their lines interleave. */
  concurrency?: number;
  /** Epoch ms of the first line. */
  startTime?: number;
}

/** Relative weights of the scenarios: mostly ok. */
const MIX: Partial<Record<Scenario, number>> = {
  ok: 86,
  'authorizer-cached-policy-mismatch': 3,
  'authorizer-explicit-deny': 2,
  'authorizer-policy-not-covering-resource': 2,
  'identity-source-missing': 2,
  'authorizer-returned-unauthorized': 1,
  'api-key-missing-or-invalid': 1,
  'authorizer-invoke-permission': 1,
  'authorizer-function-error': 1,
  'backend-403': 1,
};

/** Scenario → the cause the classifier should give it (the truth the generator wrote). */
function expectedCause(scenario: Scenario): CauseId | 'ok' {
  return scenario === 'backend-403' ? 'other' : scenario;
}

interface Active {
  id: string;
  messages: string[];
  next: number;
}

export class ExecutionLogGenerator {
  readonly truth = new Map<CauseId | 'ok', number>();
  private readonly random: () => number;
  private readonly options: Required<Omit<LogGeneratorOptions, 'seed'>>;
  private readonly scenarios: Array<[Scenario, number]>;
  private readonly totalWeight: number;
  private clock: number;
  private counter = 0;

  constructor(options: LogGeneratorOptions = {}) {
    this.random = seededRandom(options.seed ?? 42);
    this.options = {
      apiId: options.apiId ?? 'a1b2c3d4e5',
      stage: options.stage ?? 'prod',
      region: options.region ?? 'eu-west-1',
      accountId: options.accountId ?? '123456789012',
      concurrency: options.concurrency ?? 16,
      startTime: options.startTime ?? Date.UTC(2026, 10, 24, 9, 0, 0),
    };
    this.clock = this.options.startTime;
    this.scenarios = Object.entries(MIX) as Array<[Scenario, number]>;
    this.totalWeight = this.scenarios.reduce((sum, [, weight]) => sum + weight, 0);
  }

  /** Lines until at least `count` lines were written (the last requests are finished, not cut). */
  *lines(count: number): Generator<string> {
    const active: Active[] = [];
    let written = 0;
    while (written < count || active.length > 0) {
      while (written < count && active.length < this.options.concurrency) active.push(this.startRequest());
      const index = Math.floor(this.random() * active.length);
      const request = active[index];
      this.clock += 1 + Math.floor(this.random() * 3);
      yield `${new Date(this.clock).toISOString()} (${request.id}) ${request.messages[request.next]}`;
      written++;
      request.next++;
      if (request.next === request.messages.length) active.splice(index, 1);
    }
  }

  private startRequest(): Active {
    const scenario = this.pickScenario();
    const cause = expectedCause(scenario);
    this.truth.set(cause, (this.truth.get(cause) ?? 0) + 1);
    const id = this.requestId();
    return { id, messages: this.messagesFor(scenario, id), next: 0 };
  }

  private pickScenario(): Scenario {
    let roll = this.random() * this.totalWeight;
    for (const [scenario, weight] of this.scenarios) {
      roll -= weight;
      if (roll < 0) return scenario;
    }
    return this.scenarios[0][0];
  }

  private requestId(): string {
    return requestIdFor(this.counter++, this.random);
  }

  private messagesFor(scenario: Scenario, id: string): string[] {
    const path = `orders/${100 + Math.floor(this.random() * 900)}`;
    const latencyMs = () => 5 + Math.floor(this.random() * 40);
    return scenarioMessages(scenario, { id, path, latencyMs }, this.options);
  }
}

/** The API stage generated requests go to. */
export interface TraceSite {
  apiId: string;
  stage: string;
  region: string;
  accountId: string;
}

/** One generated request. */
export interface TraceRequest {
  id: string;
  /** The path called, without the leading slash (`orders/123`). */
  path: string;
  /** The backend's latency, asked for only when the trace reaches the backend. */
  latencyMs: () => number;
}

/** The runs of messages generated traces are made of, for one request. */
export function traceParts(request: TraceRequest, site: TraceSite) {
  const { id, path } = request;
  const { apiId, stage, region, accountId } = site;
  const arn = `arn:aws:execute-api:${region}:${accountId}:${apiId}`;
  const methodArn = `${arn}/${stage}/GET/${path}`;
  const lambda = `https://lambda.${region}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${region}:${accountId}:function:orders-authorizer/invocations`;
  return {
    arn,
    methodArn,
    head: [
      'Extended Request Id: Kp3xFhWQDoEEXeA=',
      `Starting authorizer: 8xkq2m for request: ${id}`,
      'Incoming identity: ********************************Xy9pQ2',
    ],
    /** The authorizer's Lambda called, and what it returned. */
    invoke: (result: string) => [
      `Endpoint request URI: ${lambda}`,
      `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${methodArn}","authorizationToken":"****Xy9pQ2"}`,
      `Sending request to ${lambda}`,
      `Authorizer result body before parsing: ${result}`,
    ],
    /** The Lambda called without a result line (it failed before answering). */
    call: [`Endpoint request URI: ${lambda}`, `Sending request to ${lambda}`],
    accepted: (principal = '****4711') => [
      `Using valid authorizer policy for principal: ${principal}`,
      'Successfully completed authorizer execution',
    ],
    execution: (status: number) => [
      `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/${stage}`,
      "API Key  authorized because method 'GET /orders/{id}' does not require API Key. Request will not contribute to throttle or quota limits",
      `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`,
      `Starting execution for request: ${id}`,
      `HTTP Method: GET, Resource Path: /${path}`,
      `Method request path: {id=${path.split('/')[1]}}`,
      `Endpoint request URI: https://backend.internal.example.com/${path}`,
      `Received response. Status: ${status}, Integration latency: ${request.latencyMs()} ms`,
      `Method completed with status: ${status}`,
    ],
    denied: ['The client is not authorized to perform this operation.', 'Method completed with status: 403'],
  };
}

/** The execution-log messages of one request of a scenario, in the order API Gateway writes them. */
export function scenarioMessages(scenario: Scenario, request: TraceRequest, site: TraceSite): string[] {
  const { id } = request;
  const { apiId, stage } = site;
  const { arn, head, invoke, call, accepted, execution, denied } = traceParts(request, site);
  const allow = (resource: string) => policyResult('Allow', resource);
  switch (scenario) {
    case 'ok':
      return [...head, ...invoke(allow(`${arn}/${stage}/*/*`)), ...accepted(), ...execution(200)];
    case 'backend-403':
      return [...head, ...invoke(allow(`${arn}/${stage}/*/*`)), ...accepted(), ...execution(403)];
    case 'authorizer-cached-policy-mismatch':
      return [...head, ...denied];
    case 'authorizer-explicit-deny':
      return [...head, ...invoke(policyResult('Deny', `${arn}/${stage}/*/*`)), ...accepted(), ...denied];
    case 'authorizer-policy-not-covering-resource':
      return [...head, ...invoke(allow(`${arn}/dev/*/*`)), ...accepted(), ...denied];
    case 'identity-source-missing':
      return [
        'Extended Request Id: Ns6aIkZTGtHHahD=',
        `Unauthorized request: ${id}`,
        'Method completed with status: 401',
      ];
    case 'authorizer-returned-unauthorized':
      return [
        ...head,
        ...call,
        `Unauthorized request: ${id}`,
        'Unauthorized',
        'Method completed with status: 401',
      ];
    case 'api-key-missing-or-invalid':
      return [
        ...head,
        ...invoke(allow(`${arn}/${stage}/*/*`)),
        ...accepted(),
        `Verifying Usage Plan for request: ${id}. API Key: **********************************aB3dE5 API Stage: ${apiId}/${stage}`,
        `API Key **********************************aB3dE5 not authorized because method 'GET /orders/{id}' requires API Key and API Key is not associated with a Usage Plan for API Stage ${apiId}/${stage}: No Usage Plan found for key and API Stage`,
        'Method completed with status: 403',
      ];
    case 'authorizer-invoke-permission':
      return [
        ...head,
        ...call,
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        'Execution failed due to configuration error: Authorizer error',
        'AuthorizerConfigurationException',
        'Method completed with status: 500',
      ];
    case 'authorizer-function-error':
      return [
        ...head,
        ...invoke(
          '{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'split\')","trace":["TypeError: Cannot read properties of undefined"]}',
        ),
        'Execution failed due to configuration error: Invalid JSON in response: Unrecognized field "errorType" , not marked as ignorable',
        'AuthorizerConfigurationException',
        'Method completed with status: 500',
      ];
    default:
      return [...head, ...invoke(allow(`${arn}/${stage}/*/*`)), ...accepted(), ...execution(200)];
  }
}

/** A request id shaped like API Gateway's: the `n`th one, with a random part drawn from `random`. */
export function requestIdFor(n: number, random: () => number): string {
  const count = n.toString(16).padStart(12, '0');
  const r = Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return `${r}-${count.slice(0, 4)}-4${count.slice(4, 7)}-8${count.slice(7, 10)}-${count.slice(10)}${r}${count.slice(0, 2)}`;
}

/** An authorizer's answer: `effect` on `resource`, with its principal and, when given, a context. */
export function policyResult(
  effect: 'Allow' | 'Deny',
  resource: string,
  principal = 'user-4711',
  context?: object,
): string {
  return JSON.stringify({
    principalId: principal,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
    ...(context ? { context } : {}),
  });
}

/** mulberry32, a small seeded PRNG: generated logs, and tests' random inputs, are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
