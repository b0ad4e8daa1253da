import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveApiGateway } from './api-gateway';
import { isAwsQueryRequest, serveAwsQuery } from './aws-query';
import { isLambdaRequest, serveLambda } from './lambda';
import { delay, jsonReply, readBody, writeReply, type Reply } from './http';
import { isLogsRequest, serveLogs } from './logs';
import { createState, type FakeState } from './state';
import type { FakeAws, FakeAwsOptions, FakeAwsWorld, FakeCall } from './types';

/**
 * Serves CloudWatch Logs and the API Gateway management API from one loopback port, in AWS's wire formats, so
 * the real SDK clients work against it through their `endpoint` option.
 */
export async function startFakeAws(world: FakeAwsWorld, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const state = createState(world, options);
  const server = createServer((req, res) => void handle(state, req, res));
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: state.calls,
    resetCalls: () => {
      state.calls.length = 0;
    },
    close: () => close(server),
  };
}

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  const { reply, call } = await answer(state, req, at);
  await delay(state.options.latencyMs ?? 0);
  writeReply(res, reply);
  // When the answer left: with `at`, the span the caller waited (the bench's critical path).
  if (call) call.done = Date.now();
}

async function answer(
  state: FakeState,
  req: IncomingMessage,
  at: number,
): Promise<{ reply: Reply; call?: FakeCall }> {
  try {
    const body = await readBody(req);
    // Each operation records its call synchronously, so the one recorded next is this request's.
    const index = state.calls.length;
    const reply = serve(state, req, body, at);
    return { reply, call: state.calls[index] };
  } catch (error) {
    const message = `The fake failed: ${(error as Error).message}`;
    return {
      reply: jsonReply(500, { message }, 'application/json', { 'x-amzn-errortype': 'InternalFailure' }),
    };
  }
}

function serve(state: FakeState, req: IncomingMessage, body: string, at: number): Reply {
  if (isAwsQueryRequest(req, body)) return serveAwsQuery(state, body, at);
  if (isLambdaRequest(req)) return serveLambda(state, req, at);
  return isLogsRequest(req) ? serveLogs(state, req, body, at) : serveApiGateway(state, req, at, body);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The SDK keeps connections alive, so they are cut rather than waited for. */
function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
