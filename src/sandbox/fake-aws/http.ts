import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A complete HTTP answer, built before the simulated latency and written after it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Never answered: the connection is left open (a hanging endpoint). */
  hang?: boolean;
  /** The connection drops after half the body, which announced its full length. */
  cutOff?: boolean;
}

export function jsonReply(status: number, body: unknown, contentType: string, headers = {}): Reply {
  return {
    status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded || reply.hang) return;
  const length = Buffer.byteLength(reply.body);
  if (reply.cutOff) {
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(length * 2) });
    res.write(reply.body, () => res.destroy());
    return;
  }
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(length) });
  res.end(reply.body);
}

export function delay(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
