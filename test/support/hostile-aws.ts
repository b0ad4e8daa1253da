import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { matchRoute } from '../../src/sandbox/fake-aws/api-gateway-routes';

/**
 * A loopback proxy in front of the simulated AWS that turns chosen calls hostile: it answers them itself (any status,
 * headers and body), never answers, answers the headers and stalls the body, or edits AWS's own JSON answer. Every
 * other call goes through unchanged, so the real SDK meets the fault in the middle of a real conversation.
 */

export interface Exchange {
  /** The SDK operation: X-Amz-Target's for CloudWatch Logs, the route's for API Gateway. */
  operation: string;
  path: string;
  /** The request body (JSON for CloudWatch Logs). */
  body: string;
  /** How many calls of this operation came before this one. */
  index: number;
}

export type Tamper =
  | { kind: 'reply'; status: number; body: string; headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Answers the status line and headers and the start of a body, then nothing more. */
  | { kind: 'stall-body'; start: string }
  /** Forwards the call and answers AWS's JSON as `edit` changes it. */
  | { kind: 'edit'; edit: (json: Record<string, unknown>) => unknown };

export type Rule = (exchange: Exchange) => Tamper | undefined;

export interface HostileAws {
  url: string;
  /** Calls seen per operation. */
  counts: Map<string, number>;
  close(): Promise<void>;
}

export async function startHostileAws(upstream: string, rule: Rule): Promise<HostileAws> {
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  // A client that gave up (its own timeout) closes the socket mid-answer: nothing to do but let it go.
  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const operation = operationOf(req);
    const index = counts.get(operation) ?? 0;
    counts.set(operation, index + 1);
    const tamper = rule({ operation, path: req.url ?? '/', body, index });
    if (tamper?.kind === 'hang') return;
    if (tamper?.kind === 'reply') {
      res.writeHead(tamper.status, { 'content-type': 'application/json', ...tamper.headers });
      res.end(tamper.body);
      return;
    }
    if (tamper?.kind === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(tamper.start);
      return;
    }
    const answer = await forward(upstream, req, body);
    if (tamper?.kind === 'edit' && answer.status === 200) {
      const edited = JSON.stringify(tamper.edit(JSON.parse(answer.body) as Record<string, unknown>));
      res.writeHead(200, { ...answer.headers, 'content-length': String(Buffer.byteLength(edited)) });
      res.end(edited);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => closeServer(server, sockets),
  };
}

function operationOf(req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const path = (req.url ?? '/').split('?')[0];
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return matchRoute(req.method ?? 'GET', segments)?.operation ?? `${req.method} ${path}`;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function forward(
  upstream: string,
  req: IncomingMessage,
  body: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const url = new URL(req.url ?? '/', upstream);
  return new Promise((resolve, reject) => {
    const out = request(url, { method: req.method, headers: req.headers }, (res) => {
      void readAll(res).then((text) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (typeof value === 'string' && name !== 'transfer-encoding') headers[name] = value;
        headers['content-length'] = String(Buffer.byteLength(text));
        resolve({ status: res.statusCode ?? 500, headers, body: text });
      }, reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
