import { FakeAwsError } from './errors';
import type { FakeState } from './state';
import type { FakeRestApi } from './types';

/**
 * TestInvokeAuthorizer (`POST /restapis/{id}/authorizers/{authorizerId}`, restJson1): API Gateway checks the
 * identity source and the validation regex, runs the authorizer's function with a made-up method ARN (stage
 * `ESTestInvoke-stage`), and answers `{ clientStatus, log, latency, principalId, policy }` with the policy as a JSON
 * string and the execution log in the console's Test format, which holds the identity and the function's context in
 * clear. The sandbox's functions are simulated by name (the function in the authorizer's `authorizerUri`).
 */

/** The token the sandbox's fixed orders authorizer accepts with a policy for the whole API. */
export const SANDBOX_FIXED_TOKEN = 'Bearer sandbox-fixed-token.eyJzdWIiOiJ1c2VyLTQ3MTEifQ';
/** A token the sandbox's orders authorizer rejects (it throws `Unauthorized`). */
export const SANDBOX_EXPIRED_TOKEN = 'Bearer sandbox-expired-token.eyJleHAiOjF9';
/** A token on which the sandbox's orders authorizer crashes. */
export const SANDBOX_CRASH_TOKEN = 'Bearer sandbox-crash-token.eyJ9';

const TEST_REQUEST = 'test-invoke-request';

interface FunctionEvent {
  type: string;
  methodArn: string;
  authorizationToken?: string;
}

/** What a simulated function does: a result, a thrown error, or API Gateway unable to call it at all. */
type FunctionOutcome =
  | { result: Record<string, unknown> }
  | { error: { errorType: string; errorMessage: string } }
  | { denied: true };

const FUNCTIONS: Record<string, (event: FunctionEvent, apiArn: string) => FunctionOutcome> = {
  /** Fixed for the known token (a policy for every method of the API); the old `event.methodArn` echo otherwise. */
  'orders-authorizer': (event, apiArn) => {
    const token = event.authorizationToken ?? '';
    if (token === SANDBOX_EXPIRED_TOKEN)
      return { error: { errorType: 'Error', errorMessage: 'Unauthorized' } };
    if (token === SANDBOX_CRASH_TOKEN)
      return {
        error: {
          errorType: 'TypeError',
          errorMessage: "Cannot read properties of undefined (reading 'sub')",
        },
      };
    const resource = token === SANDBOX_FIXED_TOKEN ? `${apiArn}/*/*` : event.methodArn;
    return {
      result: {
        principalId: 'user-4711',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
        },
        context: { tenant: 't-88', email: 'ana@example.com', token },
      },
    };
  },
  /** API Gateway may not invoke it (no Lambda permission for the authorizer). */
  'orders-authorizer-v2': () => ({ denied: true }),
};

export function testInvokeAuthorizer(
  state: FakeState,
  api: FakeRestApi,
  authorizerId: string,
  body: string,
): { body: unknown } {
  const authorizer = api.authorizers.find((a) => a.id === authorizerId);
  if (!authorizer)
    throw new FakeAwsError('NotFoundException', 'Invalid Authorizer identifier specified', 404);
  const input = readInput(body);
  const { region, accountId } = state.world;
  const apiArn = `arn:aws:execute-api:${region}:${accountId}:${String(api.restApi.id)}`;
  const uri = String(authorizer.authorizerUri ?? '');
  const functionArn = /functions\/(?<arn>[^/]+)\/invocations/.exec(uri)?.groups?.arn ?? '';
  const name = functionArn.split(':')[6] ?? '';
  const header = /^method\.request\.header\.(?<name>.+)$/i.exec(String(authorizer.identitySource ?? ''))
    ?.groups?.name;
  const token = header ? headerValue(input.headers, header) : undefined;
  const log = new TestLog(authorizerId);
  if (!token) return unauthorized(log.line('Unauthorized request: test-invoke-request'));
  log.line(`Incoming identity: ${token}`);
  const regex = authorizer.identityValidationExpression;
  if (typeof regex === 'string' && !new RegExp(regex).test(token))
    return unauthorized(log.line(`Unauthorized request: ${TEST_REQUEST}`));
  const lambdaUrl = `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
  const event: FunctionEvent = {
    type: String(authorizer.type ?? 'TOKEN'),
    methodArn: `${apiArn}/ESTestInvoke-stage/GET/`,
    authorizationToken: token,
  };
  log.line(`Endpoint request URI: ${lambdaUrl}`);
  log.line(`Endpoint request body after transformations: ${JSON.stringify(event)}`);
  log.line(`Sending request to ${lambdaUrl}`);
  const simulate = FUNCTIONS[name];
  const outcome: FunctionOutcome = simulate
    ? simulate(event, apiArn)
    : {
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` },
      };
  return answer(log, outcome);
}

function answer(log: TestLog, outcome: FunctionOutcome): { body: unknown } {
  if ('denied' in outcome) {
    log.line('Execution failed due to configuration error: Invalid permissions on Lambda function');
    log.line('Execution failed due to configuration error: Authorizer error');
    log.line('AuthorizerConfigurationException');
    return { body: { clientStatus: 500, log: log.text(), latency: 9 } };
  }
  if ('error' in outcome) {
    log.line(`Authorizer result body before parsing: ${JSON.stringify(outcome.error)}`);
    if (outcome.error.errorMessage === 'Unauthorized') return unauthorized(log.line('Unauthorized'));
    log.line('Execution failed due to configuration error: Authorizer error');
    log.line('AuthorizerConfigurationException');
    return { body: { clientStatus: 500, log: log.text(), latency: 31 } };
  }
  const { result } = outcome;
  log.line(`Authorizer result body before parsing: ${JSON.stringify(result)}`);
  log.line(`Using valid authorizer policy for principal: ${String(result.principalId)}`);
  log.line('Successfully completed authorizer execution');
  return {
    body: {
      clientStatus: 0,
      log: log.text(),
      latency: 42,
      principalId: result.principalId,
      policy: JSON.stringify(result.policyDocument),
    },
  };
}

function unauthorized(log: TestLog): { body: unknown } {
  return { body: { clientStatus: 401, log: log.text(), latency: 3 } };
}

function readInput(body: string): { headers: Record<string, string> } {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : {};
  } catch {
    throw new FakeAwsError('SerializationException', 'The request body is not JSON', 400);
  }
  const headers = (parsed as { headers?: unknown }).headers;
  if (headers !== undefined && (typeof headers !== 'object' || headers === null || Array.isArray(headers)))
    throw new FakeAwsError('BadRequestException', 'headers must be a map of strings', 400);
  return { headers: (headers ?? {}) as Record<string, string> };
}

/** Header names are case-insensitive. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return value && value.trim() !== '' ? value : undefined;
}

/** The execution log as the console's Test tab and TestInvokeAuthorizer print it. */
class TestLog {
  private readonly lines: string[] = [`Execution log for request ${TEST_REQUEST}`];
  constructor(authorizerId: string) {
    this.line(`Starting authorizer: ${authorizerId} for request: ${TEST_REQUEST}`);
  }

  line(message: string): this {
    this.lines.push(`${consoleTime(Date.now())} : ${message}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Thu Sep 05 04:56:39 UTC 2019` */
function consoleTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
